import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { countWords } from "@/lib/text/word-count";
import { DEMO_LOGINS, seedDemo } from "./index";

async function withClient<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function one<T = Record<string, unknown>>(url: string, sql: string): Promise<T> {
  return withClient(url, async (c) => (await c.query(sql)).rows[0] as T);
}

async function all<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  return withClient(url, async (c) => (await c.query(sql)).rows as T[]);
}

/** md5 over the full content of every seeded table, in id order. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const tables: [string, string][] = [
    ["User", "id"],
    ["Category", "id"],
    ["Tag", "id"],
    ["Book", "id"],
    ["BookTag", '"bookId", "tagId"'],
    ["Volume", "id"],
    ["Chapter", "id"],
    ["ChapterContent", '"chapterId"'],
    ["FeaturedSlot", "id"],
    ["SiteSetting", "key"],
    ["BookDailyStat", '"bookId", day'],
  ];
  const out: Record<string, string> = {};
  await withClient(url, async (c) => {
    for (const [table, order] of tables) {
      const { rows } = await c.query<{ h: string | null }>(
        `SELECT md5(string_agg(md5(t::text), '' ORDER BY ${order})) AS h FROM "${table}" t`,
      );
      out[table] = rows[0]?.h ?? "";
    }
  });
  return out;
}

// Rows where the denormalised counters disagree with the public chapters.
const INCONSISTENT_COUNTERS = `
  SELECT b.id
  FROM "Book" b
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n, COALESCE(sum(c."wordCount"), 0)::int AS w
    FROM "Chapter" c
    WHERE c."bookId" = b.id AND shuhai_chapter_is_public(c.status, c."deletedAt")
  ) agg
  LEFT JOIN LATERAL (
    SELECT c.id, c.title, c."publishedAt"
    FROM "Chapter" c
    WHERE c."bookId" = b.id AND shuhai_chapter_is_public(c.status, c."deletedAt")
    ORDER BY c.position DESC
    LIMIT 1
  ) last ON true
  WHERE b."chapterCount" <> agg.n
     OR b."wordCount" <> agg.w
     OR b."lastChapterId" IS DISTINCT FROM last.id
     OR b."lastChapterTitle" IS DISTINCT FROM last.title
     OR b."lastPublishedAt" IS DISTINCT FROM last."publishedAt"`;

describe("seedDemo: demo catalog", () => {
  let a: TestDatabase;
  let b: TestDatabase;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    // A given password keeps the content deterministic (its hash is salted from the seed).
    await seedDemo(a.url, { demoPassword: "seed-test-password" });
    await seedDemo(b.url, { demoPassword: "seed-test-password" });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it("is deterministic: two fresh databases get identical content", async () => {
    const [fa, fb] = await Promise.all([fingerprint(a.url), fingerprint(b.url)]);
    expect(fa).toEqual(fb);
    expect(Object.values(fa).every((h) => h.length === 32)).toBe(true);
  });

  it("has the categories, tags, authors and demo logins", async () => {
    const cats = await all<{ slug: string; name: string; nameEn: string }>(
      a.url,
      `SELECT slug, name, "nameEn" FROM "Category"`,
    );
    expect(cats.length).toBeGreaterThanOrEqual(8);
    const slugs = cats.map((c) => c.slug);
    for (const s of ["xuanhuan", "dushi", "kehuan", "lishi", "yanqing", "xuanyi", "wuxia", "youxi"]) {
      expect(slugs).toContain(s);
    }
    expect(cats.find((c) => c.slug === "xuanhuan")).toMatchObject({ name: "玄幻", nameEn: "Fantasy" });
    const tags = await one<{ n: number }>(a.url, `SELECT count(*)::int AS n FROM "Tag"`);
    expect(tags.n).toBeGreaterThanOrEqual(18);
    const roles = await all<{ email: string; role: string }>(
      a.url,
      `SELECT email, role FROM "User" WHERE email IN ('${DEMO_LOGINS.admin}', '${DEMO_LOGINS.author}') ORDER BY email`,
    );
    expect(roles).toEqual([
      { email: DEMO_LOGINS.admin, role: "ADMIN" },
      { email: DEMO_LOGINS.author, role: "AUTHOR" },
    ]);
    const authors = await one<{ n: number }>(a.url, `SELECT count(*)::int AS n FROM "User" WHERE role = 'AUTHOR'`);
    expect(authors.n).toBeGreaterThanOrEqual(25);
    const demoBooks = await one<{ n: number }>(
      a.url,
      `SELECT count(*)::int AS n FROM "Book" b JOIN "User" u ON u.id = b."authorId" WHERE u.email = '${DEMO_LOGINS.author}'`,
    );
    expect(demoBooks.n).toBeGreaterThan(0);
  });

  it("has ≥ 60 Chinese and ≥ 5 English books with 20..300 chapters each", async () => {
    const langs = await all<{ language: string; n: number }>(
      a.url,
      `SELECT language, count(*)::int AS n FROM "Book" GROUP BY language`,
    );
    const by = Object.fromEntries(langs.map((l) => [l.language, l.n]));
    expect(by["zh-CN"]).toBeGreaterThanOrEqual(60);
    expect(by["en"]).toBeGreaterThanOrEqual(5);
    const counts = await one<{ min: number; max: number; full: number }>(
      a.url,
      `SELECT min(n)::int AS min, max(n)::int AS max, count(*) FILTER (WHERE n = 300)::int AS full
       FROM (SELECT count(*) AS n FROM "Chapter" GROUP BY "bookId") x`,
    );
    expect(counts.min).toBeGreaterThanOrEqual(20);
    expect(counts.max).toBeLessThanOrEqual(300);
    expect(counts.full).toBeGreaterThanOrEqual(1);
    const statuses = await all<{ status: string }>(
      a.url,
      `SELECT DISTINCT status::text AS status FROM "Book" ORDER BY 1`,
    );
    expect(statuses.map((s) => s.status)).toEqual(["COMPLETED", "HIATUS", "ONGOING"]);
  });

  it("keeps live positions contiguous, trashed ones at -id, and publication times increasing", async () => {
    const gaps = await all(
      a.url,
      `SELECT "bookId" FROM "Chapter" WHERE "deletedAt" IS NULL
        GROUP BY "bookId" HAVING min(position) <> 1 OR max(position) <> count(*)`,
    );
    expect(gaps).toEqual([]);
    const trashed = await all<{ id: number; position: number }>(
      a.url,
      `SELECT id, position FROM "Chapter" WHERE "deletedAt" IS NOT NULL`,
    );
    expect(trashed.length).toBeGreaterThan(0);
    for (const c of trashed) expect(c.position).toBe(-c.id);
    const disorder = await all(
      a.url,
      `SELECT id FROM (
         SELECT id, "publishedAt", lag("publishedAt") OVER (PARTITION BY "bookId" ORDER BY position) AS prev
         FROM "Chapter" WHERE "publishedAt" IS NOT NULL AND "deletedAt" IS NULL) x
       WHERE prev IS NOT NULL AND "publishedAt" <= prev`,
    );
    expect(disorder).toEqual([]);
    const volumes = await one<{ orphan: number; over: number }>(
      a.url,
      `SELECT count(*) FILTER (WHERE c."volumeId" IS NULL)::int AS orphan,
              count(*) FILTER (WHERE v."bookId" <> c."bookId")::int AS over
       FROM "Chapter" c LEFT JOIN "Volume" v ON v.id = c."volumeId"`,
    );
    expect(volumes).toEqual({ orphan: 0, over: 0 });
  });

  it("has drafts, scheduled and soft-deleted chapters, and a deleted and a hidden book", async () => {
    const r = await one<{ drafts: number; scheduled: number; deleted: number; future: number }>(
      a.url,
      `SELECT count(*) FILTER (WHERE status = 'DRAFT')::int AS drafts,
              count(*) FILTER (WHERE status = 'SCHEDULED')::int AS scheduled,
              count(*) FILTER (WHERE "deletedAt" IS NOT NULL)::int AS deleted,
              count(*) FILTER (WHERE status = 'SCHEDULED' AND "publishAt" >= '2027-01-01')::int AS future
       FROM "Chapter"`,
    );
    expect(r.drafts).toBeGreaterThan(0);
    expect(r.scheduled).toBeGreaterThan(0);
    expect(r.future).toBe(r.scheduled);
    expect(r.deleted).toBeGreaterThan(0);
    const books = await one<{ deleted: number; hidden: number }>(
      a.url,
      `SELECT count(*) FILTER (WHERE "deletedAt" IS NOT NULL)::int AS deleted,
              count(*) FILTER (WHERE "hiddenAt" IS NOT NULL)::int AS hidden FROM "Book"`,
    );
    expect(books.deleted).toBeGreaterThanOrEqual(1);
    expect(books.hidden).toBeGreaterThanOrEqual(1);
  });

  it("keeps every book's counters consistent with its public chapters", async () => {
    expect(await all(a.url, INCONSISTENT_COUNTERS)).toEqual([]);
  });

  it("stores word counts that match countWords of the bodies", async () => {
    const rows = await all<{ wordCount: number; body: string }>(
      a.url,
      `SELECT c."wordCount", cc.body FROM "Chapter" c JOIN "ChapterContent" cc ON cc."chapterId" = c.id
       WHERE c.id % 50 = 1 ORDER BY c.id`,
    );
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) expect(r.wordCount).toBe(countWords(r.body));
  });

  it("writes plain-text bodies of realistic length, some long enough for 3+ sub-pages", async () => {
    const r = await one<{ long: number; missing: number; badFormat: number; minZh: number }>(
      a.url,
      `SELECT count(*) FILTER (WHERE char_length(cc.body) > 3 * 2500)::int AS long,
              (SELECT count(*)::int FROM "Chapter" c WHERE NOT EXISTS
                 (SELECT 1 FROM "ChapterContent" x WHERE x."chapterId" = c.id)) AS missing,
              count(*) FILTER (WHERE cc.body ~ E'\\n\\n|\\r|^\\s|\\n\\s|<')::int AS "badFormat",
              min(char_length(cc.body)) FILTER (WHERE b.language = 'zh-CN')::int AS "minZh"
       FROM "ChapterContent" cc JOIN "Chapter" c ON c.id = cc."chapterId" JOIN "Book" b ON b.id = c."bookId"`,
    );
    expect(r.long).toBeGreaterThan(0);
    expect(r.missing).toBe(0);
    expect(r.badFormat).toBe(0);
    expect(r.minZh).toBeGreaterThanOrEqual(2000);
    const en = await one<{ min: number }>(
      a.url,
      `SELECT min(c."wordCount")::int AS min FROM "Chapter" c JOIN "Book" b ON b.id = c."bookId" WHERE b.language = 'en'`,
    );
    expect(en.min).toBeGreaterThanOrEqual(1500);
    const titles = await all<{ title: string; language: string }>(
      a.url,
      `SELECT c.title, b.language FROM "Chapter" c JOIN "Book" b ON b.id = c."bookId" WHERE c.position = 7`,
    );
    for (const t of titles) {
      expect(t.title).toMatch(t.language === "en" ? /^Chapter 7: \S/ : /^第7章 \S/);
    }
  });

  it("has featured slots, a site notice and daily stats", async () => {
    const slots = await all<{ kind: string; n: number; maxPos: number }>(
      a.url,
      `SELECT kind, count(*)::int AS n, max(position)::int AS "maxPos" FROM "FeaturedSlot" GROUP BY kind ORDER BY kind`,
    );
    expect(slots).toHaveLength(2);
    for (const s of slots) {
      expect(s.n).toBeGreaterThanOrEqual(6);
      expect(s.n).toBeLessThanOrEqual(8);
      expect(s.maxPos).toBe(s.n);
    }
    const hidden = await all(
      a.url,
      `SELECT f.id FROM "FeaturedSlot" f JOIN "Book" b ON b.id = f."bookId" WHERE b."deletedAt" IS NOT NULL OR b."hiddenAt" IS NOT NULL`,
    );
    expect(hidden).toEqual([]);
    const notice = await one<{ value: string }>(a.url, `SELECT value FROM "SiteSetting" WHERE key = 'site_notice'`);
    expect(notice.value).toMatch(/书海/);
    const stats = await one<{ n: number }>(a.url, `SELECT count(*)::int AS n FROM "BookDailyStat"`);
    expect(stats.n).toBeGreaterThan(0);
  });

  it("refuses a non-empty database and leaves it untouched", async () => {
    const before = await fingerprint(a.url);
    await expect(seedDemo(a.url)).rejects.toThrow(/non-empty database/);
    expect(await fingerprint(a.url)).toEqual(before);
  });

  it("resets sequences so later inserts get fresh ids", async () => {
    const tag = await a.db.tag.create({ data: { slug: "seq-check", name: "序列" } });
    const max = await one<{ n: number }>(a.url, `SELECT max(id)::int AS n FROM "Tag" WHERE slug <> 'seq-check'`);
    expect(tag.id).toBe(max.n + 1);
  });
});

describe("seedDemo: bench mode (small scale)", () => {
  let t: TestDatabase;
  let u: TestDatabase;

  beforeAll(async () => {
    [t, u] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([t?.drop(), u?.drop()]);
  });

  it("loads books × chaptersPerBook chapters with bodies and consistent counters", async () => {
    const logs: string[] = [];
    const result = await seedDemo(t.url, { books: 50, chaptersPerBook: 20, log: (m) => logs.push(m) });
    expect(result).toMatchObject({ books: 50, chapters: 1000 });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(logs.some((l) => /rows\/s/.test(l))).toBe(true);
    const r = await one<{ books: number; chapters: number; contents: number; perBookMin: number; perBookMax: number }>(
      t.url,
      `SELECT (SELECT count(*)::int FROM "Book") AS books,
              (SELECT count(*)::int FROM "Chapter") AS chapters,
              (SELECT count(*)::int FROM "ChapterContent") AS contents,
              (SELECT min(n)::int FROM (SELECT count(*) n FROM "Chapter" GROUP BY "bookId") x) AS "perBookMin",
              (SELECT max(n)::int FROM (SELECT count(*) n FROM "Chapter" GROUP BY "bookId") x) AS "perBookMax"`,
    );
    expect(r).toEqual({ books: 50, chapters: 1000, contents: 1000, perBookMin: 20, perBookMax: 20 });
    expect(await all(t.url, INCONSISTENT_COUNTERS)).toEqual([]);
    const sizes = await one<{ min: number; max: number }>(
      t.url,
      `SELECT min(octet_length(body))::int AS min, max(octet_length(body))::int AS max FROM "ChapterContent"`,
    );
    expect(sizes.min).toBeGreaterThanOrEqual(500);
    expect(sizes.max).toBeLessThanOrEqual(6000);
    const sample = await all<{ wordCount: number; body: string }>(
      t.url,
      `SELECT c."wordCount", cc.body FROM "Chapter" c JOIN "ChapterContent" cc ON cc."chapterId" = c.id WHERE c.id % 10 = 0`,
    );
    for (const s of sample) expect(s.wordCount).toBe(countWords(s.body));
    // Sequences were reset past the explicit ids.
    const next = await one<{ id: number }>(
      t.url,
      `INSERT INTO "Volume" ("bookId", title, position) VALUES (1, 'x', 99) RETURNING id`,
    );
    const vmax = await one<{ n: number }>(t.url, `SELECT max(id)::int AS n FROM "Volume" WHERE position <> 99`);
    expect(next.id).toBe(vmax.n + 1);
  });

  it("gives different content for a different seed", async () => {
    await seedDemo(u.url, { books: 50, chaptersPerBook: 20, seed: 7 });
    const [x, y] = await Promise.all([
      all<{ title: string }>(t.url, `SELECT title FROM "Book" ORDER BY id LIMIT 10`),
      all<{ title: string }>(u.url, `SELECT title FROM "Book" ORDER BY id LIMIT 10`),
    ]);
    expect(x).not.toEqual(y);
  });
});

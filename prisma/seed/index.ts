// Deterministic demo / benchmark catalog generator.
//
//   seedDemo(url)                                        demo catalog (~66 books, a few seconds)
//   seedDemo(url, { books: 10000, chaptersPerBook: 200 }) bench catalog (~2M chapters, COPY)
//
// Same options → identical database content: every choice comes from a seeded PRNG and every
// timestamp is relative to SEED_BASE_DATE (never the clock). Rows go in through COPY … FROM
// STDIN on one pg.Client inside one transaction, with explicit ids; sequences are reset after.
// It only fills an empty database and refuses otherwise.
//
// The demo accounts (DEMO_LOGINS) get a password generated for each seed unless the caller
// passes one (the e2e suite and the benchmarks do): it is returned once, never stored in clear,
// never published. The seeded users are recorded (SiteSetting DEMO_USERS_SETTING) so that
// removeDemo (./remove.ts) takes away exactly them and their books.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { copyLines, row, timestamp } from "./copy";
import { createRng, mixSeed, type Rng } from "./prng";
import * as T from "./text";
import * as W from "./words";
import { hashPassword } from "@/lib/auth/password";
import { isPublicBook, isPublicChapter } from "@/lib/data/queries/filters";
import { countPages, DEFAULT_CHAPTER_PAGE_CHARS } from "@/lib/text/paginate";
import { countWords } from "@/lib/text/word-count";
import { titlePinyin } from "@/lib/search/pinyin";

export type SeedOptions = {
  /** Number of books; setting it (or chaptersPerBook) selects bench mode. */
  books?: number;
  /** Chapters per book in bench mode (every book gets exactly this many rows). */
  chaptersPerBook?: number;
  /** PRNG seed (default 20261101). */
  seed?: number;
  /** Password of the demo admin and author; generated (and returned) when absent. */
  demoPassword?: string;
  log?: (message: string) => void;
};

export type SeedResult = {
  books: number;
  chapters: number;
  ms: number;
  /** The demo accounts' password: the only time it is shown. */
  demoPassword: string;
};

/** Every seeded timestamp is relative to this instant: 2026-11-01T00:00:00Z. */
export const SEED_BASE_DATE = Date.UTC(2026, 10, 1);
/** Generated readers and authors have no usable password: nothing verifies against this. */
export const NO_PASSWORD_HASH = "!";
export const DEMO_LOGINS = {
  admin: "admin@shuhai.local",
  author: "author@shuhai.local",
} as const;
export const DEFAULT_SEED = 20261101;
/** SiteSetting key holding the id range of the seeded users ("first-last"), for removeDemo. */
export const DEMO_USERS_SETTING = "demo_users";
export const SITE_NOTICE =
  "欢迎来到书海！当前站内书籍均为演示数据，书名、作者与章节内容由程序生成，如有雷同，纯属巧合。";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SCHEDULE_BASE = Date.UTC(2027, 0, 1, 8);

type Category = (typeof W.CATEGORIES)[number];
type Status = "ONGOING" | "COMPLETED" | "HIATUS";
type ChapterStatus = "DRAFT" | "SCHEDULED" | "PUBLISHED";

type Author = { id: number; en: boolean };

type BookSummary = {
  id: number;
  en: boolean;
  /** Not trashed or hidden (public once it has a public chapter). */
  visible: boolean;
  public: boolean;
  views: number;
  createdAt: number;
  chapterCount: number;
  /** words published per day index (0 = 30 days before the base date), last 30 days only */
  recent: Map<number, number>;
};

type Pool = { text: string[]; len: number[]; words: number[] };

type Ctx = {
  seed: number;
  bench: boolean;
  totalBooks: number;
  chaptersPerBook: number;
  zhAuthors: Author[];
  enAuthors: Author[];
  demoAuthorId: number;
  titles: Set<string>;
  nextVolumeId: number;
  nextChapterId: number;
  deletedBookIndex: number;
  hiddenBookIndex: number;
  fullBooks: Set<number>;
  zhPool: Pool | null;
  enPool: Pool | null;
};

type Batch = {
  books: string[];
  tags: string[];
  volumes: string[];
  chapters: string[];
  contents: string[];
};

const BOOK_COLUMNS = [
  "id",
  "title",
  "authorId",
  "categoryId",
  "intro",
  "coverUrl",
  "status",
  "language",
  "wordCount",
  "chapterCount",
  "lastChapterId",
  "lastChapterTitle",
  "lastPublishedAt",
  "viewCount",
  "shelfCount",
  "createdAt",
  "updatedAt",
  "deletedAt",
  "hiddenAt",
  "hiddenReason",
  "titlePinyin",
  "titleInitials",
] as const;
const CHAPTER_COLUMNS = [
  "id",
  "bookId",
  "volumeId",
  "position",
  "title",
  "wordCount",
  "pageCount",
  "status",
  "publishAt",
  "publishedAt",
  "createdAt",
  "updatedAt",
  "deletedAt",
] as const;

const EN_CATEGORY_SLUGS = new Set(["qihuan", "xuanhuan", "kehuan", "youxi", "xuanyi"]);
const EN_CATEGORIES = W.CATEGORIES.filter((c) => EN_CATEGORY_SLUGS.has(c.slug));
const ZH_AUTHOR_NOTES = [
  "感谢各位书友的推荐票和月票，今天还有一更！",
  "卡文了，这一章写了整整一天，求个收藏。",
  "新书期间每天两更，拜托大家多多支持。",
];

const DEMO_BOOKS = 66;
const isEnglish = (ctx: Ctx, index: number) => (ctx.bench ? index % 20 === 7 : index % 11 === 5); // demo: 6 English books, 60 Chinese

export async function seedDemo(url: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const bench = opts.books !== undefined || opts.chaptersPerBook !== undefined;
  const totalBooks = opts.books ?? (bench ? 10_000 : DEMO_BOOKS);
  const chaptersPerBook = opts.chaptersPerBook ?? 200;
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  if (!Number.isInteger(totalBooks) || totalBooks < 1) throw new Error("seedDemo: books must be ≥ 1");
  if (!Number.isInteger(chaptersPerBook) || chaptersPerBook < 1) {
    throw new Error("seedDemo: chaptersPerBook must be ≥ 1");
  }

  const client = new pg.Client({ connectionString: url, application_name: "shuhai-seed" });
  await client.connect();
  let committed = false;
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL statement_timeout = 0");
    await client.query("SET LOCAL synchronous_commit = off");
    // Serialises concurrent seeds; the emptiness check below then sees committed data.
    await client.query('LOCK TABLE "Book", "Category", "Tag" IN EXCLUSIVE MODE');
    const userOffset = await assertEmpty(client);

    const rng = createRng(mixSeed(seed, 1));
    const ctx: Ctx = {
      seed,
      bench,
      totalBooks,
      chaptersPerBook,
      zhAuthors: [],
      enAuthors: [],
      demoAuthorId: userOffset + 2,
      titles: new Set(),
      nextVolumeId: 1,
      nextChapterId: 1,
      deletedBookIndex: totalBooks >= 10 ? Math.floor(totalBooks * 0.62) : -1,
      hiddenBookIndex: totalBooks >= 10 ? Math.floor(totalBooks * 0.81) : -1,
      fullBooks: new Set(bench ? [] : [3, 17, 29]),
      zhPool: null,
      enPool: null,
    };

    // ---- users, categories, tags ----
    // Hashed once per seed (argon2id); the demo logins then work like any real account. A given
    // password is hashed with a salt derived from the seed, so the content stays deterministic;
    // a generated one gets a random salt like any other password.
    const demoPassword = opts.demoPassword ?? randomBytes(12).toString("base64url");
    const demoSalt = opts.demoPassword
      ? createHash("sha256").update(`shuhai-demo-password:${seed}`).digest().subarray(0, 16)
      : undefined;
    const users = buildUsers(rng, ctx, userOffset, await hashPassword(demoPassword, demoSalt));
    await copyLines(
      client,
      "User",
      ["id", "email", "name", "passwordHash", "role", "sessionVersion", "bio", "createdAt", "updatedAt", "disabledAt"],
      users,
    );
    await copyLines(
      client,
      "Category",
      ["id", "slug", "name", "nameEn", "sort"],
      W.CATEGORIES.map((c, i) => row([i + 1, c.slug, c.name, c.nameEn, (i + 1) * 10])),
    );
    await copyLines(
      client,
      "Tag",
      ["id", "slug", "name"],
      W.TAGS.map(([slug, name], i) => row([i + 1, slug, name])),
    );
    log(
      `seed: ${users.length} users (${ctx.zhAuthors.length + ctx.enAuthors.length} authors), ${W.CATEGORIES.length} categories, ${W.TAGS.length} tags`,
    );

    if (bench) {
      const t = performance.now();
      ctx.zhPool = buildPool(createRng(mixSeed(seed, 0x9001)), false, 4000);
      ctx.enPool = buildPool(createRng(mixSeed(seed, 0x9002)), true, 800);
      log(`seed: paragraph pool ready in ${Math.round(performance.now() - t)} ms`);
    }

    // ---- books, in batches ----
    const batchSize = bench ? 100 : totalBooks;
    const summaries: BookSummary[] = [];
    let chapterRows = 0;
    let contentBytes = 0;
    let lastLog = performance.now();
    // Generation of the next batch overlaps the COPY of the current one: the generator yields
    // to the event loop every few books, while COPY waits for the server to drain its socket.
    // Batches are still generated strictly in book order, so ids and content are deterministic.
    const generate = async (start: number): Promise<Batch> => {
      const end = Math.min(totalBooks, start + batchSize);
      const batch: Batch = { books: [], tags: [], volumes: [], chapters: [], contents: [] };
      for (let i = start; i < end; i++) {
        summaries.push(buildBook(ctx, i, batch));
        if (bench && i % 5 === 4) await new Promise<void>((r) => setImmediate(r));
      }
      return batch;
    };
    let pending: Promise<Batch> | null = generate(0);
    for (let start = 0; start < totalBooks; start += batchSize) {
      const end = Math.min(totalBooks, start + batchSize);
      const batch: Batch = await (pending as Promise<Batch>);
      pending = end < totalBooks ? generate(end) : null;
      pending?.catch(() => {}); // surfaced when awaited
      await copyLines(client, "Book", BOOK_COLUMNS, batch.books);
      await copyLines(client, "BookTag", ["bookId", "tagId"], batch.tags);
      await copyLines(client, "Volume", ["id", "bookId", "title", "position"], batch.volumes);
      await copyLines(client, "Chapter", CHAPTER_COLUMNS, batch.chapters);
      for (const c of batch.contents) contentBytes += c.length;
      await copyLines(client, "ChapterContent", ["chapterId", "body", "authorNote"], batch.contents);
      chapterRows += batch.chapters.length;
      const now = performance.now();
      if (end === totalBooks || now - lastLog > 5000) {
        lastLog = now;
        const secs = (now - started) / 1000;
        log(
          `seed: ${end}/${totalBooks} books, ${chapterRows} chapters, ` +
            `${Math.round(chapterRows / secs)} chapters/s, ${secs.toFixed(1)} s`,
        );
      }
    }

    // ---- curation, settings, stats ----
    const featured = buildFeatured(createRng(mixSeed(seed, 2)), summaries);
    await copyLines(client, "FeaturedSlot", ["id", "kind", "bookId", "position"], featured);
    await copyLines(
      client,
      "SiteSetting",
      ["key", "value", "updatedAt"],
      [
        row(["site_notice", SITE_NOTICE, timestamp(SEED_BASE_DATE - 2 * DAY)]),
        row([DEMO_USERS_SETTING, `${userOffset + 1}-${userOffset + users.length}`, timestamp(SEED_BASE_DATE)]),
      ],
    );
    const stats = buildDailyStats(createRng(mixSeed(seed, 3)), summaries);
    await copyLines(client, "BookDailyStat", ["bookId", "day", "views", "shelfAdds", "wordsPublished"], stats);

    for (const table of ["User", "Category", "Tag", "Book", "Volume", "Chapter", "FeaturedSlot"]) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
      );
    }
    await client.query("COMMIT");
    committed = true;
    if (bench) await client.query('ANALYZE "Book", "Chapter", "ChapterContent", "Volume"');

    const ms = Math.round(performance.now() - started);
    const rowsTotal = users.length + totalBooks + chapterRows * 2 + ctx.nextVolumeId - 1;
    log(
      `seed: done: ${totalBooks} books, ${chapterRows} chapters, ` +
        `${(contentBytes / 1e6).toFixed(1)} M body chars, ${featured.length} featured, ${stats.length} daily stats ` +
        `in ${(ms / 1000).toFixed(1)} s (${Math.round(rowsTotal / (ms / 1000))} rows/s)`,
    );
    return { books: totalBooks, chapters: chapterRows, ms, demoPassword };
  } catch (err) {
    if (!committed) await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** Throws unless the catalog is empty; returns the id offset for new users. */
async function assertEmpty(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ books: number; categories: number; tags: number; maxUser: number }>(
    `SELECT (SELECT count(*) FROM "Book")::int AS books,
            (SELECT count(*) FROM "Category")::int AS categories,
            (SELECT count(*) FROM "Tag")::int AS tags,
            COALESCE((SELECT max(id) FROM "User"), 0)::int AS "maxUser"`,
  );
  const r = rows[0];
  if (!r) throw new Error("seedDemo: could not inspect the database");
  if (r.books > 0 || r.categories > 0 || r.tags > 0) {
    throw new Error(
      `seedDemo refuses to seed a non-empty database (it has ${r.books} books, ${r.categories} categories, ` +
        `${r.tags} tags). The demo seed only fills an empty database; reset it first (npm run db:reset).`,
    );
  }
  const clash = await client.query<{ email: string }>(`SELECT email FROM "User" WHERE email = ANY($1)`, [
    Object.values(DEMO_LOGINS),
  ]);
  if (clash.rows.length > 0) {
    throw new Error(
      `seedDemo refuses to seed: user ${clash.rows.map((u) => u.email).join(", ")} already exists. Reset the database first.`,
    );
  }
  return r.maxUser;
}

// ---------------------------------------------------------------------------------------

function buildUsers(rng: Rng, ctx: Ctx, offset: number, demoPasswordHash: string): string[] {
  const out: string[] = [];
  const demoEmails: string[] = Object.values(DEMO_LOGINS);
  const add = (email: string, name: string, role: string, bio: string, createdAt: number) => {
    const id = offset + out.length + 1;
    const passwordHash = demoEmails.includes(email) ? demoPasswordHash : NO_PASSWORD_HASH;
    out.push(row([id, email, name, passwordHash, role, 0, bio, timestamp(createdAt), timestamp(createdAt), null]));
    return id;
  };
  const t0 = SEED_BASE_DATE - 2400 * DAY;
  add(DEMO_LOGINS.admin, "书海管理员", "ADMIN", "", t0);
  const demo = add(DEMO_LOGINS.author, "书海示例作者", "AUTHOR", "演示作者账号。", t0 + HOUR);
  ctx.zhAuthors.push({ id: demo, en: false });
  const extra = ctx.bench ? Math.floor(ctx.totalBooks / 20) : 0;
  const zhCount = 20 + Math.floor((extra * 4) / 5);
  const enCount = 5 + (extra - Math.floor((extra * 4) / 5));
  const names = new Set<string>();
  const unique = (make: () => string) => {
    for (let i = 0; i < 20; i++) {
      const n = make();
      if (!names.has(n)) return (names.add(n), n);
    }
    const n = make() + (names.size + 1);
    names.add(n);
    return n;
  };
  for (let i = 0; i < zhCount + enCount; i++) {
    const en = i >= zhCount;
    const name = unique(() => (en ? rng.pick(W.PEN_EN) : T.zhPenName(rng)));
    const bio = en ? "Writes late at night, mostly about doors that should stay closed." : "一个喜欢在深夜码字的写手。";
    const email = `writer${String(i + 1).padStart(4, "0")}@shuhai.local`;
    const id = add(email, name, "AUTHOR", bio, t0 + (i + 2) * HOUR);
    (en ? ctx.enAuthors : ctx.zhAuthors).push({ id, en });
  }
  return out;
}

function buildPool(rng: Rng, en: boolean, size: number): Pool {
  const pool: Pool = { text: [], len: [], words: [] };
  let cast: T.Cast = en ? T.enCast(rng) : T.zhCast(rng, "fantasy");
  let genre: W.Genre = "fantasy";
  for (let i = 0; i < size; i++) {
    if (i % 25 === 0) {
      genre = rng.pick(W.CATEGORIES).genre;
      cast = en ? T.enCast(rng) : T.zhCast(rng, genre);
    }
    const p = en ? T.enParagraph(rng, cast) : T.zhParagraph(rng, cast, genre);
    pool.text.push(p);
    pool.len.push(p.length);
    pool.words.push(countWords(p));
  }
  return pool;
}

function pickCategory(rng: Rng, en: boolean): { id: number; cat: Category } {
  const cat = en ? rng.pick(EN_CATEGORIES) : rng.pick(W.CATEGORIES);
  return { id: W.CATEGORIES.indexOf(cat) + 1, cat };
}

function demoChapterCount(ctx: Ctx, rng: Rng, index: number, en: boolean): number {
  if (ctx.fullBooks.has(index)) return 300;
  if (en) return rng.int(20, 60);
  return 20 + Math.floor(Math.pow(rng.next(), 2.6) * 230);
}

type ChapterPlan = {
  status: ChapterStatus;
  publishAt: number | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
};

function buildBook(ctx: Ctx, index: number, out: Batch): BookSummary {
  const rng = createRng(mixSeed(ctx.seed, 0xb00c, index));
  const id = index + 1;
  const en = isEnglish(ctx, index);
  const { id: categoryId, cat } = pickCategory(rng, en);
  const genre = cat.genre;
  const cast = en ? T.enCast(rng) : T.zhCast(rng, genre);

  let title = "";
  for (let i = 0; i < 40; i++) {
    title = en ? T.enBookTitle(rng) : T.zhBookTitle(rng, genre);
    if (!ctx.titles.has(title)) break;
  }
  if (!ctx.bench) ctx.titles.add(title);
  else if (ctx.titles.size < 50_000) ctx.titles.add(title);

  const isDemoAuthor = !ctx.bench && (index === 0 || index === 1 || index === 5);
  const authorId = isDemoAuthor ? ctx.demoAuthorId : rng.pick(en ? ctx.enAuthors : ctx.zhAuthors.slice(1)).id;

  const sr = rng.next();
  const status: Status = index === 0 ? "ONGOING" : sr < 0.6 ? "ONGOING" : sr < 0.9 ? "COMPLETED" : "HIATUS";
  const n = ctx.bench ? ctx.chaptersPerBook : demoChapterCount(ctx, rng, index, en);

  // Which positions are not public: a tail of drafts / scheduled chapters, and soft-deletes.
  let tail = 0;
  if (n >= 5 && status === "ONGOING" && (index === 0 || rng.chance(0.35))) tail = index === 0 ? 2 : rng.int(1, 3);
  const tailStatuses: ChapterStatus[] = [];
  for (let j = 0; j < tail; j++) {
    tailStatuses.push(index === 0 ? (j === 0 ? "SCHEDULED" : "DRAFT") : rng.chance(0.5) ? "SCHEDULED" : "DRAFT");
  }
  tailStatuses.sort((a, b) => (a === b ? 0 : a === "SCHEDULED" ? -1 : 1));
  const m = n - tail; // positions 1..m were published
  const deleted = new Set<number>();
  if (m >= 4 && (index === 0 || rng.chance(0.12))) {
    const k = index === 0 ? 1 : rng.int(1, 2);
    for (let j = 0; j < k; j++) deleted.add(rng.int(2, m - 1));
  }

  // Timeline.
  const lag =
    status === "ONGOING"
      ? Math.pow(rng.next(), 2) * 20 * DAY
      : status === "COMPLETED"
        ? (30 + rng.next() * 870) * DAY
        : (120 + rng.next() * 380) * DAY;
  const lastPub = floorSec(SEED_BASE_DATE - lag - rng.int(1, 20) * HOUR - rng.int(0, 59) * MINUTE);
  const step = (0.5 + rng.next() * 2) * DAY;
  const firstPub = lastPub - step * (m - 1);
  const bookCreated = floorSec(firstPub - rng.int(1, 72) * HOUR);

  const plans: ChapterPlan[] = [];
  for (let p = 1; p <= n; p++) {
    if (p <= m) {
      const pub = p === m ? lastPub : floorSec(firstPub + step * (p - 1) + rng.next() * step * 0.4);
      const created = pub - rng.int(5, 180) * MINUTE;
      if (deleted.has(p)) {
        const del = Math.min(SEED_BASE_DATE - HOUR, pub + rng.int(1, 30) * DAY);
        plans.push({
          status: "PUBLISHED",
          publishAt: null,
          publishedAt: pub,
          createdAt: created,
          updatedAt: del,
          deletedAt: del,
        });
      } else {
        plans.push({
          status: "PUBLISHED",
          publishAt: null,
          publishedAt: pub,
          createdAt: created,
          updatedAt: pub,
          deletedAt: null,
        });
      }
    } else {
      const j = p - m - 1;
      const st = tailStatuses[j] ?? "DRAFT";
      const created = floorSec(lastPub + ((SEED_BASE_DATE - lastPub) * (j + 1)) / (tail + 1));
      plans.push({
        status: st,
        publishAt: st === "SCHEDULED" ? SCHEDULE_BASE + (rng.int(0, 90) + j * 7) * DAY : null,
        publishedAt: null,
        createdAt: created,
        updatedAt: created,
        deletedAt: null,
      });
    }
  }

  // Volumes.
  const vCount = Math.min(n, n < 40 ? rng.int(1, 2) : rng.int(1, 4));
  const cuts: number[] = [];
  for (let k = 1; k < vCount; k++) {
    const prev = cuts[cuts.length - 1] ?? 0;
    const cut = Math.floor((n * k) / vCount) + rng.int(-2, 2);
    cuts.push(Math.max(prev + 1, Math.min(cut, n - (vCount - k))));
  }
  cuts.push(n);
  const volumeIds: number[] = [];
  const volNames = en ? W.EN_VOLUMES : W.ZH_VOLUMES;
  const volStart = rng.int(0, volNames.length - 1);
  for (let k = 0; k < vCount; k++) {
    const vid = ctx.nextVolumeId++;
    volumeIds.push(vid);
    const name = volNames[(volStart + k) % volNames.length] ?? "";
    const vt = en ? `Volume ${k + 1}: ${name}` : `第${T.zhNumeral(k + 1)}卷 ${name}`;
    out.volumes.push(row([vid, id, vt, k + 1]));
  }

  // Chapters and bodies.
  let wordCount = 0;
  let chapterCount = 0;
  let lastChapterId: number | null = null;
  let lastChapterTitle: string | null = null;
  let lastPublishedAt: number | null = null;
  let updatedAt = bookCreated;
  let vIdx = 0;
  const recent = new Map<number, number>();
  const recentFrom = SEED_BASE_DATE - 30 * DAY;
  // Live chapters hold positions 1..n; a trashed one holds -id (the invariant of
  // lib/data/authoring/order.ts, which the author tools rely on when they append a chapter).
  let livePosition = 0;
  for (let p = 1; p <= n; p++) {
    const plan = plans[p - 1] as ChapterPlan;
    while (p > (cuts[vIdx] ?? n)) vIdx++;
    const chapterId = ctx.nextChapterId++;
    const ctitle = en
      ? `Chapter ${p}: ${T.enChapterTitle(rng, cast)}`
      : `第${p}章 ${T.zhChapterTitle(rng, cast, genre)}`;
    let body: string;
    let words: number;
    if (ctx.bench) {
      const pool = (en ? ctx.enPool : ctx.zhPool) as Pool;
      const target = en ? rng.int(180, 450) : rng.int(350, 1000);
      const parts: string[] = [];
      let size = 0;
      words = 0;
      while (size < target) {
        const k = Math.floor(rng.next() * pool.text.length);
        parts.push(pool.text[k] as string);
        size += en ? (pool.words[k] as number) : (pool.len[k] as number);
        words += pool.words[k] as number;
      }
      body = parts.join("\n");
    } else {
      const gen = en
        ? T.enChapter(rng, cast, rng.int(1500, 4000))
        : T.zhChapter(rng, cast, genre, rng.chance(0.05) ? rng.int(8000, 12000) : rng.int(2000, 6000));
      body = gen.paras.join("\n");
      words = gen.words;
    }
    const note = !en && rng.chance(0.05) ? rng.pick(ZH_AUTHOR_NOTES) : "";
    out.chapters.push(
      row([
        chapterId,
        id,
        volumeIds[vIdx] ?? null,
        plan.deletedAt === null ? ++livePosition : -chapterId,
        ctitle,
        words,
        countPages(body, DEFAULT_CHAPTER_PAGE_CHARS),
        plan.status,
        ts(plan.publishAt),
        ts(plan.publishedAt),
        timestamp(plan.createdAt),
        timestamp(plan.updatedAt),
        ts(plan.deletedAt),
      ]),
    );
    out.contents.push(row([chapterId, body, note]));
    if (plan.updatedAt > updatedAt) updatedAt = plan.updatedAt;
    if (isPublicChapter(plan)) {
      chapterCount++;
      wordCount += words;
      lastChapterId = chapterId;
      lastChapterTitle = ctitle;
      lastPublishedAt = plan.publishedAt;
      if (plan.publishedAt !== null && plan.publishedAt >= recentFrom) {
        const d = Math.floor((plan.publishedAt - recentFrom) / DAY);
        recent.set(d, (recent.get(d) ?? 0) + words);
      }
    }
  }

  // Popularity: heavy-tailed so rankings differ.
  const views = Math.min(2_000_000_000, Math.floor(Math.exp(7.5 + 2.1 * rng.normal()) * (0.5 + n / 200)));
  const shelf = Math.floor(views * (0.004 + rng.next() * 0.05));
  const deletedAt = index === ctx.deletedBookIndex ? SEED_BASE_DATE - 5 * DAY : null;
  const hiddenAt = index === ctx.hiddenBookIndex ? SEED_BASE_DATE - 3 * DAY : null;
  if (deletedAt !== null && deletedAt > updatedAt) updatedAt = deletedAt;
  if (hiddenAt !== null && hiddenAt > updatedAt) updatedAt = hiddenAt;
  const intro = en ? T.enIntro(rng, cast) : T.zhIntro(rng, cast);

  const pinyin = titlePinyin(title);
  out.books.push(
    row([
      id,
      title,
      authorId,
      categoryId,
      intro,
      null,
      status,
      en ? "en" : "zh-CN",
      wordCount,
      chapterCount,
      lastChapterId,
      lastChapterTitle,
      ts(lastPublishedAt),
      views,
      shelf,
      timestamp(bookCreated),
      timestamp(updatedAt),
      ts(deletedAt),
      ts(hiddenAt),
      hiddenAt === null ? null : "内容待复核（演示数据）",
      pinyin.titlePinyin,
      pinyin.titleInitials,
    ]),
  );
  const tagIds = rng
    .sample(
      W.TAGS.map((_, i) => i + 1),
      rng.int(2, 4),
    )
    .sort((a, b) => a - b);
  for (const t of tagIds) out.tags.push(row([id, t]));

  return {
    id,
    en,
    visible: deletedAt === null && hiddenAt === null,
    public: isPublicBook({ deletedAt, hiddenAt, chapterCount }),
    views,
    createdAt: bookCreated,
    chapterCount,
    recent,
  };
}

function buildFeatured(rng: Rng, books: BookSummary[]): string[] {
  const visible = books.filter((b) => b.public);
  const byViews = visible.filter((b) => !b.en).sort((a, b) => b.views - a.views || a.id - b.id);
  const picks = rng.sample(byViews.slice(0, 16), 8);
  const newest = visible
    .slice()
    .sort((a, b) => b.createdAt - a.createdAt || a.id - b.id)
    .slice(0, 8);
  const out: string[] = [];
  let id = 1;
  picks.forEach((b, i) => out.push(row([id++, "EDITOR_PICK", b.id, i + 1])));
  newest.forEach((b, i) => out.push(row([id++, "NEW_BOOK", b.id, i + 1])));
  return out;
}

function buildDailyStats(rng: Rng, books: BookSummary[]): string[] {
  const top = books
    .filter((b) => b.visible)
    .sort((a, b) => b.views - a.views || a.id - b.id)
    .slice(0, 6);
  const out: string[] = [];
  for (const b of top.sort((x, y) => x.id - y.id)) {
    for (let d = 0; d < 30; d++) {
      const day = new Date(SEED_BASE_DATE - (30 - d) * DAY).toISOString().slice(0, 10);
      const views = Math.round((b.views / 3000) * (0.6 + rng.next() * 0.8)) + rng.int(0, 50);
      const shelfAdds = Math.floor(views * (0.01 + rng.next() * 0.03));
      out.push(row([b.id, day, views, shelfAdds, b.recent.get(d) ?? 0]));
    }
  }
  return out;
}

function floorSec(t: number): number {
  return Math.floor(t / 1000) * 1000;
}

function ts(t: number | null): string | null {
  return t === null ? null : timestamp(t);
}

/** What the seed's caller prints once, right after seeding: the demo logins and their password. */
export function describeDemoLogins(password: string): string {
  return (
    `demo catalog loaded: sign in as ${DEMO_LOGINS.admin} (admin) or ${DEMO_LOGINS.author} (author) ` +
    `with the password ${password} (shown only now; change it with npm run user:set-password, ` +
    `remove the demo with npm run db:remove-demo)`
  );
}

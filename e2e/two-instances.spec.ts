import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { addChapter, createCategory } from "@/lib/test/fixtures";
import { freePort, startRedisServer, type RedisServer } from "@/lib/test/redis-server";
import { PASSWORD, submitSignIn } from "./support/accounts";

// Two instances of the site's server (scripts/serve.ts) with the suite's production build on one
// database, as behind a load balancer. A logged-out reader has B's table of contents and first
// chapter page cached; an author publishes a chapter through A's dashboard, and A publishes a
// scheduled chapter (its cron route, which its 30 s timer calls). With REDIS_URL, B's next
// requests show both, and the first chapter links the new one; without it (the control), B keeps
// serving its stale pages: that is the bug the shared cache fixes, and what makes this test able
// to fail.
//
// The instances get a database of their own (not the suite's), so the suite server's own
// publishing timer never touches it, and a book id far above the demo catalog's, so their pages
// never meet it in a shared cache.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVE = path.join(ROOT, "scripts", "serve.ts");
const SECRET = randomBytes(32).toString("base64url");
const CRON_SECRET = createHmac("sha256", SECRET).update("shuhai:cron:publish-due").digest("base64url");
const BOOK_ID = 900_000 + Math.floor(Math.random() * 90_000);
const AUTHOR_EMAIL = `two-instances-${BOOK_ID}@example.com`;

let pgDir: string;
let postgres: EmbeddedPostgres;
let redis: RedisServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(60_000);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build in .next");
  pgDir = mkdtempSync(path.join(os.tmpdir(), "shuhai-two-"));
  // As root, PostgreSQL runs as the `postgres` user, which must reach the data directory.
  chmodSync(pgDir, 0o755);
  [postgres, redis] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(pgDir, "pg"), port: 0, ephemeral: true }),
    startRedisServer(),
  ]);
});

test.afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
  if (pgDir) rmSync(pgDir, { recursive: true, force: true });
});

interface Instance {
  url: string;
  /** The end of the server's output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function startInstance(databaseUrl: string, redisUrl: string | undefined, timer: boolean): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: url,
    PORT: String(port),
    // Only A publishes scheduled chapters, so B can learn of them only through the shared cache.
    PUBLISH_SCHEDULER: timer ? "on" : "off",
    LOG_LEVEL: "warn",
    // Patience for a busy machine: a cold instance's first renders open many connections.
    DB_ACQUIRE_TIMEOUT_MS: "30000",
  };
  delete env.REDIS_URL;
  if (redisUrl) env.REDIS_URL = redisUrl;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", SERVE], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept for failure messages only (B's timer logs its closed port every 30 s).
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/api/health/live`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server on ${port} did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A migrated database with an author and a public book of one chapter. */
async function createDatabase(): Promise<{ url: string; firstChapter: string; drop(): Promise<void> }> {
  const name = `shuhai_two_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = postgres.url.replace(/\/[^/]+$/, `/${name}`);
  await migrate(url);
  const db = createPrismaClient(url);
  const author = await db.user.create({
    data: { email: AUTHOR_EMAIL, name: "双实例作者", role: "AUTHOR", passwordHash: await hashPassword(PASSWORD) },
  });
  const category = await createCategory(db);
  await db.book.create({
    data: { id: BOOK_ID, title: `双实例之书 ${BOOK_ID}`, authorId: author.id, categoryId: category.id },
  });
  const first = await addChapter(db, BOOK_ID, { title: "第一章 开篇" });
  await db.$disconnect();
  return {
    url,
    firstChapter: `/book/${BOOK_ID}/${first.id}`,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The table of contents as a logged-out reader gets it (no cookies), with Next's cache verdict. */
async function toc(instance: Instance): Promise<{ html: string; cache: string | null }> {
  const response = await fetch(`${instance.url}/book/${BOOK_ID}/toc`);
  expect(response.status).toBe(200);
  return { html: await response.text(), cache: response.headers.get("x-nextjs-cache") };
}

/** A reading page as a logged-out reader gets it, with the reader cache's verdict. */
async function readingPage(instance: Instance, path: string): Promise<{ html: string; cache: string | null }> {
  const response = await fetch(`${instance.url}${path}`);
  expect(response.status).toBe(200);
  return { html: await response.text(), cache: response.headers.get("x-shuhai-cache") };
}

interface Observed {
  /** B's table of contents, on the first request after A's publish, lists the new chapter. */
  publishedSeenOnB: boolean;
  /** …and B's page of the chapter before it links the new chapter. */
  nextLinkSeenOnB: boolean;
  /** …and after A published the scheduled chapter. */
  scheduledSeenOnB: boolean;
  timings: Record<string, number>;
}

async function scenario(browser: Browser, redisUrl: string | undefined): Promise<Observed> {
  const timings: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - t;
    t = Date.now();
  };
  const database = await createDatabase();
  lap("database");
  const [a, b] = await Promise.all([
    startInstance(database.url, redisUrl, true),
    startInstance(database.url, redisUrl, false),
  ]);
  lap("instances");
  try {
    // B renders the table of contents once and then serves it from its cache.
    const first = await toc(b);
    expect(first.html).toContain("第一章 开篇");
    const again = await toc(b);
    expect(again.cache).toBe("HIT");
    expect((await readingPage(b, database.firstChapter)).html).not.toContain('rel="next"');
    expect((await readingPage(b, database.firstChapter)).cache).toBe("hit");
    lap("reader caches B");

    // The author publishes a chapter through A's dashboard.
    const title = `第二章 两地 ${BOOK_ID}`;
    const author = await browser.newContext({ baseURL: a.url });
    const page = await author.newPage();
    await submitSignIn(page, AUTHOR_EMAIL);
    // A fresh instance's first sign-in and server action are slow on a busy machine.
    await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
    await page.goto(`/dashboard/books/${BOOK_ID}/chapters/new`);
    await page.getByLabel(/^(章节标题|Chapter title)$/).fill(title);
    await page.getByLabel(/^(正文|Text)$/).fill("这一章在 A 上发布，在 B 上阅读。");
    await page.getByRole("button", { name: /^(立即发布|Publish now)$/ }).click();
    await expect(page).toHaveURL(/\/dashboard\/chapters\/\d+/, { timeout: 30_000 });
    await author.close();
    lap("author publishes on A");
    const publishedSeenOnB = (await toc(b)).html.includes(title);
    // The expiry reaches B's reading pages through Redis's publish/subscribe: a moment, not a request.
    await new Promise((r) => setTimeout(r, 200));
    const nextLinkSeenOnB = (await readingPage(b, database.firstChapter)).html.includes('rel="next"');
    lap("next request to B");

    // A chapter scheduled two seconds ahead; B caches its page before the time comes.
    const scheduled = `第三章 定时 ${BOOK_ID}`;
    const db = createPrismaClient(database.url);
    const chapter = await addChapter(db, BOOK_ID, { title: scheduled, status: "SCHEDULED" });
    const publishAt = new Date(Date.now() + 2_000);
    await db.chapter.update({ where: { id: chapter.id }, data: { publishAt } });
    await db.$disconnect();
    expect((await toc(b)).html).not.toContain(scheduled);
    expect((await toc(b)).cache).toBe("HIT");
    // A's timer posts this every 30 s; the test posts it once the time has come.
    await new Promise((r) => setTimeout(r, Math.max(0, publishAt.getTime() - Date.now() + 100)));
    const cron = await fetch(`${a.url}/api/cron/publish-due`, {
      method: "POST",
      headers: { "x-shuhai-cron": CRON_SECRET },
    });
    expect(cron.status).toBe(200);
    lap("scheduler publishes on A");
    const scheduledSeenOnB = (await toc(b)).html.includes(scheduled);
    // A itself always shows both: the control's difference is B's stale cache, not the data.
    const onA = (await toc(a)).html;
    expect(onA).toContain(title);
    expect(onA).toContain(scheduled);
    lap("next request to B ");
    return { publishedSeenOnB, nextLinkSeenOnB, scheduledSeenOnB, timings };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
  }
}

test("with REDIS_URL, B shows what A published on its next request", async ({ browser }) => {
  test.setTimeout(240_000);
  const observed = await scenario(browser, redis.url);
  console.log("shared cache (REDIS_URL):", JSON.stringify(observed));
  expect(observed.publishedSeenOnB).toBe(true);
  expect(observed.nextLinkSeenOnB).toBe(true);
  expect(observed.scheduledSeenOnB).toBe(true);
});

test("control: without REDIS_URL, B keeps serving its stale table of contents", async ({ browser }) => {
  test.setTimeout(240_000);
  const observed = await scenario(browser, undefined);
  console.log("per-instance caches (no REDIS_URL):", JSON.stringify(observed));
  expect(observed.publishedSeenOnB).toBe(false);
  expect(observed.nextLinkSeenOnB).toBe(false);
  expect(observed.scheduledSeenOnB).toBe(false);
});

test("with REDIS_URL pointing at no Redis, the site keeps serving", async () => {
  test.setTimeout(120_000);
  const database = await createDatabase();
  const down = await startInstance(database.url, `redis://127.0.0.1:${await freePort()}`, false);
  try {
    for (const pathname of ["/", `/book/${BOOK_ID}`, `/book/${BOOK_ID}/toc`, `/book/${BOOK_ID}/toc`]) {
      const response = await fetch(`${down.url}${pathname}`);
      expect(response.status, `${pathname}\n${down.output()}`).toBe(200);
    }
    expect((await toc(down)).html).toContain("第一章 开篇");
    // The handlers were in use, and said once that they serve without Redis.
    expect(down.output()).toContain("redis cache: connection error (serving without it)");
  } finally {
    await down.stop();
    await database.drop();
  }
});

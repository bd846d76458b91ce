import { z } from "zod";
import { DEFAULT_CHAPTER_PAGE_CHARS } from "@/lib/text/paginate";

// The only place that reads process.env. Validated once; a bad value stops the process with a
// message naming the variable.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  // Several instances share their caches ('use cache', ISR pages, tag expiry) through this Redis
  // (next.config.mjs, lib/cache/). Read by `next start`; unset, each instance caches on its own.
  REDIS_URL: z
    .string()
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), "must be a redis:// or rediss:// URL")
    .optional(),
  // Bounds of the caches kept in memory (README "Caches"), in MiB: rendered chapter pages
  // (lib/reader), other rendered pages (lib/cache/isr-cache-handler.mjs, read there directly) and
  // 'use cache' data (next.config.mjs). Nothing is cached on disk.
  READER_CACHE_MB: z.coerce.number().int().min(0).max(1_000_000).default(256),
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(1_000_000).default(128),
  DATA_CACHE_MB: z.coerce.number().int().min(0).max(1_000_000).default(64),
  // Bound of the generated TXT/EPUB downloads kept in PostgreSQL (lib/downloads/store.ts), in MiB:
  // beyond it the least recently used files are deleted (and made again when asked for).
  // Next's pages as sent (lib/server/page-pass.ts): 繁體 / 简体 copies, and home, books and contents
  // without Next's scripts. The reading pages' variants live in READER_CACHE_MB with the pages as
  // written.
  VARIANT_CACHE_MB: z.coerce.number().int().min(0).max(1_000_000).default(64),
  DOWNLOADS_CACHE_MB: z.coerce.number().int().min(1).max(1_000_000).default(512),
  SITE_URL: z.string().url().default("http://localhost:3000"),
  // The UI language: Simplified Chinese, Traditional Chinese (messages/zh-Hant.json, made from the
  // Simplified catalogue by scripts/generate-zh-hant-messages.ts) or English.
  SITE_LOCALE: z.enum(["zh-CN", "zh-Hant", "en"]).default("zh-CN"),
  SITE_TIME_ZONE: z.string().default("Asia/Shanghai"),
  // Characters per chapter sub-page; chapters split at paragraph boundaries. Stored page counts
  // (Chapter.pageCount, for the sitemap) assume this value: run scripts/recount-pages.ts after a change.
  CHAPTER_PAGE_CHARS: z.coerce.number().int().min(200).max(100_000).default(DEFAULT_CHAPTER_PAGE_CHARS),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Port of the site (scripts/start.ts) and preferred port of the embedded PostgreSQL, which
  // moves to a free port when this one is taken.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // "off": this instance does not run the 30-second timer that publishes scheduled chapters
  // (lib/scheduler); another instance of the site must, or scheduled chapters wait.
  PUBLISH_SCHEDULER: z.enum(["on", "off"]).default("on"),
  // "off": this instance does not work the background job queue (lib/jobs: update notices to
  // followers, e-mail digests); another instance must, or the jobs wait in the database.
  JOB_WORKER: z.enum(["on", "off"]).default("on"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // Where the embedded PostgreSQL keeps its data (default .data/pg).
  SHUHAI_DATA_DIR: z.string().min(1).optional(),
  // The demo catalog (prisma/seed): "auto" loads it when `npm start` finds the embedded database
  // empty, never into DATABASE_URL; "off" never (then `npm run db:seed -- --demo` is the way).
  SHUHAI_DEMO: z.enum(["auto", "off"]).default("auto"),
  // The demo accounts' password; unset, each seed generates one and prints it once. For test
  // suites and benchmarks that sign in as the demo accounts, not for a site on the internet.
  DEMO_PASSWORD: z.string().min(8).max(256).optional(),
  // Signs session tokens. scripts/start.ts generates one into .data/secret when unset.
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  // next-auth's own URL; scripts/start.ts passes SITE_URL when unset.
  NEXTAUTH_URL: z.string().url().optional(),
  // Whether the cookies the site sets (session, next-auth's CSRF and callback cookies, import
  // notices) are Secure, with next-auth's __Secure-/__Host- names. "auto": when SITE_URL is https.
  // "true" for TLS that ends in front of a site whose SITE_URL is still http, "false" only for a
  // plain-http test of an https SITE_URL (lib/auth/session-token.ts).
  SESSION_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  // Proxies whose X-Forwarded-* headers the site believes (lib/http/forwarded.ts): addresses and
  // CIDR ranges, comma-separated. Unset: this machine only (127.0.0.0/8, ::1).
  TRUSTED_PROXIES: z.string().optional(),
  // Sign-in attempts allowed per account from one client address, and per client address, within
  // LOGIN_WINDOW_MINUTES.
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  // New accounts per client address and hour (registration).
  REGISTER_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
  // Outgoing mail (password reset links): smtp://user:pass@host:587 (STARTTLS when offered) or
  // smtps://…:465. Unset: the site sends no mail and /forgot-password says to ask an admin.
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), "must start with smtp:// or smtps://")
    .optional(),
  // The sender of those mails, e.g. "书海 <no-reply@example.com>"; unset: no-reply@ the SITE_URL host.
  MAIL_FROM: z.string().min(3).max(200).optional(),
  // Password reset requests per client address, and per e-mail address, and hour.
  PASSWORD_RESET_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
  PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().min(1).max(1000).default(3),
  // Writes (server actions, POST/PUT/PATCH/DELETE to the API) per client address, and per signed-in
  // account, and minute, counted by each instance in its memory (lib/http/write-limit.ts).
  WRITE_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  // A file of banned words and phrases, one a line (`#` comments): a comment (and any community
  // text) containing one is refused when written (lib/data/moderation/banned-words.ts). Read
  // again when it changes. Unset: no list.
  BANNED_WORDS_FILE: z.string().min(1).optional(),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});

export type Env = z.infer<typeof schema>;

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = loadEnv();

// The environment for a child process (Next server, PostgreSQL): this process's variables plus
// the given overrides.
export function childEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

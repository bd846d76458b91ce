// `npm start` / `npm run dev`: database (embedded unless DATABASE_URL is set) → migrations →
// demo catalog on a new embedded database → `next build` when the sources changed (production) →
// the site's server on PORT (scripts/serve.ts: the reading pages and Next). Ctrl-C / SIGTERM
// stops the server first, then the database.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { childEnv, env } from "@/lib/env";
import { logger } from "@/lib/log";
import { buildIsCurrent, recordBuild, sourceHash } from "./lib/build-hash";
import { sessionSecret } from "./lib/secret";
import { EMBEDDED_DATA_DIR, isUnused, loadSeedDemo, openDatabase, ROOT, type Database } from "./lib/database";

const dev = process.argv.includes("--dev");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SERVE = path.join(ROOT, "scripts", "serve.ts");
const started = Date.now();

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t = Date.now();
  const result = await run();
  logger.info(`${name}: ${Date.now() - t} ms`);
  return result;
}

// Signs session cookies; generated once into .data/secret when NEXTAUTH_SECRET is unset.
const secret = await sessionSecret(env.NEXTAUTH_SECRET, path.join(ROOT, ".data"));

// A database nobody has used yet. The embedded one (the two-command trial) gets the demo catalog
// unless SHUHAI_DEMO=off, with a password made for it and shown once; a database of the
// operator's (DATABASE_URL) never does: a demo admin there would be a way in.
async function startNewSite(db: Database): Promise<void> {
  const seedDemo = db.embedded && env.SHUHAI_DEMO === "auto" ? await loadSeedDemo() : undefined;
  if (!seedDemo) {
    logger.warn(
      "the database is empty: create the first admin with " +
        "`npm run user:create -- --email you@example.com --role admin`" +
        (db.embedded ? "" : ", or load the demo catalog with `npm run db:seed -- --demo`"),
    );
    return;
  }
  const { demoPassword } = await phase("demo catalog", () =>
    seedDemo(db.url, { demoPassword: env.DEMO_PASSWORD, log: (m) => logger.info(m) }),
  );
  const { describeDemoLogins } = await import("../prisma/seed");
  logger.warn(describeDemoLogins(env.DEMO_PASSWORD ? "given in DEMO_PASSWORD" : demoPassword));
}

// `args`: `next build`, or the site's server (scripts/serve.ts, TypeScript run through tsx).
function run(args: string[], url: string, nodeEnv: string): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: childEnv({
      DATABASE_URL: url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? env.SITE_URL,
      NODE_ENV: nodeEnv,
      PORT: String(env.PORT),
      NEXT_TELEMETRY_DISABLED: "1",
    }),
  });
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

// Resolves true once the server answers its liveness route, false if it exits first.
async function waitUntilServing(exited: Promise<number>): Promise<boolean> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const ok = await fetch(`http://127.0.0.1:${env.PORT}/api/health/live`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

// Fails fast, before the database and the build, when another server holds the port (Next would
// only exit later with EADDRINUSE, and the readiness probe would have reached the other server).
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" || error.code === "EACCES" ? resolve(false) : reject(error),
    );
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

let database: Database | undefined;
let server: ChildProcess | undefined;
let stopping = false;

async function shutdown(reason: string, code: number): Promise<never> {
  stopping = true;
  logger.info(`${reason}: stopping`);
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = exitOf(server);
    server.kill("SIGTERM");
    const timer = setTimeout(() => server?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await database?.stop();
  logger.info("stopped");
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!stopping) void shutdown(signal, 0);
  });
}

// The npm and tsx wrappers forward Ctrl-C, but when one of them is killed outright this process
// is re-parented: stop then too, so Next and PostgreSQL do not outlive the command that ran them.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent && !stopping) void shutdown("parent process exited", 0);
}, 1000).unref();

try {
  if (!(await portIsFree(env.PORT))) {
    throw new Error(`port ${env.PORT} is already in use (another server?); stop it or start with PORT=<another port>`);
  }

  const db = await phase("database", () => openDatabase((m) => logger.debug(m)));
  database = db;
  logger.info(db.embedded ? `using the embedded PostgreSQL in ${EMBEDDED_DATA_DIR}` : "using DATABASE_URL");
  if (env.REDIS_URL) {
    // next.config.mjs turns the Redis cache handlers on for `next start` only.
    logger.info(
      dev ? "REDIS_URL is ignored by the dev server" : "caches shared with other instances through REDIS_URL",
    );
  }

  await phase("migrations", async () => {
    const { applied } = await migrate(db.url, { log: (m) => logger.info(m) });
    if (!applied.length) logger.debug("database is up to date");
  });

  if (await isUnused(db.url)) await startNewSite(db);

  if (!dev) {
    const hash = await sourceHash(ROOT, env);
    if (await buildIsCurrent(ROOT, hash)) {
      logger.info("build is current");
    } else {
      await phase("next build", async () => {
        // Pages query the database while prerendering, so the build gets the URL too.
        server = run([NEXT_BIN, "build"], db.url, "production");
        const code = await exitOf(server);
        if (stopping) return;
        if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
        await recordBuild(ROOT, hash);
      });
    }
  }

  if (!stopping) {
    server = run(["--import", "tsx", SERVE, ...(dev ? ["--dev"] : [])], db.url, dev ? "development" : "production");
    const exited = exitOf(server);
    if (await waitUntilServing(exited)) {
      logger.info(`ready in ${Date.now() - started} ms: http://localhost:${env.PORT}`);
    }
    const code = await exited;
    if (!stopping) await shutdown(`the server exited with code ${code}`, code || 1);
  }
} catch (error) {
  logger.error(error instanceof Error ? error.message : String(error));
  if (!stopping) await shutdown("start-up failed", 1);
}

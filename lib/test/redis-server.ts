import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import Redis from "ioredis";

// A throw-away redis-server (Debian's `redis-server`, installed by .ci/run) for the tests of the
// shared cache: in memory only, on a free loopback port, stopped by stop(). With `dir`, a SAVE
// writes its data there and a server started again on that folder loads it (a restart that keeps
// what Redis held).

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const REDIS_SERVER_MISSING =
  "redis-server is not installed: apt-get install -y redis-server (.ci/run does this in CI)";

export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startRedisServer(preferredPort?: number, opts: { dir?: string } = {}): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error(REDIS_SERVER_MISSING);
  const port = preferredPort ?? (await freePort());
  const child = spawn(
    "redis-server",
    [
      ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
      ...(opts.dir ? ["--dir", opts.dir] : []),
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => {});
    const ok = await client
      .connect()
      .then(() => client.ping())
      .then((r) => r === "PONG")
      .catch(() => false);
    client.disconnect();
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

import { createRequire } from "node:module";
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

// JSON lines for machines; human-readable lines only for a developer watching a terminal.
// pino-pretty is a devDependency, so it is used only when it is actually installed.
function prettyWanted(): boolean {
  if (env.NODE_ENV !== "development" || !process.stdout.isTTY) return false;
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

export const logger: Logger = pino({
  level: env.LOG_LEVEL,
  base: { app: "shuhai" },
  ...(prettyWanted()
    ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname,app" } } }
    : {}),
});

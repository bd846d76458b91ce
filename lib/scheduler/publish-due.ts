import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// Scheduled chapters go public on every instance without a manual step: each Next process
// runs this every 30 s. revalidateTag only works inside a request (Server Functions and Route
// Handlers, per the Next 16 docs), so the timer does not publish by itself: it calls this
// instance's own POST /api/cron/publish-due, which publishes (one instance at a time, through
// an advisory lock in publishDueChapters) and revalidates the tags of the pages that changed.

export const PUBLISH_DUE_PATH = "/api/cron/publish-due";
export const CRON_SECRET_HEADER = "x-shuhai-cron";
const INTERVAL_MS = 30_000;
const FIRST_RUN_MS = 5_000;

/** The secret of the cron endpoint, derived from the session secret (never the secret itself). */
export function cronSecret(): string {
  return createHmac("sha256", authSecret()).update("shuhai:cron:publish-due").digest("base64url");
}

/** True when `presented` is the cron secret (constant-time comparison). */
export function isCronSecret(presented: string | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(cronSecret());
  return a.length === b.length && timingSafeEqual(a, b);
}

async function tick(): Promise<void> {
  try {
    const response = await fetch(`http://127.0.0.1:${env.PORT}${PUBLISH_DUE_PATH}`, {
      method: "POST",
      headers: { [CRON_SECRET_HEADER]: cronSecret() },
      cache: "no-store",
      signal: AbortSignal.timeout(20_000),
    });
    if (!response.ok) logger.error({ status: response.status }, "publishing due chapters failed");
  } catch (error) {
    logger.error({ err: error }, "publishing due chapters failed");
  }
}

let started = false;

/** Starts the 30-second timer once per process; it never keeps the process alive. */
export function startPublishScheduler(): void {
  if (started) return;
  started = true;
  setTimeout(() => void tick(), FIRST_RUN_MS).unref();
  setInterval(() => void tick(), INTERVAL_MS).unref();
}

import { connection } from "next/server";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";

const TIMEOUT_MS = 1000;
const headers = { "Cache-Control": "no-store" };

// Readiness: this instance can reach the database within a second. A failure is logged here
// and answered with a bare 503, never with error details.
export async function GET() {
  await connection();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return Response.json({ status: "ok" }, { headers });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed: database unavailable");
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  } finally {
    clearTimeout(timer);
  }
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { statDay } from "@/lib/i18n/time";
import { publicBookWhere, publicChapterWhere } from "@/lib/data/queries/filters";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { ViewInput } from "@/lib/validation/reader";
import { createViewBuffer } from "./buffer";
import { flushViews } from "./flush";
import { createViewGate, type ViewGateOptions } from "./gate";

// Reads (章节阅读量): a chapter page a browser loaded, as POST /api/views reports it. Only chapter
// views count, not the book page or the table of contents: on a novel site a read is a chapter
// opened. Views are gated (./gate.ts), buffered in this process and written every few seconds in
// one transaction (./flush.ts), never one UPDATE per view. A crash loses at most the last few
// seconds of counts, which is fine for statistics; a graceful stop (SIGTERM/SIGINT) writes them.
//
// Book.viewCount and BookDailyStat.views change without revalidating any page (like shelfCount):
// cards, 人气 rankings and the author's dashboard may lag behind by their cacheLife.

export const FLUSH_AFTER_MS = 5_000;

export type ViewOutcome =
  /** Counted; `flush` is set when this view started the next flush (hand it to after()). */
  | { kind: "counted"; flush: Promise<void> | null }
  /** A repeat within the dedupe window, or the address is over its cap: accepted, not counted. */
  | { kind: "ignored" }
  | { kind: "not-found" };

export interface ViewRecorder {
  record(input: ViewInput, clientAddress: string, now?: Date): Promise<ViewOutcome>;
  /** Writes what is buffered now (also what a scheduled flush and a stop signal do). */
  flush(): Promise<void>;
  /** Starts writing at once: the process is stopping. Later views are written straight away. */
  stop(): void;
}

export type ViewRecorderOptions = { gate?: Partial<ViewGateOptions>; flushAfterMs?: number; timeZone?: string };

export function createViewRecorder(db: Db, options: ViewRecorderOptions = {}): ViewRecorder {
  const { flushAfterMs = FLUSH_AFTER_MS, timeZone } = options;
  const buffer = createViewBuffer();
  const gate = createViewGate(options.gate);
  // A per-process secret: the gate keys on a hash that cannot be matched against a list of
  // addresses, and no raw IP is kept in memory. 96 bits tell addresses apart well enough.
  const salt = randomBytes(16);
  const addressKey = (address: string) =>
    createHash("sha256").update(salt).update(address).digest("base64url").slice(0, 16);

  let stopping = false;
  let scheduled: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function flush(): Promise<void> {
    const counts = buffer.take();
    try {
      await flushViews(db, counts);
    } catch (error) {
      // Put them back: the next flush writes them (both tables or neither, so nothing twice).
      for (const c of counts) buffer.add(c.bookId, c.day, c.views);
      logger.error({ err: error, pending: counts.length }, "writing chapter views failed");
    }
  }

  function schedule(): Promise<void> | null {
    if (scheduled) return null;
    const wait = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, stopping ? 0 : flushAfterMs);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    scheduled = wait.then(() => {
      scheduled = null;
      wake = null;
      return flush();
    });
    return scheduled;
  }

  return {
    async record(input, clientAddress, now = new Date()) {
      const address = addressKey(clientAddress);
      // Repeats stop here, before the database.
      if (!gate.allows(address, input.chapterId, now.getTime())) return { kind: "ignored" };
      const chapter = await db.chapter.findFirst({
        where: { id: input.chapterId, bookId: input.bookId, ...publicChapterWhere, book: publicBookWhere },
        select: { id: true },
      });
      if (!chapter) return { kind: "not-found" };
      // Checked again: a concurrent request for the same pair may have counted meanwhile.
      if (!gate.admit(address, input.chapterId, now.getTime())) return { kind: "ignored" };
      buffer.add(input.bookId, statDay(now, timeZone));
      return { kind: "counted", flush: schedule() };
    },
    flush,
    stop() {
      stopping = true;
      if (wake) wake();
      else if (buffer.size > 0) void flush();
    },
  };
}

const globalForViews = globalThis as unknown as { shuhaiViewRecorder?: ViewRecorder };

/**
 * The process's recorder. A stop signal flushes at once, and Next's own signal handler (which
 * stops the server and exits) waits for that flush: the route hands every scheduled flush to
 * after(), and Next finishes pending after() work before it exits. The recorder only listens
 * beside a handler that is already there, so it never keeps a process from exiting on a signal.
 */
export function viewRecorder(db: Db): ViewRecorder {
  if (!globalForViews.shuhaiViewRecorder) {
    const recorder = createViewRecorder(db);
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      if (process.listenerCount(signal) > 0) process.once(signal, () => recorder.stop());
    }
    globalForViews.shuhaiViewRecorder = recorder;
  }
  return globalForViews.shuhaiViewRecorder;
}

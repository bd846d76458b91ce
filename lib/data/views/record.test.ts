import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { createPublishedBook } from "@/lib/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createViewRecorder } from "./record";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const HOUR = 3_600_000;
const viewCount = async (bookId: number) =>
  (await t.db.book.findUniqueOrThrow({ where: { id: bookId }, select: { viewCount: true } })).viewCount;

async function publicChapter() {
  const book = await createPublishedBook(t.db);
  const chapter = await t.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
  return { bookId: book.id, chapterId: chapter.id };
}

describe("view recorder", () => {
  it("schedules one flush for all the views counted before it runs, then the next one", async () => {
    const recorder = createViewRecorder(t.db, { flushAfterMs: 1000 });
    const view = await publicChapter();
    const [first, second] = await Promise.all([
      recorder.record(view, "198.51.100.1"),
      recorder.record(view, "198.51.100.2"),
    ]);
    expect([first, second]).toEqual([
      { kind: "counted", flush: expect.any(Promise) },
      { kind: "counted", flush: null },
    ]);
    expect(await recorder.record(view, "198.51.100.1")).toEqual({ kind: "ignored" });
    expect(await viewCount(view.bookId)).toBe(0);
    if (first?.kind === "counted") await first.flush;
    expect(await viewCount(view.bookId)).toBe(2);
    const third = await recorder.record(view, "198.51.100.3");
    expect(third).toEqual({ kind: "counted", flush: expect.any(Promise) });
  });

  it("keeps a view on the day it arrived in the site's time zone", async () => {
    const recorder = createViewRecorder(t.db, { flushAfterMs: 60_000 });
    const view = await publicChapter();
    await recorder.record(view, "198.51.100.1", new Date("2026-03-01T15:59:00Z"));
    await recorder.record(view, "198.51.100.2", new Date("2026-03-01T16:00:00Z"));
    await recorder.flush();
    const days = await t.db.bookDailyStat.findMany({ where: { bookId: view.bookId }, orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day.toISOString().slice(0, 10), d.views])).toEqual([
      ["2026-03-01", 1],
      ["2026-03-02", 1],
    ]);
  });

  it("writes at once when the process stops, and every view after that straight away", async () => {
    const recorder = createViewRecorder(t.db, { flushAfterMs: HOUR });
    const view = await publicChapter();
    const counted = await recorder.record(view, "198.51.100.1");
    recorder.stop();
    if (counted.kind === "counted") await counted.flush;
    expect(await viewCount(view.bookId)).toBe(1);
    const late = await recorder.record(view, "198.51.100.2");
    if (late.kind === "counted") await late.flush;
    expect(await viewCount(view.bookId)).toBe(2);
  });

  it("keeps the counts when a write fails, and writes them with the next flush", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined as never);
    let failures = 1;
    const flaky = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property === "$transaction" && failures > 0) {
          failures--;
          return () => Promise.reject(new Error("connection lost"));
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as Db;
    const recorder = createViewRecorder(flaky, { flushAfterMs: HOUR });
    const view = await publicChapter();
    await recorder.record(view, "198.51.100.1");
    await recorder.flush();
    expect(await viewCount(view.bookId)).toBe(0);
    expect(error).toHaveBeenCalledOnce();
    await recorder.flush();
    expect(await viewCount(view.bookId)).toBe(1);
    error.mockRestore();
  });

  it("does not look a repeat up in the database", async () => {
    const recorder = createViewRecorder(t.db, { flushAfterMs: HOUR });
    const view = await publicChapter();
    await recorder.record(view, "198.51.100.1");
    const lookup = vi.spyOn(t.db.chapter, "findFirst");
    expect(await recorder.record(view, "198.51.100.1")).toEqual({ kind: "ignored" });
    expect(lookup).not.toHaveBeenCalled();
    lookup.mockRestore();
  });
});

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as publishDue } from "@/app/api/cron/publish-due/route";
import { TAGS } from "@/lib/data/cache-tags";
import { queryBookDetail, queryLatestUpdates } from "@/lib/data/queries/books";
import { queryChapterPage, queryTableOfContents } from "@/lib/data/queries/chapters";
import { env } from "@/lib/env";
import type { Category, User } from "@/lib/generated/prisma/client";
import { CRON_SECRET_HEADER, cronSecret } from "@/lib/scheduler/publish-due";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { authoringError, changesNothing, message, signedIn } from "@/lib/test/authoring-actions";
import { addChapter, createBook, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { bulkChaptersAction, chapterRowAction, createChapterAction, updateChapterAction } from "./authoring";
import { isoToZonedLocal } from "@/lib/i18n/time";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// A route handler's connection() needs a Next request; here the handler is called directly.
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => undefined,
}));

// Scheduled publication from the author's side (the editor's and the bulk form's "schedule"
// buttons) to the reader's (the public queries), through the job that makes chapters public when
// their time comes: POST /api/cron/publish-due, which every instance calls every 30 seconds.

const request = setUpActionRequests();
const PAGE_CHARS = 2000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let category: Category;

beforeAll(async () => {
  category = await createCategory(request.db, { slug: "wuxia" });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A `datetime-local` value as the author types it, in the site's time zone, `ms` from now (whole minutes). */
function localIn(ms: number): { local: string; at: Date } {
  const at = new Date(Math.ceil((Date.now() + ms) / 60_000) * 60_000);
  return { local: isoToZonedLocal(at, env.SITE_TIME_ZONE), at };
}

function publicBookOf(author: User) {
  return createPublishedBook(request.db, { authorId: author.id, categoryId: category.id, title: "定时的书" });
}

function scheduleNew(bookId: number, publishAt: string, change: Record<string, string> = {}) {
  return formOf({
    bookId: String(bookId),
    title: "定时的一章",
    body: "到点才公开的正文。",
    authorNote: "",
    publishAt,
    intent: "schedule",
    ...change,
  });
}

/** The job's request, as the instance's own timer sends it (lib/scheduler/publish-due.ts). */
function cronRequest(secret: string | null = cronSecret()) {
  return new Request("http://127.0.0.1:3000/api/cron/publish-due", {
    method: "POST",
    headers: secret === null ? {} : { [CRON_SECRET_HEADER]: secret },
  });
}

/** Runs the job at `at` (the handler reads the clock). */
async function runJobAt(at: Date, secret?: string | null) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    const response = await publishDue(cronRequest(secret));
    return {
      status: response.status,
      body: (await response.json()) as unknown,
      cache: response.headers.get("cache-control"),
    };
  } finally {
    vi.useRealTimers();
  }
}

/** What a signed-out reader sees of the book and its chapter. */
async function readerSees(bookId: number, chapterId: number) {
  const [detail, toc, page, latest] = await Promise.all([
    queryBookDetail(request.db, bookId),
    queryTableOfContents(request.db, bookId),
    queryChapterPage(request.db, bookId, chapterId, PAGE_CHARS),
    queryLatestUpdates(request.db, 100),
  ]);
  return {
    inLatestChapters: detail?.latestChapters.some((c) => c.id === chapterId) ?? false,
    inTableOfContents: toc?.volumes.some((v) => v.chapters.some((c) => c.id === chapterId)) ?? false,
    chapterPage: page !== null,
    lastChapterOnCard: latest.find((b) => b.id === bookId)?.lastChapterId === chapterId,
  };
}

const hidden = { inLatestChapters: false, inTableOfContents: false, chapterPage: false, lastChapterOnCard: false };
const shown = { inLatestChapters: true, inTableOfContents: true, chapterPage: true, lastChapterOnCard: true };

describe("scheduling through the actions", () => {
  it("the editor's schedule button stores the instant of the local time and keeps the chapter off the site", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const { local, at } = localIn(2 * DAY);
    const to = await redirectOf(createChapterAction(initialFormState, scheduleNew(book.id, local)));
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id, title: "定时的一章" } });
    expect(to).toBe(`/dashboard/chapters/${chapter.id}?saved=1`);
    expect(chapter).toMatchObject({ status: "SCHEDULED", publishAt: at, publishedAt: null });
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 1,
      wordCount: book.wordCount,
      lastChapterId: book.lastChapterId,
    });
    expect(await readerSees(book.id, chapter.id)).toEqual(hidden);
    expect(request.updatedTags).toEqual([]);
  });

  it("a first chapter scheduled leaves the book itself off the site", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id, categoryId: category.id });
    await redirectOf(createChapterAction(initialFormState, scheduleNew(book.id, localIn(HOUR).local)));
    expect(await queryBookDetail(request.db, book.id)).toBeNull();
    expect(request.updatedTags).toEqual([]);
  });

  it("schedules and reschedules a draft from the editor; a published chapter cannot be scheduled", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const draft = await addChapter(request.db, book.id, { status: "DRAFT" });
    const edit = (chapterId: number, publishAt: string) =>
      formOf({
        chapterId: String(chapterId),
        title: "草稿",
        body: "正文。",
        authorNote: "",
        publishAt,
        intent: "schedule",
      });
    const first = localIn(DAY);
    expect((await updateChapterAction(initialFormState, edit(draft.id, first.local))).status).toBe("success");
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "SCHEDULED",
      publishAt: first.at,
    });
    const later = localIn(3 * DAY);
    await updateChapterAction(initialFormState, edit(draft.id, later.local));
    expect((await request.db.chapter.findUniqueOrThrow({ where: { id: draft.id } })).publishAt).toEqual(later.at);
    expect(request.updatedTags).toEqual([]);

    const published = book.lastChapterId!;
    const state = await changesNothing(request, () =>
      updateChapterAction(initialFormState, edit(published, localIn(DAY).local)),
    );
    expect(state).toMatchObject({ status: "error", message: authoringError("alreadyPublished") });
  });

  it("the bulk form schedules the checked drafts together, or none when one is published", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const a = await addChapter(request.db, book.id, { status: "DRAFT" });
    const b = await addChapter(request.db, book.id, { status: "DRAFT" });
    const { local, at } = localIn(DAY);
    const bulk = (ids: number[]) =>
      formOf({ bookId: String(book.id), action: "schedule", publishAt: local, chapterIds: ids.map(String) });
    const refused = await changesNothing(request, () =>
      bulkChaptersAction(initialFormState, bulk([a.id, book.lastChapterId!])),
    );
    expect(refused.message).toBe(authoringError("alreadyPublished"));
    expect(await bulkChaptersAction(initialFormState, bulk([a.id, b.id]))).toEqual({
      status: "success",
      message: message("dashboard.done"),
    });
    const rows = await request.db.chapter.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(rows.map((r) => [r.status, r.publishAt])).toEqual([
      ["SCHEDULED", at],
      ["SCHEDULED", at],
    ]);
    expect(request.updatedTags).toEqual([]);
  });

  it.each([
    ["no time", "", "publishAtRequired"],
    ["a time in the past", localIn(-HOUR).local, "publishAtPast"],
    ["a time more than a year ahead", localIn(400 * DAY).local, "publishAtTooFar"],
    ["text that is no time", "tomorrow", "invalidDate"],
    ["NUL in the time", "2030-01-01T10:00\u0000", "invalidDate"],
    // Within the year, so that rolled over into a real day they would have been accepted.
    ["a day that does not exist", `${localIn(10 * DAY).local.slice(0, 8)}32T10:00`, "invalidDate"],
    ["an hour that does not exist", `${localIn(2 * DAY).local.slice(0, 11)}24:30`, "invalidDate"],
  ])("refuses to schedule at %s, with a message on the date field", async (_, publishAt, key) => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const state = await changesNothing(request, () =>
      createChapterAction(initialFormState, scheduleNew(book.id, publishAt)),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { publishAt: [authoringError(key)] } });
    expect(state.values?.publishAt).toBe(publishAt);
  });

  it("a forged status cannot schedule or publish: only the pressed button counts", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const draft = await addChapter(request.db, book.id, { status: "DRAFT" });
    const form = formOf({
      chapterId: String(draft.id),
      status: "SCHEDULED",
      publishAt: localIn(DAY).local,
      intent: "save",
    });
    const state = await changesNothing(request, () => updateChapterAction(initialFormState, form));
    expect(state.fieldErrors?.status).toEqual([authoringError("unknownField")]);
  });

  it("publish now and unpublish work on a scheduled chapter", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const chapter = await addChapter(request.db, book.id, { status: "SCHEDULED" });
    const step = (name: string) =>
      chapterRowAction(initialFormState, formOf({ chapterId: String(chapter.id), step: name }));
    expect((await step("unpublish")).status).toBe("success");
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).toMatchObject({
      status: "DRAFT",
      publishAt: null,
    });
    // Unscheduling changed nothing public.
    expect(request.updatedTags).toEqual([]);
    await request.db.chapter.update({
      where: { id: chapter.id },
      data: { status: "SCHEDULED", publishAt: new Date(Date.now() + DAY) },
    });
    expect((await step("publish")).status).toBe("success");
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).toMatchObject({
      status: "PUBLISHED",
      publishAt: null,
    });
    expect(request.updatedTags).toContain(TAGS.chapter(chapter.id));
  });
});

describe("POST /api/cron/publish-due", () => {
  // Each test counts what one run publishes: start from no scheduled chapter (earlier tests left some).
  beforeEach(async () => {
    await request.db.chapter.updateMany({ where: { status: "SCHEDULED" }, data: { status: "DRAFT", publishAt: null } });
  });

  it("refuses a call without the instance's secret, a signed-in admin's included", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    await redirectOf(createChapterAction(initialFormState, scheduleNew(book.id, localIn(HOUR).local)));
    await signedIn(request, "ADMIN");
    for (const secret of [null, "", "guess", cronSecret().slice(0, -1), `${cronSecret()}x`]) {
      const response = await changesNothing(request, () => runJobAt(new Date(Date.now() + DAY), secret));
      expect(response).toEqual({ status: 403, body: { error: "forbidden" }, cache: "no-store" });
    }
    expect(request.revalidatedTags).toEqual([]);
  });

  it("publishes a scheduled chapter once its time has come, at that time, and expires what changed", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const unrelated = await publicBookOf(await createUser(request.db));
    const previousLast = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const { local, at } = localIn(2 * HOUR);
    await redirectOf(createChapterAction(initialFormState, scheduleNew(book.id, local)));
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id, status: "SCHEDULED" } });

    // Before its time: nothing.
    expect((await runJobAt(new Date(at.getTime() - 1000))).body).toEqual({ published: 0 });
    expect(await readerSees(book.id, chapter.id)).toEqual(hidden);
    expect(request.revalidatedTags).toEqual([]);

    const response = await runJobAt(new Date(at.getTime() + 5000));
    expect(response).toEqual({ status: 200, body: { published: 1 }, cache: "no-store" });
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).toMatchObject({
      status: "PUBLISHED",
      publishedAt: at,
      publishAt: null,
    });
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 2,
      wordCount: book.wordCount + 8,
      lastChapterId: chapter.id,
      lastChapterTitle: "定时的一章",
      lastPublishedAt: at,
    });
    expect(await readerSees(book.id, chapter.id)).toEqual(shown);
    // A new last chapter: its page and the previous last one's ("next" link), the book's index
    // pages and the lists; not every page of the book.
    expect([...request.revalidatedTags].sort()).toEqual(
      [
        TAGS.toc(book.id),
        TAGS.chapter(chapter.id),
        TAGS.chapter(previousLast.id),
        TAGS.books,
        TAGS.home,
        TAGS.author(author.id),
        TAGS.category("wuxia"),
      ].sort(),
    );
    expect(request.revalidatedTags).not.toContain(TAGS.toc(unrelated.id));

    // A second run finds nothing left to do.
    expect((await runJobAt(new Date(at.getTime() + 60_000))).body).toEqual({ published: 0 });
  });

  it("publishes what the author left scheduled, not what they took back or trashed since", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const { local, at } = localIn(HOUR);
    for (const title of ["留下", "撤回", "删除"]) {
      await redirectOf(createChapterAction(initialFormState, scheduleNew(book.id, local, { title })));
    }
    const byTitle = async (title: string) => request.db.chapter.findFirstOrThrow({ where: { bookId: book.id, title } });
    const [kept, unscheduled, trashed] = [await byTitle("留下"), await byTitle("撤回"), await byTitle("删除")];
    const step = (chapterId: number, name: string) =>
      chapterRowAction(initialFormState, formOf({ chapterId: String(chapterId), step: name }));
    await step(unscheduled.id, "unpublish");
    await step(trashed.id, "trash");

    expect((await runJobAt(new Date(at.getTime() + 1000))).body).toEqual({ published: 1 });
    const statuses = await request.db.chapter.findMany({
      where: { id: { in: [kept.id, unscheduled.id, trashed.id] } },
      orderBy: { id: "asc" },
      select: { status: true, deletedAt: true },
    });
    expect(statuses.map((c) => [c.status, c.deletedAt !== null])).toEqual([
      ["PUBLISHED", false],
      ["DRAFT", false],
      ["SCHEDULED", true],
    ]);
    expect(await readerSees(book.id, trashed.id)).toMatchObject({ chapterPage: false, inTableOfContents: false });
  });
});

import { beforeAll, describe, expect, it, vi } from "vitest";
import { unsubscribeToken } from "@/lib/data/notices/digest";
import type { User } from "@/lib/generated/prisma/client";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { markAllNoticesReadAction, setNoticeEmailAction, unsubscribeAction } from "./notices";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// The notices' forms through the pipeline: the account page's opt-in, "mark all read", and the
// unsubscribe page's button, which works signed out with the link's token and nothing else.

const request = setUpActionRequests();
let reader: User;
const emailOn = async (id: number) =>
  (await request.db.user.findUniqueOrThrow({ where: { id }, select: { noticeEmail: true } })).noticeEmail;

beforeAll(async () => {
  reader = await createUser(request.db, { role: "READER" });
});

describe("notice actions", () => {
  it("the opt-in box turns the e-mails on and, unticked, off again; back to the account page", async () => {
    await request.signInAs(reader);
    expect(await redirectOf(setNoticeEmailAction(formOf({ noticeEmail: "on" })))).toBe(
      "/account?notices=saved#notice-email",
    );
    expect(await emailOn(reader.id)).toBe(true);
    await redirectOf(setNoticeEmailAction(formOf({})));
    expect(await emailOn(reader.id)).toBe(false);
  });

  it("mark all read reads the signed-in reader's notices only", async () => {
    const author = await createUser(request.db, { role: "AUTHOR" });
    const book = await createBook(request.db, { authorId: author.id });
    const chapter = await addChapter(request.db, book.id);
    const other = await createUser(request.db, { role: "READER" });
    for (const userId of [reader.id, other.id]) {
      await request.db.notice.create({
        data: { userId, bookId: book.id, chapterId: chapter.id, jobId: 1n, updatedAt: new Date() },
      });
    }
    await request.signInAs(reader);
    expect(await redirectOf(markAllNoticesReadAction(formOf({})))).toBe("/notices");
    const notices = await request.db.notice.findMany({ where: { bookId: book.id }, orderBy: { userId: "asc" } });
    expect(notices.map((n) => [n.userId, n.readAt !== null])).toEqual([
      [reader.id, true],
      [other.id, false],
    ]);
  });

  it("unsubscribes signed out with the link's token; another account's token changes nothing", async () => {
    const other = await createUser(request.db, { role: "READER" });
    await request.db.user.updateMany({ where: { id: { in: [reader.id, other.id] } }, data: { noticeEmail: true } });
    request.signOut();
    const forged = formOf({ u: `${reader.id}`, t: unsubscribeToken(other.id) });
    expect(await redirectOf(unsubscribeAction(forged))).toBe("/unsubscribe?error=1");
    expect(await emailOn(reader.id)).toBe(true);
    const real = formOf({ u: `${reader.id}`, t: unsubscribeToken(reader.id) });
    expect(await redirectOf(unsubscribeAction(real))).toBe("/unsubscribe?done=1");
    expect(await emailOn(reader.id)).toBe(false);
    expect(await emailOn(other.id)).toBe(true);
  });
});

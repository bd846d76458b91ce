import { describe, expect, it, vi } from "vitest";
import { GET as epub } from "@/app/(book)/book/[id]/download.epub/route";
import { GET as txt } from "@/app/(book)/book/[id]/download.txt/route";
import { DOWNLOAD_JOB, downloadStep } from "@/lib/downloads/job";
import { runDueJobs } from "@/lib/jobs/queue";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createPublishedBook } from "@/lib/test/fixtures";
import { routeRequest } from "@/lib/test/route-request";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// connection() only marks a route dynamic; outside Next's request scope it would throw.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

// GET /book/<id>/download.txt and .epub as a reader's browser meets them: a page that says the
// file is being prepared (and asks again by itself), then the file with its headers, 304 when
// unchanged, 404 for a book that is not public or whose downloads are off.

const request = setUpActionRequests();

type Route = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
const get = (route: Route, id: string | number, headers: Record<string, string> = {}) =>
  route(routeRequest(`/book/${id}/download`, { method: "GET", headers }), {
    params: Promise.resolve({ id: String(id) }),
  });
const work = () => runDueJobs(request.db, { [DOWNLOAD_JOB]: downloadStep });

describe("the download routes", () => {
  it("say the file is being prepared while the job makes it, then stream it with its headers", async () => {
    const book = await createPublishedBook(request.db, { title: '剑来: 第一部 / "终"', chapters: 3 });
    const first = await get(txt, book.id);
    expect(first.status).toBe(202);
    expect(Object.fromEntries(first.headers)).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      refresh: "5",
      "retry-after": "5",
      "x-robots-tag": "noindex, nofollow",
    });
    const page = await first.text();
    expect(page).toContain("TXT 文件正在生成");
    expect(page).toContain(`<a href="/book/${book.id}/download.txt" rel="nofollow">刷新</a>`);
    // The title is escaped in the page.
    expect(page).toContain("<title>下载《剑来: 第一部 / &quot;终&quot;》</title>");
    await get(txt, book.id);
    expect(await request.db.job.count({ where: { kind: DOWNLOAD_JOB } })).toBe(1);

    await work();
    const file = await get(txt, book.id);
    expect(file.status).toBe(200);
    const body = Buffer.from(await file.arrayBuffer());
    expect(body.toString("utf8")).toMatch(/^\uFEFF剑来: 第一部 \/ "终"\r\n/);
    expect(Object.fromEntries(file.headers)).toMatchObject({
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(body.length),
      "content-disposition": `attachment; filename="book-${book.id}.txt"; filename*=UTF-8''${encodeURIComponent("剑来 第一部 终.txt")}`,
      "cache-control": "no-cache",
      "x-robots-tag": "noindex, nofollow",
      "x-content-type-options": "nosniff",
    });
    const etag = file.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const lastModified = file.headers.get("last-modified")!;
    expect(new Date(lastModified).getTime()).not.toBeNaN();

    expect((await get(txt, book.id, { "if-none-match": etag })).status).toBe(304);
    expect((await get(txt, book.id, { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get(txt, book.id, { "if-none-match": '"other"' })).status).toBe(200);

    // A new chapter is a new version: made again, the old file is not served meanwhile.
    await addChapter(request.db, book.id, { title: "新章" });
    expect((await get(txt, book.id)).status).toBe(202);
    await work();
    const again = await get(txt, book.id);
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).not.toBe(etag);
    expect(await again.text()).toContain("新章");
    expect(await request.db.bookDownload.count({ where: { bookId: book.id, format: "txt" } })).toBe(1);
  });

  it("serve the EPUB as application/epub+zip", async () => {
    const book = await createPublishedBook(request.db, { title: "Plain Title" });
    expect((await get(epub, book.id)).status).toBe(202);
    await work();
    const file = await get(epub, book.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/epub+zip");
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="book-${book.id}.epub"; filename*=UTF-8''Plain%20Title.epub`,
    );
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(30, 58).toString("ascii")).toBe("mimetypeapplication/epub+zip");
  });

  it("answer 404 for a book that is not public, does not exist or has downloads off, and enqueue nothing", async () => {
    const hidden = await createPublishedBook(request.db, { hiddenAt: new Date() });
    const trashed = await createPublishedBook(request.db, { deletedAt: new Date() });
    const unpublished = await createBook(request.db);
    await addChapter(request.db, unpublished.id, { status: "DRAFT" });
    const off = await createPublishedBook(request.db);
    await request.db.book.update({ where: { id: off.id }, data: { downloadsEnabled: false } });
    await request.db.job.deleteMany();
    for (const id of [hidden.id, trashed.id, unpublished.id, off.id, 2_000_000_000, "abc", "01"]) {
      for (const route of [txt, epub]) {
        const answer = await get(route, id);
        expect(answer.status, `book ${id}`).toBe(404);
        expect(answer.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      }
    }
    expect(await request.db.job.count()).toBe(0);
  });

  it("say so when a file could not be made (503, no refresh)", async () => {
    const book = await createPublishedBook(request.db);
    await get(epub, book.id);
    // As the queue leaves a job that failed for good: failedAt set, its key freed.
    await request.db.job.updateMany({ where: { kind: DOWNLOAD_JOB }, data: { failedAt: new Date(), key: null } });
    const answer = await get(epub, book.id);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("refresh")).toBeNull();
    expect(await answer.text()).toContain("EPUB 文件暂时无法生成");
  });
});

import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addPublishedChapters, createBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { GET } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

// The search box's suggestions, as the page the reader is on writes them: a reader on a 繁體 page
// gets titles and pen names in traditional characters (the page was converted on its way out;
// these arrive later, as JSON), and an unknown script is a clear 400.

const request = setUpActionRequests();
const suggest = (query: string) =>
  answerOf(GET(new NextRequest(routeRequest(`/api/search/suggest?${query}`, { method: "GET" }))));

describe("GET /api/search/suggest", () => {
  it("names the books in the script the reader's page is in", async () => {
    const author = await createUser(request.db, { name: "烽火后人" });
    const book = await createBook(request.db, { authorId: author.id, title: "剑来后传" });
    await addPublishedChapters(request.db, book.id, 1);

    const plain = await suggest(`q=${encodeURIComponent("剑来后传")}`);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ items: [{ id: book.id, title: "剑来后传", author: "烽火后人" }] });

    const hant = await suggest(`q=${encodeURIComponent("剑来后传")}&script=hant`);
    expect(hant.body).toMatchObject({
      items: [{ id: book.id, title: "劍來後傳", author: "烽火後人", href: `/book/${book.id}` }],
    });
  });

  it("refuses a script it does not know, saying which it knows", async () => {
    const answer = await suggest("q=x&script=latin");
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: "script must be hans or hant" });
  });
});

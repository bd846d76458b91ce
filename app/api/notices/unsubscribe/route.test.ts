import { describe, expect, it, vi } from "vitest";
import { unsubscribeToken } from "@/lib/data/notices/digest";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { GET, POST } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

const request = setUpActionRequests();
const oneClick = (query: string) =>
  answerOf(
    POST(
      routeRequest(`/api/notices/unsubscribe?${query}`, {
        origin: null,
        raw: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    ),
  );
const emailOn = async (id: number) =>
  (await request.db.user.findUniqueOrThrow({ where: { id }, select: { noticeEmail: true } })).noticeEmail;

describe("POST /api/notices/unsubscribe (RFC 8058 one-click)", () => {
  it("stops the e-mails of the link's account, from a mail client, without a session or an origin", async () => {
    const reader = await createUser(request.db, { role: "READER" });
    await request.db.user.update({ where: { id: reader.id }, data: { noticeEmail: true } });
    expect(await oneClick(`u=${reader.id}&t=${unsubscribeToken(reader.id)}`)).toEqual({
      status: 200,
      body: { unsubscribed: true },
      cacheControl: "no-store",
    });
    expect(await emailOn(reader.id)).toBe(false);
  });

  it("refuses a token of another account, a malformed one or none, changing nothing", async () => {
    const [reader, other] = [await createUser(request.db), await createUser(request.db)];
    await request.db.user.update({ where: { id: reader.id }, data: { noticeEmail: true } });
    expect((await oneClick(`u=${reader.id}&t=${unsubscribeToken(other.id)}`)).status).toBe(404);
    expect((await oneClick(`u=${reader.id}&t=${"<script>"}`)).status).toBe(400);
    expect((await oneClick(`u=${reader.id}`)).status).toBe(400);
    expect((await oneClick(`u=0&t=${unsubscribeToken(0)}`)).status).toBe(400);
    expect(await emailOn(reader.id)).toBe(true);
  });
});

describe("GET /api/notices/unsubscribe (a mail client that opens the link)", () => {
  it("sends the browser to the unsubscribe page, changing nothing", async () => {
    const reader = await createUser(request.db);
    await request.db.user.update({ where: { id: reader.id }, data: { noticeEmail: true } });
    const token = unsubscribeToken(reader.id);
    const response = GET(routeRequest(`/api/notices/unsubscribe?u=${reader.id}&t=${token}`, { method: "GET" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/unsubscribe?u=${reader.id}&t=${token}`);
    expect(await emailOn(reader.id)).toBe(true);
  });
});

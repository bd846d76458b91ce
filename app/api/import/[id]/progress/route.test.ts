import { describe, expect, it, vi } from "vitest";
import { stageImportUpload } from "@/lib/data/authoring/import-upload";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { GET } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// connection() only marks a route dynamic; outside Next's request scope it would throw.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

const request = setUpActionRequests();
const NO_STORE = "private, no-store";

const progress = (id: string) =>
  answerOf(GET(routeRequest(`/api/import/${id}/progress`, { method: "GET" }), { params: Promise.resolve({ id }) }));

async function stagedBy() {
  const owner = await createUser(request.db);
  const bytes = new TextEncoder().encode(`第一章 甲\n${owner.id}\n`);
  const upload = await stageImportUpload(request.db, { id: owner.id, role: owner.role }, { fileName: "a.txt", bytes });
  return { owner, upload };
}

describe("GET /api/import/[id]/progress", () => {
  it("tells the uploader how far the import has got, never stored", async () => {
    const { owner, upload } = await stagedBy();
    await request.signInAs(owner);
    expect(await progress(upload.id)).toEqual({
      status: 200,
      body: { state: "staged", done: 0, total: 0 },
      cacheControl: NO_STORE,
    });
    await request.db.importUpload.update({
      where: { id: upload.id },
      data: { state: "RUNNING", done: 500, total: 3000 },
    });
    expect((await progress(upload.id)).body).toEqual({ state: "running", done: 500, total: 3000 });
  });

  it("answers anyone else exactly like an unknown id, and a signed-out visitor 401", async () => {
    const { upload } = await stagedBy();
    await request.signInAs(await createUser(request.db));
    const unknown = await progress("A".repeat(22));
    expect(unknown).toEqual({ status: 404, body: { error: "not found" }, cacheControl: NO_STORE });
    expect(await progress(upload.id)).toEqual(unknown);
    expect((await progress("..%2F..%2Fetc")).status).toBe(404);

    request.signOut();
    expect(await progress(upload.id)).toMatchObject({ status: 401, cacheControl: NO_STORE });
  });
});

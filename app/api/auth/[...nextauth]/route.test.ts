import { describe, expect, it, vi } from "vitest";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { POST } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

setUpActionRequests();
const context = { params: Promise.resolve({ nextauth: ["session"] }) };

describe("POST /api/auth/*, before next-auth sees it", () => {
  it("refuses another origin", async () => {
    const answer = await answerOf(
      POST(routeRequest("/api/auth/session", { origin: "https://evil.example", json: {} }), context),
    );
    expect(answer.status).toBe(403);
  });

  it("answers a body that claims to be JSON and is not with 400, not next-auth's 500", async () => {
    for (const raw of ["{", "\u0000", '{"a":'])
      expect((await answerOf(POST(routeRequest("/api/auth/callback/credentials", { raw }), context))).status).toBe(400);
  });
});

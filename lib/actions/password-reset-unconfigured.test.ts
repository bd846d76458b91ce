import { afterAll, describe, expect, it, vi } from "vitest";
import { getT } from "@/lib/i18n/messages";
import { formOf, setUpActionRequests } from "@/lib/test/action-harness";
import { createUser } from "@/lib/test/fixtures";
import { requestPasswordResetAction } from "./auth";
import { initialFormState } from "./form-state";

// A site without SMTP_URL sends no mail: asking for a reset link says to ask an administrator
// (npm run user:set-password) and makes no token.

const savedSmtpUrl = vi.hoisted(() => {
  const saved = process.env.SMTP_URL;
  delete process.env.SMTP_URL;
  return saved;
});
afterAll(() => {
  if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
});

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();

describe("password reset on a site that sends no mail", () => {
  it("says to ask an administrator, and makes no link", async () => {
    const user = await createUser(request.db, { role: "READER" });
    const state = await requestPasswordResetAction(initialFormState, formOf({ email: user.email }));
    expect(state).toMatchObject({ status: "error", message: getT()("auth.forgotNotConfigured") });
    await new Promise((r) => setTimeout(r, 200));
    expect(await request.db.passwordResetToken.count()).toBe(0);
  });
});

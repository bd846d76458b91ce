import "server-only";
import type { ResetRequest } from "@/lib/auth/password-reset";
import { RESET_TOKEN_TTL_MS } from "@/lib/auth/password-reset";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/messages";
import { escapeHtml } from "@/lib/reader/html";
import type { Mail } from "./send";

/** The link a reset mail carries. */
export function resetLink(token: string): string {
  return new URL(`/reset-password?token=${token}`, env.SITE_URL).toString();
}

/** The mail with a reset link, in the site's language, as plain text and simple HTML. */
export function passwordResetMail(request: ResetRequest): Mail {
  const t = getT();
  const link = resetLink(request.token);
  const values = { name: request.user.name, site: t("site.name"), minutes: RESET_TOKEN_TTL_MS / 60_000 };
  const lines = [
    t("mail.passwordReset.greeting", values),
    t("mail.passwordReset.body", values),
    link,
    t("mail.passwordReset.expiry", values),
    t("mail.passwordReset.notYou", values),
  ];
  const html = [
    `<p>${escapeHtml(lines[0]!)}</p>`,
    `<p>${escapeHtml(lines[1]!)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p>${escapeHtml(lines[3]!)}</p>`,
    `<p>${escapeHtml(lines[4]!)}</p>`,
  ].join("\n");
  return { to: request.user.email, subject: t("mail.passwordReset.subject", values), text: lines.join("\n\n"), html };
}

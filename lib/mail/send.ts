import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// Outgoing mail through the operator's SMTP server (SMTP_URL). One transport per process, made on
// first use; without SMTP_URL the site sends no mail and the pages that would say so.

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

let transport: Transporter | undefined;

/** Whether this site can send mail at all. */
export function mailConfigured(): boolean {
  return env.SMTP_URL !== undefined;
}

/** The sender: MAIL_FROM, or no-reply at the site's host. */
export function mailFrom(): string {
  return env.MAIL_FROM ?? `no-reply@${new URL(env.SITE_URL).hostname}`;
}

/** Sends one mail; throws when the SMTP server refuses it or cannot be reached. */
export async function sendMail(mail: Mail): Promise<void> {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: this site sends no mail");
  transport ??= nodemailer.createTransport({
    url: env.SMTP_URL,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  await transport.sendMail({ from: mailFrom(), ...mail });
}

/**
 * Makes and sends a mail without holding up the request that asked for it: `compose` (which may
 * read and write the database, and answer null for "no mail after all") runs after the caller
 * goes on, so the answer takes the same time whether or not a mail goes out. A failure is
 * logged, not shown to the visitor.
 */
export function sendMailLater(what: string, compose: () => Promise<Mail | null>): void {
  compose()
    .then(async (mail) => {
      if (!mail) return;
      await sendMail(mail);
      logger.info({ what }, "mail sent");
    })
    .catch((error: unknown) => logger.error({ err: error, what }, "mail could not be sent"));
}

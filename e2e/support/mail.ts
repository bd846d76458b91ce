import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser, type ParsedMail } from "mailparser";

/** Where scripts/e2e-server.ts's SMTP server writes each message the site sends (one .eml file each). */
export const E2E_MAIL_DIR = path.join(fileURLToPath(new URL("../..", import.meta.url)), ".data", "e2e-mail");

/** The mails that reached `to`, oldest first, waiting up to 10 s for at least `atLeast` of them. */
export async function mailsTo(to: string, atLeast = 1): Promise<ParsedMail[]> {
  for (let waited = 0; ; waited += 100) {
    const files = readdirSync(E2E_MAIL_DIR).sort();
    const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(E2E_MAIL_DIR, f)))));
    const mine = mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.text.toLowerCase() === to.toLowerCase());
    if (mine.length >= atLeast || waited >= 10_000) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
}

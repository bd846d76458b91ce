// The server the Playwright suite runs against: `npm start` on a fresh embedded database in
// .data/e2e (never DATABASE_URL, so the suite cannot touch a real database), on E2E_PORT.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";
import { DEMO } from "../e2e/support/accounts";
import { E2E_MAIL_DIR } from "../e2e/support/mail";

const root = fileURLToPath(new URL("..", import.meta.url));
const dataDir = path.join(root, ".data", "e2e");
rmSync(dataDir, { recursive: true, force: true });

// The site's outgoing mail (password reset links) goes to an SMTP server started here, which
// writes each message into E2E_MAIL_DIR for the stories to read (e2e/support/mail.ts).
rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
mkdirSync(E2E_MAIL_DIR, { recursive: true });
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, _session, done) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      writeFileSync(path.join(E2E_MAIL_DIR, `${Date.now()}-${++received}.eml`), Buffer.concat(chunks));
      done();
    });
  },
});
smtp.listen(smtpPort, "127.0.0.1");

const port = process.env.E2E_PORT ?? "3100";
// SITE_URL is the address the suite fetches, so canonical URLs, sitemaps and feeds point at it.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SHUHAI_DATA_DIR: dataDir,
  PORT: port,
  EMBEDDED_DB_PORT: process.env.E2E_DB_PORT ?? "54339",
  SITE_URL: `http://127.0.0.1:${port}`,
  // The suite registers dozens of accounts, all from this machine.
  REGISTER_MAX_PER_IP: "1000",
  // The stories sign in as the demo accounts, so their password is known here, not generated.
  DEMO_PASSWORD: DEMO.password,
  SHUHAI_DEMO: "auto",
  // Every browser of the suite writes from 127.0.0.1 (beacons, progress, publishing).
  WRITE_MAX_PER_MINUTE: "100000",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: "书海 <no-reply@shuhai.test>",
};
delete env.DATABASE_URL;

const child = spawn(
  process.execPath,
  [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/start.ts")],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => {
  smtp.close();
  process.exit(code ?? 1);
});

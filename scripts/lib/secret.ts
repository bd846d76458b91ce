import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * NEXTAUTH_SECRET when set; otherwise the one in `<dir>/secret`, generated on first use and
 * readable only by its owner (0600), so sessions survive restarts without any configuration.
 */
export async function sessionSecret(given: string | undefined, dir: string): Promise<string> {
  const existing = await existingSessionSecret(given, dir);
  if (existing) return existing;
  const file = path.join(dir, "secret");
  await fs.mkdir(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return secret;
}

/** The secret `sessionSecret` would return, without making one: undefined when there is none yet. */
export async function existingSessionSecret(given: string | undefined, dir: string): Promise<string | undefined> {
  if (given) return given;
  const stored = (await fs.readFile(path.join(dir, "secret"), "utf8").catch(() => "")).trim();
  return stored.length >= 32 ? stored : undefined;
}

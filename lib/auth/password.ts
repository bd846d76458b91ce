import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). The parameters are
// stored in every hash, so raising them later still verifies old hashes.
const ARGON2ID = 2 as Algorithm;
export const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes an already validated password (lib/validation/auth.ts caps its size) with a random
 * salt. A fixed `salt` is only for the deterministic demo seed, whose password is public anyway.
 */
export function hashPassword(password: string, salt?: Uint8Array): Promise<string> {
  return hash(password, salt ? { ...ARGON2_OPTIONS, salt } : ARGON2_OPTIONS);
}

/**
 * True when `password` matches `passwordHash`; false for a wrong password or a stored value that
 * is not an argon2 hash (an account without a usable password), which takes as long as a real check.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash.startsWith("$argon2")) return verifyDummyPassword(password);
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash can never match; the account simply cannot sign in with a password.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throw-away hash with the same parameters, so an unknown e-mail address
 * costs as much time as a wrong password and response times do not reveal which accounts exist.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hash("shuhai-dummy-password", ARGON2_OPTIONS);
  await verify(await dummyHash, password).catch(() => false);
  return false;
}

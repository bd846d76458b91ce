import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

// What `next build` reads: when none of it changed, the existing build is current.
const TRACKED = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "next.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const IGNORED_DIRS = new Set(["lib/generated", "node_modules"]);

export const BUILD_HASH_FILE = path.join(".next", "shuhai-build-hash");

// Settings that are compiled into the prerendered pages: changing one needs a new build.
const BUILD_SETTINGS = ["SITE_URL", "SITE_LOCALE", "SITE_TIME_ZONE", "CHAPTER_PAGE_CHARS"] as const;

export async function sourceHash(
  root: string,
  settings: Partial<Record<(typeof BUILD_SETTINGS)[number], unknown>> = {},
): Promise<string> {
  const files: string[] = [];
  for (const entry of TRACKED) await collect(root, entry, files);
  files.sort();
  const hash = createHash("sha256");
  for (const key of BUILD_SETTINGS) hash.update(`${key}=${String(settings[key] ?? "")}\0`);
  for (const file of files) {
    hash
      .update(file)
      .update("\0")
      .update(await fs.readFile(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

async function collect(root: string, rel: string, out: string[]): Promise<void> {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return;
  const stat = await fs.stat(abs);
  if (stat.isFile()) {
    if (!/\.test\.tsx?$/.test(rel)) out.push(rel);
    return;
  }
  if (IGNORED_DIRS.has(rel)) return;
  for (const entry of await fs.readdir(abs)) await collect(root, path.posix.join(rel, entry), out);
}

export async function buildIsCurrent(root: string, hash: string): Promise<boolean> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  const stored = await fs.readFile(path.join(root, BUILD_HASH_FILE), "utf8").catch(() => "");
  return stored.trim() === hash;
}

export async function recordBuild(root: string, hash: string): Promise<void> {
  await fs.writeFile(path.join(root, BUILD_HASH_FILE), `${hash}\n`);
}

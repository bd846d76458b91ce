import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveBookCover } from "@/lib/data/covers";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createUser, createVolume } from "@/lib/test/fixtures";
import { writeEpub } from "./epub";
import { readDownloadBook } from "./source";

// A generated EPUB checked by epubcheck (Debian's `epubcheck`, installed by .ci/run): a book
// with volumes, Chinese and English chapters, characters XML must escape or cannot hold, and a
// cover. Under CI the tool must be there; elsewhere a missing epubcheck skips this file.

const EPUBCHECK_MISSING = "epubcheck is not installed: apt-get install -y epubcheck (.ci/run does this in CI)";

/**
 * How to run epubcheck: Debian's /usr/bin/epubcheck is an executable JAR, which runs only where
 * binfmt_misc knows JARs (not in every container), so the JAR it links to is tried with java too.
 */
function epubcheckCommand(): string[] | null {
  for (const command of [["epubcheck"], ["java", "-jar", "/usr/share/java/epubcheck.jar"]]) {
    const run = spawnSync(command[0]!, [...command.slice(1), "--version"], { encoding: "utf8" });
    if (/EPUBCheck v\d/.test(`${run.stdout}${run.stderr}`)) return command;
  }
  return null;
}

const epubcheck = epubcheckCommand();
const missing = epubcheck === null;
if (missing && process.env.CI) throw new Error(EPUBCHECK_MISSING);
if (missing) console.warn(`skipping lib/downloads/epubcheck.test.ts: ${EPUBCHECK_MISSING}`);

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "shuhai-epub-"));
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(missing)("a generated EPUB", () => {
  it("passes epubcheck without errors or warnings", { timeout: 120_000 }, async () => {
    const author = await createUser(t.db, { name: "作者 & <Co>" });
    const book = await createBook(t.db, {
      authorId: author.id,
      title: "剑来 & <Sword> \u202Eevil",
      intro: "少年离家 & 仗剑天涯。\n<script>alert(1)</script>",
    });
    const one = await createVolume(t.db, book.id, "第一卷 <初入> & 江湖");
    const two = await createVolume(t.db, book.id, "Volume Two");
    await addChapter(t.db, book.id, { title: "序章", body: "没有分卷的序章。" });
    await addChapter(t.db, book.id, {
      volumeId: one.id,
      title: "第一章 出门 & <远行>",
      body: "第一段 & <b>粗</b>。\n第二段\u0001控制\u000B字符\uFFFF，反向\u202E覆盖，表情😀👨‍👩‍👧，生僻字𠀀。",
    });
    await addChapter(t.db, book.id, { volumeId: one.id, title: "第二章", body: "下山。" });
    await addChapter(t.db, book.id, {
      volumeId: two.id,
      title: 'Chapter 3: <Sea> & "Sky"',
      body: "It's calm & blue.\n]]> <!-- -->",
    });
    await addChapter(t.db, book.id, { volumeId: one.id, title: "第四章 回到第一卷", body: "又回来了。" });
    const png = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#884422" } })
      .png()
      .toBuffer();
    await saveBookCover(t.db, { id: author.id, role: author.role }, book.id, png);

    const parts: Buffer[] = [];
    await writeEpub(t.db, (await readDownloadBook(t.db, book.id))!, async (bytes) => void parts.push(bytes));
    const file = path.join(dir, "book.epub");
    await writeFile(file, Buffer.concat(parts));

    const check = spawnSync(epubcheck![0]!, [...epubcheck!.slice(1), file], { encoding: "utf8" });
    const report = `${check.stdout}\n${check.stderr}`;
    expect(report, report).toMatch(/No errors or warnings detected/);
    expect(check.status, report).toBe(0);
  });
});

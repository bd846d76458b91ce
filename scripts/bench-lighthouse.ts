// `npm run bench:lighthouse -- [--url http://127.0.0.1:3000] [--runs 3] [--book 40]`
//
// Lighthouse (mobile defaults: a mid-range phone, simulated slow 4G) on the pages a reader meets
// most: home, a book, its table of contents and its first chapter, against a running site
// (`npm start`), with the system's Chromium. Lighthouse itself is fetched by npx on first use (it
// is a large tool the site does not need, so it is not a dependency). Prints, per page, the
// median of the runs: the four category scores, LCP, TBT, CLS and the JavaScript transferred.
// Scores move with the machine's load: run it on a quiet machine.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { promisify } from "node:util";
import { loopbackUrl } from "./bench/http";

const run = promisify(execFile);
const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    runs: { type: "string", default: "3" },
    book: { type: "string" },
  },
});
const base = loopbackUrl(args.url, "--url");
const runs = Math.max(1, Number(args.runs));
const chromium = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function firstBook(): Promise<string> {
  if (args.book) return args.book;
  const home = await (await fetch(new URL("/", base))).text();
  const id = /href="\/book\/(\d+)"/.exec(home)?.[1];
  if (!id) throw new Error("the home page links to no book: pass --book");
  return id;
}

const book = await firstBook();
const toc = await (await fetch(new URL(`/book/${book}/toc`, base))).text();
const chapter = new RegExp(`href="(/book/${book}/\\d+)"`).exec(toc)?.[1];
const pages = ["/", `/book/${book}`, `/book/${book}/toc`, ...(chapter ? [chapter] : [])];

type Audit = { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } };
type Report = { categories: Record<string, { score: number }>; audits: Record<string, Audit> };

const dir = await mkdtemp(path.join(os.tmpdir(), "shuhai-lighthouse-"));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  console.log("| page | Performance | Accessibility | Best Practices | SEO | LCP s | TBT ms | CLS | JS KiB |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const page of pages) {
    const reports: Report[] = [];
    for (let i = 0; i < runs; i++) {
      const out = path.join(dir, `${reports.length}.json`);
      await run(
        "npx",
        [
          "-y",
          "lighthouse@12",
          new URL(page, base).toString(),
          "--quiet",
          "--chrome-flags=--headless=new --no-sandbox",
          "--only-categories=performance,accessibility,best-practices,seo",
          "--output=json",
          `--output-path=${out}`,
        ],
        { env: { ...process.env, CHROME_PATH: chromium }, maxBuffer: 64 * 1024 * 1024 },
      );
      reports.push(JSON.parse(await readFile(out, "utf8")) as Report);
    }
    const score = (c: string) => median(reports.map((r) => Math.round((r.categories[c]?.score ?? 0) * 100)));
    const audit = (a: string) => median(reports.map((r) => r.audits[a]?.numericValue ?? 0));
    const js = median(
      reports.map(
        (r) =>
          (r.audits["network-requests"]?.details?.items ?? [])
            .filter((item) => item.resourceType === "Script")
            .reduce((sum, item) => sum + (item.transferSize ?? 0), 0) / 1024,
      ),
    );
    console.log(
      `| ${page} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ` +
        `${(audit("largest-contentful-paint") / 1000).toFixed(1)} | ${audit("total-blocking-time").toFixed(0)} | ` +
        `${audit("cumulative-layout-shift").toFixed(3)} | ${js.toFixed(0)} |`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

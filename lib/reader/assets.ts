import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { messages, siteLocale } from "@/lib/i18n/messages";
import { convertText } from "@/lib/i18n/script-convert";
import { SCRIPT_VARIANTS, type ScriptVariant } from "@/lib/i18n/script-variants";

/** A file the reading page loads, served from memory under a name that changes with its content. */
export type Asset = { href: string; type: string; body: Buffer; gzip: Buffer };
export type ReaderAssets = {
  css: Asset;
  js: Asset;
  /** The reading tools, loaded by the script when a reader first opens them (no text: one for every variant). */
  tools: Asset;
  byHref: Map<string, Asset>;
  /** The script of a 繁體 / 简体 page: its UI strings in that script (made on first use). */
  jsIn(variant: ScriptVariant): Asset;
  /** The file at an address, the variants' scripts included (also before a variant page was made). */
  find(href: string): Asset | undefined;
};

export const ASSET_PREFIX = "/_shuhai/";

const STYLESHEET = fileURLToPath(new URL("../../app/globals.css", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./client/reader.ts", import.meta.url));
const TOOLS = fileURLToPath(new URL("./client/tools.ts", import.meta.url));

// The UI strings the script shows; the site has one language, so they are built into the file.
export const CLIENT_MESSAGES = {
  shelf: {
    add: messages.shelf.add,
    onShelf: messages.shelf.onShelf,
    failed: messages.shelf.failed,
    nav: messages.shelf.navShelf,
    chapterPage: messages.shelf.chapterPage,
  },
  book: { continueReading: messages.book.continueReading },
  auth: {
    signIn: messages.auth.signIn,
    register: messages.auth.register,
    account: messages.auth.account,
    signOut: messages.auth.signOut,
  },
  search: { suggestionsCount: messages.search.suggestionsCount, locale: siteLocale as string },
  dashboard: { write: messages.dashboard.write },
  admin: { nav: messages.admin.nav },
  notices: { bell: messages.notices.bell, bellUnread: messages.notices.bellUnread },
  tools: {
    tools: messages.reader.tools,
    readAloud: messages.reader.readAloud,
    autoScroll: messages.reader.autoScroll,
    pause: messages.reader.pause,
    resume: messages.reader.resume,
    stop: messages.reader.stop,
    reading: messages.reader.reading,
    scrolling: messages.reader.scrolling,
    paused: messages.reader.paused,
    bookmarks: messages.reader.bookmarks,
    addBookmark: messages.reader.addBookmark,
    bookmarked: messages.reader.bookmarked,
    noBookmarks: messages.reader.noBookmarks,
    removeBookmark: messages.reader.removeBookmark,
    bookFull: messages.reader.bookmarksFull,
    accountFull: messages.reader.accountBookmarksFull,
    syncFailed: messages.reader.bookmarkFailed,
    paragraphOf: messages.comments.paragraphOf,
  },
  comments: {
    title: messages.comments.title,
    paragraphTitle: messages.comments.paragraphTitle,
    paragraphOf: messages.comments.paragraphOf,
    byAuthor: messages.comments.byAuthor,
    bubble: messages.comments.bubble,
    close: messages.comments.close,
    none: messages.comments.none,
    loadFailed: messages.comments.loadFailed,
    allComments: messages.comments.allComments,
    signInToComment: messages.comments.signInToComment,
    write: messages.comments.write,
    submit: messages.comments.submit,
    like: messages.comments.like,
    report: messages.comments.report,
    reported: messages.comments.reported,
    reasons: messages.comments.reasons,
    moreReplies: messages.comments.moreReplies,
    block: messages.moderation.block,
    blockNamed: messages.moderation.blockNamed,
    blocked: messages.moderation.blockedNotice,
    mute: messages.moderation.mute,
    paraStart: messages.moderation.commentOnParagraph,
    paraStartLabel: messages.moderation.commentOnParagraphLabel,
  },
};

function asset(name: string, ext: string, type: string, body: Buffer): Asset {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  return { href: `${ASSET_PREFIX}${name}.${hash}.${ext}`, type, body, gzip: gzipSync(body, { level: 9 }) };
}

/**
 * The stylesheet (the site's own app/globals.css, minified) and the script (lib/reader/client,
 * bundled and minified with esbuild), made when the server starts: they are small and it takes
 * a few tens of milliseconds.
 */
export async function buildReaderAssets(opts: { minify: boolean }): Promise<ReaderAssets> {
  const script = (entry: string, define: Record<string, string>) =>
    build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      target: "es2019",
      minify: opts.minify,
      legalComments: "none",
      // The UI strings as characters (3 bytes each in UTF-8, not 6 as \uXXXX), which also lets a
      // 繁體 / 简体 copy of the file be made by converting its text (jsIn).
      charset: "utf8",
      define,
      logLevel: "silent",
    }).then((out) => {
      const file = out.outputFiles[0];
      if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
      return Buffer.from(file.contents);
    });
  const [css, toolsBody] = await Promise.all([
    readFile(STYLESHEET, "utf8").then((source) => transform(source, { loader: "css", minify: opts.minify })),
    script(TOOLS, { __READER_TOOLS__: '""' }),
  ]);
  const tools = asset("reader-tools", "js", "text/javascript; charset=utf-8", toolsBody);
  const js = await script(SCRIPT, {
    __READER_MESSAGES__: JSON.stringify(CLIENT_MESSAGES),
    __READER_TOOLS__: JSON.stringify(tools.href),
  });
  const assets = {
    css: asset("site", "css", "text/css; charset=utf-8", Buffer.from(css.code)),
    js: asset("reader", "js", "text/javascript; charset=utf-8", js),
    tools,
  };
  const byHref = new Map([assets.css, assets.js, assets.tools].map((a) => [a.href, a]));
  const variants = new Map<ScriptVariant["key"], Asset>();
  function jsIn(variant: ScriptVariant): Asset {
    let js = variants.get(variant.key);
    if (!js) {
      // The bundle's only Han text is its UI strings: converting the file converts them.
      const body = Buffer.from(convertText(assets.js.body.toString("utf8"), variant));
      js = asset(`reader-${variant.key}`, "js", assets.js.type, body);
      variants.set(variant.key, js);
      byHref.set(js.href, js);
    }
    return js;
  }
  function find(href: string): Asset | undefined {
    const variant = SCRIPT_VARIANTS.find((v) => href.startsWith(`${ASSET_PREFIX}reader-${v.key}.`));
    if (variant) jsIn(variant);
    return byHref.get(href);
  }
  return { ...assets, byHref, jsIn, find };
}

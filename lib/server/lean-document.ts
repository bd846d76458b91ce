// Next's HTML for a page, without Next's and React's scripts: the page as the server rendered it,
// with the site's own small script (the one the reading pages carry, lib/reader/client) in their
// place. For the catalogue pages a reader lands on most (home, a book, its contents), whose only
// interactive parts are the header's account links and the book's 加入书架 / 继续阅读, which that
// script also draws. Hydrating them cost a phone ~150 KiB of JavaScript and ~0.3 s of a busy main
// thread (Lighthouse mobile 88–90); without it they measure like the reading pages.
//
// What goes: Next's script files (`/_next/static/…`) and their preloads, the inline scripts that
// carry the page's React payload (`self.__next_f.push(…)`) and load its chunks (TURBOPACK). What
// stays: every other element, inline script included (the settings script that applies the
// reader's theme before the first paint, JSON-LD), whose text is returned so that the page's
// Content-Security-Policy can allow exactly those. A page that streamed a part after its shell (a
// React `<template id="B:…">` filled by an inline script) is left as it is: without React's
// scripts that part would never show.

const NEXT_SCRIPT_FILE = /<script\b[^>]*\bsrc="\/_next\/[^"]*"[^>]*>\s*<\/script>/g;
const NEXT_SCRIPT_PRELOAD =
  /<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*\bas="script"[^>]*\/?>|<link\b[^>]*\brel="modulepreload"[^>]*\/?>/g;
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const NEXT_INLINE = /^\s*\(?(?:self\.__next_f|globalThis\["TURBOPACK"\]|\(globalThis\["TURBOPACK"\])/;
const STREAMED_PART = /<template id="B:|\$RC\(|\$RS\(/;

/** `html` without Next's scripts and with `<script src={script} defer>`; null when it must keep them. */
export function leanDocument(html: string, script: string): string | null {
  if (STREAMED_PART.test(html) || !html.includes("</head>")) return null;
  const lean = html
    .replace(NEXT_SCRIPT_FILE, "")
    .replace(NEXT_SCRIPT_PRELOAD, (link) => (/href="\/_next\//.test(link) ? "" : link))
    .replace(INLINE_SCRIPT, (whole, attributes: string, text: string) =>
      !/\bsrc=/.test(attributes) && NEXT_INLINE.test(text) ? "" : whole,
    );
  const tag = `<script src="${script.replace(/["&<>]/g, "")}" defer></script>`;
  return lean.replace("</head>", `${tag}</head>`);
}

/** The text of each inline script a page runs (not data blocks such as JSON-LD), for its CSP. */
export function inlineScripts(html: string): string[] {
  const found: string[] = [];
  for (const [, attributes = "", text = ""] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc=/.test(attributes)) continue;
    const type = /\btype="([^"]*)"/.exec(attributes)?.[1]?.toLowerCase();
    if (!type || type === "text/javascript" || type === "module") found.push(text);
  }
  return found;
}

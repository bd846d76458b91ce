import { READER_CHOICES, READER_SETTINGS_SCRIPT, type ReaderChoice } from "@/components/chapter/reader-settings-script";
import { chapterHref, wholeChapterHref } from "@/lib/chapter-links";
import type { ChapterPage } from "@/lib/data/queries/chapters";
import type { BookCard } from "@/lib/data/queries/filters";
import type { Recommendations } from "@/lib/data/queries/recommendations";
import { categoryName, formatDateTime, wordUnit } from "@/lib/i18n/format";
import { getT, variantsEnabled } from "@/lib/i18n/messages";
import { SCRIPT_VARIANTS, variantHref } from "@/lib/i18n/script-variants";
import { chapterMeta } from "@/lib/seo/chapter-metadata";
import { breadcrumbJsonLd, chapterJsonLd } from "@/lib/seo/json-ld";
import { jsonLd, markup, raw, toHtmlString, type SafeHtml } from "./html";
import { metaTags } from "./meta-tags";

// The reading page and its not-found page, as HTML. The markup and class names are those of the
// rest of the site (app/globals.css styles both), so the page looks like the others; what differs
// is that no React runs in the browser: a small script (lib/reader/client) adds the per-reader
// parts after the page has loaded, and reading works without it.

export type Category = { slug: string; name: string; nameEn: string };

/** What every page of the reader shows besides its own content. */
export type Shell = {
  lang: string;
  categories: readonly Category[];
  assets: { css: string; js: string };
};

type Link = { href: string; label: string } | null;

/**
 * Every inline script a page carries, as written into it: the pages' Content-Security-Policy
 * allows exactly these, by hash (handler.ts), besides the site's own files.
 */
export const PAGE_INLINE_SCRIPTS: readonly string[] = [READER_SETTINGS_SCRIPT];

/** What the reading page puts in the site's header: its table of contents, the settings, 简 / 繁. */
type ReaderBar = { tocHref: string; path: string };

function document(shell: Shell, head: SafeHtml, main: SafeHtml, bar?: ReaderBar): string {
  const t = getT();
  const page = markup`<html lang="${shell.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${shell.assets.css}">
${PAGE_INLINE_SCRIPTS.map((script) => markup`<script>${raw(script)}</script>`)}
${head}
<script src="${shell.assets.js}" defer></script>
</head><body id="top"${bar ? raw(' class="reader-page"') : null}><a class="skip-link" href="#main">${t("site.skipToContent")}</a>
${siteHeader(shell.categories, bar)}
<main id="main" class="container">${main}</main>
<footer class="site-footer"><p>${t("site.footer")}</p><a href="#top" class="back-to-top">${t("site.backToTop")}</a></footer>
</body></html>`;
  return `<!DOCTYPE html>${toHtmlString(page)}`;
}

// On the reading page the header is also the reader's bar: on a phone one row of the site's mark,
// 目录, the settings and the account links, so that the text starts near the top of the screen
// (the categories and the search box are for wider screens there).
function siteHeader(categories: readonly Category[], bar?: ReaderBar): SafeHtml {
  const t = getT();
  const nav = categories.map((c) => markup`<a href="/category/${c.slug}">${categoryName(c)}</a>`);
  const tools = bar
    ? markup`<a class="bar-link bar-toc" href="${bar.tocHref}">${t("chapter.toc")}</a>${readerSettings()}${scriptSwitch(bar.path)}`
    : null;
  return markup`<header class="site-header${bar ? raw(" reader-bar") : null}"><div class="container"><a class="site-logo" href="/">${t("site.name")}</a><nav aria-label="${t("site.mainNav")}" class="site-nav"><a href="/">${t("nav.home")}</a><a href="/books">${t("nav.books")}</a><a href="/rank/popular">${t("nav.rank")}</a>${nav}</nav>${tools}<div class="account-nav" data-account-nav></div><form role="search" class="search-form search-form-header" aria-label="${t("search.title")}" action="/search" method="get"><label for="site-search" class="visually-hidden">${t("search.label")}</label><div class="search-combobox"><input id="site-search" type="search" name="q" maxlength="100" placeholder="${t("search.placeholder")}" autocomplete="off" enterkeyhint="search" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="site-search-list"><ul id="site-search-list" role="listbox" aria-label="${t("search.suggestions")}" class="search-suggestions" hidden></ul></div><button type="submit">${t("search.submit")}</button><p class="visually-hidden" role="status"></p></form></div></header>`;
}

/** 简 / 繁 for this page, as components/layout/script-switch.tsx draws it on Next's pages. */
function scriptSwitch(path: string): SafeHtml | null {
  if (!variantsEnabled) return null;
  const t = getT();
  const links = SCRIPT_VARIANTS.map((v) => {
    const [name, text] =
      v.key === "hans"
        ? [t("scriptSwitch.hansName"), t("scriptSwitch.hans")]
        : [t("scriptSwitch.hantName"), t("scriptSwitch.hant")];
    return markup`<a href="${variantHref(v, path)}" hreflang="${v.lang}" aria-label="${name}">${text}</a>`;
  });
  return markup`<span class="script-switch" role="group" aria-label="${t("scriptSwitch.label")}">${links}</span>`;
}

function breadcrumb(items: { href?: string; label: string }[]): SafeHtml {
  const t = getT();
  const all = [{ href: "/", label: t("breadcrumb.home") }, ...items];
  const crumbs = all.map((c, i) =>
    c.href && i < all.length - 1
      ? markup`<li><a href="${c.href}">${c.label}</a></li>`
      : markup`<li><span${i === all.length - 1 ? raw(' aria-current="page"') : null}>${c.label}</span></li>`,
  );
  return markup`<nav aria-label="${t("breadcrumb.label")}" class="breadcrumb"><ol>${crumbs}</ol>${jsonLd(breadcrumbJsonLd(all))}</nav>`;
}

function bookList(books: readonly BookCard[]): SafeHtml {
  const items = books.map(
    (b) =>
      markup`<li><a class="title" href="/book/${b.id}">${b.title}</a><span class="meta">${b.author.name}</span></li>`,
  );
  return markup`<ul class="book-list">${items}</ul>`;
}

function panel(id: string, title: string, body: SafeHtml): SafeHtml {
  return markup`<section class="panel" aria-labelledby="${id}"><div class="panel-head"><h2 id="${id}">${title}</h2></div>${body}</section>`;
}

// Works with the script (which knows the browser's saved settings and marks it data-ready): until
// then, and without it, the control keeps its place unseen, so nothing shifts either way.
function readerSettings(): SafeHtml {
  const t = getT();
  const choice = (setting: ReaderChoice, legend: string) =>
    markup`<fieldset><legend>${legend}</legend>${READER_CHOICES[setting].map(
      (v) =>
        markup`<button type="button" data-setting="${setting}" data-value="${v}" aria-pressed="false">${t(`reader.${v}` as "reader.light")}</button>`,
    )}</fieldset>`;
  return markup`<details class="reader-settings"><summary>${t("reader.settings")}</summary><div class="reader-settings-panel"><fieldset><legend>${t("reader.fontSize")}</legend><button type="button" data-font="-1" aria-label="${t("reader.smaller")}">A−</button><output aria-live="polite" data-testid="font-size"></output><button type="button" data-font="1" aria-label="${t("reader.larger")}">A+</button></fieldset>${choice("theme", t("reader.theme"))}${choice("face", t("reader.face"))}${choice("leading", t("reader.leading"))}${choice("gap", t("reader.gap"))}${choice("width", t("reader.width"))}${choice("taps", t("reader.taps"))}${choice("paging", t("reader.paging"))}${choice("speed", t("reader.speed"))}${choice("atEnd", t("reader.atEnd"))}<fieldset><legend>${t("comments.paragraphTitle")}</legend><button type="button" data-bubbles aria-pressed="true">${t("comments.bubbleSetting")}</button></fieldset></div></details>`;
}

// Previous and next in reading order: sub-page first, then chapter. In the whole-chapter view
// ("all"), the neighbouring chapters' whole views.
function neighbours(chapter: ChapterPage, page: number | "all"): { prev: Link; next: Link } {
  const t = getT();
  const total = chapter.pages.length;
  const bookId = chapter.book.id;
  if (page === "all") {
    return {
      prev: chapter.prev ? { href: wholeChapterHref(bookId, chapter.prev.id), label: t("chapter.prevChapter") } : null,
      next: chapter.next ? { href: wholeChapterHref(bookId, chapter.next.id), label: t("chapter.nextChapter") } : null,
    };
  }
  const prev: Link =
    page > 1
      ? { href: chapterHref(bookId, chapter.id, page - 1), label: t("chapter.prevPage") }
      : chapter.prev
        ? { href: chapterHref(bookId, chapter.prev.id), label: t("chapter.prevChapter") }
        : null;
  const next: Link =
    page < total
      ? { href: chapterHref(bookId, chapter.id, page + 1), label: t("chapter.nextPage") }
      : chapter.next
        ? { href: chapterHref(bookId, chapter.next.id), label: t("chapter.nextChapter") }
        : null;
  return { prev, next };
}

// Links between whole-chapter views are nofollow: crawlers read the chapters' sub-pages.
function chapterNav(bookId: number, { prev, next }: { prev: Link; next: Link }, whole: boolean): SafeHtml {
  const t = getT();
  const before = prev
    ? markup`<a rel="${whole ? "prev nofollow" : "prev"}" href="${prev.href}">${prev.label}</a>`
    : markup`<span>${t("chapter.noPrev")}</span>`;
  const after = next
    ? markup`<a rel="${whole ? "next nofollow" : "next"}" href="${next.href}">${next.label}</a>`
    : markup`<span>${t("chapter.noNext")}</span>`;
  return markup`<nav aria-label="${t("chapter.chapterNav")}" class="chapter-nav"><ul><li>${before}</li><li><a href="/book/${bookId}/toc">${t("chapter.toc")}</a></li><li>${after}</li></ul></nav>`;
}

/**
 * The reading page of sub-page `page` (1-based) of a chapter, or with "all" the whole chapter on
 * one page: not indexed, its canonical address the chapter's own (README "Pages and addresses").
 */
export function renderChapterPage(
  shell: Shell,
  chapter: ChapterPage,
  page: number | "all",
  recommended: Recommendations,
): string {
  const t = getT();
  const { book } = chapter;
  const total = chapter.pages.length;
  const whole = page === "all";
  const links = neighbours(chapter, page);
  const title = total > 1 && !whole ? `${chapter.title}${t("chapter.pageOf", { page, total })}` : chapter.title;
  const here = whole ? wholeChapterHref(book.id, chapter.id) : chapterHref(book.id, chapter.id, page);
  const nav = chapterNav(book.id, links, whole);
  const paragraphs = (whole ? chapter.pages.flat() : (chapter.pages[page - 1] ?? [])).map((p) => markup`<p>${p}</p>`);
  const ending =
    !whole && page < total
      ? markup`<a class="continue-link" href="${chapterHref(book.id, chapter.id, page + 1)}">${t("chapter.continueNext")}</a>`
      : chapter.authorNote
        ? markup`<aside class="author-note" aria-label="${t("chapter.authorNote")}"><h2>${t("chapter.authorNote")}</h2>${chapter.authorNote.split("\n").map((p) => markup`<p>${p}</p>`)}</aside>`
        : null;
  const meta = whole
    ? { ...chapterMeta(chapter, 1), title: `${chapter.title} - ${book.title}`, noindex: true }
    : chapterMeta(chapter, page);
  const head = markup`${metaTags(meta)}
${links.prev ? markup`<link rel="prev" href="${links.prev.href}">` : null}${links.next ? markup`<link rel="next" href="${links.next.href}"><link rel="prefetch" href="${links.next.href}">` : null}`;
  // The script reads what it needs about the page from here: no second request. `starts`: where
  // each sub-page begins, for the position in the whole view.
  const reading = JSON.stringify({
    bookId: book.id,
    chapterId: chapter.id,
    page: whole ? 1 : page,
    title,
    book: book.title,
    chapter: chapter.title,
    ...(whole ? { whole: true, starts: chapter.firstParagraph } : {}),
  });
  const crumbs = breadcrumb([
    { href: `/category/${book.category.slug}`, label: categoryName(book.category) },
    { href: `/book/${book.id}`, label: book.title },
    { label: chapter.title },
  ]);
  const chapterMetaLine = markup`<p class="chapter-meta"><a href="/book/${book.id}">${book.title}</a> · ${book.author.name} · ${t("book.wordsShort", { count: chapter.wordCount, unit: wordUnit(book.language) })} · <time datetime="${chapter.publishedAt?.toISOString()}">${formatDateTime(chapter.publishedAt)}</time></p>`;
  // Without the script a link to sign in and come back; the script makes it a button (signed out,
  // for this browser's shelf).
  const shelf = markup`<div class="reader-actions"><a class="button button-secondary" data-shelf="${book.id}" data-shelf-title="${book.title}" href="/login?next=${encodeURIComponent(here)}">${t("shelf.add")}</a></div>`;
  const recommend = markup`<div class="recommend grid-2">${panel("good-books", t("chapter.goodBooks"), bookList(recommended.popular))}${panel("new-books", t("chapter.newBooks"), bookList(recommended.newest))}</div>`;
  // The other view of this chapter; with the script, following it also changes the reader's setting.
  const otherView = whole
    ? markup`<a href="${chapterHref(book.id, chapter.id)}" data-paging="pages">${t("chapter.pagedView")}</a>`
    : markup`<a href="${wholeChapterHref(book.id, chapter.id)}" rel="nofollow" data-paging="whole">${t("chapter.wholeView")}</a>`;
  const main = markup`${whole ? null : jsonLd(chapterJsonLd(chapter, page))}${crumbs}<article class="reader" aria-labelledby="chapter-title" data-reading="${reading}"><h1 id="chapter-title">${title}</h1>${chapterMetaLine}${shelf}${nav}<div class="chapter-body" data-first="${whole ? 0 : (chapter.firstParagraph[page - 1] ?? 0)}">${paragraphs}</div>${ending}${nav}<p class="chapter-comments"><a href="/book/${book.id}/${chapter.id}/comments" data-comments-link>${t("comments.title")}</a></p><p class="hint"><a href="/book/${book.id}">${t("chapter.backToBook")}</a> · ${otherView} · ${t("chapter.keyboardHint")}</p></article>${recommend}`;
  return document({ ...shell, lang: book.language }, head, main, { tocHref: `/book/${book.id}/toc`, path: here });
}

/** The not-found page for an address under /book/ the reader answers (status 404). */
export function renderNotFoundPage(shell: Shell): string {
  const t = getT();
  const head = markup`<title>${t("errors.notFoundTitle")} - ${t("site.name")}</title>
<meta name="robots" content="noindex">`;
  const main = markup`<section class="error-page panel"><h1>${t("errors.notFoundTitle")}</h1><p>${t("errors.notFoundBody")}</p><p><a class="button" href="/">${t("errors.goHome")}</a></p></section>`;
  return document(shell, head, main);
}

/** The page of a reading page that could not be rendered (the database is away): status 503. */
export function renderUnavailablePage(shell: Shell): string {
  const t = getT();
  const head = markup`<title>${t("errors.errorTitle")} - ${t("site.name")}</title>
<meta name="robots" content="noindex">`;
  const main = markup`<section class="error-page panel"><h1>${t("errors.errorTitle")}</h1><p>${t("errors.errorBody")}</p><p><a class="button" href="">${t("errors.retry")}</a></p></section>`;
  return document(shell, head, main);
}

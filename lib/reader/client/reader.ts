// The reading page's script: everything on the page that depends on the reader rather than on
// the chapter. The page is complete without it (text, links, navigation); this adds the reader
// settings panel, ← → page turns (and taps on touch screens), the floating 返回顶部, the reading position (kept in the browser, and in the account
// when signed in), the read count, the header's account links and the shelf button. Bundled by
// esbuild when the server starts (lib/reader/assets.ts); a few kilobytes, no framework.
import { isOnLocalShelf, setOnLocalShelf } from "@/components/book/local-shelf";
import { fetchOnShelf, setOnShelf } from "@/components/book/shelf-api";
import { mergeBrowserState, resetProgressMerge } from "@/components/chapter/browser-merge";
import { PROGRESS_EVENT, readProgress, writeProgress } from "@/components/chapter/progress-store";
import { chapterHref } from "@/lib/chapter-links";
import { queueProgressSync } from "@/components/chapter/progress-sync";
import { READER_CHOICES, type ReaderChoice } from "@/components/chapter/reader-settings-script";
import { applySettings, loadSettings, MAX_FONT, MIN_FONT } from "@/components/chapter/reader-settings-store";
import { sendChapterView } from "@/components/chapter/view-beacon";
import { loadSessionState, type SessionUser } from "@/components/layout/session-store";
import type { CLIENT_MESSAGES } from "../assets";
import type { BookmarkReading } from "./bookmarks";
import { setUpComments } from "./comments";
import { fill } from "./fill";
import { firstInView } from "./paragraphs";
import { setUpDock, setUpPaging } from "./dock";
import { setUpSearch } from "./search";
import { inCurrentVariant } from "@/lib/i18n/script-variants";

declare const __READER_MESSAGES__: typeof CLIENT_MESSAGES;
const m = __READER_MESSAGES__;

type Reading = BookmarkReading & { title: string; book: string; whole?: boolean };

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  if (text !== undefined) el.textContent = text;
  return el;
}

function setUpSettings(): void {
  const panel = document.querySelector<HTMLDetailsElement>("details.reader-settings");
  if (!panel) return;
  const show = () => {
    const s = loadSettings();
    const size = panel.querySelector("output");
    if (size) size.textContent = String(s.font);
    for (const button of panel.querySelectorAll<HTMLButtonElement>("button")) {
      const { font, setting, value } = button.dataset;
      if (font) button.disabled = font === "-1" ? s.font <= MIN_FONT : s.font >= MAX_FONT;
      if (setting) button.setAttribute("aria-pressed", String(s[setting as ReaderChoice] === value));
    }
  };
  panel.addEventListener("click", (event) => {
    const button = (event.target as Element).closest("button");
    if (!button) return;
    const s = loadSettings();
    const { font, setting, value } = button.dataset;
    if (font) s.font = Math.min(MAX_FONT, Math.max(MIN_FONT, s.font + Number(font)));
    else if (setting && setting in READER_CHOICES) (s as Record<string, unknown>)[setting] = value;
    else return;
    applySettings(s);
    show();
  });
  // Escape closes the open panel and gives the focus back to its summary; so does a click elsewhere.
  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !panel.open) return;
    panel.open = false;
    panel.querySelector("summary")?.focus();
  });
  document.addEventListener("click", (event) => {
    if (panel.open && !panel.contains(event.target as Node)) panel.open = false;
  });
  show();
  panel.dataset.ready = "";
}

// On a touch screen a tap on the left or right third of the text turns the page (a reader
// setting); the middle, links, controls and a selection are left alone.
function setUpTaps(): void {
  const body = document.querySelector<HTMLElement>(".chapter-body");
  const prev = document.querySelector<HTMLLinkElement>('link[rel="prev"]')?.href;
  const next = document.querySelector<HTMLLinkElement>('link[rel="next"]')?.href;
  if (!body || !window.matchMedia("(pointer: coarse)").matches) return;
  body.addEventListener("click", (event) => {
    if (loadSettings().taps !== "on" || event.defaultPrevented) return;
    if ((event.target as Element).closest("a, button, input, textarea, select, summary, [role=dialog], .para-panel"))
      return;
    if (window.getSelection()?.toString()) return;
    const x = event.clientX / window.innerWidth;
    const href = x < 0.3 ? prev : x > 0.7 ? next : undefined;
    if (href) window.location.assign(href);
  });
}

// 返回顶部 sits in the footer; after a long way down it also floats at the corner, but only while
// the reader scrolls back up (it would cover the text while reading on). The same scrolling tells
// the page when the reader is reading on down, for the tools' dock.
function setUpBackToTop(): void {
  const link = document.querySelector<HTMLElement>(".back-to-top");
  if (!link) return;
  let last = window.scrollY;
  let queued = false;
  window.addEventListener(
    "scroll",
    () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        const y = window.scrollY;
        link.classList.toggle("floating", y < last && y > window.innerHeight * 1.5);
        // Reading on down a phone's screen, the tools' dock steps aside too (app/globals.css).
        if (y !== last) document.body.classList.toggle("reading-down", y > last && y > 200);
        last = y;
      });
    },
    { passive: true },
  );
}

// ← and → turn pages, unless the reader is typing or holds a modifier key.
function setUpKeys(): void {
  const prev = document.querySelector<HTMLLinkElement>('link[rel="prev"]')?.href;
  const next = document.querySelector<HTMLLinkElement>('link[rel="next"]')?.href;
  window.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const href = event.key === "ArrowLeft" ? prev : event.key === "ArrowRight" ? next : undefined;
    if (href) {
      event.preventDefault();
      window.location.assign(href);
    }
  });
}

function showAccount(user: SessionUser | null): void {
  const nav = document.querySelector<HTMLElement>("[data-account-nav]");
  if (!nav) return;
  // Next's pages served without React keep the island's empty, hidden place until now.
  nav.removeAttribute("aria-hidden");
  const links: [string, string][] = user
    ? [
        ["/shelf", m.shelf.nav],
        ["/account", user.name],
        ["/dashboard", m.dashboard.write],
        ...(user.role === "ADMIN" ? [["/admin", m.admin.nav] as [string, string]] : []),
      ]
    : [
        ["/login", m.auth.signIn],
        ["/register", m.auth.register],
      ];
  nav.replaceChildren(
    ...(user ? [noticeBell(user.unreadNotices ?? 0)] : []),
    ...links.flatMap(([href, label], i) => [
      ...(i > 0 && !user ? [element("span", { className: "account-sep" }, " / ")] : []),
      element("a", { href, ...(href === "/account" ? { className: "account-name", title: label } : {}) }, label),
    ]),
    ...(user ? [signOutForm()] : []),
  );
}

/**
 * 退出登录: next-auth's own sign-out (a POST with its CSRF token, asked for on the click, answered
 * as JSON rather than with a redirect to the configured site address), which ends the session as
 * the header's server action does on the React pages; then home, on the address the reader is on.
 */
function signOutForm(): HTMLFormElement {
  const form = element("form", { method: "post", action: "/api/auth/signout" });
  form.append(element("button", { type: "submit", className: "link-button" }, m.auth.signOut));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    fetch("/api/auth/csrf")
      .then((r) => r.json() as Promise<{ csrfToken?: string }>)
      .then(({ csrfToken }) =>
        fetch("/api/auth/signout", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrfToken: csrfToken ?? "", callbackUrl: "/", json: "true" }),
        }),
      )
      .then((r) => (r.ok ? (r.json() as Promise<{ url?: string }>) : null))
      .then((answer) => {
        // A refused token answers with the address of next-auth's own sign-out page.
        if (!answer || answer.url?.includes("csrf=true")) return;
        resetProgressMerge();
        window.location.assign(inCurrentVariant("/"));
      })
      .catch(() => {
        // Offline: the button stays, and a second click tries again.
      });
  });
  return form;
}

/** The header's bell, as components/layout/account-nav.tsx draws it. */
function noticeBell(unread: number): HTMLAnchorElement {
  const bell = element("a", { href: "/notices", className: "notice-bell" });
  bell.dataset.testid = "notice-bell";
  const shown = unread >= 99 ? "99+" : String(unread); // countUnreadNotices counts at most 99
  bell.setAttribute("aria-label", unread > 0 ? fill(m.notices.bellUnread, { count: shown }) : m.notices.bell);
  bell.innerHTML =
    '<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2">' +
    '<path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>';
  if (unread > 0) bell.append(element("span", { className: "notice-count" }, shown));
  return bell;
}

function showShelfButton(user: SessionUser | null): void {
  const link = document.querySelector<HTMLAnchorElement>("a[data-shelf]");
  if (!link) return;
  const bookId = Number(link.dataset.shelf);
  const button = element(
    "button",
    { type: "button", className: "button button-secondary shelf-button", disabled: true },
    m.shelf.add,
  );
  button.dataset.testid = "shelf-button";
  const error = element("span", { className: "form-error", hidden: true }, m.shelf.failed);
  error.setAttribute("role", "alert");
  let on = false;
  const show = (value: boolean) => {
    on = value;
    button.textContent = value ? m.shelf.onShelf : m.shelf.add;
    button.disabled = false;
  };
  if (!user) {
    // Signed out: this browser's shelf, merged into the account at sign-in.
    show(isOnLocalShelf(bookId));
    button.addEventListener("click", () => {
      setOnLocalShelf({ bookId, title: link.dataset.shelfTitle ?? "" }, !on);
      show(!on);
    });
    link.replaceWith(button);
    return;
  }
  button.addEventListener("click", () => {
    const adding = !on;
    button.disabled = true;
    error.hidden = true;
    setOnShelf(bookId, adding).then(
      () => show(adding),
      () => {
        show(!adding);
        error.hidden = false;
      },
    );
  });
  link.replaceWith(button, error);
  fetchOnShelf(bookId).then(
    (value) => value !== null && show(value),
    () => {
      // Offline: the button stays disabled, as it was.
    },
  );
}

/**
 * 继续阅读 on a book page, from this browser's position in the book, as continue-reading.tsx draws
 * it; drawn again when the position changes (the account's, merged after signing in, or another tab's).
 */
function showContinueReading(): void {
  let place = document.querySelector<HTMLElement>("[data-continue-reading]");
  const bookId = Number(place?.dataset.continueReading);
  if (!place || !(bookId > 0)) return;
  const draw = () => {
    const progress = readProgress(bookId);
    if (!place || !progress) return;
    const link = element(
      "a",
      { className: "button button-secondary", href: chapterHref(bookId, progress.chapterId, progress.page) },
      fill(m.book.continueReading, { title: progress.title }),
    );
    link.dataset.testid = "continue-reading";
    place.replaceWith(link);
    place = link;
  };
  draw();
  window.addEventListener(PROGRESS_EVENT, draw);
  window.addEventListener("storage", draw);
}

// In the whole-chapter view the position is the sub-page the reader has scrolled to (the shelf and
// history link the sub-page, which sends a reader who reads whole chapters back here).
function followWholeView(reading: Reading): void {
  let page = reading.page;
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener(
    "scroll",
    () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const p = firstInView();
        const now = Math.max(1, (reading.starts ?? []).filter((s) => p && s <= p.index).length);
        if (now === page) return;
        page = now;
        const at = Date.now();
        writeProgress(reading.bookId, {
          chapterId: reading.chapterId,
          page,
          title: reading.title,
          book: reading.book,
          at,
        });
        queueProgressSync({ bookId: reading.bookId, chapterId: reading.chapterId, page, at });
      }, 500);
    },
    { passive: true },
  );
}

function start(): void {
  const article = document.querySelector<HTMLElement>("[data-reading]");
  const reading = article ? (JSON.parse(article.dataset.reading!) as Reading) : null;
  if (reading && setUpPaging(reading.whole === true, reading)) return;
  setUpSettings();
  setUpKeys();
  setUpTaps();
  setUpBackToTop();
  setUpSearch(m.search);
  showContinueReading();
  if (reading) {
    const at = Date.now();
    writeProgress(reading.bookId, {
      chapterId: reading.chapterId,
      page: reading.page,
      title: reading.title,
      book: reading.book,
      at,
    });
    queueProgressSync({ bookId: reading.bookId, chapterId: reading.chapterId, page: reading.page, at });
    sendChapterView(reading.bookId, reading.chapterId);
    if (reading.whole) followWholeView(reading);
  }
  // Never rejects without an abort signal: offline reads as signed out.
  const session = loadSessionState().then((state) => {
    const user = state.status === "ready" ? state.user : null;
    showAccount(user);
    showShelfButton(user);
    if (user) mergeBrowserState(user.id, (title, page) => fill(m.shelf.chapterPage, { title, page }));
    return user?.id ?? null;
  });
  if (reading) {
    setUpComments(reading, session);
    setUpDock(
      reading,
      session.then((id) => id !== null),
      m.tools,
    );
  }
}

start();

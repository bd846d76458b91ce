// Bookmarks (书签) on the reading page: the paragraph at the top of the screen is marked from the
// reading tools, and the book's bookmarks are listed there to jump to (#p-<paragraph>). Kept in
// the browser (components/chapter/bookmark-store.ts); signed in, also in the account: what the
// browser kept is merged into it once per page (POST /api/bookmarks/merge) before the list is
// shown or changed, and each change is sent as it is made.
import { chapterHref } from "@/lib/chapter-links";
import {
  BOOKMARKS_PER_ACCOUNT,
  BOOKMARKS_PER_BOOK,
  readBookmarks,
  SNIPPET_MAX,
  writeBookmarks,
  type StoredBookmark,
} from "@/components/chapter/bookmark-store";
import { loadSettings } from "@/components/chapter/reader-settings-store";
import type { CLIENT_MESSAGES } from "../assets";
import { inCurrentVariant } from "@/lib/i18n/script-variants";
import { fill } from "./fill";
import { firstInView, paragraphText, showLinkedParagraph } from "./paragraphs";

type Messages = (typeof CLIENT_MESSAGES)["tools"];
export type BookmarkReading = { bookId: number; chapterId: number; page: number; chapter: string; starts?: number[] };

const JSON_HEADERS = { "Content-Type": "application/json" };

export function bookmarkSection(reading: BookmarkReading, signedIn: Promise<boolean>, m: Messages): HTMLElement {
  const { bookId } = reading;
  const section = document.createElement("section");
  section.className = "dock-bookmarks";
  section.innerHTML = '<h2></h2><button type="button" class="dock-add"></button><p role="status"></p><ul></ul>';
  const [title, add, status, list] = Array.from(section.children) as [
    HTMLElement,
    HTMLButtonElement,
    HTMLElement,
    HTMLElement,
  ];
  title.textContent = m.bookmarks;
  add.textContent = m.addBookmark;
  const say = (text: string) => (status.textContent = text);

  let synced: Promise<void> | null = null;
  const sync = () =>
    (synced ??= signedIn.then(async (yes) => {
      if (!yes) return;
      const bookmarks = readBookmarks(bookId).map(({ chapterId, paragraph, page, snippet }) => ({
        chapterId,
        paragraph,
        page,
        snippet,
      }));
      try {
        const response = await fetch("/api/bookmarks/merge", {
          method: "POST",
          headers: JSON_HEADERS,
          body: JSON.stringify({ bookId, bookmarks }),
        });
        if (response.ok) writeBookmarks(bookId, ((await response.json()) as { bookmarks: StoredBookmark[] }).bookmarks);
      } catch {
        // Offline: the browser's bookmarks stay as they are and merge on a later page.
      }
      show();
    }));

  const href = (b: StoredBookmark) =>
    inCurrentVariant(
      `${loadSettings().paging === "whole" ? `/book/${bookId}/${b.chapterId}/all` : chapterHref(bookId, b.chapterId, b.page)}#p-${b.paragraph}`,
    );

  function show() {
    const all = readBookmarks(bookId);
    list.replaceChildren(
      ...all.map((b) => {
        const item = document.createElement("li");
        const link = Object.assign(document.createElement("a"), { href: href(b) });
        link.textContent = `${b.chapterTitle} · ${fill(m.paragraphOf, { n: b.paragraph + 1 })} · ${b.snippet}`;
        const remove = Object.assign(document.createElement("button"), { type: "button", textContent: "×" });
        remove.setAttribute("aria-label", fill(m.removeBookmark, { snippet: b.snippet }));
        remove.addEventListener("click", () => {
          writeBookmarks(
            bookId,
            readBookmarks(bookId).filter((x) => x !== b && !same(x, b)),
          );
          show();
          void signedIn.then((yes) =>
            yes
              ? fetch("/api/bookmarks", {
                  method: "DELETE",
                  headers: JSON_HEADERS,
                  body: JSON.stringify({ chapterId: b.chapterId, paragraph: b.paragraph }),
                }).catch(() => say(m.syncFailed))
              : undefined,
          );
        });
        // The same page: the link only changes the address's fragment, so scroll here.
        link.addEventListener("click", () => setTimeout(showLinkedParagraph));
        item.append(link, remove);
        return item;
      }),
    );
    if (all.length === 0) list.append(Object.assign(document.createElement("li"), { textContent: m.noBookmarks }));
  }

  add.addEventListener("click", async () => {
    const p = firstInView();
    if (!p) return;
    const starts = reading.starts ?? [];
    const page = starts.length ? starts.filter((s) => s <= p.index).length : reading.page;
    const bookmark: StoredBookmark = {
      chapterId: reading.chapterId,
      chapterTitle: reading.chapter,
      paragraph: p.index,
      page: Math.max(1, page),
      snippet: paragraphText(p).slice(0, SNIPPET_MAX) || "…",
      at: Date.now(),
    };
    await sync();
    const all = readBookmarks(bookId);
    if (!all.some((b) => same(b, bookmark))) {
      if (all.length >= BOOKMARKS_PER_BOOK) return say(fill(m.bookFull, { max: BOOKMARKS_PER_BOOK }));
      writeBookmarks(bookId, [...all, bookmark]);
    }
    say(fill(m.bookmarked, { snippet: bookmark.snippet }));
    show();
    if (!(await signedIn)) return;
    const body = {
      bookId,
      chapterId: bookmark.chapterId,
      paragraph: bookmark.paragraph,
      page: bookmark.page,
      snippet: bookmark.snippet,
    };
    const response = await fetch("/api/bookmarks", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    }).catch(() => null);
    if (response?.status === 409) {
      const { code } = (await response.json()) as { code?: string };
      writeBookmarks(
        bookId,
        readBookmarks(bookId).filter((b) => !same(b, bookmark)),
      );
      show();
      say(
        code === "ACCOUNT_FULL"
          ? fill(m.accountFull, { max: BOOKMARKS_PER_ACCOUNT })
          : fill(m.bookFull, { max: BOOKMARKS_PER_BOOK }),
      );
    } else if (!response?.ok) say(m.syncFailed);
  });

  show();
  section.addEventListener("shuhai:open", () => void sync());
  return section;
}

const same = (a: StoredBookmark, b: StoredBookmark) => a.chapterId === b.chapterId && a.paragraph === b.paragraph;

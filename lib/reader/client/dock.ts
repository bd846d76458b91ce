// The reading tools' dock, at the screen's lower left (fixed, so it moves nothing), and the
// whole-chapter view as a reader setting. The tools themselves (tools.ts) are a file of their own,
// loaded when the reader first opens the dock or a page turn asks a tool to run on: most readers
// never use them, and the reader's script stays small.
import { applySettings, loadSettings, READER_SETTINGS_EVENT } from "@/components/chapter/reader-settings-store";
import type { CLIENT_MESSAGES } from "../assets";
import type { BookmarkReading } from "./bookmarks";
import { inCurrentVariant } from "@/lib/i18n/script-variants";
import { firstInView, showLinkedParagraph } from "./paragraphs";
import type { DockParts, Tools } from "./tools";

declare const __READER_TOOLS__: string;

/** Which tool runs on after a page turn it made (sessionStorage: this tab only). */
export const CONTINUE_KEY = "shuhai:continue";

export function takeContinue(remove = true): string | null {
  try {
    const going = sessionStorage.getItem(CONTINUE_KEY);
    if (remove) sessionStorage.removeItem(CONTINUE_KEY);
    return going;
  } catch {
    // Storage disabled: nothing runs on.
    return null;
  }
}

/**
 * Sends the reader to the view their paging setting asks for (true when it does, before anything
 * else on the page is set up): a sub-page to the whole chapter (at the sub-page's first
 * paragraph), and the whole chapter back to the sub-page in view when they change the setting
 * there. The links between the two views set it too.
 */
export function setUpPaging(whole: boolean, here: { bookId: number; chapterId: number; starts?: number[] }): boolean {
  const go = (replace: boolean) => {
    const p = firstInView();
    let href: string | null = null;
    if (!whole && loadSettings().paging === "whole") {
      href = inCurrentVariant(
        `/book/${here.bookId}/${here.chapterId}/all${window.location.hash || (p ? `#p-${p.index}` : "")}`,
      );
    } else if (whole && loadSettings().paging === "pages") {
      const page = p && here.starts ? here.starts.filter((s) => s <= p.index).length : 1;
      href = inCurrentVariant(`/book/${here.bookId}/${here.chapterId}${page > 1 ? `/${page}` : ""}#p-${p?.index ?? 0}`);
    }
    if (href) window.location[replace ? "replace" : "assign"](href);
    return href !== null;
  };
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-paging]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const settings = loadSettings();
      const before = settings.paging;
      settings.paging = link.dataset.paging === "whole" ? "whole" : "pages";
      applySettings(settings);
      if (settings.paging === before) window.location.assign(link.href);
    });
  }
  // Only a change of this setting moves the reader (not a font size chosen in the whole view).
  let paging = loadSettings().paging;
  window.addEventListener(READER_SETTINGS_EVENT, () => {
    if (loadSettings().paging === paging) return;
    paging = loadSettings().paging;
    go(false);
  });
  return !whole && go(true);
}

export function setUpDock(
  reading: BookmarkReading,
  signedIn: Promise<boolean>,
  m: (typeof CLIENT_MESSAGES)["tools"],
): void {
  showLinkedParagraph();
  const dock = document.createElement("div");
  dock.className = "reader-dock";
  const run = document.createElement("div");
  run.className = "dock-run";
  run.hidden = true;
  const panel = document.createElement("div");
  panel.className = "dock-panel";
  panel.id = "reader-tools";
  panel.hidden = true;
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "dock-toggle";
  toggle.textContent = m.tools;
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", panel.id);
  dock.append(run, panel, toggle);
  document.body.append(dock);

  let tools: Promise<Tools> | null = null;
  const load = () =>
    (tools ??= new Promise<Tools>((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: __READER_TOOLS__ });
      script.onload = () => {
        const setUp = (window as unknown as { shuhaiReaderTools: (...args: unknown[]) => Tools }).shuhaiReaderTools;
        resolve(setUp({ dock, run, panel } satisfies DockParts, reading, signedIn, m));
      };
      script.onerror = () => {
        tools = null;
        reject(new Error("the reading tools did not load"));
      };
      document.head.append(script);
    }));
  const open = (value: boolean) => {
    if (value && !tools) {
      load().then(
        () => open(true),
        () => {
          // Offline: the dock stays closed; the next click tries again.
        },
      );
      return;
    }
    panel.hidden = !value;
    toggle.setAttribute("aria-expanded", String(value));
    if (value) void tools?.then((t) => t.opened());
  };
  toggle.addEventListener("click", () => open(panel.hidden));
  dock.addEventListener("shuhai:dock", (event) => open((event as CustomEvent<boolean>).detail));
  dock.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      open(false);
      toggle.focus();
    }
  });
  if (takeContinue(false)) void load().catch(() => {});
}

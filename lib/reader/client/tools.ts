// The reading tools: a small dock at the screen's corner (fixed, so it moves nothing) with
// bookmarks, read-aloud and auto-scroll, and the whole-chapter view as a reader setting.
// Read-aloud uses the browser's speechSynthesis and shows only where the browser has a voice for
// the page's language; auto-scroll is not offered to readers who ask for reduced motion. Both
// stop at the end of the page, or go on to the next page when the reader's setting says so.
import { applySettings, loadSettings, READER_SETTINGS_EVENT } from "@/components/chapter/reader-settings-store";
import type { CLIENT_MESSAGES } from "../assets";
import { bookmarkSection, showLinkedParagraph, type BookmarkReading } from "./bookmarks";
import { firstInView, pageParagraphs, paragraphText, variantPrefix, type Paragraph } from "./paragraphs";

type Messages = (typeof CLIENT_MESSAGES)["tools"];
type Tool = "aloud" | "scroll";

/** Which tool runs on after a page turn it made (sessionStorage: this tab only). */
const CONTINUE_KEY = "shuhai:continue";
/** Pixels a second, by the reader's speed setting. */
const SPEEDS = { slow: 20, normal: 40, fast: 80 } as const;

const nextHref = () => document.querySelector<HTMLLinkElement>('link[rel="next"]')?.href;

function button(text: string, className?: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (className) b.className = className;
  return b;
}

/**
 * Sends the reader to the view their paging setting asks for (true when it does, before anything
 * else on the page is set up): a sub-page to the whole chapter
 * (at the sub-page's first paragraph), and the whole chapter back to the sub-page in view when
 * they change the setting there. The links between the two views set it too.
 */
export function setUpPaging(whole: boolean, here: { bookId: number; chapterId: number; starts?: number[] }): boolean {
  const go = (replace: boolean) => {
    const p = firstInView();
    let href: string | null = null;
    if (!whole && loadSettings().paging === "whole") {
      href = `${variantPrefix()}/book/${here.bookId}/${here.chapterId}/all${window.location.hash || (p ? `#p-${p.index}` : "")}`;
    } else if (whole && loadSettings().paging === "pages") {
      const page = p && here.starts ? here.starts.filter((s) => s <= p.index).length : 1;
      href = `${variantPrefix()}/book/${here.bookId}/${here.chapterId}${page > 1 ? `/${page}` : ""}#p-${p?.index ?? 0}`;
    }
    if (href) window.location[replace ? "replace" : "assign"](href);
    return href !== null;
  };
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-paging]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const settings = loadSettings();
      settings.paging = link.dataset.paging === "whole" ? "whole" : "pages";
      applySettings(settings);
    });
  }
  window.addEventListener(READER_SETTINGS_EVENT, () => go(false));
  return !whole && go(true);
}

export function setUpTools(
  reading: BookmarkReading & { whole?: boolean },
  signedIn: Promise<boolean>,
  m: Messages,
): void {
  showLinkedParagraph();

  const dock = document.createElement("div");
  dock.className = "reader-dock";
  const run = document.createElement("div");
  run.className = "dock-run";
  run.hidden = true;
  const state = document.createElement("span");
  state.setAttribute("role", "status");
  const pause = button(m.pause);
  const stop = button(m.stop);
  run.append(state, pause, stop);
  const toggle = button(m.tools, "dock-toggle");
  toggle.setAttribute("aria-expanded", "false");
  const panel = document.createElement("div");
  panel.className = "dock-panel";
  panel.id = "reader-tools";
  panel.hidden = true;
  toggle.setAttribute("aria-controls", panel.id);
  const aloudButton = button(m.readAloud);
  aloudButton.hidden = true;
  const scrollButton = button(m.autoScroll);
  scrollButton.hidden = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const bookmarks = bookmarkSection(reading, signedIn, m);
  panel.append(aloudButton, scrollButton, bookmarks);
  dock.append(run, panel, toggle);
  document.body.append(dock);

  const open = (value: boolean) => {
    panel.hidden = !value;
    toggle.setAttribute("aria-expanded", String(value));
    if (value) bookmarks.dispatchEvent(new Event("shuhai:open"));
  };
  toggle.addEventListener("click", () => open(panel.hidden));
  dock.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      open(false);
      toggle.focus();
    }
  });

  // What runs now, and how to pause, resume and stop it.
  let active: { tool: Tool; paused: boolean; pause(): void; resume(): void; stop(): void } | null = null;
  const showRun = () => {
    run.hidden = !active;
    if (!active) return;
    state.textContent = active.paused ? m.paused : active.tool === "aloud" ? m.reading : m.scrolling;
    pause.textContent = active.paused ? m.resume : m.pause;
  };
  pause.addEventListener("click", () => {
    if (!active) return;
    if (active.paused) active.resume();
    else active.pause();
    active.paused = !active.paused;
    showRun();
  });
  const end = (finished: boolean, tool: Tool) => {
    active?.stop();
    active = null;
    showRun();
    const next = nextHref();
    if (finished && next && loadSettings().atEnd === "turn") {
      try {
        sessionStorage.setItem(CONTINUE_KEY, tool);
      } catch {
        // Storage disabled: the next page opens, without the tool running on.
      }
      window.location.assign(next);
    }
  };
  stop.addEventListener("click", () => end(false, "aloud"));

  // ---- Read-aloud: paragraph by paragraph from the first in view, the one being read marked.
  const synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  const lang = document.documentElement.lang.toLowerCase();
  const voice = () =>
    synth?.getVoices().find((v) => v.lang.toLowerCase().replace("_", "-").split("-")[0] === lang.split("-")[0]);
  const offerAloud = () => (aloudButton.hidden = !voice());
  if (synth) {
    offerAloud();
    synth.addEventListener?.("voiceschanged", offerAloud);
  }
  function readAloud(from: Paragraph | undefined) {
    const list = pageParagraphs();
    let at = from ? list.findIndex((p) => p.index === from.index) : 0;
    if (!synth || at < 0) return;
    let current: HTMLElement | null = null;
    const mark = (el: HTMLElement | null) => {
      current?.classList.remove("reading-aloud");
      current = el;
      el?.classList.add("reading-aloud");
    };
    let stopped = false;
    const speak = () => {
      const p = list[at];
      if (!p || stopped) {
        mark(null);
        if (!stopped) end(true, "aloud");
        return;
      }
      mark(p.el);
      const box = p.el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) p.el.scrollIntoView({ block: "center" });
      const utterance = new SpeechSynthesisUtterance(paragraphText(p));
      utterance.lang = document.documentElement.lang;
      const v = voice();
      if (v) utterance.voice = v;
      utterance.onend = () => {
        at++;
        speak();
      };
      synth.speak(utterance);
    };
    active = {
      tool: "aloud",
      paused: false,
      pause: () => synth.pause(),
      resume: () => synth.resume(),
      stop: () => {
        stopped = true;
        mark(null);
        synth.cancel();
      },
    };
    synth.cancel();
    speak();
    showRun();
  }
  aloudButton.addEventListener("click", () => {
    active?.stop();
    open(false);
    readAloud(firstInView());
  });

  // ---- Auto-scroll: at the reader's speed until the text's end; a touch, the wheel or a key pauses it.
  function autoScroll() {
    const body = document.querySelector<HTMLElement>(".chapter-body");
    if (!body) return;
    let last = 0;
    let carry = 0;
    let frame = 0;
    const step = (time: number) => {
      if (last) {
        carry += (SPEEDS[loadSettings().speed] * (time - last)) / 1000;
        const whole = Math.floor(carry);
        carry -= whole;
        if (whole) window.scrollBy(0, whole);
      }
      last = time;
      if (body.getBoundingClientRect().bottom <= window.innerHeight) return end(true, "scroll");
      frame = requestAnimationFrame(step);
    };
    const halt = () => {
      cancelAnimationFrame(frame);
      last = 0;
    };
    const interrupt = (event: Event) => {
      if (!active || active.tool !== "scroll" || active.paused || dock.contains(event.target as Node)) return;
      active.pause();
      active.paused = true;
      showRun();
    };
    const events = ["wheel", "touchstart", "keydown", "mousedown"];
    for (const name of events) window.addEventListener(name, interrupt, { passive: true });
    active = {
      tool: "scroll",
      paused: false,
      pause: halt,
      resume: () => (frame = requestAnimationFrame(step)),
      stop: () => {
        halt();
        for (const name of events) window.removeEventListener(name, interrupt);
      },
    };
    frame = requestAnimationFrame(step);
    showRun();
  }
  scrollButton.addEventListener("click", () => {
    active?.stop();
    open(false);
    autoScroll();
  });

  let going: string | null = null;
  try {
    going = sessionStorage.getItem(CONTINUE_KEY);
    sessionStorage.removeItem(CONTINUE_KEY);
  } catch {
    // Storage disabled: nothing runs on.
  }
  if (going === "aloud") {
    if (voice()) readAloud(pageParagraphs()[0]);
    else
      synth?.addEventListener?.("voiceschanged", () => !active && voice() && readAloud(pageParagraphs()[0]), {
        once: true,
      });
  }
  if (going === "scroll" && !scrollButton.hidden) autoScroll();
}

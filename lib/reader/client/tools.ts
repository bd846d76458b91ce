// The reading tools, in a file of their own that the reader's script loads when the reader first
// opens its dock (lib/reader/client/dock.ts) or a page turn asks a tool to run on: bookmarks,
// read-aloud and auto-scroll. Read-aloud uses the browser's speechSynthesis and shows only where
// the browser has a voice for the page's language; auto-scroll is not offered to readers who ask
// for reduced motion. Both stop at the end of the page, or go on to the next page when the
// reader's setting says so. Its UI strings come from the reader's script (no text of its own, so
// one file serves the 繁體 / 简体 pages too).
import { loadSettings } from "@/components/chapter/reader-settings-store";
import type { CLIENT_MESSAGES } from "../assets";
import { bookmarkSection, type BookmarkReading } from "./bookmarks";
import { CONTINUE_KEY, takeContinue } from "./dock";
import { firstInView, pageParagraphs, paragraphText, type Paragraph } from "./paragraphs";

type Messages = (typeof CLIENT_MESSAGES)["tools"];
type Tool = "aloud" | "scroll";

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

/** The parts of the dock the reader's script made (dock.ts), which the tools fill. */
export type DockParts = { dock: HTMLElement; run: HTMLElement; panel: HTMLElement };
export type Tools = { opened(): void };

/** Fills the dock's panel with the tools and starts what a page turn asked to run on. */
function setUpTools(
  { dock, run, panel }: DockParts,
  reading: BookmarkReading,
  signedIn: Promise<boolean>,
  m: Messages,
): Tools {
  const state = document.createElement("span");
  state.setAttribute("role", "status");
  const pause = button(m.pause);
  const stop = button(m.stop);
  run.append(state, pause, stop);
  const aloudButton = button(m.readAloud);
  aloudButton.hidden = true;
  const scrollButton = button(m.autoScroll);
  scrollButton.hidden = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const bookmarks = bookmarkSection(reading, signedIn, m);
  panel.append(aloudButton, scrollButton, bookmarks);
  const open = (value: boolean) => dock.dispatchEvent(new CustomEvent("shuhai:dock", { detail: value }));

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
      // A voice that fails (or is taken away) stops the reading rather than leaving it hanging.
      utterance.onerror = () => {
        if (!stopped) end(false, "aloud");
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

  const going = takeContinue();
  if (going === "aloud") {
    if (voice()) readAloud(pageParagraphs()[0]);
    else
      synth?.addEventListener?.("voiceschanged", () => !active && voice() && readAloud(pageParagraphs()[0]), {
        once: true,
      });
  }
  if (going === "scroll" && !scrollButton.hidden) autoScroll();
  return { opened: () => bookmarks.dispatchEvent(new Event("shuhai:open")) };
}

(window as unknown as { shuhaiReaderTools: typeof setUpTools }).shuhaiReaderTools = setUpTools;

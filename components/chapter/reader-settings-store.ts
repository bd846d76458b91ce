import {
  DEFAULT_READER_SETTINGS,
  FONT_SIZES,
  READER_SETTINGS_KEY,
  THEMES,
  WIDTHS,
  type ReaderSettings,
} from "./reader-settings-script";

// The reader's settings live on <html data-*> (the inline script in <head> sets them from
// localStorage before first paint); these read and change them. Plain TypeScript, shared by the
// React panel (reader-settings.tsx) and the reading page's script (lib/reader/client).

export const READER_SETTINGS_EVENT = "shuhai:reader-settings";
export const MIN_FONT = FONT_SIZES[0];
export const MAX_FONT = FONT_SIZES[FONT_SIZES.length - 1] ?? 5;

export function loadSettings(): ReaderSettings {
  const d = document.documentElement.dataset;
  return {
    theme: (THEMES as readonly string[]).includes(d.theme ?? "")
      ? (d.theme as ReaderSettings["theme"])
      : DEFAULT_READER_SETTINGS.theme,
    width: (WIDTHS as readonly string[]).includes(d.width ?? "")
      ? (d.width as ReaderSettings["width"])
      : DEFAULT_READER_SETTINGS.width,
    font: Number(d.font) || DEFAULT_READER_SETTINGS.font,
  };
}

export function applySettings(s: ReaderSettings): void {
  const d = document.documentElement.dataset;
  d.theme = s.theme;
  d.width = s.width;
  d.font = String(s.font);
  try {
    window.localStorage.setItem(READER_SETTINGS_KEY, JSON.stringify(s));
  } catch {
    // Not saved (storage disabled); the change still applies to this page.
  }
  window.dispatchEvent(new Event(READER_SETTINGS_EVENT));
}

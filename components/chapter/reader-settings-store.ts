import {
  DEFAULT_READER_SETTINGS,
  FONT_SIZES,
  READER_CHOICES,
  READER_SETTINGS_KEY,
  type ReaderChoice,
  type ReaderSettings,
} from "./reader-settings-script";

// The reader's settings live on <html data-*> (the inline script in <head> sets them from
// localStorage before first paint); these read and change them. Plain TypeScript, used by the
// reading page's script (lib/reader/client).

export const READER_SETTINGS_EVENT = "shuhai:reader-settings";
export const MIN_FONT = FONT_SIZES[0];
export const MAX_FONT = FONT_SIZES[FONT_SIZES.length - 1] ?? 5;

export function loadSettings(): ReaderSettings {
  const d = document.documentElement.dataset;
  const settings = { ...DEFAULT_READER_SETTINGS };
  for (const key of Object.keys(READER_CHOICES) as ReaderChoice[]) {
    const value = d[key];
    if (value !== undefined && (READER_CHOICES[key] as readonly string[]).includes(value)) {
      (settings as Record<ReaderChoice, string>)[key] = value;
    }
  }
  const font = Number(d.font);
  if (font >= MIN_FONT && font <= MAX_FONT) settings.font = font;
  return settings;
}

/** Shows the settings on <html> (a default as no attribute) and keeps them in the browser. */
export function applySettings(s: ReaderSettings): void {
  const d = document.documentElement.dataset;
  for (const key of Object.keys(READER_CHOICES) as ReaderChoice[]) {
    if (s[key] === DEFAULT_READER_SETTINGS[key]) delete d[key];
    else d[key] = s[key];
  }
  d.font = String(s.font);
  try {
    window.localStorage.setItem(READER_SETTINGS_KEY, JSON.stringify(s));
  } catch {
    // Not saved (storage disabled); the change still applies to this page.
  }
  window.dispatchEvent(new Event(READER_SETTINGS_EVENT));
}

"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import {
  DEFAULT_READER_SETTINGS,
  FONT_SIZES,
  READER_SETTINGS_KEY,
  THEMES,
  WIDTHS,
  type ReaderSettings as Settings,
} from "./reader-settings-script";

function loadSettings(): Settings {
  const d = document.documentElement.dataset;
  return {
    theme: (THEMES as readonly string[]).includes(d.theme ?? "")
      ? (d.theme as Settings["theme"])
      : DEFAULT_READER_SETTINGS.theme,
    width: (WIDTHS as readonly string[]).includes(d.width ?? "")
      ? (d.width as Settings["width"])
      : DEFAULT_READER_SETTINGS.width,
    font: Number(d.font) || DEFAULT_READER_SETTINGS.font,
  };
}

const CHANGE_EVENT = "shuhai:reader-settings";

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

// The settings live on <html data-*>; the snapshot is a string so it compares by value.
function snapshot(): string {
  return JSON.stringify(loadSettings());
}

function applySettings(s: Settings) {
  const d = document.documentElement.dataset;
  d.theme = s.theme;
  d.width = s.width;
  d.font = String(s.font);
  try {
    window.localStorage.setItem(READER_SETTINGS_KEY, JSON.stringify(s));
  } catch {
    // Not saved (storage disabled); the change still applies to this page.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

// Font size, theme and line width. The inline script in <head> applies saved values before
// first paint; this panel only changes them. Without JavaScript the page reads in defaults.
export function ReaderSettings() {
  const t = useTranslations("reader");
  // null while server-rendering: the panel appears once the browser's settings are known.
  const raw = useSyncExternalStore(subscribe, snapshot, () => null);
  const current: Settings = raw ? (JSON.parse(raw) as Settings) : DEFAULT_READER_SETTINGS;
  const update = (change: Partial<Settings>) => applySettings({ ...current, ...change });
  const minFont = FONT_SIZES[0];
  const maxFont = FONT_SIZES[FONT_SIZES.length - 1] ?? 5;
  return (
    <details className="reader-settings" hidden={raw === null}>
      <summary>{t("settings")}</summary>
      <fieldset>
        <legend>{t("fontSize")}</legend>
        <button
          type="button"
          onClick={() => update({ font: Math.max(minFont, current.font - 1) })}
          disabled={current.font <= minFont}
          aria-label={t("smaller")}
        >
          A−
        </button>
        <output aria-live="polite" data-testid="font-size">
          {current.font}
        </output>
        <button
          type="button"
          onClick={() => update({ font: Math.min(maxFont, current.font + 1) })}
          disabled={current.font >= maxFont}
          aria-label={t("larger")}
        >
          A+
        </button>
      </fieldset>
      <fieldset>
        <legend>{t("theme")}</legend>
        {THEMES.map((theme) => (
          <button key={theme} type="button" aria-pressed={current.theme === theme} onClick={() => update({ theme })}>
            {t(theme)}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("width")}</legend>
        {WIDTHS.map((width) => (
          <button key={width} type="button" aria-pressed={current.width === width} onClick={() => update({ width })}>
            {t(width)}
          </button>
        ))}
      </fieldset>
    </details>
  );
}

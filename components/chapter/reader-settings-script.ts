// The reader's settings: what each may be, as stored in localStorage and shown on <html data-*>.
// One table for the inline script (below), the store (reader-settings-store.ts) and the panel
// (lib/reader/page.ts). A setting at its default is not written on <html> (the stylesheet's
// defaults apply): "auto" theme follows the system's light or dark.
export const READER_SETTINGS_KEY = "shuhai:reader";
export const READER_CHOICES = {
  theme: ["auto", "light", "sepia", "dark"],
  face: ["sans", "serif", "kai"],
  leading: ["tight", "normal", "loose"],
  gap: ["tight", "normal", "loose"],
  width: ["narrow", "medium", "wide"],
  taps: ["on", "off"],
  // The whole chapter on one page (/book/<id>/<chapterId>/all) instead of its sub-pages.
  paging: ["pages", "whole"],
  speed: ["slow", "normal", "fast"],
  // Where read-aloud and auto-scroll go at the end of a page: stop, or on to the next page.
  atEnd: ["halt", "turn"],
} as const;
export type ReaderChoice = keyof typeof READER_CHOICES;
export const FONT_SIZES = [1, 2, 3, 4, 5] as const;
export type ReaderSettings = { [K in ReaderChoice]: (typeof READER_CHOICES)[K][number] } & { font: number };
export const DEFAULT_READER_SETTINGS: ReaderSettings = {
  theme: "auto",
  face: "sans",
  leading: "normal",
  gap: "normal",
  width: "medium",
  taps: "on",
  paging: "pages",
  speed: "normal",
  atEnd: "halt",
  font: 2,
};

// Inline, render-blocking and tiny: reads the saved settings and sets data attributes on <html>
// so the first paint already has the reader's theme, typeface, sizes and spacing (no shift).
export const READER_SETTINGS_SCRIPT = `(function(){var d=document.documentElement;try{var s=JSON.parse(localStorage.getItem(${JSON.stringify(
  READER_SETTINGS_KEY,
)})||"{}"),c=${JSON.stringify(READER_CHOICES)},f=${JSON.stringify(DEFAULT_READER_SETTINGS)};for(var k in c)if(c[k].indexOf(s[k])>=0&&s[k]!==f[k])d.dataset[k]=s[k];if(s.font>=1&&s.font<=5)d.dataset.font=String(s.font)}catch(e){}})();`;

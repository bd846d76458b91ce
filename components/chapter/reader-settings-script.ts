// Keys and values the reader settings use in localStorage and on <html data-*>.
export const READER_SETTINGS_KEY = "shuhai:reader";
export const THEMES = ["light", "sepia", "dark"] as const;
export const WIDTHS = ["narrow", "medium", "wide"] as const;
export const FONT_SIZES = [1, 2, 3, 4, 5] as const;
export type ReaderSettings = { theme: (typeof THEMES)[number]; width: (typeof WIDTHS)[number]; font: number };
export const DEFAULT_READER_SETTINGS: ReaderSettings = { theme: "light", width: "medium", font: 2 };

// Inline, render-blocking and tiny: reads the saved settings and sets data attributes on
// <html> so the first paint already has the reader's theme and font size.
export const READER_SETTINGS_SCRIPT = `(function(){try{var s=JSON.parse(localStorage.getItem(${JSON.stringify(
  READER_SETTINGS_KEY,
)})||"{}"),d=document.documentElement;if(["light","sepia","dark"].indexOf(s.theme)>=0)d.dataset.theme=s.theme;if(["narrow","medium","wide"].indexOf(s.width)>=0)d.dataset.width=s.width;if(s.font>=1&&s.font<=5)d.dataset.font=String(s.font)}catch(e){}})();`;

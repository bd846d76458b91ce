// HTML as strings, escaped by default. The reading page is written with `markup` templates
// instead of React (README "How it is built" says why): every interpolated value is escaped unless
// it is itself the result of `markup` (or `raw`, for markup made here), so user text — titles,
// chapter paragraphs, pen names — can only ever be text. (Not called `html`: Prettier would
// reformat templates with that tag as HTML, changing what they print.)

const SAFE = Symbol("safe html");

export type SafeHtml = { readonly [SAFE]: string };
type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup this module's callers made themselves (never user text). */
export function raw(text: string): SafeHtml {
  return { [SAFE]: text };
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === "object" && value !== null && SAFE in value;
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (isSafe(part)) return part[SAFE];
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** An HTML template whose interpolations are escaped; arrays are joined; null, undefined and false print nothing. */
export function markup(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return raw(out);
}

export function toHtmlString(value: SafeHtml): string {
  return value[SAFE];
}

/**
 * A <script type="application/ld+json">. JSON.stringify leaves "<" alone, so a title holding
 * "</script>" could close the tag: every "<" is written as \u003c instead.
 */
export function jsonLd(data: unknown): SafeHtml {
  return raw(`<script type="application/ld+json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`);
}

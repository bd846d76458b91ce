import { createRequire } from "node:module";
import { hasVariants, type ScriptVariant, variantHref } from "./script-variants";

// Converting a finished page into a 繁體 / 简体 variant (lib/i18n/script-variants.ts says which).

type Convert = (text: string) => string;
type OpenCCModule = {
  Converter(options: { from: string; to: string }): Convert;
  CustomConverter(dict: readonly (readonly [string, string])[]): Convert;
};

/** opencc-js, which ships CommonJS for Node only. */
export function openCC(): OpenCCModule {
  return createRequire(import.meta.url)("opencc-js") as OpenCCModule;
}

// One set per process: Next's bundles (the suggestions route) carry their own copy of this module
// beside the site server's, and each direction's dictionaries take ~40 MB.
const CONVERTERS = Symbol.for("shuhai.script-convert.converters");
const converters: Map<ScriptVariant["key"], Convert> = ((globalThis as Record<symbol, unknown>)[CONVERTERS] ??=
  new Map()) as Map<ScriptVariant["key"], Convert>;

/**
 * The variant's converter, built on first use (about a third of a second and ~40 MB for each
 * direction's dictionaries, so a site nobody reads in the other script never pays for it).
 */
function converter(key: ScriptVariant["key"]): Convert {
  let convert = converters.get(key);
  if (!convert) {
    const OpenCC = openCC();
    convert = key === "hant" ? OpenCC.Converter({ from: "cn", to: "tw" }) : OpenCC.Converter({ from: "tw", to: "cn" });
    converters.set(key, convert);
  }
  return convert;
}

// Runs of Han characters (and the CJK punctuation between them, which keeps phrases whole).
const HAN_RUN = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
const RUN_SEPARATOR = "\u0000";

/**
 * Text in the variant's script. Every character keeps its UTF-8 length: React's flight data,
 * which a page carries along with its HTML, counts some strings in bytes, so a character OpenCC
 * would replace with one outside the Basic Multilingual Plane (a handful of rare ones, e.g.
 * 㓆 → 𠗣) is left as it is.
 */
export function convertText(text: string, variant: ScriptVariant): string {
  const convert = converter(variant.key);
  const runs = text.match(HAN_RUN);
  if (!runs) return text;
  // The runs converted in one call (OpenCC walks every character it is given, and a page is
  // mostly markup): joined by a character no phrase contains, so none spans two runs.
  const converted = convert(runs.join(RUN_SEPARATOR)).split(RUN_SEPARATOR);
  let i = 0;
  return text.replace(HAN_RUN, (run) => {
    const out = converted[i++] ?? run;
    if (out.length === run.length && Buffer.byteLength(out) === Buffer.byteLength(run)) return out;
    return Array.from(run, (char) => {
      const one = convert(char);
      return Buffer.byteLength(one) === Buffer.byteLength(char) ? one : char;
    }).join("");
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A finished page (HTML, or the flight data Next's router fetches for a client-side navigation)
 * in the variant: its text converted, its links to pages that have variants kept in the
 * variant, its canonical address and language its own. `siteUrl`: the site's origin, as the
 * canonical and Open Graph addresses start; `noindex`: the variant is not for search engines.
 */
export function convertDocument(
  source: string,
  variant: ScriptVariant,
  { siteUrl, kind, noindex = false }: { siteUrl: string; kind: "html" | "flight"; noindex?: boolean },
): string {
  const prefixed = (href: string) => (hasVariants(href) ? variantHref(variant, href) : href);
  let out = convertText(source, variant);
  // Attributes in HTML (href="/…", action="/…"); props in flight data, which HTML carries inside
  // script strings (\"href\":\"/…\") and a navigation gets bare ("href":"/…"). A backslash before
  // the quote would make it part of a string in the page's text, which is left alone.
  if (kind === "html") {
    out = out.replace(
      /(<[a-zA-Z][^<>]*?\s(?:href|action)=")(\/[^"]*)"/g,
      (_, head: string, href: string) => `${head}${prefixed(href)}"`,
    );
    out = out.replace(
      /((?<!\\)\\"(?:href|action)\\":\\")(\/[^"\\]*)\\"/g,
      (_, head: string, href: string) => `${head}${prefixed(href)}\\"`,
    );
  } else {
    out = out.replace(
      /((?<!\\)"(?:href|action)":")(\/[^"\\]*)"/g,
      (_, head: string, href: string) => `${head}${prefixed(href)}"`,
    );
  }
  // The canonical address, og:url and the structured data's addresses name this variant's pages;
  // the hreflang alternates stay as they are.
  const base = siteUrl.replace(/\/$/, "");
  const origin = escapeRegExp(base);
  // Next writes the home page's address as the bare origin.
  const absolute = (path = "/") => (hasVariants(path) ? `${base}${variantHref(variant, path)}` : `${base}${path}`);
  out = out.replace(
    new RegExp(`(<link rel="canonical" href="|<meta property="og:url" content=")${origin}(/[^"]*)?"`, "g"),
    (_, head: string, path: string | undefined) => `${head}${absolute(path)}"`,
  );
  out = out.replace(
    /(<script type="application\/ld\+json">)([\s\S]*?)(<\/script>)/g,
    (_, open: string, json: string, close: string) => {
      const addresses = json.replace(
        new RegExp(`"${origin}(/[^"]*)?"`, "g"),
        (__, path: string | undefined) => `"${absolute(path)}"`,
      );
      return `${open}${addresses}${close}`;
    },
  );
  // A variant that is not for search engines says so (the page's own robots tag, if any, stays first).
  if (noindex && kind === "html") out = out.replace(/<head>/, '<head><meta name="robots" content="noindex, follow">');
  // The languages of the document and its parts, where Chinese (an English book's page stays English).
  out = out.replace(/(\slang=")zh[^"]*"/g, `$1${variant.lang}"`);
  out = out.replace(/((?<!\\)\\?"lang\\?":\\?")zh[^"\\]*(\\?")/g, `$1${variant.lang}$2`);
  return out;
}

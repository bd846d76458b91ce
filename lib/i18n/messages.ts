import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import zhHant from "@/messages/zh-Hant.json";
import { env } from "@/lib/env";

export type Messages = typeof zhCN;
export type Locale = "zh-CN" | "zh-Hant" | "en";

const catalogs: Record<Locale, Messages> = { "zh-CN": zhCN, "zh-Hant": zhHant, en };

// The deployment has one UI language (SITE_LOCALE). Translation needs no request data, so it
// works inside cached functions and keeps every public page static.
export const siteLocale: Locale = env.SITE_LOCALE;
export const messages: Messages = catalogs[siteLocale];
/** Whether pages have 繁體 / 简体 variants (lib/i18n/script-variants.ts): on a Chinese site. */
export const variantsEnabled: boolean = siteLocale.startsWith("zh");
/**
 * The variant in the UI's own script (/zh-hans/ on a Simplified site): there for readers of a
 * book written in the other script, not for search engines, since every other page of it is the
 * page as written again. It says noindex and is left out of hreflang and the sitemap.
 */
export const ownScriptVariant: "hans" | "hant" = siteLocale === "zh-Hant" ? "hant" : "hans";

function createT() {
  return createTranslator({ locale: siteLocale, messages });
}

export type T = ReturnType<typeof createT>;

// One translator per process: it keeps the parsed message formats, so a message is parsed once,
// not on every call (a page shows dozens).
let translator: T | undefined;

export function getT(): T {
  return (translator ??= createT());
}

/** A translator for keys computed at run time (error keys carried by a DomainError, a form state). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The site's translator for a key known only at run time. getT() is typed by the catalogue's
 * keys, which a key held in a variable cannot be checked against; this is the one place that
 * says so. A key missing from the catalogue shows as the key itself (next-intl's fallback).
 */
export const translate: Translate = (key, values) => (getT() as unknown as Translate)(key, values);

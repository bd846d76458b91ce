import { env } from "@/lib/env";
import { siteLocale } from "./messages";

// Dates are rendered in the site's time zone, from data only (never "now"), so a cached page
// is identical for every visitor.
const dateTime = new Intl.DateTimeFormat(siteLocale, {
  timeZone: env.SITE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const dateOnly = new Intl.DateTimeFormat(siteLocale, {
  timeZone: env.SITE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function formatDateTime(date: Date | null | undefined): string {
  return date ? dateTime.format(date) : "";
}

export function formatDate(date: Date | null | undefined): string {
  return date ? dateOnly.format(date) : "";
}

// Word counts the way Chinese sites print them: 12.3万 rather than 123,456.
export function formatWordCount(count: number): string {
  if (siteLocale !== "en") {
    const wan = siteLocale === "zh-Hant" ? "萬" : "万";
    return count >= 10_000 ? `${(count / 10_000).toFixed(1).replace(/\.0$/, "")}${wan}` : String(count);
  }
  return count >= 1000 ? `${(count / 1000).toFixed(1).replace(/\.0$/, "")}k` : String(count);
}

const count = new Intl.NumberFormat(siteLocale, { maximumFractionDigits: 0 });

// Exact counts (views, shelf adds, a chapter's words) with the locale's thousands separators.
export function formatCount(n: number): string {
  return count.format(n);
}

/**
 * What a book's length counts (lib/text counts each CJK character as one word): characters for
 * a book in Chinese, Japanese or Korean, words otherwise. Chinese UI says 字 either way; the
 * English one says "characters" or "words" (the `unit` of the book.words* messages).
 */
export function wordUnit(language: string): "chars" | "words" {
  return /^(zh|ja|ko)(-|$)/i.test(language) ? "chars" : "words";
}

export function categoryName(category: { name: string; nameEn: string }): string {
  return siteLocale === "en" ? category.nameEn : category.name;
}

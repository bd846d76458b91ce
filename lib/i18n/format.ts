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

// Lists (latest updates, comments, reviews, notices) print the short form: 12-04 / Dec 4 for a
// date in the same year as `reference`, 2025-12-04 / Dec 4, 2025 otherwise; detail places (a
// book's last update, a chapter's date) keep formatDateTime. `reference` is the newest date of
// the list itself, never "now": a cached public page must come out the same whenever it is
// rendered, and a list whose newest entry is from another year prints every year in full.
const shortParts = new Intl.DateTimeFormat("en-US", {
  timeZone: env.SITE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const shortSameYear = new Intl.DateTimeFormat(siteLocale, {
  timeZone: env.SITE_TIME_ZONE,
  month: "short",
  day: "numeric",
});
const shortOtherYear = new Intl.DateTimeFormat(siteLocale, {
  timeZone: env.SITE_TIME_ZONE,
  year: "numeric",
  month: "short",
  day: "numeric",
});

function zonedParts(date: Date): { year: string; month: string; day: string } {
  const parts = Object.fromEntries(shortParts.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year ?? "", month: parts.month ?? "", day: parts.day ?? "" };
}

export function formatShortDate(date: Date | null | undefined, reference: Date | null | undefined): string {
  if (!date) return "";
  const { year, month, day } = zonedParts(date);
  const sameYear = reference ? zonedParts(reference).year === year : false;
  // Chinese lists print figures (12-04), not 12月4日: narrower, and the column lines up.
  if (siteLocale !== "en") return sameYear ? `${month}-${day}` : `${year}-${month}-${day}`;
  return (sameYear ? shortSameYear : shortOtherYear).format(date);
}

/** The newest of a list's dates: the reference of formatShortDate for that list. */
export function newestDate(dates: Iterable<Date | string | null | undefined>): Date | null {
  let newest: Date | null = null;
  for (const d of dates) {
    if (!d) continue;
    const date = typeof d === "string" ? new Date(d) : d;
    if (!newest || date > newest) newest = date;
  }
  return newest;
}

// Wall-clock times in the site's time zone (SITE_TIME_ZONE): what an author types into a
// `datetime-local` field and what the dashboard shows back. Pure functions over Intl, usable by
// server actions and pages alike.

import { env } from "@/lib/env";

/**
 * The instant of a `datetime-local` value ("2026-05-01T20:30", no offset) read as a wall-clock
 * time in `timeZone`, as an ISO string with an offset. An empty value is undefined; a malformed
 * one is passed on unchanged (the schema refuses it). A time skipped by a daylight-saving change
 * resolves to an instant next to the gap. A day or time that does not exist ("02-30", "13-01",
 * "24:00", "10:60") is malformed too: it is passed on, not rolled over into another day.
 */
export function zonedLocalToIso(value: string | undefined, timeZone: string): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls "02-31" over to March and "24:30" to the next day: such a value is malformed.
  const b = new Date(wall);
  const read = [
    b.getUTCFullYear(),
    b.getUTCMonth() + 1,
    b.getUTCDate(),
    b.getUTCHours(),
    b.getUTCMinutes(),
    b.getUTCSeconds(),
  ];
  if ([y, mo, d, h, mi, s].some((v, i) => v !== read[i])) return value;
  // Two rounds converge for every real zone: the offset at the first guess, then at the result.
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** Offset of `timeZone` from UTC at `at` (ms since epoch), in ms. */
export function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** `datetime-local` value ("YYYY-MM-DDTHH:mm") of an instant as a wall-clock time in `timeZone`. */
export function isoToZonedLocal(date: Date | null | undefined, timeZone: string): string {
  if (!date) return "";
  return new Date(date.getTime() + offsetMs(date.getTime(), timeZone)).toISOString().slice(0, 16);
}

/** The calendar day (YYYY-MM-DD) of an instant in the site's time zone: the day of daily stats. */
export function statDay(at: Date, timeZone = env.SITE_TIME_ZONE): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

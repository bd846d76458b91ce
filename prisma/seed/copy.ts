// Bulk loading through PostgreSQL's COPY … FROM STDIN (text format) with back-pressure.
import { once } from "node:events";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type Cell = string | number | boolean | null | Date;

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_G = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Escapes one value for COPY's text format. */
export function cell(v: Cell): string {
  if (v === null) return "\\N";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "t" : "f";
  if (v instanceof Date) return timestamp(v);
  return SPECIAL.test(v) ? v.replace(SPECIAL_G, (c) => ESCAPES[c] ?? c) : v;
}

export function row(values: readonly Cell[]): string {
  let s = "";
  for (let i = 0; i < values.length; i++) s += (i ? "\t" : "") + cell(values[i] ?? null);
  return s + "\n";
}

/** UTC, no zone: Prisma stores DateTime as `timestamp(3)` holding UTC. */
export function timestamp(d: Date | number): string {
  const iso = new Date(d).toISOString();
  return iso.slice(0, 10) + " " + iso.slice(11, 23);
}

const CHUNK = 1 << 20;

/** Streams `lines` (each already a complete COPY row ending in "\n") into `table`. */
export async function copyLines(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<number> {
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const stream = client.query(copyFrom(`COPY "${table}" (${cols}) FROM STDIN`));
  const done = finished(stream);
  done.catch(() => {}); // awaited below; avoid an unhandled rejection while writing
  let buf = "";
  let n = 0;
  for (const line of lines) {
    buf += line;
    n++;
    if (buf.length >= CHUNK) {
      const ok = stream.write(buf);
      buf = "";
      if (!ok) await Promise.race([once(stream, "drain"), done]);
    }
  }
  if (buf) stream.write(buf);
  stream.end();
  await done;
  return n;
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import config from "@/next.config.mjs";
import {
  BODY_SIZE_LIMIT,
  MAX_COVER_BYTES,
  MAX_FORM_REQUEST_BYTES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_REQUEST_BYTES,
  MAX_REQUEST_BYTES,
  limitMegabytes,
  megabytes,
} from "./limits.mjs";
import { tooLargeText } from "./too-large";

const MB = 1024 * 1024;

/** A size as nginx ("51m") and Next ("51mb") write it: both count k, m and g in powers of 1024. */
function sizeBytes(value: string): number {
  const match = /^(\d+)([kmg]?)b?$/i.exec(value);
  if (!match) throw new Error(`not a size: ${value}`);
  const unit = { "": 1, k: 1024, m: MB, g: 1024 * MB }[match[2]!.toLowerCase() as "" | "k" | "m" | "g"];
  return Number(match[1]) * unit;
}

describe("upload limits", () => {
  it("are 50 MB for a TXT import and 5 MB for a cover, each with room for the rest of the form", () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * MB);
    expect(MAX_COVER_BYTES).toBe(5 * MB);
    expect(MAX_IMPORT_REQUEST_BYTES).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(MAX_FORM_REQUEST_BYTES).toBeGreaterThan(MAX_COVER_BYTES);
    expect(MAX_REQUEST_BYTES).toBe(Math.max(MAX_IMPORT_REQUEST_BYTES, MAX_FORM_REQUEST_BYTES));
  });

  it("are what Next's server action and proxy body limits are set to", () => {
    const { experimental } = config("phase-production-build");
    expect(experimental?.serverActions?.bodySizeLimit).toBe(BODY_SIZE_LIMIT);
    expect(experimental?.proxyClientMaxBodySize).toBe(BODY_SIZE_LIMIT);
    expect(sizeBytes(BODY_SIZE_LIMIT)).toBe(MAX_REQUEST_BYTES);
  });

  it("agree with deploy/nginx's client_max_body_size, so nginx passes every request the app takes", () => {
    const conf = readFileSync(new URL("../../deploy/nginx/shuhai-locations.conf", import.meta.url), "utf8");
    const settings = [...conf.matchAll(/^\s*client_max_body_size\s+(\S+);/gm)].map((m) => m[1]!);
    expect(settings.length).toBeGreaterThan(0);
    for (const value of settings) expect(sizeBytes(value)).toBe(MAX_REQUEST_BYTES);
    // nginx's own 413 answer names the same limit, in the app's words.
    const answer = /return 413 "(.*)";/.exec(conf)?.[1]?.replace("$content_length", "60000000").replace("\\n", "\n");
    expect(answer).toBe(tooLargeText(60_000_000, MAX_REQUEST_BYTES));
  });

  it("are printed as the messages name them", () => {
    expect(megabytes(63_124_480)).toBe("60.2");
    expect(megabytes(6 * MB)).toBe("6.0");
    expect(limitMegabytes(MAX_IMPORT_BYTES)).toBe(50);
    expect(limitMegabytes(MAX_COVER_BYTES)).toBe(5);
  });
});

"use client";

import { useState } from "react";
import { limitMegabytes, megabytes } from "@/lib/uploads/limits.mjs";

type Describe = (values: { sizeMb: string; maxMb: number }) => string;

/**
 * Checks the file chosen in a file input against `maxBytes` before it is sent: `check` (on change
 * and on submit) returns false and sets `message`, naming the file's size and the limit, when it
 * is too large. `initialBytes`: a size the server refused already (UploadRefusedBoundary).
 */
export function useFileSizeCheck(maxBytes: number, describe: Describe, initialBytes: number | null = null) {
  const explain = (bytes: number) => describe({ sizeMb: megabytes(bytes), maxMb: limitMegabytes(maxBytes) });
  const [message, setMessage] = useState<string | null>(() => (initialBytes === null ? null : explain(initialBytes)));

  function check(input: HTMLInputElement | null): boolean {
    const file = input?.files?.[0];
    const tooLarge = file !== undefined && file.size > maxBytes;
    setMessage(tooLarge ? explain(file.size) : null);
    if (tooLarge) input?.focus();
    return !tooLarge;
  }

  return { message, check };
}

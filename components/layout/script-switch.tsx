"use client";

import { usePathname } from "next/navigation";
import { hasVariants, SCRIPT_VARIANTS, splitVariant, variantHref } from "@/lib/i18n/script-variants";

export type ScriptSwitchLabels = { label: string; hans: string; hansName: string; hant: string; hantName: string };

/**
 * 简 / 繁: this page in Simplified or Traditional Chinese (lib/i18n/script-variants.ts). Plain
 * links, so they work without JavaScript and crawlers find the variants; the server renders
 * them for the page's own address, the same for every visitor. A client component only because a
 * layout is not told its page's address.
 */
export function ScriptSwitch({ labels }: { labels: ScriptSwitchLabels }) {
  const pathname = usePathname() ?? "/";
  const path = splitVariant(pathname)?.path ?? pathname;
  if (!hasVariants(path)) return null;
  return (
    <span className="script-switch" role="group" aria-label={labels.label}>
      {SCRIPT_VARIANTS.map((v) => (
        <a
          key={v.key}
          href={variantHref(v, path)}
          hrefLang={v.lang}
          aria-label={v.key === "hans" ? labels.hansName : labels.hantName}
        >
          {v.key === "hans" ? labels.hans : labels.hant}
        </a>
      ))}
    </span>
  );
}

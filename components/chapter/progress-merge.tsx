"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useEffect } from "react";
import { mergeBrowserState } from "./browser-merge";

/** The browser's shelf and positions merged into the account once signed in (browser-merge.ts). */
export function ProgressMerge({ userId }: { userId: number }) {
  const t = useTranslations("shelf");

  useEffect(() => {
    const controller = new AbortController();
    mergeBrowserState(userId, (title, page) => t("chapterPage", { title, page }), controller.signal);
    return () => controller.abort();
  }, [userId, t]);

  return null;
}

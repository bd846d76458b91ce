"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useSyncExternalStore } from "react";
import { chapterHref } from "@/lib/chapter-links";
import { PROGRESS_EVENT, progressKey, readProgress } from "@/components/chapter/progress-store";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(PROGRESS_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(PROGRESS_EVENT, onChange);
  };
}

// "Continue reading" from the reader's own progress in this browser. Rendered on the client
// only, so the cached book page stays the same for everyone.
export function ContinueReading({ bookId }: { bookId: number }) {
  const t = useTranslations("book");
  const raw = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(progressKey(bookId)),
    () => null,
  );
  const progress = raw ? readProgress(bookId) : null;
  // The place the reading pages' script fills on the pages served without React.
  if (!progress) return <span hidden data-continue-reading={bookId} />;
  return (
    // A reading page: a plain link (components/book/chapter-link.tsx says why).
    <a
      className="button button-secondary"
      href={chapterHref(bookId, progress.chapterId, progress.page)}
      data-testid="continue-reading"
    >
      {t("continueReading", { title: progress.title })}
    </a>
  );
}

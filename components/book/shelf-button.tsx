"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useSessionState } from "@/components/layout/use-session-state";
import { isOnLocalShelf, LOCAL_SHELF_EVENT, setOnLocalShelf } from "./local-shelf";
import { fetchOnShelf, setOnShelf } from "./shelf-api";

type Status = "unknown" | "on" | "off" | "busy";

/**
 * 加入书架 / 已在书架 on a book page. Fetched after hydration so the cached page is the same for
 * everyone; signed out, the book goes on this browser's shelf (merged into the account at sign-in).
 */
export function ShelfButton({ bookId, title }: { bookId: number; title: string }) {
  const t = useTranslations("shelf");
  const session = useSessionState();
  const userId = session.status === "ready" ? (session.user?.id ?? null) : undefined;
  const [status, setStatus] = useState<{ userId: number; value: Status } | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    fetchOnShelf(bookId, controller.signal)
      .then((onShelf) => {
        if (onShelf !== null) setStatus({ userId, value: onShelf ? "on" : "off" });
      })
      .catch(() => {
        // Aborted or offline: the button stays in its neutral state.
      });
    return () => controller.abort();
  }, [bookId, userId]);

  if (userId === undefined) return <ShelfPlaceholder bookId={bookId} title={title} />;
  if (userId === null) return <LocalShelfButton bookId={bookId} title={title} />;
  const value = status?.userId === userId ? status.value : "unknown";

  async function toggle() {
    if (!userId || (value !== "on" && value !== "off")) return;
    const adding = value === "off";
    setStatus({ userId, value: "busy" });
    setError(false);
    try {
      await setOnShelf(bookId, adding);
      setStatus({ userId, value: adding ? "on" : "off" });
    } catch {
      setStatus({ userId, value: adding ? "off" : "on" });
      setError(true);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button-secondary shelf-button"
        disabled={value === "unknown" || value === "busy"}
        onClick={toggle}
        data-testid="shelf-button"
      >
        {value === "on" ? t("onShelf") : t("add")}
      </button>
      {error ? (
        <span role="alert" className="form-error">
          {t("failed")}
        </span>
      ) : null}
    </>
  );
}

/**
 * Until the session is known, and without JavaScript: a link to sign in and come back. The reading
 * pages' script (lib/reader/client/reader.ts) turns it into the button on the pages served without
 * React, as it does on the reading page.
 */
function ShelfPlaceholder({ bookId, title }: { bookId: number; title: string }) {
  const t = useTranslations("shelf");
  return (
    <a
      className="button button-secondary"
      data-shelf={bookId}
      data-shelf-title={title}
      href={`/login?next=${encodeURIComponent(`/book/${bookId}`)}`}
    >
      {t("add")}
    </a>
  );
}

const subscribeLocalShelf = (listener: () => void) => {
  window.addEventListener(LOCAL_SHELF_EVENT, listener);
  window.addEventListener("storage", listener);
  return () => {
    window.removeEventListener(LOCAL_SHELF_EVENT, listener);
    window.removeEventListener("storage", listener);
  };
};

/** Signed out: the button keeps the book on this browser's shelf. */
function LocalShelfButton({ bookId, title }: { bookId: number; title: string }) {
  const t = useTranslations("shelf");
  const on = useSyncExternalStore(
    subscribeLocalShelf,
    () => isOnLocalShelf(bookId),
    () => false,
  );
  return (
    <button
      type="button"
      className="button button-secondary shelf-button"
      onClick={() => setOnLocalShelf({ bookId, title }, !on)}
      data-testid="shelf-button"
    >
      {on ? t("onShelf") : t("add")}
    </button>
  );
}

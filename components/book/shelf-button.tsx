"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useSessionState } from "@/components/layout/use-session-state";
import { fetchOnShelf, setOnShelf } from "./shelf-api";

type Status = "unknown" | "on" | "off" | "busy";

/**
 * 加入书架 / 已在书架 on a book or chapter page. Fetched after hydration so the cached page is
 * the same for everyone; signed out, it links to the sign-in page and back here.
 */
export function ShelfButton({ bookId }: { bookId: number }) {
  const t = useTranslations("shelf");
  const pathname = usePathname();
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

  if (userId === undefined) return null;
  if (userId === null) {
    return (
      <Link className="button button-secondary" href={`/login?next=${encodeURIComponent(pathname)}`}>
        {t("add")}
      </Link>
    );
  }
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

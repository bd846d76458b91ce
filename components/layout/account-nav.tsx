"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "@/components/i18n/client-messages";
import { useEffect } from "react";
import { resetProgressMerge } from "@/components/chapter/browser-merge";
import { ProgressMerge } from "@/components/chapter/progress-merge";
import { signOutAction } from "@/lib/actions/auth";
import { loadSessionState, setSessionState } from "./session-store";
import { useSessionState } from "./use-session-state";

/**
 * Signed-in state in the header, fetched by the browser from /api/auth/session so that the
 * public pages around it stay static and shared. Re-checked after every navigation, which
 * covers signing in and out through server actions. The state is shared with the other client
 * islands through session-store.ts.
 */
export function AccountNav() {
  const t = useTranslations("auth");
  const td = useTranslations("dashboard");
  const tShelf = useTranslations("shelf");
  const ta = useTranslations("admin");
  const pathname = usePathname();
  const state = useSessionState();

  useEffect(() => {
    const controller = new AbortController();
    // Rejects only when aborted (the next navigation asks again).
    loadSessionState(controller.signal).catch(() => {});
    return () => controller.abort();
  }, [pathname]);

  // data-account-nav: where the reading pages' script draws the same links on the pages served
  // without React (lib/server/lean-document.ts).
  if (state.status === "loading") return <div className="account-nav" aria-hidden="true" data-account-nav="" />;
  if (!state.user) {
    return (
      <div className="account-nav">
        <Link href="/login">{t("signIn")}</Link> / <Link href="/register">{t("register")}</Link>
      </div>
    );
  }
  return (
    <div className="account-nav">
      <ProgressMerge userId={state.user.id} />
      <NoticeBell unread={state.user.unreadNotices ?? 0} />
      <Link href="/shelf">{tShelf("navShelf")}</Link>
      <Link href="/account" className="account-name" title={state.user.name}>
        {state.user.name}
      </Link>
      <Link href="/dashboard">{td("write")}</Link>
      {state.user.role === "ADMIN" ? <Link href="/admin">{ta("nav")}</Link> : null}
      <form
        action={async (formData) => {
          setSessionState({ status: "ready", user: null });
          resetProgressMerge();
          await signOutAction(formData);
        }}
      >
        <button type="submit" className="link-button">
          {t("signOut")}
        </button>
      </form>
    </div>
  );
}

/** The bell: a link to the notices page, with the unread count when there is one. */
function NoticeBell({ unread }: { unread: number }) {
  const t = useTranslations("notices");
  // countUnreadNotices counts at most 99.
  const shown = unread >= 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notices"
      className="notice-bell"
      aria-label={unread > 0 ? t("bellUnread", { count: shown }) : t("bell")}
      data-testid="notice-bell"
    >
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? <span className="notice-count">{shown}</span> : null}
    </Link>
  );
}

"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { ProgressMerge, resetProgressMerge } from "@/components/chapter/progress-merge";
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

  if (state.status === "loading") return <div className="account-nav" aria-hidden="true" />;
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

"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Asks before unsaved work is left behind while `isDirty()` is true: the browser's own question
 * when the tab is closed, reloaded or sent to another site (`beforeunload`), and `message` in a
 * confirm dialog when a link of this site is clicked. Next's <Link> skips its navigation when the
 * click's default was prevented, so a listener on window, which runs before React's handlers, can
 * stop it. The browser's back and forward buttons are not guarded (the App Router gives no way
 * to cancel them); beforeunload still covers a back step that leaves the site.
 */
export function useLeaveGuard(isDirty: () => boolean, message: string): void {
  const dirty = useEffectEvent(isDirty);
  const confirmLeave = useEffectEvent(() => window.confirm(message));
  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!dirty()) return;
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    }
    function onClick(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
      if (link.target && link.target !== "_self") return;
      const to = new URL(link.href, window.location.href);
      // Another site is a full page load, which beforeunload asks about; a #fragment stays here.
      if (to.origin !== window.location.origin) return;
      if (to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (!dirty() || confirmLeave()) return;
      event.preventDefault();
    }
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, { capture: true });
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, { capture: true });
    };
  }, []);
}

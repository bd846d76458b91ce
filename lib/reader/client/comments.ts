// The reading page's comments: the count on the 本章说 link, a bubble with the count at the end of
// each paragraph that has 段评 (off by a setting, like Qidian), and the paragraph's comments opened
// in place under it, where a signed-in reader can write one. Everything is read from public JSON
// (the same for every visitor); the page itself never changes for a comment. Without this script
// the page still links to the comments page, which works without JavaScript.
// A signed-in reader's own filters (GET /api/me/blocks, private) are applied here, never to the
// public answers: blocked readers' comments and replies are left out, and a muted book shows no
// counts, bubbles or panel at all.
import { newRequestId } from "@/lib/validation/request-id";
import type { CLIENT_MESSAGES } from "../assets";
import { fill } from "./fill";

declare const __READER_MESSAGES__: typeof CLIENT_MESSAGES;
const m = __READER_MESSAGES__.comments;

type Counts = { total: number; paragraphs: Record<string, number> };
type Filters = { users: number[]; books: number[] };
type Comment = {
  id: number;
  body: string;
  likeCount: number;
  replyCount: number;
  createdAt: string;
  user: { id: number; name: string };
  byAuthor: boolean;
  replies?: Comment[];
};

const BUBBLES_KEY = "shuhai.paragraphBubbles";

/** A message with its `{name}` / `{name, number}` values filled in. */
function bubblesOn(): boolean {
  try {
    return localStorage.getItem(BUBBLES_KEY) !== "off";
  } catch {
    return true;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// After the reader's own post, past the short caches (browser, proxy) of the public answers: an
// address no cache has (the endpoints ignore the extra parameter).
// For a minute after the reader's own post on this chapter, every read is fresh: a panel opened
// again, the page reloaded (the browser would otherwise show its copy from before the post).
const postedKey = (chapterId: number) => `shuhai.commented.${chapterId}`;
function fresh(url: string, chapterId: number, now: boolean): string {
  let lately = false;
  try {
    lately = Date.now() - Number(sessionStorage.getItem(postedKey(chapterId)) ?? 0) < 60_000;
  } catch {
    // Storage refused: nothing was remembered.
  }
  return now || lately ? `${url}${url.includes("?") ? "&" : "?"}t=${Date.now()}` : url;
}

/**
 * `me`: the signed-in reader's id, or null. A muted book's reading page does nothing here.
 */
export function setUpComments(reading: { bookId: number; chapterId: number }, me: Promise<number | null>): void {
  // The counts are asked for at once, alongside the reader's filters; shown once those allow.
  const firstCounts = fetch(fresh(`/api/chapters/${reading.chapterId}/comment-counts`, reading.chapterId, false)).catch(
    () => null,
  );
  const signedIn = me.then((id) => id !== null);
  const none: Filters = { users: [], books: [] };
  const filters = me.then((id) =>
    id === null
      ? none
      : fetch("/api/me/blocks", { cache: "no-store" })
          .then((r) => (r.ok ? (r.json() as Promise<Filters>) : none))
          .catch(() => none),
  );
  void filters.then((f) => {
    if (!f.books.includes(reading.bookId)) showComments(reading, signedIn, me, new Set(f.users), firstCounts);
  });
}

function showComments(
  reading: { bookId: number; chapterId: number },
  signedIn: Promise<boolean>,
  me: Promise<number | null>,
  blocked: Set<number>,
  firstCounts: Promise<Response | null>,
): void {
  const body = document.querySelector<HTMLElement>(".chapter-body[data-first]");
  const link = document.querySelector<HTMLAnchorElement>("a[data-comments-link]");
  if (!body || !link) return;
  const first = Number(body.dataset.first);
  const paragraphs = Array.from(body.querySelectorAll<HTMLParagraphElement>(":scope > p"));
  const page = link.getAttribute("href")!;
  const api = `/api/chapters/${reading.chapterId}`;
  const toggle = document.querySelector<HTMLButtonElement>("button[data-bubbles]");
  let counts: Counts = { total: 0, paragraphs: {} };
  let muted = false;

  const showBubbles = () => {
    for (const bubble of body.querySelectorAll(".para-bubble")) bubble.remove();
    toggle?.setAttribute("aria-pressed", String(bubblesOn()));
    if (!bubblesOn() || muted) return;
    paragraphs.forEach((p, i) => {
      const index = first + i;
      const count = counts.paragraphs[String(index)];
      if (!count) return;
      const bubble = el("a", "para-bubble", String(count));
      bubble.href = `${page}?paragraph=${index}`;
      bubble.setAttribute("aria-label", fill(m.bubble, { count }));
      bubble.setAttribute("aria-expanded", "false");
      bubble.addEventListener("click", (event) => {
        event.preventDefault();
        void openPanel(p, index, bubble);
      });
      p.append(" ", bubble);
    });
  };

  const refresh = (now = false, pending?: Promise<Response | null>) =>
    (pending ?? fetch(fresh(`${api}/comment-counts`, reading.chapterId, now)))
      .then((r) => (r?.ok ? (r.json() as Promise<Counts>) : null))
      .then((c) => {
        if (!c || muted) return;
        counts = c;
        link.textContent = c.total > 0 ? `${m.title} (${c.total})` : m.title;
        showBubbles();
      })
      .catch(() => {
        // Offline: the link and the page stay as they are.
      });

  toggle?.addEventListener("click", () => {
    try {
      localStorage.setItem(BUBBLES_KEY, bubblesOn() ? "off" : "on");
    } catch {
      // Storage refused (private mode): the setting lasts for this page only.
    }
    showBubbles();
  });
  // A double click (or a double tap) on a paragraph opens its comments, to write the first one.
  body.addEventListener("dblclick", (event) => {
    const p = (event.target as Element).closest(".chapter-body > p");
    const i = p && !muted ? paragraphs.indexOf(p as HTMLParagraphElement) : -1;
    if (i >= 0) void openPanel(paragraphs[i]!, first + i, null);
  });

  async function openPanel(p: HTMLParagraphElement, index: number, opener: HTMLElement | null): Promise<void> {
    const open = p.nextElementSibling?.classList.contains("para-panel") ? p.nextElementSibling : null;
    if (open) {
      open.remove();
      opener?.setAttribute("aria-expanded", "false");
      return;
    }
    const panel = el("section", "para-panel");
    panel.setAttribute("aria-label", `${m.paragraphTitle} · ${fill(m.paragraphOf, { n: index + 1 })}`);
    panel.tabIndex = -1;
    const close = el("button", "link-button para-close", m.close);
    close.type = "button";
    const shut = () => {
      panel.remove();
      opener?.setAttribute("aria-expanded", "false");
      (opener ?? p).focus?.();
    };
    close.addEventListener("click", shut);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") shut();
    });
    const list = el("ol", "comment-list");
    const status = el("p", "muted");
    status.setAttribute("role", "status");
    panel.append(close, list, status);
    p.after(panel);
    opener?.setAttribute("aria-expanded", "true");
    panel.focus();

    const load = async (now = false) => {
      try {
        const r = await fetch(fresh(`${api}/comments?paragraph=${index}`, reading.chapterId, now));
        if (!r.ok) throw new Error(String(r.status));
        const data = (await r.json()) as { items: Comment[] };
        const mine = await signedIn;
        const items = data.items.filter((c) => !blocked.has(c.user.id));
        list.replaceChildren(...items.map((c) => item(c, mine)));
        status.textContent = items.length === 0 ? m.none : "";
      } catch {
        status.textContent = m.loadFailed;
      }
    };
    await load();

    const more = el("a", undefined, m.allComments);
    more.href = `${page}?paragraph=${index}`;
    if (await signedIn) {
      const mute = el("button", "link-button para-mute", m.mute);
      mute.type = "button";
      mute.addEventListener("click", () => {
        void fetch(`/api/me/mutes/${reading.bookId}`, { method: "PUT" }).then((r) => {
          if (r.ok) mutedNow();
        });
      });
      panel.append(mute);
      panel.append(
        form(index, async () => {
          try {
            sessionStorage.setItem(postedKey(reading.chapterId), String(Date.now()));
          } catch {
            // Storage refused: this post's own reads below are fresh anyway.
          }
          await load(true);
          await refresh(true);
        }),
      );
    } else {
      const signIn = el("a", undefined, m.signInToComment);
      signIn.href = `/login?next=${encodeURIComponent(location.pathname)}`;
      panel.append(el("p"), signIn, " · ");
    }
    panel.append(more);
  }

  function item(c: Comment, mine: boolean): HTMLLIElement {
    const li = el("li");
    const article = el("article", "comment");
    article.dataset.user = String(c.user.id);
    const head = el("header", "comment-head");
    head.append(el("span", "comment-user", c.user.name));
    if (c.byAuthor) head.append(el("span", "badge", m.byAuthor));
    article.append(head, ...c.body.split("\n").map((line) => el("p", undefined, line)));
    article.append(likeButton(c, mine));
    if (mine) article.append(reportControl(c), blockButton(c));
    li.append(article);
    const shown = c.replies?.filter((r) => !blocked.has(r.user.id));
    if (shown?.length) {
      const replies = el("ol", "comment-replies");
      replies.append(...shown.map((r) => item(r, mine)));
      li.append(replies);
    }
    if (c.replies && c.replyCount > c.replies.length) {
      const more = el("a", "comment-more", fill(m.moreReplies, { count: c.replyCount }));
      more.href = `${page}?thread=${c.id}`;
      li.append(more);
    }
    return li;
  }

  /** 屏蔽: this reader's comments leave the panel (and every page, for this reader only). */
  function blockButton(c: Comment): HTMLElement {
    const button = el("button", "link-button comment-block", m.block);
    button.type = "button";
    button.setAttribute("aria-label", fill(m.blockNamed, { user: c.user.name }));
    void me.then((id) => {
      if (id === c.user.id) button.remove();
    });
    button.addEventListener("click", () => {
      button.disabled = true;
      fetch(`/api/me/blocks/${c.user.id}`, { method: "PUT" })
        .then((r) => {
          if (!r.ok) return;
          blocked.add(c.user.id);
          const panel = button.closest(".para-panel");
          const status = panel?.querySelector("[role=status]");
          for (const other of panel?.querySelectorAll(`[data-user="${c.user.id}"]`) ?? [])
            other.closest("li")?.remove();
          if (status) status.textContent = fill(m.blocked, { user: c.user.name });
          // The button went with the comment: the focus stays in the panel.
          (panel as HTMLElement | null)?.focus();
        })
        .catch(() => {
          // Offline: nothing changed.
        })
        .finally(() => {
          button.disabled = false;
        });
    });
    return button;
  }

  /** 举报: the reasons to choose from, sent once; then a thank-you in its place. */
  function reportControl(c: Comment): HTMLElement {
    const box = el("details", "comment-report");
    box.append(el("summary", undefined, m.report));
    for (const [reason, label] of Object.entries(m.reasons)) {
      const choice = el("button", "link-button", label);
      choice.type = "button";
      choice.addEventListener("click", () => {
        choice.disabled = true;
        fetch(`/api/comments/${c.id}/report`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ reason }),
        })
          .then((r) => {
            if (r.ok) box.replaceWith(el("span", "muted", m.reported));
          })
          .catch(() => {
            // Offline: the choices stay, to try again.
          })
          .finally(() => {
            choice.disabled = false;
          });
      });
      box.append(choice);
    }
    return box;
  }

  /** 赞 with the count; a signed-in reader's button (liked or not, as this page has seen). */
  function likeButton(c: Comment, signedInReader: boolean): HTMLElement {
    const label = (count: number) => `${m.like} ${count > 0 ? count : ""}`.trim();
    if (!signedInReader) return el("span", "muted comment-likes", c.likeCount > 0 ? label(c.likeCount) : "");
    const button = el("button", "link-button comment-like", label(c.likeCount));
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      const liked = button.getAttribute("aria-pressed") !== "true";
      button.disabled = true;
      fetch(`/api/comments/${c.id}/like`, { method: liked ? "POST" : "DELETE" })
        .then((r) => (r.ok ? (r.json() as Promise<{ liked: boolean; likeCount: number }>) : null))
        .then((answer) => {
          if (!answer) return;
          button.setAttribute("aria-pressed", String(answer.liked));
          button.textContent = label(answer.likeCount);
        })
        .catch(() => {
          // Offline: the button stays as it was.
        })
        .finally(() => {
          button.disabled = false;
        });
    });
    return button;
  }

  function form(index: number, posted: () => Promise<void>): HTMLFormElement {
    const f = el("form", "comment-form");
    const id = `para-comment-${index}`;
    const label = el("label", undefined, m.write);
    label.htmlFor = id;
    const text = el("textarea");
    text.id = id;
    text.name = "body";
    text.rows = 2;
    text.maxLength = 2000;
    text.required = true;
    const error = el("p", "form-error");
    error.setAttribute("role", "alert");
    const submit = el("button", undefined, m.submit);
    submit.type = "submit";
    let requestId = newRequestId();
    f.append(label, text, error, submit);
    f.addEventListener("submit", (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = "";
      fetch(`${api}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body: text.value, paragraph: index, bookId: reading.bookId, requestId }),
      })
        .then(async (r) => {
          if (r.ok) {
            text.value = "";
            requestId = newRequestId();
            await posted();
            return;
          }
          const answer = (await r.json().catch(() => ({}))) as {
            error?: string;
            fieldErrors?: Record<string, string[]>;
          };
          error.textContent = [answer.error, ...Object.values(answer.fieldErrors ?? {}).flat()]
            .filter(Boolean)
            .join(" ");
        })
        .catch(() => {
          error.textContent = m.loadFailed;
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
    return f;
  }

  // The keyboard's way to a paragraph's comments (a double click is the pointer's): one small form
  // after the chapter's comment link. Left empty, its number is the paragraph at the top of the
  // screen (shown as the placeholder). One control for the whole page, not one per paragraph.
  const chooser = el("form", "para-start");
  const pick = el("input");
  pick.type = "number";
  pick.min = String(first + 1);
  pick.max = String(first + paragraphs.length);
  pick.setAttribute("aria-label", m.paraStartLabel);
  pick.addEventListener("focus", () => {
    const top = paragraphs.findIndex((p) => p.getBoundingClientRect().bottom > 0);
    pick.placeholder = String(first + Math.max(0, top) + 1);
  });
  const go = el("button", "link-button", m.paraStart);
  chooser.append(pick, " ", go);
  chooser.addEventListener("submit", (event) => {
    event.preventDefault();
    const i = Number(pick.value || pick.placeholder || first + 1) - 1 - first;
    const p = paragraphs[i];
    if (p) void openPanel(p, first + i, pick);
  });
  (link.parentElement ?? link).after(chooser);
  // Muted from a panel: the comments leave this page at once, as they will every page of the book.
  const mutedNow = () => {
    for (const node of body.querySelectorAll(".para-bubble, .para-panel")) node.remove();
    counts = { total: 0, paragraphs: {} };
    muted = true;
    link.textContent = m.title;
    chooser.remove();
    link.focus();
  };

  void refresh(false, firstCounts);
}

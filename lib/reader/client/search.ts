import { formatMessage } from "@/lib/i18n/icu-lite";
import { inCurrentVariant, suggestionsUrl } from "@/lib/i18n/script-variants";

// The header's suggestion list on the pages without React (the reading pages, and home, books and
// contents: lib/server/lean-document.ts), as components/search/search-box.tsx does it on the
// others, on the same markup (an ARIA 1.2 combobox with a listbox popup): typing asks
// /api/search/suggest in the page's script (debounced, stale answers dropped), ↑/↓ choose, Enter opens the chosen book
// or submits the query, Escape closes the list. Without JavaScript it is a plain GET form.

type Suggestion = { id: number; title: string; author: string; href: string };
export type SearchMessages = { suggestionsCount: string; locale: string };

const DEBOUNCE_MS = 200;

export function setUpSearch(m: SearchMessages): void {
  for (const input of document.querySelectorAll<HTMLInputElement>('form[role="search"] input[role="combobox"]')) {
    const list = document.getElementById(input.getAttribute("aria-controls") ?? "");
    if (list) suggestInto(input, list, m);
  }
}

function suggestInto(input: HTMLInputElement, list: HTMLElement, m: SearchMessages): void {
  const status = input.form?.querySelector<HTMLElement>('[role="status"]');
  let items: Suggestion[] = [];
  let active = -1;
  let open = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let request: AbortController | null = null;

  const optionId = (item: Suggestion) => `${list.id}-${item.id}`;
  const go = (item: Suggestion) => {
    show(false);
    window.location.assign(inCurrentVariant(item.href));
  };

  function show(value: boolean): void {
    open = value;
    if (!open) active = -1;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    const current = open && active >= 0 ? items[active] : undefined;
    if (current) input.setAttribute("aria-activedescendant", optionId(current));
    else input.removeAttribute("aria-activedescendant");
    for (const [i, option] of [...list.children].entries()) option.setAttribute("aria-selected", String(i === active));
    // Said again only when it changes: a screen reader reads every change of a status.
    const said = open ? formatMessage(m.locale, m.suggestionsCount, { count: items.length }) : "";
    if (status && status.textContent !== said) status.textContent = said;
  }

  function fill(found: Suggestion[]): void {
    items = found;
    active = -1;
    list.replaceChildren(
      ...items.map((item) => {
        const option = document.createElement("li");
        option.id = optionId(item);
        option.setAttribute("role", "option");
        const title = Object.assign(document.createElement("span"), { className: "search-suggestion-title" });
        title.textContent = item.title;
        const author = Object.assign(document.createElement("span"), { className: "search-suggestion-author" });
        author.textContent = item.author;
        option.append(title, " ", author);
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          go(item);
        });
        return option;
      }),
    );
    show(items.length > 0);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    request?.abort();
    const q = input.value;
    if (!q.trim()) {
      fill([]);
      return;
    }
    timer = setTimeout(() => {
      const controller = new AbortController();
      request = controller;
      fetch(suggestionsUrl(q), { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ items: Suggestion[] }>) : null))
        .then((body) => body && fill(body.items))
        .catch((error: Error) => {
          if (error.name !== "AbortError") show(false);
        });
    }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (items.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the input itself: the selection cycles input → first … last → input.
      const next = ((active + 1 + step + items.length + 1) % (items.length + 1)) - 1;
      open = true;
      active = next;
      show(true);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        show(false);
      }
    } else if (event.key === "Enter") {
      const chosen = open && active >= 0 ? items[active] : undefined;
      if (chosen) {
        event.preventDefault();
        go(chosen);
      }
    }
  });
  input.addEventListener("blur", () => setTimeout(() => show(false), 150));
  input.addEventListener("focus", () => show(items.length > 0));
}

"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { inCurrentVariant, suggestionsUrl } from "@/lib/i18n/script-variants";

type Suggestion = { id: number; title: string; author: string; href: string };

const DEBOUNCE_MS = 200;
const MAX_INPUT = 100;

// The site's search form with a suggestion list (ARIA 1.2 combobox with a listbox popup).
// Without JavaScript it is a plain GET form to /search; with it, typing asks
// /api/search/suggest (debounced, stale answers dropped), ↑/↓ choose, Enter opens the chosen
// book or submits the query, Escape closes the list.
export function SearchBox({
  defaultValue = "",
  variant = "header",
}: {
  defaultValue?: string;
  variant?: "header" | "page";
}) {
  const t = useTranslations("search");
  const router = useRouter();
  const id = useId();
  const inputId = `${id}-q`;
  const listId = `${id}-list`;
  const [value, setValue] = useState(defaultValue);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      request.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function fetchSuggestions(q: string) {
    if (timer.current) clearTimeout(timer.current);
    request.current?.abort();
    if (!q.trim()) {
      setItems([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      request.current = controller;
      try {
        const response = await fetch(suggestionsUrl(q), { signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { items: Suggestion[] };
        setItems(body.items);
        setActive(-1);
        setOpen(body.items.length > 0);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setOpen(false);
      }
    }, DEBOUNCE_MS);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (items.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the input itself: the selection cycles input → first … last → input.
      setActive((current) => ((current + 1 + step + items.length + 1) % (items.length + 1)) - 1);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    } else if (event.key === "Enter") {
      const chosen = open && active >= 0 ? items[active] : undefined;
      if (chosen) {
        event.preventDefault();
        setOpen(false);
        router.push(inCurrentVariant(chosen.href));
      }
    }
  }

  const activeItem = open && active >= 0 ? items[active] : undefined;
  return (
    <form
      action="/search"
      method="get"
      role="search"
      className={`search-form search-form-${variant}`}
      aria-label={variant === "header" ? t("title") : t("label")}
    >
      <label htmlFor={inputId} className={variant === "header" ? "visually-hidden" : "search-label"}>
        {t("label")}
      </label>
      <div className="search-combobox">
        <input
          id={inputId}
          name="q"
          type="search"
          value={value}
          maxLength={MAX_INPUT}
          placeholder={t("placeholder")}
          autoComplete="off"
          enterKeyHint="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeItem ? `${listId}-${activeItem.id}` : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            fetchSuggestions(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => setOpen(items.length > 0)}
        />
        <ul id={listId} role="listbox" aria-label={t("suggestions")} className="search-suggestions" hidden={!open}>
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`${listId}-${item.id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => {
                event.preventDefault();
                setOpen(false);
                router.push(inCurrentVariant(item.href));
              }}
            >
              <span className="search-suggestion-title">{item.title}</span>{" "}
              <span className="search-suggestion-author">{item.author}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit">{t("submit")}</button>
      <p className="visually-hidden" role="status">
        {open ? t("suggestionsCount", { count: items.length }) : ""}
      </p>
    </form>
  );
}

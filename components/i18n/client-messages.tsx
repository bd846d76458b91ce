"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatMessage, type Values } from "@/lib/i18n/icu-lite";

// The UI strings of the client islands (HtmlDocument chooses which), and a useTranslations with
// next-intl's call shape that formats them with lib/i18n/icu-lite.ts: next-intl's client
// provider and its message-format runtime are not sent to the browser.
export type MessageTree = { [key: string]: string | MessageTree };

type ClientMessages = { locale: string; messages: MessageTree };
const Context = createContext<ClientMessages>({ locale: "zh-CN", messages: {} });

export function ClientMessagesProvider({
  locale,
  messages,
  children,
}: {
  locale: string;
  messages: MessageTree;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function lookup(tree: MessageTree, path: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of path.split(".")) {
    if (typeof node !== "object") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** `t(key, values)` for the keys under `namespace`; a missing key shows as its full name. */
export function useTranslations(namespace: string): (key: string, values?: Values) => string {
  const { locale, messages } = useContext(Context);
  return useMemo(
    () => (key: string, values?: Values) => {
      const path = `${namespace}.${key}`;
      const message = lookup(messages, path);
      return message === undefined ? path : formatMessage(locale, message, values);
    },
    [locale, messages, namespace],
  );
}

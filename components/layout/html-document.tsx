import type { ReactNode } from "react";
import { messages, siteLocale } from "@/lib/i18n/messages";
import { READER_SETTINGS_SCRIPT } from "@/components/chapter/reader-settings-script";
import { ClientMessagesProvider } from "@/components/i18n/client-messages";
import "@/app/globals.css";

// Only what client islands need travels to the browser, in every page's RSC payload.
const clientMessages = {
  errors: messages.errors,
  // The book page's 继续阅读 button.
  book: { continueReading: messages.book.continueReading },
  // The header's account links; the account pages' forms get the rest (accountMessages).
  auth: { signIn: messages.auth.signIn, register: messages.auth.register, signOut: messages.auth.signOut },
  shelf: messages.shelf,
  search: messages.search,
  // The comment form of the comments page.
  comments: {
    write: messages.comments.write,
    writeReply: messages.comments.writeReply,
    bodyHint: messages.comments.bodyHint,
    submit: messages.comments.submit,
  },
  // The header's bell.
  notices: { bell: messages.notices.bell, bellUnread: messages.notices.bellUnread },
  // The review form of a book's review page.
  reviews: {
    overall: messages.reviews.overall,
    style: messages.reviews.style,
    story: messages.reviews.story,
    grammar: messages.reviews.grammar,
    character: messages.reviews.character,
    overallLegend: messages.reviews.overallLegend,
    aspectLegend: messages.reviews.aspectLegend,
    noScore: messages.reviews.noScore,
    stars: messages.reviews.stars,
    bodyLabel: messages.reviews.bodyLabel,
    bodyHint: messages.reviews.bodyHint,
    submit: messages.reviews.submit,
  },
  // The header's account island needs only these two labels.
  dashboard: { write: messages.dashboard.write },
  admin: { nav: messages.admin.nav },
};

// The sign-in, register and account pages' forms.
const accountMessages = { ...clientMessages, auth: messages.auth };

// The author and admin workspaces' forms need their full catalogs; public pages do not carry them.
const workspaceMessages = {
  ...accountMessages,
  dashboard: messages.dashboard,
  admin: messages.admin,
  import: messages.import,
  // The cover form names the size limit when the chosen image is over it.
  covers: { errors: { TOO_LARGE: messages.covers.errors.TOO_LARGE } },
};

// The <html> document shared by the site's root layouts. `lang` is the language of the page's
// content: the site's UI language, or a book's language on book pages. `nonce`: the per-request
// CSP nonce of dynamic pages (the dashboard), for the one inline script. `forms`: which client
// strings the pages' forms need beyond the public islands' (account or workspace pages).
export function HtmlDocument({
  lang,
  nonce,
  forms,
  children,
}: {
  lang: string;
  nonce?: string;
  forms?: "account" | "workspace";
  children: ReactNode;
}) {
  const clientStrings =
    forms === "workspace" ? workspaceMessages : forms === "account" ? accountMessages : clientMessages;
  return (
    <html lang={lang} suppressHydrationWarning>
      <head>
        {/* Applies saved reader settings before first paint; static, so pages stay cacheable. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: READER_SETTINGS_SCRIPT }} />
        {/* Parts of dynamic pages (listings, search results) stream in after the static shell and
            are revealed by a script; without JavaScript this reveals them where they arrived. */}
        <noscript>
          <style>{'[hidden][id^="S:"] { display: block !important; }'}</style>
        </noscript>
      </head>
      <body id="top">
        <ClientMessagesProvider locale={siteLocale} messages={clientStrings}>
          {children}
        </ClientMessagesProvider>
      </body>
    </html>
  );
}

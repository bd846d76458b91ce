import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { unblockReaderAction, unmuteBookAction } from "@/lib/actions/moderation";
import { requireUser } from "@/lib/auth/session";
import { getBlockList } from "@/lib/data/signed-in";
import { formatDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("moderation.blocksTitle"), robots: { index: false } };
}

// The readers the signed-in reader blocks and the books whose comments they mute, each with a
// button to undo it (blocking and muting are done from the comments themselves).
export default function BlocksPage() {
  const t = getT();
  return (
    <section className="account-page">
      <h1>{t("moderation.blocksTitle")}</h1>
      <p className="muted">{t("moderation.blocksIntro")}</p>
      <BlockLists />
      <p>
        <Link href="/account">{t("auth.accountTitle")}</Link>
      </p>
    </section>
  );
}

async function BlockLists() {
  const t = getT();
  const user = await requireUser("/account/blocks");
  const { users, books } = await getBlockList(user.id);
  return (
    <>
      <h2>{t("moderation.blockedReaders")}</h2>
      {users.length === 0 ? <p>{t("moderation.noBlocks")}</p> : null}
      <ul className="block-list">
        {users.map((u) => (
          <li key={u.id}>
            <span>{u.name}</span> <span className="muted">{formatDate(u.since)}</span>
            <ActionForm action={unblockReaderAction} className="inline-form">
              <input type="hidden" name="userId" value={u.id} />
              <button type="submit" aria-label={t("moderation.unblockNamed", { user: u.name })}>
                {t("moderation.unblock")}
              </button>
            </ActionForm>
          </li>
        ))}
      </ul>
      <h2>{t("moderation.mutedBooks")}</h2>
      {books.length === 0 ? <p>{t("moderation.noMutes")}</p> : null}
      <ul className="block-list">
        {books.map((b) => (
          <li key={b.id}>
            <Link href={`/book/${b.id}`}>{b.title}</Link> <span className="muted">{formatDate(b.since)}</span>
            <ActionForm action={unmuteBookAction} className="inline-form">
              <input type="hidden" name="bookId" value={b.id} />
              <button type="submit" aria-label={t("moderation.unmuteNamed", { title: b.title })}>
                {t("moderation.unmute")}
              </button>
            </ActionForm>
          </li>
        ))}
      </ul>
    </>
  );
}

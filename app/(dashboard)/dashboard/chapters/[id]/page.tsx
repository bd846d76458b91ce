import { ChapterLink } from "@/components/book/chapter-link";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ChapterEditor } from "@/components/dashboard/chapter-editor";
import { updateChapterAction } from "@/lib/actions/authoring";
import { isoToZonedLocal } from "@/lib/i18n/time";
import { dashboardActor, orNotFound, routeId } from "@/lib/data/dashboard";
import { getBookForEdit, getChapterForEdit } from "@/lib/data/signed-in";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export function generateMetadata(): Metadata {
  return { title: getT()("dashboard.editChapter") };
}

export default async function EditChapterPage({ params, searchParams }: Props) {
  const t = getT();
  const chapterId = routeId((await params).id);
  const actor = await dashboardActor(`/dashboard/chapters/${chapterId}`);
  const chapter = await orNotFound(getChapterForEdit(actor, chapterId));
  const book = await orNotFound(getBookForEdit(actor, chapter.bookId));
  const saved = (await searchParams).saved === "1";
  return (
    <section className="dashboard">
      <p>
        <Link href={`/dashboard/books/${book.id}`}>{t("dashboard.backToBook", { title: book.title })}</Link>
      </p>
      <h1>{t("dashboard.editChapter")}</h1>
      <p className="dashboard-links">
        {t(`dashboard.chapterStatuses.${chapter.status}`)}
        {chapter.status === "SCHEDULED" && chapter.publishAt
          ? ` · ${t("dashboard.scheduledFor", { when: formatDateTime(chapter.publishAt) })}`
          : null}
        {chapter.status === "PUBLISHED" ? (
          <>
            {" · "}
            <ChapterLink bookId={book.id} chapterId={chapter.id}>
              {t("dashboard.viewPublic")}
            </ChapterLink>
          </>
        ) : null}
      </p>
      <ChapterEditor
        action={updateChapterAction}
        chapter={{
          bookId: book.id,
          chapterId: chapter.id,
          volumeId: chapter.volumeId,
          title: chapter.title,
          body: chapter.body,
          authorNote: chapter.authorNote,
          publishAt: isoToZonedLocal(chapter.publishAt, env.SITE_TIME_ZONE),
          status: chapter.status,
        }}
        volumes={book.volumes}
        pageChars={env.CHAPTER_PAGE_CHARS}
        timeZone={env.SITE_TIME_ZONE}
        savedMessage={saved ? t("dashboard.saved") : undefined}
      />
    </section>
  );
}

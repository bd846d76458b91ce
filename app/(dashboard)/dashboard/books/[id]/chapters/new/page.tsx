import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ChapterEditor } from "@/components/dashboard/chapter-editor";
import { createChapterAction } from "@/lib/actions/authoring";
import { dashboardActor, orNotFound, routeId } from "@/lib/data/dashboard";
import { getBookForEdit } from "@/lib/data/signed-in";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/messages";
import { newRequestId } from "@/lib/validation/create-request";

type Params = { params: Promise<{ id: string }> };

export function generateMetadata(): Metadata {
  return { title: getT()("dashboard.newChapter") };
}

export default async function NewChapterPage({ params }: Params) {
  const t = getT();
  const bookId = routeId((await params).id);
  const actor = await dashboardActor(`/dashboard/books/${bookId}/chapters/new`);
  const book = await orNotFound(getBookForEdit(actor, bookId));
  const lastVolume = book.volumes.at(-1);
  return (
    <section className="dashboard">
      <p>
        <Link href={`/dashboard/books/${book.id}`}>{t("dashboard.backToBook", { title: book.title })}</Link>
      </p>
      <h1>{t("dashboard.newChapter")}</h1>
      <ChapterEditor
        action={createChapterAction}
        chapter={{
          bookId: book.id,
          volumeId: lastVolume?.id ?? null,
          title: "",
          body: "",
          authorNote: "",
          publishAt: "",
          status: "DRAFT",
        }}
        volumes={book.volumes}
        pageChars={env.CHAPTER_PAGE_CHARS}
        timeZone={env.SITE_TIME_ZONE}
        requestId={newRequestId()}
      />
    </section>
  );
}

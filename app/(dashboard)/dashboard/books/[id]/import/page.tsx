import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ImportForm } from "@/components/dashboard/import-form";
import { importTxtAction } from "@/lib/actions/import";
import { restoreImportState } from "@/lib/actions/import-flow";
import { dashboardActor, orNotFound, routeId } from "@/lib/data/dashboard";
import { getBookForEdit } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";
import { IMPORT_ENCODINGS } from "@/lib/text/import";
import { newRequestId } from "@/lib/validation/create-request";

export function generateMetadata(): Metadata {
  return { title: getT()("import.ui.appendTitle") };
}

/**
 * Imports a TXT file's chapters after the last chapter of one of the author's books. `?state=`
 * names the result of a post made without JavaScript.
 */
export default async function ImportIntoBookPage({ params, searchParams }: PageProps<"/dashboard/books/[id]/import">) {
  const t = getT();
  const { id } = await params;
  const bookId = routeId(id);
  const actor = await dashboardActor(`/dashboard/books/${bookId}/import`);
  const { state } = await searchParams;
  const [book, initialState] = await Promise.all([
    orNotFound(getBookForEdit(actor, bookId)),
    restoreImportState(actor, typeof state === "string" ? state : undefined),
  ]);
  return (
    <section className="dashboard">
      <p>
        <Link href={`/dashboard/books/${book.id}`}>{book.title}</Link>
      </p>
      <h1>{t("import.ui.appendTitle")}</h1>
      <p className="form-hint">{t("import.ui.appendHint", { title: book.title })}</p>
      <ImportForm
        action={importTxtAction}
        bookId={book.id}
        encodings={IMPORT_ENCODINGS}
        initialState={initialState}
        requestId={newRequestId()}
      />
    </section>
  );
}

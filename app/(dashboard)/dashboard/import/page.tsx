import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ImportForm } from "@/components/dashboard/import-form";
import { importTxtAction } from "@/lib/actions/import";
import { restoreImportState } from "@/lib/actions/import-flow";
import { bookFormProps, dashboardActor } from "@/lib/data/dashboard";
import { getT, siteLocale } from "@/lib/i18n/messages";
import { IMPORT_ENCODINGS } from "@/lib/text/import";
import { newRequestId } from "@/lib/validation/create-request";

export function generateMetadata(): Metadata {
  return { title: getT()("import.ui.newBookTitle") };
}

/** Imports a TXT file as a new book. `?state=` names the result of a post made without JavaScript. */
export default async function ImportNewBookPage({ searchParams }: PageProps<"/dashboard/import">) {
  const t = getT();
  const actor = await dashboardActor("/dashboard/import");
  const { state } = await searchParams;
  const [{ categories }, initialState] = await Promise.all([
    bookFormProps(),
    restoreImportState(actor, typeof state === "string" ? state : undefined),
  ]);
  return (
    <section className="dashboard">
      <p>
        <Link href="/dashboard">{t("dashboard.backToDashboard")}</Link>
      </p>
      <h1>{t("import.ui.newBookTitle")}</h1>
      <ImportForm
        action={importTxtAction}
        categories={categories}
        defaultLanguage={siteLocale}
        encodings={IMPORT_ENCODINGS}
        initialState={initialState}
        requestId={newRequestId()}
      />
    </section>
  );
}

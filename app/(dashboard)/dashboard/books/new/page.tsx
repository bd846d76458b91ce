import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { BookForm } from "@/components/dashboard/book-form";
import { createBookAction } from "@/lib/actions/authoring";
import { bookFormProps, dashboardActor } from "@/lib/data/dashboard";
import { getT, siteLocale } from "@/lib/i18n/messages";
import { newRequestId } from "@/lib/validation/create-request";

export function generateMetadata(): Metadata {
  return { title: getT()("dashboard.newBook") };
}

export default async function NewBookPage() {
  const t = getT();
  await dashboardActor("/dashboard/books/new");
  return (
    <section className="dashboard">
      <p>
        <Link href="/dashboard">{t("dashboard.backToDashboard")}</Link>
      </p>
      <h1>{t("dashboard.newBook")}</h1>
      <BookForm
        action={createBookAction}
        book={{ title: "", intro: "", categoryId: null, tagIds: [], status: "ONGOING", language: siteLocale }}
        {...await bookFormProps()}
        requestId={newRequestId()}
      />
    </section>
  );
}

import { getT } from "@/lib/i18n/messages";

/** "N chapters imported", after an import redirected here with `?imported=N`. */
export async function ImportedNotice({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).imported;
  if (typeof raw !== "string" || !/^\d{1,7}$/.test(raw)) return null;
  return (
    <p role="status" className="form-message form-message-success">
      {getT()("dashboard.imported", { count: Number(raw) })}
    </p>
  );
}

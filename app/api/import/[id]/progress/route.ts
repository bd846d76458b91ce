import { getImportProgress } from "@/lib/data/signed-in";
import { json, readerEndpoint } from "@/lib/http/reader-api";

// How far the import of one of the signed-in user's staged uploads has got, polled by the import
// form while its server action runs: { state: "staged" | "running" | "done" | "failed", done, total }
// (chapters). Read from the database, so it answers on any instance. Someone else's upload is
// answered exactly like an unknown one: 404.
export function GET(request: Request, { params }: RouteContext<"/api/import/[id]/progress">) {
  return readerEndpoint(request, async (user) => {
    const { id } = await params;
    const progress = await getImportProgress(user.id, id);
    if (!progress) return json({ error: "not found" }, 404);
    return json({ state: progress.state.toLowerCase(), done: progress.done, total: progress.total });
  });
}

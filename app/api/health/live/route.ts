import { connection } from "next/server";

// Liveness: the process answers. Never touches the database, so a database outage does not
// make an orchestrator restart healthy web processes. Rendered per request, never prerendered.
export async function GET() {
  await connection();
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}

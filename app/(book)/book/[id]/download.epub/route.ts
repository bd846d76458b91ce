import { connection } from "next/server";
import { db } from "@/lib/db";
import { answerDownload } from "@/lib/downloads/serve";

// The book's public chapters as one .epub file (lib/downloads/serve.ts): streamed from the database
// when made, otherwise made in the background while /book/<id>/download says so.
export async function GET(request: Request, { params }: RouteContext<"/book/[id]/download.epub">) {
  await connection();
  return answerDownload(db, (await params).id, "epub", request);
}

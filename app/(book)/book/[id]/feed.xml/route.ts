import { getBookFeed } from "@/lib/data/crawler";
import { sampleBookParams } from "@/lib/data/book-route";
import { renderBookFeed } from "@/lib/seo/feeds";
import { xmlResponse } from "@/lib/seo/sitemap-xml";
import { parseId } from "@/lib/validation/ids";

export async function generateStaticParams() {
  const { id } = await sampleBookParams();
  return [{ id }];
}

// A book's Atom feed: its latest published chapters.
export async function GET(_request: Request, { params }: RouteContext<"/book/[id]/feed.xml">) {
  const id = parseId((await params).id);
  const data = id === null ? null : await getBookFeed(id);
  if (!data)
    return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return xmlResponse(renderBookFeed(data), "application/atom+xml");
}

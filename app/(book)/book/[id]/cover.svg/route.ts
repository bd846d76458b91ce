import { sampleBookParams } from "@/lib/data/book-route";
import { getBookDetail } from "@/lib/data/catalog";
import { getT } from "@/lib/i18n/messages";
import { renderCoverSvg } from "@/lib/seo/cover";
import { parseId } from "@/lib/validation/ids";

export async function generateStaticParams() {
  const { id } = await sampleBookParams();
  return [{ id }];
}

// The generated cover of a book without an uploaded one: link previews and structured data
// point here (lib/seo/cover.ts).
export async function GET(_request: Request, { params }: RouteContext<"/book/[id]/cover.svg">) {
  const id = parseId((await params).id);
  const book = id === null ? null : await getBookDetail(id);
  if (!book)
    return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const svg = renderCoverSvg({
    id: book.id,
    title: book.title,
    author: book.author.name,
    siteName: getT()("site.name"),
  });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      // An SVG opened on its own is a document: it may not run or load anything.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}

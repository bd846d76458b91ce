import Link from "@/components/ui/link";
import type { BookCard } from "@/lib/data/queries/filters";

// A compact numbered list (rankings, 好书推荐 / 新书推荐): title, then author.
export function BookList({ books, numbered = false }: { books: BookCard[]; numbered?: boolean }) {
  const List = numbered ? "ol" : "ul";
  return (
    <List className="book-list">
      {books.map((b, i) => (
        <li key={b.id}>
          {numbered ? <span className="rank-no">{i + 1}.</span> : null}
          <Link className="title" href={`/book/${b.id}`}>
            {b.title}
          </Link>
          <span className="meta">{b.author.name}</span>
        </li>
      ))}
    </List>
  );
}

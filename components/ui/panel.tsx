import Link from "@/components/ui/link";
import type { ReactNode } from "react";

// A titled block of the page (精品推荐, 最近更新, 好书推荐 …): a section labelled by its heading,
// with an optional "more" link beside the heading.
export function Panel({
  id,
  title,
  more,
  level = 2,
  children,
}: {
  id: string;
  title: string;
  more?: { href: string; label: string };
  level?: 2 | 3;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <Heading id={id}>{title}</Heading>
        {more ? <Link href={more.href}>{more.label}</Link> : null}
      </div>
      {children}
    </section>
  );
}

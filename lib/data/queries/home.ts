import type { Db } from "@/lib/db/client";
import type { FeaturedKind } from "@/lib/generated/prisma/client";
import { bookCardSelect, publicBookWhere, type BookCard } from "./filters";

export const SITE_NOTICE_KEY = "site_notice";

export async function queryFeatured(db: Db, kind: FeaturedKind): Promise<BookCard[]> {
  const slots = await db.featuredSlot.findMany({
    where: { kind, book: publicBookWhere },
    select: { book: { select: bookCardSelect } },
    orderBy: { position: "asc" },
    take: 12,
  });
  return slots.map((s) => s.book);
}

export async function querySiteNotice(db: Db): Promise<string> {
  const row = await db.siteSetting.findUnique({ where: { key: SITE_NOTICE_KEY }, select: { value: true } });
  return row?.value ?? "";
}

import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/data/authoring/tx";

// Paragraph comments (段评) stay with their paragraph when the author edits the chapter. A
// comment holds its paragraph's place (`paragraph`, 0-based over the chapter's lines) and a hash
// of its text (`anchor`). After an edit, each (place, hash) of the chapter's comments is looked up
// in the new text: the same text at the same place keeps its comments; the same text elsewhere
// (a paragraph inserted or removed above it) moves them there, to the nearest place when the
// text is there several times; text no longer anywhere leaves them `orphaned`: still listed in
// the chapter's comments, marked, and counted under no paragraph.

/** The anchor of a paragraph's text: 64 bits of its SHA-256, as hex. */
export function paragraphAnchor(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The paragraphs of a stored chapter body (one per line; normalizeBody keeps no blank lines). */
export function paragraphsOf(body: string): string[] {
  return body === "" ? [] : body.split("\n");
}

type Move = { from: number; anchor: string; to: number | null };

/** Where each anchored group goes in the new text: its new place, or null when its text is gone. */
export function anchorMoves(groups: readonly { paragraph: number; anchor: string }[], body: string): Move[] {
  const places = new Map<string, number[]>();
  paragraphsOf(body).forEach((text, i) => {
    const anchor = paragraphAnchor(text);
    places.set(anchor, [...(places.get(anchor) ?? []), i]);
  });
  return groups.map(({ paragraph, anchor }) => {
    const candidates = places.get(anchor) ?? [];
    const nearest = candidates.reduce<number | null>(
      (best, i) => (best === null || Math.abs(i - paragraph) < Math.abs(best - paragraph) ? i : best),
      null,
    );
    return { from: paragraph, anchor, to: nearest };
  });
}

/**
 * Re-anchors the chapter's paragraph comments to its new body, in the edit's transaction. One
 * statement applies every move, so groups that trade places never meet half-moved.
 */
export async function reanchorComments(tx: Tx, chapterId: number, body: string): Promise<boolean> {
  const groups = await tx.$queryRaw<{ paragraph: number; anchor: string; orphaned: boolean }[]>`
    SELECT DISTINCT paragraph, anchor, orphaned FROM "Comment"
    WHERE "chapterId" = ${chapterId} AND paragraph IS NOT NULL AND anchor IS NOT NULL`;
  const moves = anchorMoves(groups, body).filter(
    (move, i) => move.to !== move.from || groups[i]!.orphaned !== (move.to === null),
  );
  if (moves.length === 0) return false;
  const rows = moves.map((m) => Prisma.sql`(${m.from}::int, ${m.anchor}::varchar, ${m.to}::int)`);
  await tx.$executeRaw`
    UPDATE "Comment" c
    SET paragraph = COALESCE(m.target, c.paragraph), orphaned = (m.target IS NULL)
    FROM (VALUES ${Prisma.join(rows)}) AS m(source, anchor, target)
    WHERE c."chapterId" = ${chapterId} AND c.paragraph = m.source AND c.anchor = m.anchor`;
  return true;
}

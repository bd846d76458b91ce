-- Restores the chapter-order invariant of lib/data/authoring/order.ts on databases seeded before
-- it was kept by the demo seed: a trashed chapter holds position -id, live chapters hold 1..n in
-- their current order. (A trashed chapter on a positive position made appending a chapter to its
-- book fail with a unique-constraint error.) Two steps, so no row ever takes a position still held.
UPDATE "Chapter" SET "position" = -"id" WHERE "deletedAt" IS NOT NULL AND "position" <> -"id";

WITH ranked AS (
  SELECT "id", row_number() OVER (PARTITION BY "bookId" ORDER BY "position", "id")::int AS "live"
    FROM "Chapter"
   WHERE "deletedAt" IS NULL
)
UPDATE "Chapter" c
   SET "position" = r."live" + 1000000000
  FROM ranked r
 WHERE c."id" = r."id" AND c."position" <> r."live";

UPDATE "Chapter" SET "position" = "position" - 1000000000 WHERE "position" > 1000000000;

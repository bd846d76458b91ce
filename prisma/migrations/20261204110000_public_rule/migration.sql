-- What "public" means, said once for SQL (lib/data/queries/filters.ts says it for TypeScript and
-- emits calls to these in raw queries; lib/data/public-rule.test.ts checks every copy agrees).
-- Plain SQL expressions, IMMUTABLE: the planner inlines them, so a query filters and uses its
-- indexes exactly as if the expression were written out.

-- A book readers can find: not in the trash, not hidden by an admin, with a public chapter.
CREATE FUNCTION shuhai_book_is_public(deleted_at timestamp, hidden_at timestamp, chapter_count integer)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT deleted_at IS NULL AND hidden_at IS NULL AND chapter_count > 0 $$;

-- A chapter readers can open (of a public book): published and not in the trash.
CREATE FUNCTION shuhai_chapter_is_public(status "ChapterStatus", deleted_at timestamp)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT status = 'PUBLISHED' AND deleted_at IS NULL $$;

-- The search index keeps the public books only, by the same rule.
CREATE OR REPLACE FUNCTION book_search_on_book_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  doc text;
BEGIN
  IF NOT shuhai_book_is_public(NEW."deletedAt", NEW."hiddenAt", NEW."chapterCount") THEN
    DELETE FROM "BookSearch" WHERE "bookId" = NEW."id";
  ELSIF TG_OP = 'UPDATE' AND OLD."title" = NEW."title" AND OLD."authorId" = NEW."authorId"
        AND EXISTS (SELECT 1 FROM "BookSearch" WHERE "bookId" = NEW."id") THEN
    UPDATE "BookSearch"
       SET "viewCount" = NEW."viewCount", "categoryId" = NEW."categoryId", "status" = NEW."status"
     WHERE "bookId" = NEW."id"
       AND ("viewCount", "categoryId", "status") IS DISTINCT FROM (NEW."viewCount", NEW."categoryId", NEW."status");
  ELSE
    doc := book_search_document(NEW."title", NEW."authorId", NEW."id");
    INSERT INTO "BookSearch" ("bookId", "document", "viewCount", "categoryId", "status")
    VALUES (NEW."id", doc, NEW."viewCount", NEW."categoryId", NEW."status")
    ON CONFLICT ("bookId") DO UPDATE
      SET "document" = EXCLUDED."document", "viewCount" = EXCLUDED."viewCount",
          "categoryId" = EXCLUDED."categoryId", "status" = EXCLUDED."status";
  END IF;
  RETURN NULL;
END
$$;

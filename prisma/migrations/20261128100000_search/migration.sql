-- Search (/search and its suggestion list) reads one narrow row per public book, "BookSearch",
-- kept right by triggers for every writer (the app, the seeder, psql): a row exists exactly
-- while its book is public (not deleted, not hidden, with a published chapter).
--
--   "document"  'title|author name|tag|tag…', each part through search_normalize(): NFKC, lower
--               case, every run of non-letters/digits → one space. A trigram GIN index on it
--               serves substring and prefix LIKE for Latin terms of ≥3 characters.
--   search_tokens("document"), indexed (GIN on the expression, so the table stays narrow):
--               CJK unigrams and bigrams (pg_trgm extracts no trigrams from CJK text, and a
--               1–2 character query has none anyway); '^' + the 1–2 character prefixes of each
--               Latin word; '~' + each Latin word of ≥3 characters and, for words of ≥4, every
--               variant with one character deleted (symmetric-delete typo matching: two words
--               within one edit, transpositions included, share a variant). Prisma's schema
--               cannot declare an expression index: lib/test/schema-diff.ts lists it.
--   "viewCount", "categoryId", "status"  copies of the book's, for ranking and filters.
--
-- Being narrow (no intro, no counters) it is a few MB for 100,000 books, so even a common
-- one-character query that matches a fifth of the catalog reads few pages.
-- lib/data/queries/search.ts queries it; lib/search/normalize.ts mirrors search_normalize() and
-- search_tokens() for the query side.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "BookSearch" (
    "bookId" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "viewCount" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "status" "BookStatus" NOT NULL,

    CONSTRAINT "BookSearch_pkey" PRIMARY KEY ("bookId")
);

-- CreateIndex
CREATE INDEX "BookSearch_document_idx" ON "BookSearch" USING GIN ("document" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "BookSearch" ADD CONSTRAINT "BookSearch_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION search_normalize(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN btrim(regexp_replace(lower(normalize(t, NFKC)), '[^[:alnum:]]+', ' ', 'g'));

CREATE FUNCTION search_tokens(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
  WITH cjk AS (
    SELECT m[1] AS run
      FROM regexp_matches(t, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]+', 'g') AS m
  ), words AS (
    SELECT w
      FROM regexp_split_to_table(
             regexp_replace(t, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]+', ' ', 'g'),
             '[^[:alnum:]]+') AS w
     WHERE w <> ''
  ), tokens AS (
    SELECT substr(run, i, n) AS token
      FROM cjk, generate_series(1, char_length(run)) AS i, generate_series(1, 2) AS n
     WHERE i + n - 1 <= char_length(run)
    UNION ALL
    SELECT '^' || left(w, n) FROM words, generate_series(1, 2) AS n WHERE char_length(w) >= n
    UNION ALL
    SELECT '~' || w FROM words WHERE char_length(w) >= 3
    UNION ALL
    SELECT '~' || overlay(w PLACING '' FROM i FOR 1)
      FROM words, generate_series(1, char_length(w)) AS i
     WHERE char_length(w) >= 4
  )
  SELECT coalesce(array_agg(DISTINCT token ORDER BY token), '{}') FROM tokens;
END;

CREATE INDEX "BookSearch_tokens_idx" ON "BookSearch" USING GIN (search_tokens("document"));

-- The search document of one book, from its title, its author's name and its tags' names.
CREATE FUNCTION book_search_document(book_title text, author_id integer, book_id integer) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT concat_ws('|',
    search_normalize(book_title),
    coalesce((SELECT search_normalize(u."name") FROM "User" u WHERE u."id" = author_id), ''),
    (SELECT string_agg(search_normalize(t."name"), '|' ORDER BY t."name")
       FROM "BookTag" bt JOIN "Tag" t ON t."id" = bt."tagId"
      WHERE bt."bookId" = book_id));
END;

-- Recomputes the documents of the given books (those that are public). One primary-key lookup
-- per book, whatever the planner thinks of a table filled in the same transaction.
CREATE FUNCTION book_search_refresh(book_ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  target integer;
  doc text;
BEGIN
  FOREACH target IN ARRAY book_ids LOOP
    SELECT book_search_document(b."title", b."authorId", b."id") INTO doc FROM "Book" b WHERE b."id" = target;
    UPDATE "BookSearch" SET "document" = doc
     WHERE "bookId" = target AND "document" IS DISTINCT FROM doc;
  END LOOP;
END
$$;

-- A book written: its row appears, changes or goes as the book becomes, stays or stops being public.
CREATE FUNCTION book_search_on_book_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  doc text;
BEGIN
  IF NEW."deletedAt" IS NOT NULL OR NEW."hiddenAt" IS NOT NULL OR NEW."chapterCount" <= 0 THEN
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

CREATE TRIGGER book_search_on_book_write
  AFTER INSERT OR UPDATE OF "title", "authorId", "categoryId", "status", "viewCount", "chapterCount", "deletedAt", "hiddenAt"
  ON "Book" FOR EACH ROW EXECUTE FUNCTION book_search_on_book_write();

-- Tags added to or removed from books (per statement, so a bulk COPY refreshes each book once).
CREATE FUNCTION book_search_on_book_tag_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM book_search_refresh(ARRAY(SELECT DISTINCT "bookId" FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM book_search_refresh(ARRAY(SELECT DISTINCT "bookId" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER book_search_on_book_tag_insert
  AFTER INSERT ON "BookTag" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION book_search_on_book_tag_write();

CREATE TRIGGER book_search_on_book_tag_update
  AFTER UPDATE ON "BookTag" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION book_search_on_book_tag_write();

CREATE TRIGGER book_search_on_book_tag_delete
  AFTER DELETE ON "BookTag" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION book_search_on_book_tag_write();

-- An author renamed.
CREATE FUNCTION book_search_on_user_rename() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM book_search_refresh(ARRAY(SELECT "id" FROM "Book" WHERE "authorId" = NEW."id"));
  RETURN NULL;
END
$$;

CREATE TRIGGER book_search_on_user_rename
  AFTER UPDATE OF "name" ON "User"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION book_search_on_user_rename();

-- A tag renamed.
CREATE FUNCTION book_search_on_tag_rename() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM book_search_refresh(ARRAY(SELECT "bookId" FROM "BookTag" WHERE "tagId" = NEW."id"));
  RETURN NULL;
END
$$;

CREATE TRIGGER book_search_on_tag_rename
  AFTER UPDATE OF "name" ON "Tag"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION book_search_on_tag_rename();

-- Books that exist already.
INSERT INTO "BookSearch" ("bookId", "document", "viewCount", "categoryId", "status")
SELECT s."id", s.doc, s."viewCount", s."categoryId", s."status"
  FROM (SELECT b.*, book_search_document(b."title", b."authorId", b."id") AS doc
          FROM "Book" b
         WHERE b."deletedAt" IS NULL AND b."hiddenAt" IS NULL AND b."chapterCount" > 0) s;

-- Search (/search and its suggestion list). Each Book carries a normalised search document and a
-- token array, both kept right by triggers for every writer (the app, the seeder, psql):
--
--   "searchText"   'title|author name|tag|tag…', each part through search_normalize():
--                  NFKC, lower case, every run of non-letters/digits → one space. A trigram
--                  GIN index on it serves substring and prefix LIKE for Latin terms of ≥3 chars.
--   "searchTokens" CJK unigrams and bigrams (pg_trgm extracts no trigrams from CJK text, and a
--                  1–2 character query has none anyway); '^' + the 1–2 character prefixes of each
--                  Latin word; '~' + each Latin word of ≥3 characters and, for words of ≥4, every
--                  variant with one character deleted (symmetric-delete typo matching: two words
--                  within one edit, transpositions included, share a variant). GIN index.
--
-- lib/data/queries/search.ts builds the queries against these; lib/search/normalize.ts mirrors
-- search_normalize() and search_tokens() for the query side.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Book" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '',
                   ADD COLUMN "searchTokens" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

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

-- The search document of one book, from its title, its author's name and its tags' names.
CREATE FUNCTION book_search_text(book_title text, author_id integer, book_id integer) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT concat_ws('|',
    search_normalize(book_title),
    coalesce((SELECT search_normalize(u."name") FROM "User" u WHERE u."id" = author_id), ''),
    (SELECT string_agg(search_normalize(t."name"), '|' ORDER BY t."name")
       FROM "BookTag" bt JOIN "Tag" t ON t."id" = bt."tagId"
      WHERE bt."bookId" = book_id));
END;

CREATE FUNCTION book_search_refresh(book_ids integer[]) RETURNS void
LANGUAGE sql
BEGIN ATOMIC
  UPDATE "Book" b
     SET "searchText" = s.doc, "searchTokens" = search_tokens(s.doc)
    FROM (SELECT x."id", book_search_text(x."title", x."authorId", x."id") AS doc
            FROM "Book" x WHERE x."id" = ANY (book_ids)) s
   WHERE b."id" = s."id" AND b."searchText" IS DISTINCT FROM s.doc;
END;

-- Backfill books that exist already.
UPDATE "Book" SET "searchText" = book_search_text("title", "authorId", "id");
UPDATE "Book" SET "searchTokens" = search_tokens("searchText");

-- CreateIndex
CREATE INDEX "Book_searchText_idx" ON "Book" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Book_searchTokens_idx" ON "Book" USING GIN ("searchTokens");

-- A book's own title or author changed.
CREATE FUNCTION book_search_on_book_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := book_search_text(NEW."title", NEW."authorId", NEW."id");
  NEW."searchTokens" := search_tokens(NEW."searchText");
  RETURN NEW;
END
$$;

CREATE TRIGGER book_search_on_book_write
  BEFORE INSERT OR UPDATE OF "title", "authorId" ON "Book"
  FOR EACH ROW EXECUTE FUNCTION book_search_on_book_write();

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

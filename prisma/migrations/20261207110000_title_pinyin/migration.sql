-- Title pinyin for search (lib/search/pinyin.ts): the toneless pinyin of a book's title without
-- spaces (剑来 → 'jianlai') and its initials ('jl'), written by the app with every title. NULL
-- means "not computed yet": lib/db/pinyin-backfill.ts fills those in batches after migrating
-- (books that existed before this migration, rows restored from an older backup).
ALTER TABLE "Book" ADD COLUMN "titlePinyin" TEXT, ADD COLUMN "titleInitials" TEXT;

-- Prefix lookups (LIKE 'q%') for queries of Latin letters; COLLATE "C" so a btree serves LIKE.
CREATE INDEX "Book_titlePinyin_idx" ON "Book" ("titlePinyin" COLLATE "C");
CREATE INDEX "Book_titleInitials_idx" ON "Book" ("titleInitials" COLLATE "C");
-- What the backfill still has to do: empty once it has run.
CREATE INDEX "Book_titlePinyin_missing_idx" ON "Book" ("id") WHERE "titlePinyin" IS NULL;

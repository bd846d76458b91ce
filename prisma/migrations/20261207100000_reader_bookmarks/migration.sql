-- A reader's bookmarks in chapters (书签), synced from the browser when signed in.

-- CreateTable
CREATE TABLE "ReaderBookmark" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "bookId" INTEGER NOT NULL,
    "chapterId" INTEGER NOT NULL,
    "paragraph" INTEGER NOT NULL,
    "page" INTEGER NOT NULL DEFAULT 1,
    "snippet" VARCHAR(60) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderBookmark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReaderBookmark_userId_chapterId_paragraph_key" ON "ReaderBookmark"("userId", "chapterId", "paragraph");

-- CreateIndex
CREATE INDEX "ReaderBookmark_userId_bookId_createdAt_idx" ON "ReaderBookmark"("userId", "bookId", "createdAt");

-- CreateIndex
CREATE INDEX "ReaderBookmark_bookId_idx" ON "ReaderBookmark"("bookId");

-- CreateIndex
CREATE INDEX "ReaderBookmark_chapterId_idx" ON "ReaderBookmark"("chapterId");

-- AddForeignKey
ALTER TABLE "ReaderBookmark" ADD CONSTRAINT "ReaderBookmark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderBookmark" ADD CONSTRAINT "ReaderBookmark_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderBookmark" ADD CONSTRAINT "ReaderBookmark_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "Chapter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

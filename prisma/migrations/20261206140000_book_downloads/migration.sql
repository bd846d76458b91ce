-- Downloads: a book's public chapters as TXT and EPUB, generated in the background (lib/downloads)
-- and kept in PostgreSQL in chunks; the author may turn them off per book.

-- AlterTable
ALTER TABLE "Book" ADD COLUMN "downloadsEnabled" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "BookDownload" (
    "id" SERIAL NOT NULL,
    "bookId" INTEGER NOT NULL,
    "format" VARCHAR(8) NOT NULL,
    "version" VARCHAR(32) NOT NULL,
    "size" INTEGER NOT NULL DEFAULT 0,
    "sha256" VARCHAR(64),
    "modifiedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookDownload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookDownloadChunk" (
    "downloadId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "BookDownloadChunk_pkey" PRIMARY KEY ("downloadId","seq")
);

-- CreateIndex
CREATE INDEX "BookDownload_lastUsedAt_idx" ON "BookDownload"("lastUsedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BookDownload_bookId_format_version_key" ON "BookDownload"("bookId", "format", "version");

-- AddForeignKey
ALTER TABLE "BookDownload" ADD CONSTRAINT "BookDownload_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookDownloadChunk" ADD CONSTRAINT "BookDownloadChunk_downloadId_fkey" FOREIGN KEY ("downloadId") REFERENCES "BookDownload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Follows and update notices: a background job queue (lib/jobs), one notice per reader and
-- followed book, and the e-mail digest opt-in.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "noticeEmail" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "noticeEmailedAt" TIMESTAMP(3);

-- DropIndex
DROP INDEX "ShelfEntry_bookId_idx";

-- CreateIndex
CREATE INDEX "ShelfEntry_bookId_userId_idx" ON "ShelfEntry"("bookId", "userId");

-- CreateTable
CREATE TABLE "Job" (
    "id" BIGSERIAL NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "key" VARCHAR(200),
    "group" VARCHAR(60),
    "payload" JSONB NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "failedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "userId" INTEGER NOT NULL,
    "bookId" INTEGER NOT NULL,
    "chapterId" INTEGER NOT NULL,
    "newChapters" INTEGER NOT NULL DEFAULT 1,
    "jobId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("userId","bookId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_runAt_idx" ON "Job"("runAt");

-- CreateIndex
CREATE INDEX "Job_group_id_idx" ON "Job"("group", "id");

-- CreateIndex
CREATE INDEX "Notice_userId_updatedAt_idx" ON "Notice"("userId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Notice_chapterId_idx" ON "Notice"("chapterId");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "Chapter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

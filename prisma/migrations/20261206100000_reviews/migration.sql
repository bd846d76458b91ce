-- Reviews with ratings (书评): one per reader per book, helpful votes, reports, and the book's
-- rating aggregates and ranking score kept on "Book".

-- AlterTable
ALTER TABLE "Book" ADD COLUMN     "ratingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ratingSum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "styleCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "styleSum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "storyCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "storySum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "grammarCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "grammarSum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "characterCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "characterSum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ratingScore" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Review" (
    "id" SERIAL NOT NULL,
    "bookId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "overall" INTEGER NOT NULL,
    "style" INTEGER,
    "story" INTEGER,
    "grammar" INTEGER,
    "character" INTEGER,
    "body" TEXT NOT NULL DEFAULT '',
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "hiddenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewVote" (
    "reviewId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewVote_pkey" PRIMARY KEY ("reviewId","userId")
);

-- CreateTable
CREATE TABLE "ReviewReport" (
    "reviewId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "reason" VARCHAR(16) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewReport_pkey" PRIMARY KEY ("reviewId","userId")
);

-- CreateIndex
CREATE INDEX "Book_ratingScore_id_idx" ON "Book"("ratingScore" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Review_bookId_helpfulCount_id_idx" ON "Review"("bookId", "helpfulCount" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Review_bookId_createdAt_id_idx" ON "Review"("bookId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Review_userId_updatedAt_idx" ON "Review"("userId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Review_reportCount_id_idx" ON "Review"("reportCount" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Review_bookId_userId_key" ON "Review"("bookId", "userId");

-- CreateIndex
CREATE INDEX "ReviewVote_userId_createdAt_idx" ON "ReviewVote"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ReviewReport_userId_createdAt_idx" ON "ReviewReport"("userId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewVote" ADD CONSTRAINT "ReviewVote_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewVote" ADD CONSTRAINT "ReviewVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewReport" ADD CONSTRAINT "ReviewReport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewReport" ADD CONSTRAINT "ReviewReport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

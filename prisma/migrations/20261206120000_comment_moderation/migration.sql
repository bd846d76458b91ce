-- Moderation of the comment layer: readers block readers and mute books' comments; admins
-- suspend an account's community writes for a time or until lifted.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "suspendedAt" TIMESTAMP(3),
ADD COLUMN "suspendedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReaderBlock" (
    "userId" INTEGER NOT NULL,
    "blockedId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderBlock_pkey" PRIMARY KEY ("userId","blockedId")
);

-- CreateTable
CREATE TABLE "BookMute" (
    "userId" INTEGER NOT NULL,
    "bookId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookMute_pkey" PRIMARY KEY ("userId","bookId")
);

-- CreateIndex
CREATE INDEX "ReaderBlock_blockedId_idx" ON "ReaderBlock"("blockedId");

-- CreateIndex
CREATE INDEX "BookMute_bookId_idx" ON "BookMute"("bookId");

-- AddForeignKey
ALTER TABLE "ReaderBlock" ADD CONSTRAINT "ReaderBlock_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderBlock" ADD CONSTRAINT "ReaderBlock_blockedId_fkey" FOREIGN KEY ("blockedId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookMute" ADD CONSTRAINT "BookMute_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookMute" ADD CONSTRAINT "BookMute_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "ImportUploadState" AS ENUM ('STAGED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ImportUpload" (
    "id" VARCHAR(32) NOT NULL,
    "userId" INTEGER NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "bytes" BYTEA,
    "state" "ImportUploadState" NOT NULL DEFAULT 'STAGED',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "bookId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportUpload_userId_createdAt_idx" ON "ImportUpload"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportUpload_createdAt_idx" ON "ImportUpload"("createdAt");

-- AddForeignKey
ALTER TABLE "ImportUpload" ADD CONSTRAINT "ImportUpload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

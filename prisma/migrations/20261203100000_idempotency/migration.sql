-- CreateTable
CREATE TABLE "CreateRequest" (
    "id" UUID NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "resultId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreateRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CreateRequest_createdAt_idx" ON "CreateRequest"("createdAt");

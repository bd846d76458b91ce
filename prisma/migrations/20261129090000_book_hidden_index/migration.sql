-- The admin books page lists the most recently hidden books by default (lib/data/admin.ts
-- listHiddenBooks): an index on hiddenAt keeps that a short index scan on any catalog size.
CREATE INDEX "Book_hiddenAt_idx" ON "Book"("hiddenAt" DESC);

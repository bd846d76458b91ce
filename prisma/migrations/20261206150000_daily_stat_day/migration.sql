-- The weekly and monthly reads rankings sum a few recent days of BookDailyStat: an index on the
-- day reads those rows only, never every book's history.

-- CreateIndex
CREATE INDEX "BookDailyStat_day_idx" ON "BookDailyStat"("day");

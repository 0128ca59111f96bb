-- The pipeline's two queries that grew with the number of sessions (issue 3's benchmark):
-- the previous DONE session before a given one (closed loop) searched every DONE session and
-- sorted them; a claim sorted every due job on (createdAt, id) after runAfter. Both indexes
-- give those rows in order. Indexes only: no table is rebuilt.

-- DropIndex
DROP INDEX "Session_status_idx";

-- CreateIndex
CREATE INDEX "Session_status_createdAt_idx" ON "Session"("status", "createdAt");

-- DropIndex
DROP INDEX "Job_status_runAfter_idx";

-- CreateIndex
CREATE INDEX "Job_status_runAfter_createdAt_id_idx" ON "Job"("status", "runAfter", "createdAt", "id");

-- Deleting must leave nothing behind (issue 16).
-- 1. What was deleted and when, without any of the deleted text: a deleted session's own ledger
--    goes with it, so the record of its deletion lives here.
-- CreateTable
CREATE TABLE "DeletionRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "scope" TEXT NOT NULL,
    "sessionId" TEXT,
    "sessionCreatedAt" DATETIME,
    "sessions" INTEGER NOT NULL,
    "what" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "DeletionRecord_at_idx" ON "DeletionRecord"("at");

-- 2. FTS5 keeps a deleted document's tokens in older index segments until a merge. With
--    'secure-delete' it removes them from every segment as the row is deleted (a persistent
--    setting of the index, SQLite 3.42+); 'optimize' once merges away what earlier deletions
--    left, and the migrator's VACUUM drops the freed pages.
INSERT INTO "TranscriptSearch" ("TranscriptSearch", "rank") VALUES ('secure-delete', 1);
INSERT INTO "TranscriptSearch" ("TranscriptSearch") VALUES ('optimize');

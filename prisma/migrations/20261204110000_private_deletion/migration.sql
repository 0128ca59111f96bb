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

-- 3. Deleting a transcript found its index row by scanning the whole index (sessionId is an
--    UNINDEXED column): 50-100 ms on 10,000 sessions, and quadratic for "delete everything".
--    Each index row's rowid is now kept by sessionId. An FTS5 rowid is stable across VACUUM
--    (it is the content table's INTEGER PRIMARY KEY); Transcript's own rowid is not.
CREATE TABLE "TranscriptSearchRow" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "searchRowid" INTEGER NOT NULL
);

INSERT INTO "TranscriptSearchRow" ("sessionId", "searchRowid") SELECT "sessionId", max(rowid) FROM "TranscriptSearch" GROUP BY "sessionId";

DROP TRIGGER "Transcript_search_insert";
DROP TRIGGER "Transcript_search_delete";
DROP TRIGGER "Transcript_search_update";

CREATE TRIGGER "Transcript_search_insert" AFTER INSERT ON "Transcript" BEGIN
    INSERT INTO "TranscriptSearch" ("sessionId", "text") VALUES (new."sessionId", new."text");
    INSERT INTO "TranscriptSearchRow" ("sessionId", "searchRowid") VALUES (new."sessionId", last_insert_rowid());
END;

CREATE TRIGGER "Transcript_search_delete" AFTER DELETE ON "Transcript" BEGIN
    DELETE FROM "TranscriptSearch" WHERE rowid = (SELECT "searchRowid" FROM "TranscriptSearchRow" WHERE "sessionId" = old."sessionId");
    DELETE FROM "TranscriptSearchRow" WHERE "sessionId" = old."sessionId";
END;

CREATE TRIGGER "Transcript_search_update" AFTER UPDATE OF "text" ON "Transcript" BEGIN
    DELETE FROM "TranscriptSearch" WHERE rowid = (SELECT "searchRowid" FROM "TranscriptSearchRow" WHERE "sessionId" = old."sessionId");
    DELETE FROM "TranscriptSearchRow" WHERE "sessionId" = old."sessionId";
    INSERT INTO "TranscriptSearch" ("sessionId", "text") VALUES (new."sessionId", new."text");
    INSERT INTO "TranscriptSearchRow" ("sessionId", "searchRowid") VALUES (new."sessionId", last_insert_rowid());
END;

-- Full-text search over transcripts for History. Not a Prisma model: the app queries it with raw
-- SQL (electron/core/sessions/sessionQuery.ts). It keeps its own copy of the text keyed by
-- sessionId rather than pointing at Transcript's rowid, which VACUUM may renumber.
CREATE VIRTUAL TABLE "TranscriptSearch" USING fts5(
    "sessionId" UNINDEXED,
    "text",
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Transcript_search_insert" AFTER INSERT ON "Transcript" BEGIN
    INSERT INTO "TranscriptSearch" ("sessionId", "text") VALUES (new."sessionId", new."text");
END;

CREATE TRIGGER "Transcript_search_delete" AFTER DELETE ON "Transcript" BEGIN
    DELETE FROM "TranscriptSearch" WHERE "sessionId" = old."sessionId";
END;

CREATE TRIGGER "Transcript_search_update" AFTER UPDATE OF "text" ON "Transcript" BEGIN
    DELETE FROM "TranscriptSearch" WHERE "sessionId" = old."sessionId";
    INSERT INTO "TranscriptSearch" ("sessionId", "text") VALUES (new."sessionId", new."text");
END;

INSERT INTO "TranscriptSearch" ("sessionId", "text") SELECT "sessionId", "text" FROM "Transcript";

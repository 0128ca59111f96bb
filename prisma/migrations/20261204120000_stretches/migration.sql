-- Transcribe while recording: a recording is cut into stretches at quiet moments as it arrives, and
-- each stretch is transcribed by a "stretch" job whose id is the stretch's id. A stretch's text stays
-- here only until the session's transcript is stitched from all of them (then its row is deleted);
-- rows go with their session (ON DELETE CASCADE).

-- CreateTable
CREATE TABLE "Stretch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "offsetSeconds" REAL NOT NULL,
    "seconds" REAL NOT NULL,
    "audioPath" TEXT,
    "audioBytes" INTEGER NOT NULL,
    "text" TEXT,
    "words" TEXT,
    "language" TEXT,
    "transcribedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Stretch_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Stretch_sessionId_seq_key" ON "Stretch"("sessionId", "seq");

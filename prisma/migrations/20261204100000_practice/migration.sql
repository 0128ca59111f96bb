-- Practice: drills made from verified insight examples, and spoken attempts at them. Both hang off
-- their source session (ON DELETE CASCADE), so deleting a session or everything removes them.
-- A 4-3-2 retell groups three ordinary sessions as its rounds; a deleted session leaves its round.
-- An attempt is processed by the job runner as a "practice" job whose id is the attempt's id.

-- CreateTable
CREATE TABLE "Drill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'repeat',
    "position" INTEGER NOT NULL DEFAULT 0,
    "patternKey" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "correction" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "expected" TEXT NOT NULL,
    "avoid" TEXT NOT NULL,
    "due" DATETIME NOT NULL,
    "card" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Drill_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrillAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "drillId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECORDING',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "judgedAt" DATETIME,
    "durationMs" INTEGER,
    "audioPath" TEXT,
    "audioMime" TEXT,
    "audioBytes" INTEGER,
    "audioDeletedAt" DATETIME,
    "heard" TEXT,
    "passed" BOOLEAN,
    "judgement" TEXT,
    "errorMessage" TEXT,
    "errorHint" TEXT,
    CONSTRAINT "DrillAttempt_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "Drill" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DrillAttempt_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Retell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prompt" TEXT NOT NULL,
    "roundSeconds" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RetellRound" (
    "retellId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "sessionId" TEXT NOT NULL,

    PRIMARY KEY ("retellId", "round"),
    CONSTRAINT "RetellRound_retellId_fkey" FOREIGN KEY ("retellId") REFERENCES "Retell" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RetellRound_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RetellRound_sessionId_key" ON "RetellRound"("sessionId");

-- CreateIndex
CREATE INDEX "Drill_due_idx" ON "Drill"("due");

-- CreateIndex
CREATE INDEX "Drill_sessionId_idx" ON "Drill"("sessionId");

-- CreateIndex
CREATE INDEX "Drill_patternKey_idx" ON "Drill"("patternKey");

-- CreateIndex
CREATE INDEX "DrillAttempt_drillId_idx" ON "DrillAttempt"("drillId");

-- CreateIndex
CREATE INDEX "DrillAttempt_sessionId_idx" ON "DrillAttempt"("sessionId");

-- CreateIndex
CREATE INDEX "DrillAttempt_judgedAt_idx" ON "DrillAttempt"("judgedAt");

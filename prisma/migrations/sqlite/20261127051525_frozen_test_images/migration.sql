-- CreateTable
CREATE TABLE "FrozenTestImage" (
    "projectId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "exportJobId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "sha256"),
    CONSTRAINT "FrozenTestImage_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FrozenTestImage" (
    "projectId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "exportJobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FrozenTestImage_pkey" PRIMARY KEY ("projectId","sha256")
);

-- AddForeignKey
ALTER TABLE "FrozenTestImage" ADD CONSTRAINT "FrozenTestImage_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

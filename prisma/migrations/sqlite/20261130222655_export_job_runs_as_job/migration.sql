-- AlterTable
ALTER TABLE "ExportJob" ADD COLUMN "jobId" TEXT;

// Prisma CLI config: used by `prisma generate` only. Migrations go through scripts/db (no engine binary).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma",
});

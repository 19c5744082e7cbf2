#!/usr/bin/env node
// Derives the PostgreSQL schema from prisma/schema.prisma, then generates both Prisma clients.
// PRISMA_SCHEMA_ENGINE_BINARY points at a dummy so the CLI never tries to download the engine.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { deriveSchemas } from "./derive.mjs";

const dummyEngine = existsSync("/bin/false") ? "/bin/false" : process.execPath;
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || dummyEngine };
for (const { schemaPath } of deriveSchemas()) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schemaPath], {
    env: { ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("Generated Prisma clients for sqlite and postgresql.");

export { createDb, getDb, type Db } from "./client";
export { resolveDatabaseConfig, type DatabaseConfig } from "./config";
export * from "./generated/sqlite/enums";
export type * from "./generated/sqlite/models";
export { Prisma } from "./generated/sqlite/client";

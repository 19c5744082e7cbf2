// Apply, create and check migrations for both providers without the schema-engine binary.
import fs from "node:fs";
import path from "node:path";
import { withSchemaEngine, type Engine } from "./engine";
import type { DatabaseConfig } from "../config";

export type Provider = DatabaseConfig["provider"];

/**
 * Tables written by hand in migrations that Prisma's schema cannot express: the search tables of
 * lib/items/search.ts — on SQLite FTS5 tables and the shadow tables FTS5 keeps beside each
 * (prisma/migrations/sqlite/*_item_search), on PostgreSQL stored tsvector documents
 * (prisma/migrations/postgresql/*_item_search_documents). The engine leaves them out of its diffs, so
 * the drift check neither reports them nor proposes to drop them.
 */
const SEARCH_TABLES = ["ItemSearch", "FollowUpSearch"];
const FTS5_TABLES = SEARCH_TABLES.flatMap((t) => [t, ...["config", "content", "data", "docsize", "idx"].map((s) => `${t}_${s}`)]);
/** PostgreSQL wants them qualified by their schema. */
const PG_SEARCH_TABLES = SEARCH_TABLES.map((t) => `public.${t}`);
const filtersFor = (provider: Provider) => ({ externalTables: provider === "sqlite" ? FTS5_TABLES : PG_SEARCH_TABLES, externalEnums: [] });

export interface ProjectPaths {
  root: string;
  schemaPath(provider: Provider): string;
  migrationsDir(provider: Provider): string;
}

export function projectPaths(root = process.cwd()): ProjectPaths {
  return {
    root,
    schemaPath: (provider) =>
      path.join(root, provider === "sqlite" ? "prisma/schema.prisma" : "prisma/derived/postgresql.prisma"),
    migrationsDir: (provider) => path.join(root, "prisma/migrations", provider),
  };
}

/** Reads a provider's migrations folder into the shape the engine expects. */
export function readMigrations(dir: string, provider: Provider) {
  const lockPath = path.join(dir, "migration_lock.toml");
  const directories = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : lockfileFor(provider),
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

function lockfileFor(provider: Provider) {
  return `# Written by SRT Studio's migration tool (scripts/db). Do not edit.\nprovider = "${provider}"\n`;
}

async function withEngine<T>(config: DatabaseConfig, paths: ProjectPaths, run: (engine: Engine) => Promise<T>) {
  const schemaPath = paths.schemaPath(config.provider);
  return withSchemaEngine(config, { path: schemaPath, text: fs.readFileSync(schemaPath, "utf8") }, run);
}

/** Applies every pending migration to the database; returns the names applied. */
export async function applyMigrations(config: DatabaseConfig, paths = projectPaths()): Promise<string[]> {
  const migrationsList = readMigrations(paths.migrationsDir(config.provider), config.provider);
  const result = await withEngine(config, paths, (engine) =>
    engine.applyMigrations({ migrationsList, filters: filtersFor(config.provider) }),
  );
  return result.appliedMigrationNames;
}

/** The SQL that would bring the migrations up to the schema, or null when they agree. Uses a shadow database. */
export async function pendingSchemaChange(config: DatabaseConfig, paths = projectPaths()): Promise<string | null> {
  const migrationsList = readMigrations(paths.migrationsDir(config.provider), config.provider);
  const schemaPath = paths.schemaPath(config.provider);
  const result = await withEngine(config, paths, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] },
      script: true,
      exitCode: true,
      filters: filtersFor(config.provider),
    } as never),
  );
  return result.exitCode === 2 ? (result.stdout ?? "") : null;
}

/** Writes a new migration folder for the schema change, if there is one; returns its path. */
export async function createMigration(config: DatabaseConfig, name: string, paths = projectPaths(), now = new Date()) {
  const sql = await pendingSchemaChange(config, paths);
  if (sql === null) return null;
  const dir = paths.migrationsDir(config.provider);
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "migration_lock.toml");
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, lockfileFor(config.provider));
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = path.join(dir, `${stamp}_${name}`);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "migration.sql"), sql);
  return folder;
}

/** What the database's migration history says against the folder (pending, edited, failed). */
export async function migrationStatus(config: DatabaseConfig, paths = projectPaths()) {
  const migrationsList = readMigrations(paths.migrationsDir(config.provider), config.provider);
  return withEngine(config, paths, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: filtersFor(config.provider) }),
  );
}

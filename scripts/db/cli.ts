// npm run db:migrate | db:migration -- <name> | db:check — a thin shell over lib/db/migrate.
import { resolveDatabaseConfig, type DatabaseConfig } from "../../lib/db/config";
import { applyMigrations, createMigration, pendingSchemaChange } from "../../lib/db/migrate";
import { deriveSchemas } from "./derive.mjs";

const [command, ...args] = process.argv.slice(2);

function postgresConfig(): DatabaseConfig | null {
  const url = process.env.POSTGRES_URL ?? (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined);
  return url ? { provider: "postgresql", url } : null;
}

async function main() {
  deriveSchemas();
  if (command === "migrate") {
    const config = resolveDatabaseConfig();
    const applied = await applyMigrations(config);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
    return 0;
  }
  const pg = postgresConfig();
  if (!pg) {
    console.error(
      `${command}: the PostgreSQL side needs a server for its shadow database.\n` +
        "Set POSTGRES_URL=postgresql://… or run through scripts/with-postgres.sh (starts a throwaway server).",
    );
    return 2;
  }
  const targets: DatabaseConfig[] = [{ provider: "sqlite", file: ":memory:" }, pg];
  if (command === "create") {
    const name = (args[0] ?? "").replace(/[^a-zA-Z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
    if (!name) {
      console.error("db:migration: give the migration a name: npm run db:migration -- add_review_round");
      return 2;
    }
    const now = new Date(); // one timestamp, so both providers' folders share a name
    for (const target of targets) {
      const folder = await createMigration(target, name, undefined, now);
      console.log(folder ? `${target.provider}: wrote ${folder}` : `${target.provider}: no schema change.`);
    }
    return 0;
  }
  if (command === "check") {
    let drift = false;
    for (const target of targets) {
      const sql = await pendingSchemaChange(target);
      if (sql === null) console.log(`${target.provider}: schema and migrations agree.`);
      else {
        drift = true;
        console.error(`${target.provider}: schema and migrations DISAGREE; a migration would run:\n${sql}`);
      }
    }
    if (drift) console.error("Fix: npm run db:migration -- <name>");
    return drift ? 1 : 0;
  }
  console.error("usage: tsx scripts/db/cli.ts migrate | create <name> | check");
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

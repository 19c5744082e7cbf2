// One datamodel, two providers: prisma/schema.prisma (SQLite) is the source; the PostgreSQL
// schema is the same text with the provider and the client's output folder swapped.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SOURCE_SCHEMA = "prisma/schema.prisma";

export function derivePostgresSchema(source) {
  const provider = /provider\s*=\s*"sqlite"/;
  const output = /output\s*=\s*"\.\.\/lib\/db\/generated\/sqlite"/;
  if (!provider.test(source) || !output.test(source)) {
    throw new Error(`${SOURCE_SCHEMA}: expected provider = "sqlite" and output = "../lib/db/generated/sqlite"`);
  }
  return source
    .replace(provider, 'provider = "postgresql"')
    .replace(output, 'output = "../../lib/db/generated/postgresql"');
}

/** Writes the derived schema and returns both providers' schema paths and texts. */
export function deriveSchemas(root = process.cwd()) {
  const source = readFileSync(path.join(root, SOURCE_SCHEMA), "utf8");
  const pgPath = path.join(root, "prisma/derived/postgresql.prisma");
  mkdirSync(path.dirname(pgPath), { recursive: true });
  const pgText = derivePostgresSchema(source);
  writeFileSync(pgPath, pgText);
  return [
    { provider: "sqlite", schemaPath: path.join(root, SOURCE_SCHEMA), text: source },
    { provider: "postgresql", schemaPath: pgPath, text: pgText },
  ];
}

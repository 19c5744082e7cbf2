import path from "node:path";

/** Which database SRT Studio talks to: the embedded SQLite file (default) or a PostgreSQL server. */
export type DatabaseConfig =
  | { provider: "sqlite"; file: string }
  | { provider: "postgresql"; url: string };

export const DEFAULT_SQLITE_FILE = "data/srt.db";

/**
 * Reads DATABASE_URL: unset → data/srt.db; `file:…` or a bare path → SQLite; `postgres(ql)://…` → PostgreSQL.
 * Relative SQLite paths are resolved against the working directory (the project root for npm scripts).
 */
export function resolveDatabaseConfig(url = process.env.DATABASE_URL): DatabaseConfig {
  const value = url?.trim();
  if (!value) return { provider: "sqlite", file: path.resolve(DEFAULT_SQLITE_FILE) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { provider: "postgresql", url: value };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith("file:")) {
    throw new Error(`DATABASE_URL: unsupported scheme in "${value.split("://")[0]}://…" (use file:… or postgresql://…)`);
  }
  const file = value.startsWith("file:") ? value.slice("file:".length) : value;
  return { provider: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
}

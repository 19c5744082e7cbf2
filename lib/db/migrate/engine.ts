// Drives Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) through our
// driver adapters, so migrations need no downloaded engine binary (air-gapped labs, this CI).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { postgresAdapterFactory, sqliteAdapterFactory } from "../adapters";
import type { DatabaseConfig } from "../config";

type Adapter = Awaited<ReturnType<ReturnType<typeof sqliteAdapterFactory>["connect"]>>;
type Query = Parameters<Adapter["executeRaw"]>[0];

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return wasmReady;
}

/**
 * SQLite: the engine replays multi-statement migration files through executeRaw, which
 * better-sqlite3 refuses ("contains more than one statement"); argument-less SQL goes to executeScript.
 */
function sqliteScriptsAsScripts(adapter: Adapter): Adapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: Query) => {
    if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/**
 * SQLite: Prisma rebuilds a table by creating "new_X", copying, dropping X and renaming "new_X" to X. A
 * modern rename first re-reads every trigger, and the triggers of the kept counters name the other table
 * (FollowUp's name Item, Item's name FollowUp): with X dropped the rename would fail ("error in trigger
 * …: no such table"). The legacy rename leaves other objects as they are, and they name the rebuilt table.
 * The rebuild still drops X's own triggers: lib/db/triggers.int.test.ts names any a migration lost.
 */
async function withLegacyRename(adapter: Adapter): Promise<Adapter> {
  await adapter.executeScript("PRAGMA legacy_alter_table = ON");
  return adapter;
}

/** PostgreSQL: pg_catalog's "char" and name columns (OIDs 18, 19) cannot be decoded by the adapter: present them as text. */
const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;
function postgresCatalogAsText<T extends object>(queryable: T): T {
  const target = queryable as unknown as { performIO: (q: Query) => Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = target.performIO.bind(queryable);
  target.performIO = async (query: Query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === CHAR_OID || field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  const tx = queryable as unknown as { startTransaction?: (...a: unknown[]) => Promise<object> };
  if (tx.startTransaction) {
    const start = tx.startTransaction.bind(queryable);
    tx.startTransaction = async (...args: unknown[]) => postgresCatalogAsText(await start(...args));
  }
  return queryable;
}

/** Every adapter the engine opened, so they can be closed with it (engine.free() leaves them open). */
type Opened = { dispose(): Promise<void> }[];

function migrationAwareFactory(config: DatabaseConfig, opened: Opened) {
  const track = <T extends { dispose(): Promise<void> }>(adapter: T) => (opened.push(adapter), adapter);
  if (config.provider === "sqlite") {
    const main = sqliteAdapterFactory(config.file);
    const shadow = sqliteAdapterFactory(":memory:");
    return {
      provider: main.provider,
      adapterName: main.adapterName,
      connect: async () => track(sqliteScriptsAsScripts(await withLegacyRename(await main.connect()))),
      connectToShadowDb: async () => sqliteScriptsAsScripts(await withLegacyRename(await shadow.connect())),
    };
  }
  const main = postgresAdapterFactory(config.url, 2);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(postgresCatalogAsText(await main.connect())),
    // The adapter's own shadow handling drops the database before closing its pool: make our own.
    connectToShadowDb: async () => {
      const name = `srt_shadow_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: config.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(config.url);
      shadowUrl.pathname = `/${name}`;
      const adapter = postgresCatalogAsText(await postgresAdapterFactory(shadowUrl.toString(), 2).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.end();
      };
      return adapter;
    },
  };
}

export type Engine = SchemaEngine;

/** Runs `work` with a schema engine on the database and the given Prisma schema, then closes both. */
export async function withSchemaEngine<T>(
  config: DatabaseConfig,
  schema: { path: string; text: string },
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const opened: Opened = [];
  const factory = bindMigrationAwareSqlAdapterFactory(migrationAwareFactory(config, opened) as never);
  const log = (message: string) => {
    if (process.env.SRT_DEBUG_MIGRATIONS) console.error(message);
  };
  const engine = (await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.text]] }, log, factory)) as Engine;
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
  }
}

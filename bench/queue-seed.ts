// The claim benches' data: one project with N DRAFT items and C annotators, written directly through
// better-sqlite3 in one transaction (Prisma's createMany needs minutes for 100k rows). Rows look exactly
// as Prisma writes them: ISO dates with "+00:00", JSON as text, time-ordered cuid-like ids.
import Database from "better-sqlite3";
import { applyMigrations } from "../lib/db/migrate";

/** Gold for the claim bench: the project serves one item in `every` from `items` gold items (each with one follow-up). */
export interface GoldSeed {
  every: number;
  items: number;
}

export interface QueueSeed {
  projectId: string;
  /** Creation time of item 0 (item n was created n ms later). */
  base: number;
  users: { id: string; email: string }[];
}

export async function seedQueue(file: string, items: number, clients: number, passwordHash: string | null = null, gold: GoldSeed | null = null): Promise<QueueSeed> {
  await applyMigrations({ provider: "sqlite", file });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const stamp = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const base = Date.now() - items;
  const id = (n: number, t = base + n) => `c${t.toString(36).padStart(8, "0")}${n.toString(36).padStart(6, "0")}bench`;
  const now = stamp(new Date());
  const projectId = id(0, base - 3);
  const assetId = id(0, base - 2);
  const users = Array.from({ length: clients }, (_, i) => ({ id: id(i, base - 1), email: `claimer${i}@bench.test` }));
  const goldId = (n: number) => id(n, base - 4).replace("bench", "gold0");
  sqlite.transaction(() => {
    sqlite.prepare(`INSERT INTO "Project" (id, name, slug, settings, createdAt, updatedAt) VALUES (?, 'bench', 'bench', ?, ?, ?)`).run(projectId, settingsOf(gold), now, now);
    sqlite
      .prepare(
        `INSERT INTO "Asset" (id, projectId, sha256, phash, width, height, mime, bytes, storageKey, displayKey, thumbnailKey, originalFilename, createdAt) VALUES (?, ?, ?, ?, 1, 1, 'image/png', 1, 'o', 'd', 't', 'x.png', ?)`,
      )
      .run(assetId, projectId, "0".repeat(64), "0".repeat(16), now);
    const user = sqlite.prepare(`INSERT INTO "User" (id, email, name, passwordHash, role, disabled, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'ANNOTATOR', 0, ?, ?)`);
    const member = sqlite.prepare(`INSERT INTO "ProjectMember" (projectId, userId, createdAt) VALUES (?, ?, ?)`);
    users.forEach((u, i) => {
      user.run(u.id, u.email, `claimer ${i}`, passwordHash, now, now);
      member.run(projectId, u.id, now);
    });
    const item = sqlite.prepare(
      `INSERT INTO "Item" (id, projectId, assetId, question, answerType, options, groundTruth, caption, status, version, isGold, lintWarnings, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, 'NUMBER', '[]', ?, '', 'DRAFT', 1, 0, 0, ?, ?)`,
    );
    for (let n = 0; n < items; n++) {
      const at = stamp(new Date(base + n));
      item.run(id(n), projectId, assetId, `How many cats are in picture ${n}?`, String(n % 7), at, at);
    }
    // Gold items: approved, with one follow-up each, ids older than the pool's.
    const goldItem = sqlite.prepare(
      `INSERT INTO "Item" (id, projectId, assetId, question, answerType, options, groundTruth, caption, status, version, isGold, lintWarnings, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, 'NUMBER', '[]', '3', '', 'APPROVED', 1, 1, 0, ?, ?)`,
    );
    const followUp = sqlite.prepare(
      `INSERT INTO "FollowUp" (id, itemId, kind, userMessage, claimedAnswer, verdict, finalAnswer, createdAt, updatedAt) VALUES (?, ?, 'MISLEADING', 'Surely 4.', '4', 'MISLEADING', '3', ?, ?)`,
    );
    for (let n = 0; n < (gold?.items ?? 0); n++) {
      goldItem.run(goldId(n), projectId, assetId, `Gold question ${n}?`, now, now);
      followUp.run(`${goldId(n)}f`, goldId(n), now, now);
    }
  })();
  sqlite.close();
  return { projectId, base, users };
}

const settingsOf = (gold: GoldSeed | null) => JSON.stringify(gold ? { goldEvery: gold.every } : {});

/** The same data in a fresh PostgreSQL database `name` on the server at `serverUrl`; returns its URL and the seed. */
export async function seedQueuePostgres(serverUrl: string, name: string, items: number, clients: number, gold: GoldSeed | null = null): Promise<QueueSeed & { url: string }> {
  const pg = (await import("pg")).default;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyMigrations({ provider: "postgresql", url: url.toString() });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const base = Date.now() - items;
  const id = (n: number, t = base + n) => `c${t.toString(36).padStart(8, "0")}${n.toString(36).padStart(6, "0")}bench`;
  const projectId = id(0, base - 3);
  const assetId = id(0, base - 2);
  const users = Array.from({ length: clients }, (_, i) => ({ id: id(i, base - 1), email: `claimer${i}@bench.test` }));
  try {
    await client.query("BEGIN");
    await client.query(`INSERT INTO "Project" (id, name, slug, settings, "createdAt", "updatedAt") VALUES ($1, 'bench', 'bench', $2, now(), now())`, [projectId, settingsOf(gold)]);
    await client.query(
      `INSERT INTO "Asset" (id, "projectId", sha256, phash, width, height, mime, bytes, "storageKey", "displayKey", "thumbnailKey", "originalFilename", "createdAt")
       VALUES ($1, $2, $3, $4, 1, 1, 'image/png', 1, 'o', 'd', 't', 'x.png', now())`,
      [assetId, projectId, "0".repeat(64), "0".repeat(16)],
    );
    for (const [i, u] of users.entries()) {
      await client.query(`INSERT INTO "User" (id, email, name, role, disabled, "createdAt", "updatedAt") VALUES ($1, $2, $3, 'ANNOTATOR', false, now(), now())`, [u.id, u.email, `claimer ${i}`]);
      await client.query(`INSERT INTO "ProjectMember" ("projectId", "userId", "createdAt") VALUES ($1, $2, now())`, [projectId, u.id]);
    }
    const ids = Array.from({ length: items }, (_, n) => id(n));
    await client.query(
      `INSERT INTO "Item" (id, "projectId", "assetId", question, "answerType", options, "groundTruth", caption, status, version, "isGold", "lintWarnings", "createdAt", "updatedAt")
       SELECT ids.id, $2, $3, 'How many cats are in picture ' || (ids.n - 1) || '?', 'NUMBER', '[]', ((ids.n - 1) % 7)::text, '', 'DRAFT', 1, false, 0,
              to_timestamp(($4::bigint + ids.n - 1) / 1000.0), to_timestamp(($4::bigint + ids.n - 1) / 1000.0)
       FROM unnest($1::text[]) WITH ORDINALITY AS ids(id, n)`,
      [ids, projectId, assetId, base],
    );
    const goldIds = Array.from({ length: gold?.items ?? 0 }, (_, n) => id(n, base - 4).replace("bench", "gold0"));
    await client.query(
      `INSERT INTO "Item" (id, "projectId", "assetId", question, "answerType", options, "groundTruth", caption, status, version, "isGold", "lintWarnings", "createdAt", "updatedAt")
       SELECT g.id, $2, $3, 'Gold question ' || g.id || '?', 'NUMBER', '[]', '3', '', 'APPROVED', 1, true, 0, now(), now() FROM unnest($1::text[]) AS g(id)`,
      [goldIds, projectId, assetId],
    );
    await client.query(
      `INSERT INTO "FollowUp" (id, "itemId", kind, "userMessage", "claimedAnswer", verdict, "finalAnswer", "createdAt", "updatedAt")
       SELECT g.id || 'f', g.id, 'MISLEADING', 'Surely 4.', '4', 'MISLEADING', '3', now(), now() FROM unnest($1::text[]) AS g(id)`,
      [goldIds],
    );
    await client.query("COMMIT");
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
  return { projectId, base, users, url: url.toString() };
}

import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { SessionUser } from "./roles";
import { lockForWriting, providerOf } from "../db/provider";

// Personal access tokens: "srt_" + 32 random bytes. Only their sha256 is stored; the token is shown once.
const TOKEN_PREFIX = "srt_";

export const createTokenSchema = z.object({ name: z.string().trim().min(1, "required").max(80) });

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(db: Db, user: SessionUser, input: { name: string }) {
  const { name } = createTokenSchema.parse(input);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: user.id, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordAudit(tx, { actorId: user.id, entity: "ApiToken", entityId: row.id, action: "create", after: row });
    return { ...row, token };
  });
}

/** The token's user when the token is valid, not revoked and the user is enabled; records the last use. */
export async function verifyApiToken(db: Db, token: string): Promise<SessionUser | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: true },
  });
  if (!row || row.revokedAt || row.user.disabled) return null;
  // At most one write a minute per token: busy API clients should not turn reads into writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, role } = row.user;
  return { id, email, name, role };
}

export function listApiTokens(db: Db, userId: string) {
  return db.apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiToken(db: Db, user: SessionUser, tokenId: string) {
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, userId: user.id } });
    if (!row) throw new NotFoundError("token", tokenId, { field: "tokenId" });
    if (row.revokedAt) return row;
    const after = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId: user.id, entity: "ApiToken", entityId: tokenId, action: "revoke" });
    return after;
  });
}

import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError, ForbiddenError } from "../errors";
import { lockForWriting, providerOf } from "../db/provider";
import { generatePassword, hashPassword } from "./password";
import { createUserSchema, updateUserSchema, type CreateUserInput, type UpdateUserInput } from "./schemas";

const publicUser = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } as const;

export class DuplicateEmailError extends ConflictError {
  constructor(email: string) {
    super(`${email} already has an account.`, { field: "email" });
  }
}

export async function createUser(db: Db, actorId: string | null, input: CreateUserInput) {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new DuplicateEmailError(data.email);
    }
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash },
      select: publicUser,
    });
    await recordAudit(tx, { actorId, entity: "User", entityId: user.id, action: "create", after: user });
    return user;
  });
}

export async function updateUser(db: Db, actorId: string | null, input: UpdateUserInput) {
  const data = updateUserSchema.parse(input);
  if (actorId === data.userId && (data.disabled || (data.role && data.role !== "ADMIN"))) {
    // An admin locking themselves out leaves nobody to undo it.
    const me = await db.user.findUnique({ where: { id: actorId }, select: { role: true } });
    if (me?.role === "ADMIN") throw new ForbiddenError("You cannot disable yourself or remove your own ADMIN role.");
  }
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const before = await tx.user.findUniqueOrThrow({ where: { id: data.userId }, select: publicUser });
    // A new password, a new role, or disabling ends every session (lib/auth/sessions.ts); a new password
    // also revokes the API tokens made under the old one.
    const endsSessions =
      passwordHash !== undefined || (data.role !== undefined && data.role !== before.role) || (data.disabled !== undefined && data.disabled !== before.disabled);
    const after = await tx.user.update({
      where: { id: data.userId },
      data: { role: data.role, disabled: data.disabled, passwordHash, ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}) },
      select: publicUser,
    });
    if (passwordHash) await tx.apiToken.updateMany({ where: { userId: data.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId,
      entity: "User",
      entityId: after.id,
      action: passwordHash ? "update+password" : "update",
      before,
      after,
    });
    return after;
  });
}

export function listUsers(db: Db) {
  return db.user.findMany({ select: publicUser, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
}

/**
 * First run: when there is no user at all, create an ADMIN from ADMIN_EMAIL / ADMIN_PASSWORD, or with a
 * generated password that is returned (to print once). Returns null when users already exist.
 */
export async function ensureAdmin(db: Db, env: Record<string, string | undefined> = process.env) {
  if ((await db.user.count()) > 0) return null;
  const email = env.ADMIN_EMAIL || "admin@srt.local";
  const password = env.ADMIN_PASSWORD || generatePassword();
  const user = await createUser(db, null, { email, name: "Administrator", role: "ADMIN", password });
  return { user, email: user.email, password, generated: !env.ADMIN_PASSWORD };
}

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createUserSchema } from "@/lib/auth/schemas";
import { roleSchema } from "@/lib/auth/roles";
import { createUser, updateUser } from "@/lib/auth/users";
import { unlockLogin } from "@/lib/auth/rate-limit";
import { endSessions } from "@/lib/auth/sessions";
import { NotFoundError } from "@/lib/errors";
import { defineAction } from "@/app/_server/action";

export const createUserAction = defineAction("manageUsers", createUserSchema, async (user, input) => {
  const created = await createUser(getDb(), user.id, input);
  revalidatePath("/admin/users");
  return { ok: true, message: `Created ${created.email} (${created.role.toLowerCase()})` };
});

export const setUserRoleAction = defineAction(
  "manageUsers",
  z.object({ userId: z.string().min(1), role: roleSchema }),
  async (user, input) => {
    await updateUser(getDb(), user.id, input);
    revalidatePath("/admin/users");
    return { ok: true, message: "Role changed." };
  },
);

export const setUserDisabledAction = defineAction(
  "manageUsers",
  z.object({ userId: z.string().min(1), disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async (user, input) => {
    await updateUser(getDb(), user.id, input);
    revalidatePath("/admin/users");
    return { ok: true, message: input.disabled ? "Account disabled." : "Account enabled." };
  },
);

const userIdSchema = z.object({ userId: z.string().min(1) });

/** Admin: ends every session of a user (a lost laptop, a shared machine); audited. */
export const endUserSessionsAction = defineAction("manageUsers", userIdSchema, async (user, input) => {
  await endSessions(getDb(), user.id, input.userId, "ended-by-admin");
  return { ok: true, message: "Sessions ended: they must sign in again." };
});

/** Admin: lifts the sign-in lock after too many wrong passwords; audited. */
export const unlockUserAction = defineAction("manageUsers", userIdSchema, async (user, input) => {
  const db = getDb();
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!target) throw new NotFoundError("user", input.userId);
  await unlockLogin(db, user.id, target);
  revalidatePath("/admin/users");
  return { ok: true, message: `${target.email} can sign in again.` };
});

/** Anyone signed in: ends all of their own sessions, this one included (the page then signs out). */
export const signOutEverywhereAction = defineAction("signedIn", z.object({}), async (user) => {
  await endSessions(getDb(), user.id, user.id, "sign-out-everywhere");
  return { ok: true, message: "Signed out everywhere." };
});

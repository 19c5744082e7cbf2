"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createUserSchema } from "@/lib/auth/schemas";
import { roleSchema } from "@/lib/auth/roles";
import { createUser, updateUser } from "@/lib/auth/users";
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

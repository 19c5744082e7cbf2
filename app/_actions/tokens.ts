"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createApiToken, createTokenSchema, revokeApiToken } from "@/lib/auth/tokens";
import { defineAction } from "@/app/_server/action";

export const createTokenAction = defineAction("signedIn", createTokenSchema, async (user, input) => {
  const created = await createApiToken(getDb(), user, input);
  revalidatePath("/account/tokens");
  return { ok: true, message: `Token "${created.name}" created`, data: { token: created.token } };
});

export const revokeTokenAction = defineAction("signedIn", z.object({ tokenId: z.string().min(1) }), async (user, input) => {
  await revokeApiToken(getDb(), user, input.tokenId);
  revalidatePath("/account/tokens");
  return { ok: true, message: "Token revoked." };
});

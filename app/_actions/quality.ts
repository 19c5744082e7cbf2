"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { assertProjectAccess } from "@/lib/projects/access";
import { setGold } from "@/lib/quality/gold";
import { defineAction } from "@/app/_server/action";

const goldFormSchema = z.object({ projectId: z.string().min(1), itemId: z.string().min(1), gold: z.enum(["on", "off"]) });

/** Marks an item as gold (its follow-ups are trusted) or unmarks it. */
export const setGoldAction = defineAction("viewQuality", goldFormSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  const changed = await setGold(db, user.id, input.projectId, [input.itemId], input.gold === "on");
  revalidatePath("/projects/[slug]/items/[itemId]", "page");
  if (changed === 0) throw new ConflictError("This item cannot change: it already is so, or it is an annotator's gold attempt.", { field: "itemId" });
  return { ok: true, message: input.gold === "on" ? "Marked as gold." : "No longer gold." };
});

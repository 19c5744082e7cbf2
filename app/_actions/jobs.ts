"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { requestCancelOfJob } from "@/lib/jobs/cancel-mirrored";
import { defineAction } from "@/app/_server/action";

/** The admin's jobs list: cancel any queued or running job (it stops on whichever instance runs it). */
export const cancelJobAction = defineAction("manageUsers", z.object({ jobId: z.string().min(1, "required") }), async (user, { jobId }) => {
  await requestCancelOfJob(getDb(), { jobId, userId: user.id });
  revalidatePath("/admin/jobs");
  return { ok: true, message: "Cancel requested." };
});

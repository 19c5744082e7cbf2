import { z } from "zod";
import { LEASE_MS, MAX_LEASE_MS, MIN_LEASE_MS } from "./lease";

const leaseMs = z.number().int().min(MIN_LEASE_MS).max(MAX_LEASE_MS).default(LEASE_MS);

export const claimInputSchema = z.object({
  projectId: z.string().min(1),
  userId: z.string().min(1),
  leaseMs,
  /** The clock, for tests; the app's time by default. */
  now: z.date().optional(),
});
export type ClaimInput = z.input<typeof claimInputSchema>;

export const renewInputSchema = z.object({
  itemId: z.string().min(1),
  userId: z.string().min(1),
  leaseMs,
  now: z.date().optional(),
});
export type RenewInput = z.input<typeof renewInputSchema>;

export const releaseInputSchema = z.object({
  itemId: z.string().min(1),
  userId: z.string().min(1),
  /** leave: back to the queue for anyone; skip: back to the queue, but not straight back to this user. */
  mode: z.enum(["leave", "skip"]).default("leave"),
  now: z.date().optional(),
});
export type ReleaseInput = z.input<typeof releaseInputSchema>;

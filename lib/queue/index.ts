export { claimNextItem, ClaimContention, CANDIDATE_BATCH, type Claim } from "./claim";
export { LEASE_MS, claimableWhere } from "./lease";
export { releaseClaim, renewLease } from "./release";
export type { ClaimInput, ReleaseInput, RenewInput } from "./schemas";

// The "maintenance" Job kind (scheduled by lib/jobs/maintenance.ts): deletes Job rows past their retention
// and the archives of old exports, with the retention read from the environment (lib/jobs/retention.ts).
import "server-only";
import { z } from "zod";
import { expireExportArchives } from "../export/archive-expiry";
import { getStorage } from "../storage";
import type { Storage } from "../storage/types";
import { MAINTENANCE_KIND } from "./maintenance";
import { pruneFinishedJobs } from "./prune";
import { retentionFromEnv, type Retention } from "./retention";
import type { JobKind } from "./types";

const maintenanceParams = z.object({}).strict();

export interface MaintenanceDeps {
  /** Default: the server's storage (lib/storage). */
  storage?: () => Pick<Storage, "delete">;
  /** Default: retentionFromEnv(). */
  retention?: () => Retention;
}

export function createMaintenanceJobKind(deps: MaintenanceDeps = {}): JobKind<typeof maintenanceParams> {
  return {
    kind: MAINTENANCE_KIND,
    params: maintenanceParams,
    // A failed run is not retried: the next one is an interval away anyway.
    maxAttempts: 1,
    async run({ db, progress, log }) {
      const retention = deps.retention?.() ?? retentionFromEnv();
      const jobsDeleted = await pruneFinishedJobs(db, { retention });
      await progress(1, 2);
      const archivesExpired = await expireExportArchives(db, deps.storage?.() ?? getStorage(), { keepMs: retention.exportArchivesMs });
      await progress(2, 2);
      if (jobsDeleted || archivesExpired) log(`maintenance: deleted ${jobsDeleted} finished job(s) and ${archivesExpired} expired export archive(s)`);
      return { jobsDeleted, archivesExpired };
    },
  };
}

export const maintenanceJob = createMaintenanceJobKind();

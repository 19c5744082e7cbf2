// Why a job stopped early. The worker aborts a handler's signal with one of these as the reason, and a
// handler may throw PermanentJobError for a failure no rerun can fix.
import { ConflictError, DomainError } from "../errors";

/** A cancel was requested (from any instance): the job ends CANCELLED. */
export class JobCancelledError extends ConflictError {
  constructor(message = "The job was cancelled.") {
    super(message);
  }
}

/**
 * This worker lost the job (its lease was taken over, or the worker is stopping and released it): the job
 * goes on elsewhere, so the handler must stop without recording an outcome.
 */
export class JobInterruptedError extends ConflictError {
  constructor(message = "The job was interrupted here; another worker runs it.") {
    super(message);
  }
}

/** Thrown by a handler for a failure a rerun cannot fix (bad data): FAILED at once, no further attempt. */
export class PermanentJobError extends DomainError {
  constructor(message: string) {
    super("UNPROCESSABLE", message);
  }
}

import { DomainError } from "../errors";

/** Too many failed sign-ins for an email or address: 429. */
export class RateLimitedError extends DomainError {
  constructor(public readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `Too many failed sign-in attempts. Wait ${retryAfterSeconds} seconds and try again.`, {
      details: { retryAfterSeconds },
    });
  }
}

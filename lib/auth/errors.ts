/** No valid session or token: 401 for APIs, a redirect to /signin for pages. */
export class UnauthenticatedError extends Error {
  constructor(message = "Sign in first.") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** Signed in, but the role or project membership does not allow it: 403. */
export class ForbiddenError extends Error {
  constructor(message = "Your role does not allow this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Too many failed sign-ins for an email or address: 429. */
export class RateLimitedError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts. Wait ${retryAfterSeconds} seconds and try again.`);
    this.name = "RateLimitedError";
  }
}

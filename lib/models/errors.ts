// What can go wrong talking to a model server, each a DomainError with a message a researcher can act on.
import { DomainError, type DomainErrorCode } from "../errors";

/** A failure worth trying again (429, 5xx, timeout, connection refused), with the server's wait if it gave one. */
export abstract class ModelRequestError extends DomainError {
  abstract readonly retryable: boolean;
  /** From the server's Retry-After header, when it sent one. */
  readonly retryAfterMs: number | null = null;
}

/** The server did not answer within the endpoint's timeout. */
export class ModelTimeoutError extends ModelRequestError {
  readonly retryable = true;
  constructor(url: string, timeoutMs: number) {
    super("UNAVAILABLE", `The model server at ${url} did not answer within ${formatSeconds(timeoutMs)}.`, {
      details: { url, timeoutMs },
    });
  }
}

/** Nothing listens there, DNS failed, the connection was reset… */
export class ModelUnreachableError extends ModelRequestError {
  readonly retryable = true;
  constructor(url: string, reason: string, cause?: unknown) {
    super("UNAVAILABLE", `Cannot reach the model server at ${url}: ${reason}.`, { details: { url }, cause });
  }
}

function httpCode(status: number): DomainErrorCode {
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "UNAVAILABLE";
  return "UNPROCESSABLE";
}

/** The server answered with an HTTP error; the message carries the server's own error text. */
export class ModelHttpError extends ModelRequestError {
  readonly retryable: boolean;
  readonly httpStatus: number;
  override readonly retryAfterMs: number | null;
  constructor(url: string, httpStatus: number, serverMessage: string, retryAfterMs: number | null) {
    const said = serverMessage === "" ? "" : `: ${serverMessage}`;
    super(httpCode(httpStatus), `The model server at ${url} answered HTTP ${httpStatus}${said}`, {
      details: { url, httpStatus, serverMessage, ...(retryAfterMs === null ? {} : { retryAfterSeconds: retryAfterMs / 1000 }) },
    });
    this.httpStatus = httpStatus;
    this.retryable = httpStatus === 429 || httpStatus >= 500;
    this.retryAfterMs = retryAfterMs;
  }
}

/** A 200 whose body is not a chat completion (not JSON, no choices, no text). */
export class ModelReplyError extends ModelRequestError {
  readonly retryable = false;
  constructor(url: string, problem: string) {
    super("UNPROCESSABLE", `The model server at ${url} sent a reply that is not a chat completion: ${problem}.`, {
      details: { url, problem },
    });
  }
}

/** Every allowed attempt failed; `cause` is the last failure. */
export class ModelGaveUpError extends DomainError {
  readonly attempts: number;
  readonly lastError: ModelRequestError;
  constructor(lastError: ModelRequestError, attempts: number) {
    super(lastError.code, `Gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}. ${lastError.message}`, {
      details: { ...lastError.details, attempts },
      cause: lastError,
    });
    this.attempts = attempts;
    this.lastError = lastError;
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

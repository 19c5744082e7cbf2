import { bodyRules, bodyTooLargeIn, checkWrite, isWrite, type BodyRule } from "@/lib/api/request-checks";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db/client";
import { errorResponse } from "./error-response";
import { authenticateRequest } from "./request-auth";

export { errorResponse };

export interface RouteContext<P> {
  user: SessionUser;
  db: Db;
  params: P;
}

type Handler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export interface RouteOptions {
  /**
   * What a write (POST, PUT, PATCH, DELETE) accepts: media types and the most bytes read
   * (lib/api/request-checks bodyRules). Every write route declares it (the route inventory test checks);
   * undeclared, a write takes JSON up to 1 MB.
   */
  body?: BodyRule;
}

const DEFAULT_WRITE_BODY = bodyRules.json();

/**
 * Every route handler goes through here. A write is first checked like every request that changes
 * something (lib/api/request-checks): a browser request from another origin → 403, a content type the
 * route does not take → 415, a body over its limit → 413 (read no further). Then authenticate (token or
 * session) → 401, check the permission → 403, and run; errors are answered by errorResponse
 * (DomainError's status, ZodError 400, else 500).
 */
export function defineRoute<P = Record<string, string>>(permission: Permission | "signedIn", handler: Handler<P>, options: RouteOptions = {}) {
  const route = async (request: Request, segment: { params: Promise<P> }) => {
    try {
      const checked = isWrite(request.method) ? checkWrite(request, options.body ?? DEFAULT_WRITE_BODY) : request;
      const db = getDb();
      const user = await authenticateRequest(db, checked);
      if (!user) throw new UnauthenticatedError();
      if (permission !== "signedIn" && !can(user, permission)) throw new ForbiddenError();
      return noStoreJson(await handler(checked, { user, db, params: await segment.params }));
    } catch (error) {
      return noStoreJson(errorResponse(bodyTooLargeIn(error) ?? error));
    }
  };
  return Object.assign(route, { permission, body: options.body });
}

/** Authenticated JSON is never stored by the browser or a proxy (a shared machine's back button, a cache). */
function noStoreJson(response: Response): Response {
  if (!response.headers.has("cache-control") && /json/i.test(response.headers.get("content-type") ?? "")) {
    response.headers.set("cache-control", "private, no-store");
  }
  return response;
}

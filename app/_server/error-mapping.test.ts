// The three shells answer an error the same way: route handlers (status + JSON), server actions (status +
// fieldErrors) and the CLI (message + exit code), all from lib/errors/report.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, UnavailableError } from "@/lib/errors";
import { RateLimitedError } from "@/lib/auth/errors";
import { BodyTooLarge } from "@/lib/api/http";
import { DuplicateSlugError } from "@/lib/projects/projects";
import { cliErrorReport, EXIT_CODES } from "@/cli/errors";
import { UsageError } from "@/cli/command";
import { actionError } from "./action-result";
import { errorResponse } from "./error-response";

const command = { name: "demo", usage: "srt demo --flag" };

async function all(error: unknown) {
  const response = errorResponse(error);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { error: string; code: string; issues: { field: string; message: string }[]; [key: string]: unknown },
    action: actionError(error),
    cli: cliErrorReport(error, command, () => {}),
  };
}

describe("route, action and CLI agree on every error", () => {
  const zodError = z.object({ name: z.string().min(1, "required"), limit: z.number() }).safeParse({ name: "" }).error!;

  it.each([
    ["unauthenticated", new UnauthenticatedError(), 401, "UNAUTHENTICATED"],
    ["forbidden", new ForbiddenError(), 403, "FORBIDDEN"],
    ["not found", new NotFoundError("project", "nope", { field: "slug" }), 404, "NOT_FOUND"],
    ["conflict", new DuplicateSlugError("demo"), 409, "CONFLICT"],
    ["too large", new BodyTooLarge(1024), 413, "TOO_LARGE"],
    ["rate limited", new RateLimitedError(30), 429, "RATE_LIMITED"],
    ["busy", new UnavailableError("The queue is busy; try again.", 1), 503, "UNAVAILABLE"],
    ["invalid (zod)", zodError, 400, "INVALID"],
  ])("%s: same status, code and message", async (_name, error, status, code) => {
    const { status: routeStatus, body, action, cli } = await all(error);
    expect(routeStatus).toBe(status);
    expect(body.code).toBe(code);
    expect(action).toMatchObject({ ok: false, status, code, error: body.error });
    expect(cli.text).toBe(`srt demo: ${body.error}`.replace(/; /g, (m) => (code === "INVALID" ? "\nsrt demo: " : m)));
    expect(cli.exitCode).toBe(EXIT_CODES.refused);
  });

  it("names the field in route issues and action fieldErrors alike", async () => {
    const { body, action } = await all(new NotFoundError("project", "nope", { field: "slug" }));
    expect(body).toMatchObject({ error: 'No project "nope".', issues: [{ field: "slug", message: 'No project "nope".' }] });
    expect(action).toMatchObject({ fieldErrors: { slug: 'No project "nope".' } });

    const invalid = await all(zodError);
    expect(invalid.body.issues.map((i) => i.field)).toEqual(["name", "limit"]);
    expect(invalid.body.error).toMatch(/^name: required; limit: /);
    expect(Object.keys(invalid.action.ok === false ? invalid.action.fieldErrors ?? {} : {})).toEqual(["name", "limit"]);
  });

  it("sends a DomainError's details: the current item of a version conflict, Retry-After when busy", async () => {
    const conflict = await all(new ConflictError("changed meanwhile", { field: "expectedVersion", details: { current: { version: 3 } } }));
    expect(conflict.body).toMatchObject({ current: { version: 3 }, code: "CONFLICT" });
    expect(conflict.action).toMatchObject({ details: { current: { version: 3 } } });
    expect((await all(new UnavailableError("The queue is busy; try again.", 1))).headers.get("retry-after")).toBe("1");
    expect((await all(new RateLimitedError(30))).headers.get("retry-after")).toBe("30");
  });

  it("finds a DomainError thrown inside a stream, where the reader wraps it as the cause", async () => {
    const wrapped = new TypeError("terminated", { cause: new BodyTooLarge(2048) });
    expect((await all(wrapped)).status).toBe(413);
  });

  it("answers anything else with 500 and a fixed message everywhere; the detail goes only to the log", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const secret = new Error("SQLITE_CORRUPT at /srv/data/srt.db");
      const { status, body, action, cli } = await all(secret);
      expect(status).toBe(500);
      expect(body).toEqual({ error: "Something went wrong.", code: "INTERNAL", issues: [] });
      expect(action).toEqual({ ok: false, status: 500, code: "INTERNAL", error: "Something went wrong." });
      expect(cli.exitCode).toBe(EXIT_CODES.internal);
      expect(JSON.stringify([body, action])).not.toContain("SQLITE");
      expect(log).toHaveBeenCalledWith(secret);
    } finally {
      log.mockRestore();
    }
  });

  it("prints a usage error with the command's usage and exits 2", () => {
    expect(cliErrorReport(new UsageError("--project is required"), command)).toEqual({
      exitCode: EXIT_CODES.usage,
      text: "srt demo: --project is required\nUsage: srt demo --flag",
    });
  });
});

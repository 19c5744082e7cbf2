import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./redirects";

const origin = "http://127.0.0.1:3000";

describe("safeCallbackPath", () => {
  it("keeps paths of this site with their query and hash", () => {
    expect(safeCallbackPath("/projects/demo?tab=items#x", origin)).toBe("/projects/demo?tab=items#x");
    expect(safeCallbackPath("http://127.0.0.1:3000/projects", origin)).toBe("/projects");
    expect(safeCallbackPath("projects/demo", origin)).toBe("/projects/demo");
  });

  it.each([
    "/\\127.0.0.1:9/phish",
    "/%5C127.0.0.1:9/phish".replace("%5C", "\\"),
    "//evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "\t//evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http://127.0.0.1:3001/projects",
    "javascript:alert(1)",
    "data:text/html,hi",
  ])("refuses %j (another origin for the browser)", (url) => {
    expect(safeCallbackPath(url, origin)).toBe("/projects");
  });

  it("never returns a protocol-relative path", () => {
    expect(safeCallbackPath("/.//evil.example", origin)).toBe("/evil.example");
    expect(safeCallbackPath("", origin)).toBe("/projects");
    expect(safeCallbackPath(undefined, origin)).toBe("/projects");
  });

  it("answers next-auth's redirect callback with an absolute URL on the base", () => {
    expect(safeRedirectUrl("/\\evil.example", origin)).toBe(`${origin}/projects`);
    expect(safeRedirectUrl("/projects/demo", origin)).toBe(`${origin}/projects/demo`);
  });
});

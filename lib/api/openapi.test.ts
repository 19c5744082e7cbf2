// The OpenAPI document matches the route files under app/api/v1 (every path and method, nothing more),
// its $refs resolve, and its schemas are the zod schemas the server uses.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");

/** app/api/v1/projects/[slug]/items/route.ts → { path: "/projects/{slug}/items", methods: ["get"] } */
function routeFiles(): { file: string; path: string; methods: string[] }[] {
  const found: { file: string; path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const relative = path.relative(V1, dir).split(path.sep).filter(Boolean);
        const source = fs.readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1].toLowerCase());
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const name of m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop()!)) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name.toLowerCase());
        }
        found.push({ file: path.relative(V1, full), path: `/${relative.map((p) => p.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`, methods: [...methods].sort() });
      }
    }
  };
  walk(V1);
  return found;
}

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[]; operationId: string }>>; components: Record<string, Record<string, unknown>> };

describe("OpenAPI document", () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument())) as Doc;

  it("is OpenAPI 3.1 with a bearer scheme", () => {
    expect(doc).toMatchObject({ openapi: "3.1.0", components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } } });
  });

  it("has every route file's path and methods, and no path without a route file", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(9);
    const fromFiles = Object.fromEntries(files.map((f) => [f.path, f.methods]));
    const fromDoc = Object.fromEntries(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops).sort()]));
    expect(fromDoc).toEqual(fromFiles);
  });

  it("every $ref resolves, operation ids are unique, and protected operations document 401 and 403", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, kind, name] of refs) expect(doc.components[kind]?.[name], `${kind}/${name}`).toBeDefined();
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.security?.length === 0) continue;
        expect(Object.keys(op.responses), `${method} ${p}`).toEqual(expect.arrayContaining(["401", "403"]));
      }
    }
  });

  it("describes the export parameters from their zod schema", () => {
    const params = doc.components.schemas.ExportParams as { properties: Record<string, { enum?: string[]; properties?: Record<string, unknown> }> };
    expect(params.properties.format.enum).toEqual(["srt", "llava", "sharegpt", "openai", "trl"]);
    expect(params.properties.variant.enum).toEqual(["srt", "naive", "text-only"]);
    expect(Object.keys(params.properties.filters.properties!)).toEqual(["statuses", "tags", "minScore", "includeGold", "excludeModelUnedited"]);
    const job = doc.components.schemas.ExportJob as { properties: Record<string, unknown>; required: string[] };
    expect(job.required).toEqual(expect.arrayContaining(["status", "done", "total", "percent", "downloadUrl"]));
    const items = doc.paths["/projects/{slug}/items"].get as unknown as { parameters: { name?: string }[] };
    expect(items.parameters.map((p) => p.name).filter(Boolean)).toEqual(["status", "answerType", "tag", "q", "sort", "order", "cursor", "limit"]);
  });
});

// First-load JavaScript of the annotation pages, from a production build's output:
//   NEXT_DIST_DIR=.next-annotate npx next build
//   NEXT_DIST_DIR=.next-annotate npx tsx --import ./bin/server-runtime.mjs bench/annotate-page.ts [--budget 200]
//
// A route's first load is every script the browser must fetch before the page is interactive: the
// framework's root chunks plus the chunks of the route's layouts and page. Next writes that list per
// route to <dist>/diagnostics/route-bundle-stats.json; for builds without it, the list is rebuilt from
// the build manifest (root chunks) and the route's client reference manifest (entry chunks of the
// page and its layouts). Each file is gzipped (level 9, as a CDN would serve it) and summed.
// Exits 1 when the item editor's first load exceeds the budget (kB, gzip).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

const ROUTES: { route: string; page: string; label: string }[] = [
  { route: "/projects/[slug]/items/[itemId]", page: "app/(app)/projects/[slug]/items/[itemId]/page", label: "item editor" },
  { route: "/projects/[slug]/annotate", page: "app/(app)/projects/[slug]/annotate/page", label: "work queue" },
  { route: "/projects/[slug]/items", page: "app/(app)/projects/[slug]/items/page", label: "items table" },
  { route: "/projects/[slug]/items/new", page: "app/(app)/projects/[slug]/items/new/page", label: "new item" },
  { route: "/projects/[slug]", page: "app/(app)/projects/[slug]/page", label: "project overview (reference)" },
];

const dist = path.resolve(process.env.NEXT_DIST_DIR || ".next");

function fromDiagnostics(route: string): string[] | null {
  const file = path.join(dist, "diagnostics", "route-bundle-stats.json");
  if (!fs.existsSync(file)) return null;
  const stats = JSON.parse(fs.readFileSync(file, "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
  const entry = stats.find((s) => s.route === route);
  // Paths are written relative to the project root with the dist folder's name in front.
  return entry ? entry.firstLoadChunkPaths.map((p) => path.join(dist, p.split("/").slice(1).join("/"))) : null;
}

function fromManifests(page: string): string[] | null {
  const manifestFile = path.join(dist, "server", `${page}_client-reference-manifest.js`);
  if (!fs.existsSync(manifestFile)) return null;
  const sandbox = { globalThis: { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> } };
  new Function("globalThis", fs.readFileSync(manifestFile, "utf8"))(sandbox.globalThis);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST)[0];
  const build = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[]; polyfillFiles: string[] };
  const segments = Object.entries(manifest.entryJSFiles).filter(([key]) => {
    const segment = key.replace("[project]/", "");
    // The root layout with its boundaries (not-found, forbidden…), the route's page and each layout on its path.
    if (/^app\/(layout|not-found|forbidden|unauthorized|error)$/.test(segment)) return true;
    return segment === page || (segment.endsWith("/layout") && page.startsWith(segment.slice(0, -"layout".length)));
  });
  const files = new Set([...build.rootMainFiles, ...segments.flatMap(([, chunks]) => chunks)]);
  return [...files].map((f) => path.join(dist, f));
}

function measure(files: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.length };
}

function main() {
  const { values } = parseArgs({ options: { budget: { type: "string", default: "200" } } });
  const budget = Number(values.budget);
  if (!fs.existsSync(path.join(dist, "BUILD_ID"))) {
    console.error(`no production build in ${dist}: run NEXT_DIST_DIR=${path.relative(process.cwd(), dist)} npx next build first`);
    process.exit(2);
  }
  console.log(`first-load JavaScript per route (${path.relative(process.cwd(), dist) || "."}, gzip -9):`);
  let editor: number | null = null;
  for (const { route, page, label } of ROUTES) {
    const viaDiagnostics = fromDiagnostics(route);
    const files = viaDiagnostics ?? fromManifests(page);
    if (!files) {
      console.log(`  ${route.padEnd(34)} not in this build`);
      continue;
    }
    const m = measure(files);
    if (label === "item editor") editor = m.gzip;
    console.log(
      `  ${route.padEnd(34)} ${(m.gzip / 1024).toFixed(1).padStart(6)} kB gzip  ${(m.raw / 1024).toFixed(0).padStart(5)} kB raw  ${String(m.files).padStart(2)} files  ${label}${viaDiagnostics ? "" : " (from manifests)"}`,
    );
  }
  if (editor === null) {
    console.error("the item editor route was not found in the build");
    process.exit(2);
  }
  const ok = editor / 1024 < budget;
  console.log(`item editor: ${(editor / 1024).toFixed(1)} kB gzip, budget ${budget} kB: ${ok ? "OK" : "OVER BUDGET"}`);
  if (!ok) process.exitCode = 1;
}

main();

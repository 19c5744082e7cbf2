// Prints the test counts of every suite from the JSON reports, the tests that failed or passed only on a
// retry (name, place and the first line of the error: CI shows only the end of the log), and one total line.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, ...failedSteps] = process.argv.slice(2);
const suites = [
  ["unit", "unit.json"],
  ["integration (SQLite)", "integration-sqlite.json"],
  ["integration (PostgreSQL)", "integration-postgresql.json"],
  ["e2e (Chromium)", "e2e.json"],
  ["e2e smoke (PostgreSQL)", "e2e-postgresql.json"],
  ["scale (two instances)", "e2e-scale.json"],
];

function counts(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (report.stats && "expected" in report.stats) {
    const { expected, unexpected, flaky, skipped } = report.stats; // Playwright
    return { passed: expected + flaky, failed: unexpected, skipped };
  }
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
}

const firstLine = (message = "") => message.replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n")[0].slice(0, 200);

/** { failed, flaky }: "file › name: first error line" for each such test. */
function notable(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const out = { failed: [], flaky: [] };
  if (report.stats && "expected" in report.stats) {
    // Playwright: suites nest; a spec's test is "unexpected" (failed) or "flaky" (passed on a retry).
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status !== "unexpected" && t.status !== "flaky") continue;
          const error = (t.results ?? []).map((r) => r.error?.message).find(Boolean);
          out[t.status === "flaky" ? "flaky" : "failed"].push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
        }
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report.suites ?? []) walk(suite);
    return out;
  }
  // Vitest: a test that passed after a retry keeps the failed attempts' messages.
  for (const fileResult of report.testResults ?? []) {
    const where = path.relative(process.cwd(), fileResult.name);
    for (const a of fileResult.assertionResults ?? []) {
      const line = `${where} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`;
      if (a.status === "failed") out.failed.push(line);
      else if (a.status === "passed" && a.failureMessages?.length) out.flaky.push(line);
    }
    if (fileResult.status === "failed" && !(fileResult.assertionResults ?? []).some((a) => a.status === "failed")) {
      out.failed.push(`${where}: ${firstLine(fileResult.message)}`); // failed to load, or a hook failed
    }
  }
  return out;
}

const total = { passed: 0, failed: 0, skipped: 0 };
const lists = { failed: [], flaky: [] };
console.log("Test summary");
for (const [name, file] of suites) {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    console.log(`  ${name.padEnd(26)} no report (step failed before running tests)`);
    continue;
  }
  const c = counts(full);
  for (const k of Object.keys(total)) total[k] += c[k];
  console.log(`  ${name.padEnd(26)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  const n = notable(full);
  for (const kind of ["failed", "flaky"]) lists[kind].push(...n[kind].map((line) => `[${name}] ${line}`));
}
if (lists.flaky.length) console.log(`  passed only on a retry:\n${lists.flaky.map((l) => `    ${l}`).join("\n")}`);
if (lists.failed.length) console.log(`  failed tests:\n${lists.failed.map((l) => `    ${l}`).join("\n")}`);
if (failedSteps.length) console.log(`  failed steps: ${failedSteps.join(", ")}`);
else console.log("  typecheck, lint, db:check: ok");
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);

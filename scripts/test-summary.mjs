// Prints the test counts of every suite from the JSON reports, and one closing total line.
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

const total = { passed: 0, failed: 0, skipped: 0 };
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
}
if (failedSteps.length) console.log(`  failed steps: ${failedSteps.join(", ")}`);
else console.log("  typecheck, lint, db:check: ok");
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);

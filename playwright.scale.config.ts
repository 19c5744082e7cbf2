import { defineConfig } from "@playwright/test";

// The several-instance run (npm run test:scale): e2e-scale/ specs start their own deployment (PostgreSQL
// from scripts/with-postgres.sh, s3rver, two `next start` of the production build) through the cluster
// fixture, so there is no webServer here. Debian's Chromium, as in playwright.config.ts.
export default defineConfig({
  testDir: "e2e-scale",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: ".tmp/playwright-scale",
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? ".tmp/test-results/e2e-scale.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    },
  },
});

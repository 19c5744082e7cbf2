import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests: *.test.ts beside the code (no database, no server).
// Integration tests: *.int.test.ts, against a real database: SQLite by default,
// PostgreSQL when SRT_TEST_DB=postgresql and POSTGRES_URL is set (scripts/with-postgres.sh).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next.js `server-only` is a no-op (what Next.js resolves it to on the server), as in bin/server-runtime.mjs.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "app/**/*.test.ts", "cli/**/*.test.ts", "scripts/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // On CI one retry, as Playwright has there: the summary (scripts/test-summary.mjs) still names a
          // test that passed only on its retry, so a flaky test is seen and mended, not hidden.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks a parameter an interface requires but this implementation does not use.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // lib/ is the domain: no framework, no UI, nothing from app/ (README → Architecture).
    files: ["lib/**/*.{ts,tsx,mts,js,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "lib/ has no Next.js imports: take what you need as parameters from app/." },
            { group: ["react", "react/*", "react-dom", "react-dom/*"], message: "lib/ has no React: components live in app/." },
            { group: ["@/app", "@/app/*", "**/app", "**/app/*", "@/cli", "@/cli/*", "**/cli/*"], message: "lib/ never imports app/ or cli/: they depend on lib, not the reverse." },
          ],
        },
      ],
    },
  },
  {
    ignores: ["node_modules/**", ".next*/**", "lib/db/generated/**", "data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;

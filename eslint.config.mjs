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
    // No barrels: a name is imported from the module that defines it, so a client component that needs a
    // constant never drags a concept's server code along. lib/db/index.ts is the one facade (the generated
    // client's models and enums, whichever provider generated them).
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/db/index.ts", "lib/db/generated/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ExportAllDeclaration", message: "No barrels: import from the module that defines the name." },
        { selector: "ExportNamedDeclaration[source]", message: "No barrels: import from the module that defines the name." },
      ],
    },
  },
  {
    ignores: ["node_modules/**", ".next*/**", "lib/db/generated/**", "data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;

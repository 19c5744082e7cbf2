import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", "data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "lib/generated/**",
    "next-env.d.ts",
    "playwright-report/**",
    "test-results/**",
  ]),
  {
    rules: {
      // Covers are placeholders or pre-sized WebP files; next/image's optimizer is not used.
      "@next/next/no-img-element": "off",
      // A Pages Router rule; App Router root layouts write <head> themselves.
      "@next/next/no-head-element": "off",
    },
  },
]);

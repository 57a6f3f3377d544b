// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // type-aware rules: a promise nobody awaits or catches (a write whose failure would go unseen),
    // or a promise where a plain value is expected (an async callback to a synchronous API)
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    // "[object Promise]" in a reply (an async value put in a string without await, found in
    // npm run chat): what the bot says is built in src/
    files: ["src/**/*.ts"],
    rules: {
      "@typescript-eslint/no-base-to-string": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: true, allowNever: true, allowArray: false }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    // scripts and benchmarks talk to a terminal on purpose
    files: ["scripts/**", "bench/**"],
    rules: { "no-console": "off" },
  },
);

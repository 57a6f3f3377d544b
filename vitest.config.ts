import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    // a hook may create and migrate a PostgreSQL database: seconds, more on a loaded 2-core machine
    hookTimeout: 60_000,
    // every store a test closes checks that its journal rebuilds exactly the document in memory
    env: { STORE_VERIFY: "1" },
  },
});

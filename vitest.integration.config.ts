import { defineConfig } from "vitest/config";

/**
 * The integration project: tests that spawn the built CLI or start worker threads from dist/.
 * Its global setup builds first, so that no test ever runs a stale build.
 */
export default defineConfig({
  test: {
    name: "integration",
    include: ["test/integration/**/*.test.ts"],
    globalSetup: ["test/integration/build.setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

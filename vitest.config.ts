import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (stage by stage, in process, seconds: the default of `npx vitest`) and
 * `integration` (the CLI, the store, the crawl, PDFs; vitest.integration.config.ts). `npm test`
 * runs both.
 */
export default defineConfig({
  test: {
    name: "unit",
    include: ["test/unit/**/*.test.ts"],
    testTimeout: 30_000,
  },
});

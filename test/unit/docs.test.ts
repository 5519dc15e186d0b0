import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WARNING_CODES, warningsMarkdown } from "../../data/warnings.js";
import { recordJsonSchema } from "../../src/record/jsonSchema.js";

const DOCS = join(import.meta.dirname, "..", "..", "docs");

describe("generated docs are up to date (npm run schema)", () => {
  it("docs/record.schema.json is the zod schema's", () => {
    expect(readFileSync(join(DOCS, "record.schema.json"), "utf8")).toBe(recordJsonSchema());
  });
  it("docs/warnings.md lists every warning code", () => {
    const doc = readFileSync(join(DOCS, "warnings.md"), "utf8");
    expect(doc).toBe(warningsMarkdown());
    for (const code of Object.keys(WARNING_CODES)) expect(doc).toContain(`\`${code}\``);
  });
});

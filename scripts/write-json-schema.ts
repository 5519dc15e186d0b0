/**
 * Writes the generated docs: docs/record.schema.json from the zod schema and docs/warnings.md
 * from the table of warning codes. A test checks both are up to date.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { warningsMarkdown } from "../data/warnings.js";
import { recordJsonSchema } from "../src/record/jsonSchema.js";

const docs = join(import.meta.dirname, "..", "..", "docs");
writeFileSync(join(docs, "record.schema.json"), recordJsonSchema());
writeFileSync(join(docs, "warnings.md"), warningsMarkdown());
console.log(`wrote ${docs}/record.schema.json and ${docs}/warnings.md`);

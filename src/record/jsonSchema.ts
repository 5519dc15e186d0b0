import { z } from "zod";
import { RecordSchema, SCHEMA_VERSION } from "./schema.js";

/** The JSON Schema of the record, generated from the zod schema (docs/record.schema.json). */
export function recordJsonSchema(): string {
  const schema = z.toJSONSchema(RecordSchema, { target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, title: `pia record (RECORD.md, schemaVersion ${SCHEMA_VERSION})` }, null, 2)}\n`;
}

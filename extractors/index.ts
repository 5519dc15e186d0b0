import type { FieldTree, Part } from "../src/model.js";
import { RecordSchema, SCHEMA_VERSION, type PiaRecord } from "../src/record/schema.js";
import { attachRecordItems, extractAnnexFiles } from "./annex1.js";
import { extractBasic } from "./basic.js";
import { extractChangeList, extractChangeTable } from "./changes.js";
import { Extraction } from "./context.js";
import { detectForm, extractHeader } from "./cover.js";
import { extractDisclosure } from "./disclosure.js";
import { extractFile } from "./files.js";
import { extractOrganization } from "./organization.js";
import { extractProcedure } from "./procedure.js";
import { assessQuality } from "./quality.js";
import { extractRisks } from "./risks.js";

export { Extraction, type FieldSource } from "./context.js";

/** FieldTree → the record, its warnings included. Pure: the same tree gives the same record. */
export function extractRecord(tree: FieldTree): PiaRecord {
  return extractWithSources(tree).record;
}

/** The record, and where each of its values came from (by record path): for the store's fields table. */
export function extractWithSources(tree: FieldTree): { record: PiaRecord; sources: Extraction["sources"]; reads: Extraction["reads"] } {
  const ex = new Extraction();
  return { record: assemble(tree, ex), sources: ex.sources, reads: ex.reads };
}

function assemble(tree: FieldTree, ex: Extraction): PiaRecord {
  const partsOf = (kind: Part["kind"]) => tree.parts.filter((p) => p.kind === kind);
  const first = (kind: Part["kind"]) => partsOf(kind)[0];
  const form = detectForm(tree, ex);
  const header = extractHeader(first("cover"), ex);
  const organization = extractOrganization(tree, header.organization, ex);
  const source = { path: tree.source.path, sha256: tree.source.sha256, format: tree.source.format, pages: tree.source.pages };

  if (form === "changes") {
    const changes = extractChangeList(first("changeList"), ex, tree.printed);
    return {
      schemaVersion: SCHEMA_VERSION, source, form, header, organization,
      basic: null, files: [], risks: null, disclosure: null, procedure: null,
      changes,
      quality: assessQuality(tree, form, ex, changes),
      warnings: ex.warnings,
    };
  }

  if (header.organization === null) ex.warn("cover-missing", "header", "no cover page (評価実施機関名 not found)");
  const files = partsOf("fileOverview").map((part, i) => extractFile(part, i, ex));
  if (form !== "kiso" && files.length === 0) ex.warn("section-not-found", "files", "part II 特定個人情報ファイルの概要 not found");
  attachRecordItems(files, extractAnnexFiles(partsOf("annex1"), tree.printed, files.map((f) => f.name)));
  const basic = extractBasic(first("basic"), first("thresholdItems"), ex);
  const risks = extractRisks(first("risks"), first("otherRisks"), ex);
  const disclosure = extractDisclosure(
    form === "kiso"
      ? (first("basic")?.sections ?? []).filter((s) => s.key === "disclosureRequest" || s.key === "inquiry")
      : (first("disclosure")?.sections ?? []),
    ex,
  );
  const procedure = extractProcedure(first("procedure"), first("thresholdResult"), ex);
  const changes = extractChangeTable(partsOf("annex2"), ex, tree.printed);
  return {
    schemaVersion: SCHEMA_VERSION, source, form, header, organization, basic, files, risks, disclosure, procedure, changes,
    quality: assessQuality(tree, form, ex, changes, files),
    warnings: ex.warnings,
  };
}

/** Validate a record against RECORD.md's schema; throws with the paths that do not fit. */
export function validateRecord(record: unknown): PiaRecord {
  const parsed = RecordSchema.safeParse(record);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`record does not fit the schema: ${problems}`);
  }
  return parsed.data;
}

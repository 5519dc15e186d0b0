import { ABSENT_FIELDS, FORM_OUTLINES } from "../data/outline.js";
import type { FieldTree, Part } from "../src/model.js";
import type { Change, FileRecord, PiaRecord } from "../src/record/schema.js";
import { Extraction } from "./context.js";
import { extractFile } from "./files.js";

/**
 * How much of its form a record was read from (RECORD.md `quality`): the share of the form's
 * labelled fields that were found, over the blocks present, and the parts and sections that
 * were not found at all, by their printed titles.
 */

const EMPTY_FILE_PART: Part = { kind: "fileOverview", title: "", fields: [], sections: [], line: 0, page: null };

/** The labelled fields one file of II has: what a filing without any II part fails to give. */
function fieldsOfOneFile(): number {
  const scratch = new Extraction();
  extractFile(EMPTY_FILE_PART, 0, scratch);
  return scratch.reads.size;
}

export function missingParts(tree: FieldTree, form: PiaRecord["form"]): string[] {
  const missing: string[] = [];
  for (const outline of FORM_OUTLINES[form]) {
    const parts = tree.parts.filter((p) => p.kind === outline.kind);
    if (parts.length === 0) {
      missing.push(outline.title);
      continue;
    }
    parts.forEach((part, i) => {
      const title = parts.length > 1 ? `${outline.title} (${i + 1})` : outline.title;
      for (const section of outline.sections) {
        if (!part.sections.some((s) => s.key === section.key)) missing.push(`${title} > ${section.title}`);
      }
    });
  }
  return missing;
}

/**
 * The columns of a change row that a reading must give: 変更日, 項目, the changed text (before or
 * after) and 提出時期 of a (別添2) row; the item and what it says of it (the text, ページ or 事由等)
 * of a 変更箇所一覧 row. A table whose cells were lost gives some of them only.
 */
function changeColumns(change: Change, form: PiaRecord["form"]): unknown[] {
  return form === "changes"
    ? [change.item, change.after ?? change.reason ?? change.page]
    : [change.date, change.item, change.after ?? change.before, change.submission];
}

/** How much the record items of one file weigh: as much as one of its sections' fields. */
const RECORD_ITEMS_WEIGHT = 4;

export function assessQuality(tree: FieldTree, form: PiaRecord["form"], ex: Extraction, changes: Change[], files: FileRecord[] = []): PiaRecord["quality"] {
  // A value read with a warning (a selection outside its options, a band that does not parse, a
  // box group with no mark) is not one the reading settled.
  const unsettled = new Set(ex.warnings.map((w) => w.path));
  const reads = [...ex.reads].filter(([path]) => !ABSENT_FIELDS[form].some((absent) => absent.test(path)));
  let expected = reads.length;
  let found = reads.filter(([path, wasFound]) => wasFound && !unsettled.has(path)).length;
  const hasFiles = FORM_OUTLINES[form].some((p) => p.kind === "fileOverview");
  if (hasFiles && !tree.parts.some((p) => p.kind === "fileOverview")) expected += fieldsOfOneFile();
  // The change table: a 変更箇所一覧 is nothing else, so each row counts; a (別添2) annex counts
  // by the share of its columns read, weighing at most a quarter of the form's labelled fields (a
  // long history must neither hide a part that was not found nor be lost in the rest).
  let columnsExpected = 0;
  let columnsFound = 0;
  for (const change of changes) {
    const columns = changeColumns(change, form);
    columnsExpected += columns.length;
    columnsFound += columns.filter((c) => c !== null && c !== undefined).length;
  }
  if (form === "changes") {
    expected += columnsExpected;
    found += columnsFound;
  } else if (columnsExpected > 0) {
    // As much as its columns, up to a quarter of the form's labelled fields.
    const weight = Math.min(columnsExpected, Math.max(changeColumns(changes[0]!, form).length, Math.round(expected * 0.25)));
    expected += weight;
    found += (weight * columnsFound) / columnsExpected;
  }
  // 別添1: each file's record items, read or not.
  if (FORM_OUTLINES[form].some((p) => p.kind === "annex1")) {
    for (const file of files) {
      expected += RECORD_ITEMS_WEIGHT;
      if (file.recordItems.some((g) => g.items.length > 0)) found += RECORD_ITEMS_WEIGHT;
    }
  }
  // A 変更箇所一覧 with no row read: nothing of it was.
  if (expected === 0) expected = 1;
  return { coverage: Math.round((found / expected) * 1000) / 1000, missing: missingParts(tree, form) };
}

import { ABSENT_FIELDS, FORM_OUTLINES } from "../data/outline.js";
import type { FieldTree, Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
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

export function assessQuality(tree: FieldTree, form: PiaRecord["form"], ex: Extraction): PiaRecord["quality"] {
  const reads = [...ex.reads].filter(([path]) => !ABSENT_FIELDS[form].some((absent) => absent.test(path)));
  let expected = reads.length;
  let found = reads.filter(([, wasFound]) => wasFound).length;
  const hasFiles = FORM_OUTLINES[form].some((p) => p.kind === "fileOverview");
  if (hasFiles && !tree.parts.some((p) => p.kind === "fileOverview")) expected += fieldsOfOneFile();
  // A 変更箇所一覧 has no labelled fields: its table was read, or nothing was.
  if (expected === 0) {
    expected = 1;
    found = tree.parts.some((p) => p.kind === "changeList") ? 1 : 0;
  }
  return { coverage: Math.round((found / expected) * 1000) / 1000, missing: missingParts(tree, form) };
}

import { LABELS } from "../data/labels.js";
import { FORM_BY_HEADING, FORM_HEADING, FORM_NAMES } from "../data/forms.js";
import type { FieldTree, Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { foldForMatch, normalizeText } from "../normalizers/text.js";
import { dateOf, Extraction, findField, plainOf, textOf } from "./context.js";

type Header = PiaRecord["header"];
type Form = PiaRecord["form"];

/** The cover page: 評価書番号, 評価書名, the declaration, 評価実施機関名, 公表日. */
export function extractHeader(cover: Part | undefined, ex: Extraction): Header {
  const fields = cover?.fields ?? [];
  const labels = LABELS.cover;
  const numberField = findField(fields, labels.assessmentNumber);
  const titleField = findField(fields, labels.title);
  let assessmentNumber = textOf(numberField, "header.assessmentNumber", ex);
  let title = textOf(titleField, "header.title", ex);
  // The cover's table read line by line (`評価書番号` / `評価書名` / `8` / `町田市 … 評価書`): both
  // values come under the second label, the number first.
  const numberFirst = /^(\d{1,4})(?:\s+(\S[\s\S]*))?$/.exec((titleField?.values[0] ?? "").normalize("NFKC").trim());
  if (numberField && numberField.values.length === 0 && titleField && numberFirst) {
    assessmentNumber = numberFirst[1]!;
    title = normalizeText([numberFirst[2] ?? "", ...titleField.values.slice(1)].join("\n"));
    ex.read("header.assessmentNumber", titleField);
  }
  // `評価書番号 | 評価書名` is often a header row with the values on the row below it.
  if (numberField && foldForMatch(numberField.values[0] ?? "") === "評価書名") {
    const valueRow = numberField.rows[1];
    const cells = valueRow?.texts ?? [];
    // One line for both (`8 町田市 国民年金事務 重点項目評価書`) in the first cell: the number, then the title.
    const filled = cells.filter((t) => t.trim() !== "");
    const oneLine = filled.length === 1 && cells[0]?.trim() !== "" ? /^(\d{1,4})\s+(\S[\s\S]*)$/.exec(cells[0]!.normalize("NFKC").trim()) : null;
    assessmentNumber = oneLine ? oneLine[1]! : normalizeText(cells[0] ?? null);
    title = oneLine ? normalizeText(oneLine[2]!) : normalizeText(cells.slice(1).join(" ") || null);
    ex.read("header.title", numberField);
  }
  const header: Header = {
    assessmentNumber,
    title,
    organization: textOf(findField(fields, labels.organization), "header.organization", ex),
    publishedOn: dateOf(findField(fields, labels.publishedOn), "header.publishedOn", ex),
    declaration: textOf(findField(fields, labels.declaration), "header.declaration", ex),
    specialNotes: textOf(findField(fields, labels.specialNotes), "header.specialNotes", ex),
  };
  return header;
}

/**
 * Which form the filing is: its cover heading first, then the 様式 edition or a form name on the
 * cover, then the parts it has (only 全項目 has a part IV その他のリスク対策; only 基礎項目 has
 * しきい値判断項目).
 */
export function detectForm(tree: FieldTree, ex: Extraction): Form {
  if (tree.parts.some((p) => p.kind === "changeList")) return "changes";
  const cover = tree.parts.find((p) => p.kind === "cover");
  const coverText = foldForMatch((cover?.fields ?? []).map((f) => `${f.label}\n${plainOf(f)}`).join("\n"));
  const heading = FORM_HEADING.exec(coverText);
  if (heading) return FORM_BY_HEADING[heading[1]!]!;
  const kinds = new Set(tree.parts.map((p) => p.kind));
  if (kinds.has("otherRisks")) return "zenkomoku";
  if (kinds.has("thresholdItems") || kinds.has("thresholdResult")) return "kiso";
  const named = FORM_NAMES.find(({ pattern }) => pattern.test(coverText));
  if (named) return named.form;
  if (kinds.has("fileOverview") || kinds.has("risks")) {
    ex.warn("form-inferred", "form", "the form is not named; read as 重点項目評価書 from its parts");
    return "juten";
  }
  ex.warn("form-unknown", "form", "no form name and no form structure found; read as 重点項目評価書");
  return "juten";
}

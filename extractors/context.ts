import type { BoxGroupName, OptionListName } from "../data/options.js";
import type { WarningCode } from "../data/warnings.js";
import { BOX_GROUPS } from "../data/options.js";
import type { Field, Part, Row, Section } from "../src/model.js";
import type { Band, Warning } from "../src/record/schema.js";
import { parseBand } from "../normalizers/band.js";
import { emptyChecks, resolveChecks, type Checks, type ChecksResult } from "../normalizers/checks.js";
import { isOptionList, resolveChoice, type Choice } from "../normalizers/choice.js";
import { parseDate, type DateValue } from "../normalizers/date.js";
import { foldForMatch, normalizeText } from "../normalizers/text.js";
import { OPTIONS_MARKER } from "../normalizers/choice.js";
import { withoutSpill } from "../normalizers/spill.js";
import { BRACKET_START } from "../normalizers/glyphs.js";

/**
 * What every extractor shares: finding fields by their label tables, reading a field as each
 * kind of value, and collecting the warnings those readings raise.
 */

/** Where a value came from, for warnings. */
export interface At {
  line: number | null;
  page: number | null;
}

const NOWHERE: At = { line: null, page: null };

/** Where a value of the record was read: its field's label, place in the form, line and page. */
export interface FieldSource extends At {
  label: string;
  section: string;
}

/** One extraction's side results: the warnings, and where each value came from. */
export class Extraction {
  readonly warnings: Warning[] = [];
  /** By record path (`files[0].subjects.count`): the field the value was read from. */
  readonly sources = new Map<string, FieldSource>();
  /** By record path: whether the form's labelled field for it was found (quality.coverage). */
  readonly reads = new Map<string, boolean>();

  /** A labelled field of the form was looked for; a path read twice (a fallback) counts once. */
  read(path: string, field: Field | Section | undefined): void {
    this.reads.set(path, (this.reads.get(path) ?? false) || field !== undefined);
  }

  warn(code: WarningCode, path: string, message: string, at: At = NOWHERE): void {
    this.warnings.push({ code, path, message, line: at.line, page: at.page });
  }

  note(path: string, field: Field | undefined): void {
    if (field) this.sources.set(path, { label: field.label, section: field.sectionPath, line: field.line, page: field.page });
  }

  /** Note a value read from a table row rather than a labelled field (変更箇所, 別添1). */
  noteRow(path: string, row: { line: number; page: number | null }, label: string, section: string): void {
    this.sources.set(path, { label, section, line: row.line, page: row.page });
  }
}

/** Find a field by label keys: an exact key first, then the longest label the key begins with. */
export function findField(fields: readonly Field[], labels: readonly string[]): Field | undefined {
  const keys = labels.map((l) => foldForMatch(l));
  const exact = fields.find((f) => keys.includes(f.key));
  if (exact) return exact;
  let best: { field: Field; length: number } | undefined;
  for (const field of fields) {
    for (const key of keys) {
      if (key.length >= 6 && field.key.startsWith(key) && (!best || key.length > best.length)) best = { field, length: key.length };
    }
  }
  return best?.field;
}

/** The field's value as plain text (lines kept, for resolvers that read structure). */
export function plainOf(field: Field | undefined): string {
  return field ? field.values.join("\n") : "";
}

/** The field's value as RECORD.md Text, noted as the value at `path`. */
export function textOf(field: Field | undefined, path: string, ex: Extraction): string | null {
  ex.read(path, field);
  ex.note(path, field);
  const text = field ? normalizeText(plainOf(field)) : null;
  // A selection's option list that a converter put where this text stands is not its text.
  if (text !== null && (text.search(OPTIONS_MARKER) === 0 || isOptionList(text))) {
    ex.warn("option-list-as-text", path, `「${text.slice(0, 40)}」 is an option list, not this field's text`, atField(field));
    return null;
  }
  // A text that starts with a selection or a box is another row's value: the form's texts never
  // do, a converter printed the rows' values out of their order.
  if (text !== null && BRACKET_START.test(text)) {
    ex.warn("value-out-of-place", path, `「${text.slice(0, 40)}」 is a selection or boxes, not this field's text`, atField(field));
    return null;
  }
  // An option list or boxes after the text are the next rows', which the converter moved here.
  return withoutSpill(text);
}


/** The text right under a section's heading (its unlabelled lines). */
export function sectionBody(section: Section | undefined, path: string, ex: Extraction): string | null {
  ex.read(path, section);
  if (!section) return null;
  const body = section.fields.filter((f) => f.key === "");
  ex.note(path, body[0]);
  return normalizeText(body.map(plainOf).join("\n"));
}

export function atField(field: Field | undefined): At {
  return field ? { line: field.line, page: field.page } : NOWHERE;
}

export function choiceOf(field: Field | undefined, lists: readonly OptionListName[], path: string, ex: Extraction): Choice | null {
  ex.read(path, field);
  if (!field) return null;
  ex.note(path, field);
  const { choice, issue } = resolveChoice(plainOf(field), lists);
  if (issue === "option-unknown") {
    ex.warn(issue, path, `「${choice?.value}」 is not one of the form's options`, atField(field));
  } else if (issue === "option-approximate") {
    ex.warn(issue, path, `「${choice?.value}」 read as option ${choice?.option} (a slip in the text)`, atField(field));
  }
  return choice;
}

export function bandOf(field: Field | undefined, list: OptionListName, path: string, ex: Extraction): Band | null {
  const choice = choiceOf(field, [list], path, ex);
  if (!choice || choice.value === null) return null;
  // Text that is none of the form's bands (`人以上1,000人未満`, a grid cut into fragments) gives
  // no bounds: numbers read from it would be wrong ones (choiceOf has warned of the value).
  // Text with no number at all is no count (`情報提供ネットワークシステム`, another row's value a
  // converter printed here): no band.
  if (choice.option === null && !/\d/.test(choice.value.normalize("NFKC"))) return null;
  if (choice.option === null) return { ...choice, min: null, maxExclusive: null };
  const bounds = parseBand(choice.value);
  if (!bounds) ex.warn("band-unparsed", path, `「${choice.value}」 states no count`, atField(field));
  return { ...choice, min: bounds?.min ?? null, maxExclusive: bounds?.maxExclusive ?? null };
}

export interface ChecksOptions {
  /** The form needs at least one mark in this group. */
  required?: boolean;
}

export function checksResultOf(plain: string, group: BoxGroupName): ChecksResult {
  return resolveChecks(plain, BOX_GROUPS[group]);
}

export function checksOf(
  field: Field | undefined,
  group: BoxGroupName,
  path: string,
  ex: Extraction,
  options: ChecksOptions = {},
): Checks {
  ex.read(path, field);
  if (!field) return emptyChecks();
  ex.note(path, field);
  const result = checksResultOf(plainOf(field), group);
  if (options.required && result.noMark) warnNoMark(ex, path, field);
  return result.checks;
}

/** A box group with no mark where the form needs one. */
export function warnNoMark(ex: Extraction, path: string, field: Field): void {
  ex.warn("checks-no-mark", path, "no box is marked where the form needs one (marks lost in conversion?)", atField(field));
}

export function dateOf(field: Field | undefined, path: string, ex: Extraction): DateValue | null {
  ex.read(path, field);
  if (!field) return null;
  ex.note(path, field);
  const value = parseDate(plainOf(field));
  if (value && value.iso === null) ex.warn("date-unparsed", path, `「${value.raw}」 is not a date`, atField(field));
  return value;
}

export function sectionByKey(part: Part | undefined, key: string): Section | undefined {
  return part?.sections.find((s) => s.key === key);
}

/** Every field of a section, its blocks' fields included, in document order. */
export function allFields(section: Section | undefined): Field[] {
  if (!section) return [];
  return [...section.fields, ...section.blocks.flatMap((b) => b.fields)].sort((a, b) => a.line - b.line);
}

/**
 * Whether a table's rows are loose lines, one cell each (no row has the table's columns): a
 * converter's text of a table whose cells it lost.
 */
export function cellsLost(rows: readonly Row[]): boolean {
  const withText = rows.filter((r) => r.texts.some((t) => t.trim() !== ""));
  if (withText.length < 3) return false;
  const single = withText.filter((r) => r.texts.filter((t) => t.trim() !== "").length === 1).length;
  return single / withText.length >= 0.9;
}

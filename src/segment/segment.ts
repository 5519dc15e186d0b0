import { ALL_LABEL_KEYS, BLOCK_SECTIONS, LABELS, SECTION_LABEL_GROUPS } from "../../data/labels.js";
import { EDITION, OTHER_RISKS_LABEL, TABLE_OF_CONTENTS, TITLED_BLOCKS, UNNUMBERED_RISK, type PartKind } from "../../data/structure.js";
import { CIRCLED_NUMBERS, continuesFullLine, closeHeadingSpaces, continuesWrappedLine, displayWidth, foldForMatch, labelKey, normalizeText, startsWithCircledNumber } from "../../normalizers/text.js";
import { htmlToText } from "../html/toText.js";
import type { Block, Field, FieldTree, LoadedDocument, Part, Row, Section, SourceLine } from "../model.js";
import {
  isChangeListHeader, isChangeListTitle, parseBlockHeading, parsePartHeading, parseSectionHeading,
} from "./headings.js";
import { classifyTableRows } from "./quoted.js";
import { rebuildPrintedLines } from "./rebuild.js";
import { BOX_START, NOT_A_LABEL_START } from "../../normalizers/glyphs.js";

/**
 * Lines → FieldTree. One pass over the rows with the current part, section, block and field as
 * state: a heading opens a new node, a labelled row opens a field, anything else continues the
 * open field. Text that a converter wrote twice (a table as HTML in one cell, then again cell by
 * cell) is kept once.
 */

/** A block's name as the form prints it, before its number. */
const BLOCK_NAMES: Record<string, string> = { system: "システム", outsourcing: "委託事項", provision: "提供先", transfer: "移転先" };

/** Where a field stands in the form: `II 特定個人情報ファイルの概要 > 4. … > 委託事項1`. */
function pathOf(part: Part, section: Section | null, block: Block | null): string {
  const blockName = block === null ? null : block.kind === "risk" ? `リスク${block.no ?? ""}: ${block.title ?? ""}` : `${BLOCK_NAMES[block.kind]}${block.no ?? ""}`;
  return [part.title || "表紙", section ? `${section.no}. ${section.title}` : null, blockName]
    .filter((p): p is string => p !== null && p !== "")
    .join(" > ");
}

const ownLabels = new Map<string, ReadonlySet<string>>();

/**
 * The label keys that say a row is a section's own (data/labels.ts SECTION_LABEL_GROUPS): its
 * groups' labels that no other group of the form has too (法令上の根拠 and 実施の有無 say nothing
 * of where they belong). Computed once per section.
 */
function sectionOwnLabels(part: PartKind, section: string): ReadonlySet<string> {
  const id = `${part}:${section}`;
  let keys = ownLabels.get(id);
  if (!keys) {
    const own = new Set(SECTION_LABEL_GROUPS[part]?.[section] ?? []);
    const labelsOf = (groups: (keyof typeof LABELS)[]) => groups.flatMap((g) => Object.values(LABELS[g]).flat() as string[]).map((l) => foldForMatch(l));
    const others = new Set(labelsOf((Object.keys(LABELS) as (keyof typeof LABELS)[]).filter((g) => !own.has(g))));
    keys = new Set(labelsOf([...own]).filter((k) => !others.has(k)));
    ownLabels.set(id, keys);
  }
  return keys;
}

/** Parts whose rows are kept as a table for their own extractor rather than split into fields. */
const TABLE_PARTS: ReadonlySet<PartKind> = new Set(["annex1", "annexAffair", "annex2", "changeList"]);
/**
 * The (別添2) 変更箇所 table quotes headings (`I 基本情報`) in its rows: inside it, a heading
 * opens a part only if the document has not had that part yet.
 */
const QUOTING_PARTS: ReadonlySet<PartKind> = new Set(["annex2"]);

export function toRow(line: SourceLine): Row | null {
  const cells = [...line.cells];
  while (cells.length > 0 && cells[cells.length - 1]!.trim() === "") cells.pop();
  if (cells.length === 0) return null;
  const texts = cells.map((c) => htmlToText(c).trim()).map((t) => (NUMBERING_ONLY.test(t) ? "" : t));
  // A row of dashes in every cell is a table rule (a markdown separator, wherever it ended up).
  if (texts.every((t) => /^[-—－:|=]*$/.test(t))) return null;
  return { line: line.line, page: line.page, cells, texts, ...(line.lefts ? { lefts: line.lefts.slice(0, cells.length) } : {}) };
}

/** A cell that can be a label: short, and not a box, an option, a bullet or a bare number. */
export function isLabelLike(text: string): boolean {
  const folded = foldForMatch(text);
  if (folded === "" || folded.length > 70) return false;
  if (NOT_A_LABEL_START.test(folded)) return false;
  if (/^\d{1,2}\)/.test(folded) || /^\d+$/.test(folded)) return false;
  return true;
}

function isKnownLabel(text: string): boolean {
  const key = labelKey(text);
  return ALL_LABEL_KEYS.has(key) || OTHER_RISKS_LABEL.test(key);
}

/** A label that begins with the form's numbering (①…) is one even if the table does not know it. */
function isNumberedLabel(text: string): boolean {
  return startsWithCircledNumber(text);
}

interface LabelledRow {
  label: string;
  group: string | null;
  /** Column indexes of the value cells. */
  values: number[];
  /** The value when it shares the label's cell (`①事務の名称 住民基本台帳に関する事務`). */
  inlineValue?: string;
}

/**
 * A label and its value in one cell, separated by white space, as PDF text and some converters
 * give them. Only a numbered label (①…) or a known label of four characters or more counts, so
 * that a line of text that starts with a common word stays text.
 */
function splitInlineLabel(text: string): { label: string; value: string } | null {
  const m = /^(\S+)\s+(?:※\s*)?(\S[\s\S]*)$/.exec(text.trim());
  if (!m) return null;
  const [, head, value] = m as unknown as [string, string, string];
  if (!isKnownLabel(head)) return null;
  if (!isNumberedLabel(head) && labelKey(head).length < 4) return null;
  return { label: head, value };
}

/** Read a row as `label | value…` (or `group | label | value…`), or null when it continues text. */
function asLabelledRow(row: Row): LabelledRow | null {
  const filled = row.texts.map((t, i) => ({ t, i })).filter(({ t }) => t !== "");
  const first = filled[0];
  if (!first) return null;
  const multiCell = row.texts.length > first.i + 1;
  if (!multiCell) {
    // `①ファイルの種類 ※ [ システム用ファイル ] …`: the label's note mark, then its value on the line.
    const noted = /※\s*\S/.test(first.t) ? splitInlineLabel(first.t) : null;
    if (noted) return { label: noted.label, group: null, values: [], inlineValue: noted.value };
    if (isKnownLabel(first.t)) return { label: first.t, group: null, values: [] };
    const inline = splitInlineLabel(first.t);
    return inline ? { label: inline.label, group: null, values: [], inlineValue: inline.value } : null;
  }
  if (!isLabelLike(first.t)) return null;
  const second = filled[1];
  if (second && isLabelLike(second.t) && (isKnownLabel(second.t) || isNumberedLabel(second.t)) && !isKnownLabel(first.t)) {
    return { label: second.t, group: first.t, values: filled.slice(2).map(({ i }) => i) };
  }
  if (second && second.i === first.i + 1 && isKnownLabel(second.t) && isKnownLabel(first.t) && filled.length > 2) {
    // `④使用の主体 | 使用部署 | 福祉部`: both are labels; the first groups the second.
    return { label: second.t, group: first.t, values: filled.slice(2).map(({ i }) => i) };
  }
  return { label: first.t, group: null, values: filled.slice(1).map(({ i }) => i) };
}

function newField(label: string, group: string | null, row: Row, sectionPath: string): Field {
  return { label, key: labelKey(label), group, values: [], rows: [], sectionPath, line: row.line, page: row.page };
}

/** A print's line shorter than this tells nothing of the cell's width. */
const FULL_LINE_MIN = 12;


/** A cell that holds a table or list: converters often repeat its content on the next lines. */
const STRUCTURED_CELL = /<(table|tr|td|ul|ol|li)[\s>]/i;

/**
 * Add a row's value cells to a field, dropping what the converter wrote twice: a cell that
 * repeats an earlier cell of the same row, or the content of a table or list cell written
 * again on the following lines. Text that the document itself repeats is kept.
 */
function addValues(field: Field, cells: { text: string; raw: string }[], structured: Map<Field, string>): void {
  // A value cell that only repeats the label is the label written twice.
  const label = field.rows.length === 1 && field.values.length === 0 ? foldForMatch(field.label) : null;
  const row: string[] = [];
  for (const { text, raw } of cells) {
    const folded = foldForMatch(text);
    if (folded === "" || folded === label) continue;
    const seen = structured.get(field) ?? "";
    if (row.some((r) => r.includes(folded)) || seen.includes(folded)) continue;
    row.push(folded);
    field.values.push(text);
    if (STRUCTURED_CELL.test(raw)) structured.set(field, seen + folded);
  }
}

/** Cells that only list the form's item numbers (`①/②/…/㊿`): page furniture of the form. */
const NUMBERING_ONLY = new RegExp(String.raw`^[${CIRCLED_NUMBERS}\/\s・、,]+$`);

function isEmptyPart(part: Part): boolean {
  return part.fields.length === 0 && part.sections.length === 0;
}

export class Segmenter {
  private readonly parts: Part[] = [];
  private part: Part;
  private section: Section | null = null;
  private block: Block | null = null;
  private field: Field | null = null;
  /** A block just opened whose title may stand alone on the next row (委託事項N, 提供先N, 移転先N). */
  private untitled: Block | null = null;
  /** Headings listed by the cover's 項目一覧; the body's own headings come after. */
  private tableOfContents: Set<PartKind> | null = null;
  /** Per field, the folded text of its table and list cells, to drop their repeats. */
  private readonly structured = new Map<Field, string>();

  /** The document's lines are a print's (LoadedDocument.printed): a value's wrapped lines are one text. */
  constructor(private readonly printed = false) {
    this.part = { kind: "cover", title: "", fields: [], sections: [], line: 1, page: null };
    this.parts.push(this.part);
  }

  /** The parts found, without the empty ones a table of contents or a stray heading left. */
  result(): Part[] {
    const parts = this.parts.filter((p) => p.kind === "cover" || !isEmptyPart(p));
    for (const part of parts) {
      if (TABLE_PARTS.has(part.kind)) part.table = classifyTableRows(part.fields.flatMap((f) => f.rows), this.printed);
    }
    return parts;
  }

  /** A row naming risks without a number, where no free text is open that could hold it. */
  private startsUnnumberedRisk(row: Row, firstText: string): boolean {
    if (row.texts.filter((t) => t !== "").length !== 1 || isKnownLabel(firstText)) return false;
    if (this.field && (OTHER_RISKS_LABEL.test(this.field.key) || this.field.key === "")) return false;
    return UNNUMBERED_RISK.test(foldForMatch(firstText));
  }

  private opensPart(kind: PartKind, row: Row): boolean {
    if (!QUOTING_PARTS.has(this.part.kind)) return true;
    // Inside the table a quoted heading is a row's cell; a heading of its own stands alone.
    return row.cells.length === 1 && !this.parts.some((p) => p.kind === kind && !isEmptyPart(p));
  }

  private openPart(kind: PartKind, title: string, row: Row): void {
    this.part = { kind, title, fields: [], sections: [], line: row.line, page: row.page };
    this.parts.push(this.part);
    this.section = null;
    this.block = null;
    this.field = null;
  }

  /**
   * A section's first rows that stand before its heading (the heading was vertically centred in a
   * tall merged cell): the trailing blocks and labelled fields of the section before that are the
   * new section's by the form's vocabulary (data/labels.ts) move into it.
   */
  private takeOwnRows(opened: Section): void {
    const from = this.section ?? this.part;
    const key = opened.key;
    if (key === null) return;
    const ownKeys = sectionOwnLabels(this.part.kind, key);
    const blockSection = BLOCK_SECTIONS[this.part.kind] ?? {};
    const moved: Field[] = [];
    if ("blocks" in from) {
      while (from.blocks.length > 0 && blockSection[from.blocks[from.blocks.length - 1]!.kind] === key) {
        const block = from.blocks.pop()!;
        opened.blocks.unshift(block);
        moved.push(...block.fields);
      }
      if (from.blocks.length > 0) return this.retitle(moved, opened);
    }
    while (from.fields.length > 0) {
      const field = from.fields[from.fields.length - 1]!;
      if (!ownKeys.has(field.key)) break;
      opened.fields.unshift(from.fields.pop()!);
      moved.push(field);
    }
    this.retitle(moved, opened);
  }

  /** Moved fields say where they stand now. */
  private retitle(fields: Field[], section: Section): void {
    for (const field of fields) {
      const block = section.blocks.find((b) => b.fields.includes(field)) ?? null;
      field.sectionPath = pathOf(this.part, section, block);
    }
  }

  /** Per field of a print: its longest line so far, its last line's length and text, and how many values it had then. */
  private readonly printedLines = new Map<Field, { longest: number; last: number; lines: number; text: string; values: number }>();

  private noteLine(field: Field, text: string): void {
    const length = displayWidth(text.trim());
    const seen = this.printedLines.get(field);
    this.printedLines.set(field, { longest: Math.max(seen?.longest ?? 0, length), last: length, lines: (seen?.lines ?? 0) + 1, text: text.trim(), values: field.values.length });
  }

  /**
   * Whether a print's line goes on with the field's last line: the characters say it may (a
   * Japanese wrap), and the last line ran about as far as the field's longest (a short line
   * ended a paragraph, not the print's width).
   */
  private wrapsInto(field: Field, text: string): boolean {
    const seen = this.printedLines.get(field);
    // The line before, not the whole value it went into: reading a long value's end again for
    // every line would be quadratic.
    const previous = seen && seen.values === field.values.length ? seen.text : field.values[field.values.length - 1]!;
    // A line as long as the field's longest (of a few lines at least) ran to the cell's edge.
    if (seen && seen.lines >= 2 && seen.longest >= FULL_LINE_MIN && seen.last >= seen.longest * 0.95 && continuesFullLine(previous, text)) return true;
    if (!continuesWrappedLine(previous, text)) return false;
    if (!seen) return true;
    // In a narrow cell one character less than the longest line is still a full line (禁則 moves characters).
    return seen.last >= Math.min(seen.longest * 0.8, seen.longest - 1) || /^\s*[、。，．）」』】〕〉》]/u.test(text);
  }

  /** Where a new field stands: the titles of the open part, section and block. */
  private sectionPath(): string {
    return pathOf(this.part, this.section, this.block);
  }

  private placeField(field: Field): void {
    if (this.block) this.block.fields.push(field);
    else if (this.section) this.section.fields.push(field);
    else this.part.fields.push(field);
    this.field = field;
  }

  /** The field that continuation text goes to: the open one, or a body field of the open node. */
  private openField(row: Row): Field {
    if (!this.field) this.placeField(newField("", null, row, this.sectionPath()));
    return this.field!;
  }

  add(row: Row): void {
    const firstText = row.texts.find((t) => t !== "") ?? "";
    const joined = row.texts.filter((t) => t !== "").join(" ");
    const cellsAt = (indexes: number[]) => indexes.map((i) => ({ text: row.texts[i]!, raw: row.cells[i]! }));

    const startsChangeList = this.parts.length === 1 && this.part.fields.length === 0 && (isChangeListTitle(joined) || isChangeListHeader(firstText));
    if (this.part.kind === "changeList" || startsChangeList) {
      if (this.part.kind !== "changeList") this.openPart("changeList", "変更箇所一覧", row);
      if (isChangeListTitle(joined) || isChangeListHeader(firstText)) return;
      this.openField(row).rows.push(row);
      return;
    }

    const heading = row.texts.filter((t) => t !== "").length === 1 ? parsePartHeading(firstText) : null;
    if (this.tableOfContents) {
      // The cover's 項目一覧 lists the headings once; the body's own come after it. An entry
      // the table does not know (a short line) is still part of the list.
      if (heading && !this.tableOfContents.has(heading.kind)) {
        this.tableOfContents.add(heading.kind);
        return;
      }
      if (!heading && row.texts.length === 1 && foldForMatch(firstText).length <= 40) return;
      this.tableOfContents = null;
    }
    if (heading && this.opensPart(heading.kind, row)) {
      this.openPart(heading.kind, heading.title, row);
      return;
    }
    if (this.part.kind === "cover" && TABLE_OF_CONTENTS.test(labelKey(firstText))) {
      this.tableOfContents = new Set();
      this.field = null;
      return;
    }

    if (TABLE_PARTS.has(this.part.kind)) {
      this.openField(row).rows.push(row);
      return;
    }

    const section = parseSectionHeading(this.part.kind, firstText);
    if (section) {
      // The heading row's other cells hold either the heading's box (`[○] 委託しない`) or,
      // for a section that is one value (`7. 備考 | 値`), that value.
      const others = row.texts.map((_, i) => i).filter((i) => i > row.texts.indexOf(firstText) && row.texts[i] !== "");
      const boxes = others.filter((i) => BOX_START.test(row.texts[i]!));
      const rest = [section.rest, ...boxes.map((i) => row.texts[i]!)].filter((t) => t !== "").join(" ");
      // A print's heading wrapped in its narrow cell: the converter's spaces are not the form's title.
      const title = this.printed ? closeHeadingSpaces(section.title) : section.title;
      const opened: Section = { no: section.no, key: section.key, title, headingRest: rest, fields: [], blocks: [], line: row.line, page: row.page };
      this.takeOwnRows(opened);
      this.section = opened;
      this.part.sections.push(this.section);
      this.block = null;
      this.field = null;
      const values = others.filter((i) => !boxes.includes(i));
      if (values.length > 0) addValues(this.openField(row), cellsAt(values), this.structured);
      return;
    }

    if (this.part.kind === "cover" && EDITION.test(foldForMatch(joined))) {
      const field = newField("様式", null, row, this.sectionPath());
      field.values.push(joined);
      field.rows.push(row);
      this.placeField(field);
      this.field = null; // the edition is one line: what follows is not its text
      return;
    }

    if (this.section && this.part.kind === "risks" && !parseBlockHeading(firstText) && this.startsUnnumberedRisk(row, firstText)) {
      this.block = { kind: "risk", no: null, placeholder: false, title: normalizeText(firstText), fields: [], line: row.line, page: row.page };
      this.section.blocks.push(this.block);
      this.field = null;
      return;
    }

    if (this.section) {
      const block = parseBlockHeading(firstText);
      if (block && (block.kind === "risk") === (this.part.kind === "risks")) {
        const after = row.texts.slice(row.texts.indexOf(firstText) + 1).filter((t) => t !== "").join(" ");
        this.block = {
          kind: block.kind, no: block.no, placeholder: block.placeholder,
          title: block.title ?? (after === "" ? null : after),
          fields: [], line: row.line, page: row.page,
        };
        this.section.blocks.push(this.block);
        this.field = null;
        this.untitled = this.block.title === null && TITLED_BLOCKS.has(this.block.kind) ? this.block : null;
        return;
      }
    }

    // `委託事項1` on its row, its title alone on the next: the title, not a field's text.
    const untitled = this.untitled;
    this.untitled = null;
    if (untitled && this.block === untitled && untitled.fields.length === 0) {
      const filled = row.texts.filter((t) => t.trim() !== "");
      if (filled.length === 1 && !isKnownLabel(filled[0]!) && !isNumberedLabel(filled[0]!) && !BOX_START.test(filled[0]!) && !NOT_A_LABEL_START.test(foldForMatch(filled[0]!))) {
        untitled.title = normalizeText(filled[0]!);
        return;
      }
    }

    const labelled = asLabelledRow(row);
    if (labelled) {
      const key = labelKey(labelled.label);
      if (this.field && this.field.key === key && this.field.values.length === 0) {
        // The converter wrote the row twice (once as a table, once as cells): one field.
        this.field.rows.push(row);
        addValues(this.field, cellsAt(labelled.values), this.structured);
        return;
      }
      if (OTHER_RISKS_LABEL.test(key)) this.block = null; // it closes the section's risks
      const field = newField(labelled.label, labelled.group, row, this.sectionPath());
      field.rows.push(row);
      const inline = labelled.inlineValue === undefined ? [] : [{ text: labelled.inlineValue, raw: labelled.inlineValue }];
      addValues(field, [...inline, ...cellsAt(labelled.values)], this.structured);
      this.placeField(field);
      return;
    }

    const field = this.openField(row);
    field.rows.push(row);
    const last = field.values.length - 1;
    if (this.printed && row.texts.length === 1 && last >= 0 && this.wrapsInto(field, row.texts[0]!)) {
      field.values[last] += row.texts[0]!.trim();
      this.noteLine(field, row.texts[0]!);
      return;
    }
    addValues(field, cellsAt(row.texts.map((_, i) => i)), this.structured);
    if (row.texts.length === 1) this.noteLine(field, row.texts[0]!);
  }
}


export function segment(document: LoadedDocument): FieldTree {
  const segmenter = new Segmenter(document.printed ?? false);
  // A print's wrapped headings and labels are put back together first (src/segment/rebuild.ts).
  const lines = document.printed ? rebuildPrintedLines(document.lines, { paragraphs: document.paragraphs ?? false }) : document.lines;
  for (const line of lines) {
    const row = toRow(line);
    if (row) segmenter.add(row);
  }
  return { source: document.source, parts: segmenter.result(), ...(document.printed ? { printed: true } : {}) };
}

/**
 * The typed forms that pass between the stages:
 * load → LoadedDocument → segment → FieldTree → extract → Record.
 */

export type SourceFormat = "text" | "html" | "pdf";

export interface SourceInfo {
  path: string;
  sha256: string;
  format: SourceFormat;
  pages: number | null;
  /** The character encoding the bytes were decoded from. */
  encoding: string;
  bytes: number;
}

/** One line of the source: its cells (raw, may hold HTML), where it stood. */
export interface SourceLine {
  line: number;
  page: number | null;
  cells: string[];
  /**
   * Where each cell starts across the page, for a print read by position: CSS left for
   * positioned HTML, the character (code point) offset for `pdftotext -layout`. A table whose
   * ruling is gone is read by these columns. Same length as `cells`.
   */
  lefts?: number[];
}

export interface LoadedDocument {
  source: SourceInfo;
  lines: SourceLine[];
  /**
   * The lines are a print's lines, not a table's rows (pdftotext, mutool, pandoc's plain text):
   * a label or a heading can wrap onto the next line, and a value's lines are one text.
   */
  printed?: boolean;
  /**
   * A print whose lines the converter joined with spaces, one paragraph per block of the page
   * (mutool draw -F xhtml): a line that ran to the block's width goes on without the space.
   */
  paragraphs?: boolean;
}

/** A source line after its cells were turned into text. */
export interface Row {
  line: number;
  page: number | null;
  /** Raw cells, trailing empty ones dropped. */
  cells: string[];
  /** Plain text of each cell (HTML resolved, NFKC not applied yet). */
  texts: string[];
  /** Where each cell starts across the page (SourceLine.lefts), when the loader knows. */
  lefts?: number[];
}

/** A labelled field: the label's row and the rows of its value. */
export interface Field {
  /** The label as the document prints it (plain text). */
  label: string;
  /** The label's lookup key (see normalizers/text.ts labelKey). */
  key: string;
  /** A label standing before this one in the same row (`再委託 | ④再委託の有無`). */
  group: string | null;
  /** The value: the plain text of the value cells and continuation lines, repeats removed. */
  values: string[];
  /** Value cells by column, for tables whose columns mean something (変更箇所). */
  rows: Row[];
  /** Where the field stands in the form: `II 特定個人情報ファイルの概要 > 4. … > 委託事項1`. */
  sectionPath: string;
  line: number;
  page: number | null;
}

export type BlockKind = "system" | "outsourcing" | "provision" | "transfer" | "risk";

export interface Block {
  kind: BlockKind;
  no: number | null;
  /** システム6～10: a placeholder row. */
  placeholder: boolean;
  /** The heading's own text after the number (委託事項1 | 国民年金システムの保守業務; a risk's name). */
  title: string | null;
  fields: Field[];
  line: number;
  page: number | null;
}

export interface Section {
  no: number | null;
  /** The key of data/structure.ts SECTION_TITLES, or null for a section the table does not know. */
  key: string | null;
  title: string;
  /** Text after the title in the heading row (a not-applicable box: `[○] 委託しない`). */
  headingRest: string;
  /** Fields that stand before any block; the text right under the heading is a field with key "". */
  fields: Field[];
  blocks: Block[];
  line: number;
  page: number | null;
}

export interface Part {
  kind: import("../data/structure.js").PartKind;
  title: string;
  /** Fields before the first section (the cover's fields; an annex's text). */
  fields: Field[];
  sections: Section[];
  /** A table part's rows (annexes, change lists), each told apart as a quoted heading or a row (src/segment/quoted.ts). */
  table?: TableEntry[];
  line: number;
  page: number | null;
}

/**
 * One row of a table part. The change lists quote the form's headings to say where each change
 * is; an entry says which heading a row quotes, so that the extractors need not parse headings.
 */
export type TableEntry =
  /** `I 基本情報`; `cell` is where it stands (a table's row: alone in it). */
  | { type: "part"; kind: import("../data/structure.js").PartKind; title: string; cell: number; row: Row }
  /** `4. 特定個人情報ファイルの取扱いの委託`, parsed under the part quoted last. */
  | { type: "section"; no: number; key: string; title: string; row: Row }
  /** `委託事項3`; `title` is the heading as printed, `rest` the text after it on a print's line. */
  | { type: "block"; kind: BlockKind; no: number | null; title: string; rest: string; row: Row }
  | { type: "row"; row: Row };

export interface FieldTree {
  source: SourceInfo;
  parts: Part[];
  /** Built from a print's lines (LoadedDocument.printed): a table's columns are not its cells. */
  printed?: boolean;
}

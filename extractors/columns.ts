import { continuesFullLine, displayWidth, foldForMatch, mustContinue } from "../normalizers/text.js";
import type { Row } from "../src/model.js";

/**
 * A table whose ruling a converter dropped but whose pieces keep their place across the page
 * (positioned HTML): the header row names the columns and says where each begins; every piece
 * below goes to the column it stands in, and a new row begins where the first column has a
 * value that starts one (a date, for the 変更箇所 table). Pure: rows in, rows of column texts out.
 */

export interface ColumnSpec<F extends string> {
  field: F;
  pattern: RegExp;
}

export interface ColumnRow<F extends string> {
  /** The physical rows the table row was read from (the first one starts it). */
  rows: Row[];
  cells: Partial<Record<F, string>>;
}

interface Piece {
  text: string;
  left: number;
  row: Row;
  /** The converter kept a space after the piece's text (the document's own, before its line broke). */
  spaceAfter: boolean;
}

/** How many physical rows the header may take (its names wrap: `変更前の` / `記載`). */
const HEADER_ROWS = 4;

/** A raw cell that ends in a space (before any closing tags): `I&#160;基本情報&#160;4&#160;`. */
const SPACE_AT_END = /(?:\s|&#160;|&nbsp;|&#xa0;|\u00a0)(?:<\/[^>]+>\s*)*$/i;

function piecesOf(row: Row): Piece[] {
  return row.texts
    .map((text, i) => ({ text: text.replace(/\u00a0/g, " "), left: row.lefts![i]!, row, spaceAfter: SPACE_AT_END.test(row.cells[i] ?? "") }))
    .filter((p) => p.text.trim() !== "");
}

/** The header's columns: pieces at one left joined top to bottom, named by the specs. */
function headerColumns<F extends string>(rows: Row[], specs: ColumnSpec<F>[]): { columns: { field: F; left: number }[]; end: number } | null {
  for (let start = 0; start < rows.length; start++) {
    const stacks: { left: number; text: string }[] = [];
    for (let k = start; k < Math.min(rows.length, start + HEADER_ROWS); k++) {
      for (const piece of piecesOf(rows[k]!)) {
        const stack = stacks.find((s) => Math.abs(s.left - piece.left) <= 2);
        if (stack) stack.text += piece.text.trim();
        else if (k === start) stacks.push({ left: piece.left, text: piece.text.trim() });
      }
      const columns = stacks
        .map((s) => ({ left: s.left, field: specs.find((spec) => spec.pattern.test(foldForMatch(s.text)))?.field }))
        .filter((c): c is { left: number; field: F } => c.field !== undefined);
      // The whole header is read when every stack names a column and the next row is no tail of it.
      if (columns.length >= Math.min(3, specs.length) && columns.length === stacks.length && new Set(columns.map((c) => c.field)).size === columns.length) {
        const next = rows[k + 1];
        const tail = next !== undefined && piecesOf(next).every((p) => stacks.some((s) => Math.abs(s.left - p.left) <= 2) && isHeaderTail(p.text));
        if (!tail || k === start + HEADER_ROWS - 1) return { columns: columns.sort((a, b) => a.left - b.left), end: k };
      }
    }
  }
  return null;
}

/** The rest of a column's name that its narrow header cell wrapped (`記載`, `期`): short, no digits. */
function isHeaderTail(text: string): boolean {
  const t = text.trim();
  return [...t].length <= 3 && !/\d/.test(t);
}

/** The column a piece stands in: the last one that begins at or left of it (pieces start a little left of the header). */
function columnOf<F extends string>(left: number, columns: { field: F; left: number }[], slack: number): number {
  let index = 0;
  columns.forEach((c, i) => {
    if (left >= c.left - slack) index = i;
  });
  return index;
}

/**
 * Join a cell's printed lines. Where the converter kept a space at a line's end (the document's
 * own) it stays. A line that filled the column (`width`, in full-width characters) was wrapped
 * by the print: it runs on into the next unless that starts an item; a shorter one ended where
 * the document broke the line, and a space stands for the break.
 */
export function joinCellLines(lines: { text: string; spaceAfter: boolean }[], width: number): string {
  let out = "";
  lines.forEach(({ text }, i) => {
    const next = text.replace(/\u00a0/g, " ").trim();
    const previous = lines[i - 1];
    if (out === "") out = next;
    else if (previous!.spaceAfter) out = `${out} ${next}`;
    else if (mustContinue(out, next)) out += next;
    else if (displayWidth(previous!.text.trim()) >= width * FULL && continuesFullLine(out, next)) out += next;
    else out = `${out} ${next}`;
  });
  return out.trim();
}

/**
 * A column's width from its lines' widths: the upper quartile, as most lines of a narrow cell run
 * to its edge, the last line of each cell is short, and a few cells span wider.
 */
function typicalWidth(widths: number[]): number {
  if (widths.length === 0) return 0;
  const sorted = [...widths].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * 0.75)]!;
}

/** A line at least this share of its column's width filled it. */
const FULL = 0.75;
/** A piece this many times its column's width ran over into the next column. */
const OVERFLOW = 1.8;

/**
 * Read the table. `startsRow` decides, from the text in the first column, whether a piece
 * begins a new table row; pieces before the first such row are left out (the table's caption).
 * A piece wider than its column that has a space is split there (a converter merged two
 * neighbouring cells of one line).
 */
export function readColumns<F extends string>(rows: Row[], specs: ColumnSpec<F>[], startsRow: (firstColumnText: string) => boolean): ColumnRow<F>[] | null {
  if (rows.length === 0 || !rows.every((r) => r.lefts && r.lefts.length === r.texts.length)) return null;
  const header = headerColumns(rows, specs);
  if (!header) return null;
  const { columns } = header;
  const gaps = columns.slice(1).map((c, i) => c.left - columns[i]!.left);
  const slack = Math.max(1, Math.min(...gaps, 40) * 0.2);
  // A page that breaks the table prints its header again: those rows are no table rows.
  const headerTexts = new Set(rows.slice(0, header.end + 1).map((r) => foldForMatch(r.texts.join(""))));
  const body = rows.slice(header.end + 1).filter((r) => !headerTexts.has(foldForMatch(r.texts.join(""))));
  // Each column's width in characters: most of its pieces are lines the print wrapped at its edge.
  const placed = body.flatMap((row) => piecesOf(row).map((p) => ({ ...p, column: columnOf(p.left, columns, slack) })));
  const capacity = columns.map((_, c) => typicalWidth(placed.filter((p) => p.column === c && !/\s/.test(p.text.trim())).map((p) => displayWidth(p.text.trim()))));
  const split = placed.flatMap((p) => {
    const text = p.text.trim();
    const room = capacity[p.column]!;
    if (p.column + 1 >= columns.length || room === 0 || displayWidth(text) < room * OVERFLOW) return [p];
    // Split at the last space that leaves the column's share of the text in it.
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index!).filter((at) => displayWidth(text.slice(0, at)) <= room + 0.5);
    const at = spaces[spaces.length - 1];
    if (at === undefined || at === 0) return [p];
    return [{ ...p, text: text.slice(0, at), spaceAfter: false }, { ...p, text: text.slice(at + 1), column: p.column + 1 }];
  });

  // A print that centres its cells vertically puts a row's other cells above its first one:
  // rows cannot be told apart by where the first column begins, and the table is not read so.
  const firstStart = split.findIndex((p) => p.column === 0 && startsRow(p.text));
  if (firstStart < 0 || split.slice(0, firstStart).some((p) => p.column !== 0)) return null;

  const out: { rows: Row[]; lines: Map<number, { text: string; spaceAfter: boolean }[]> }[] = [];
  let lastRow: Row | null = null;
  // (A row continued from the page before begins at the page's top: its cells begin there too.)
  for (const piece of split) {
    if (piece.column === 0 && startsRow(piece.text)) out.push({ rows: [], lines: new Map() });
    const current = out[out.length - 1];
    if (!current) continue;
    if (piece.row !== lastRow && !current.rows.includes(piece.row)) current.rows.push(piece.row);
    lastRow = piece.row;
    const lines = current.lines.get(piece.column);
    if (lines) lines.push({ text: piece.text, spaceAfter: piece.spaceAfter });
    else {
      // Every cell of a top-aligned row begins on the row's first line; one that begins lower is
      // a centred cell, and the rows of a centred print cannot be told apart by their first column.
      if (piece.row !== current.rows[0]) return null;
      current.lines.set(piece.column, [{ text: piece.text, spaceAfter: piece.spaceAfter }]);
    }
  }
  return out.map(({ rows: from, lines }) => {
    const cells: Partial<Record<F, string>> = {};
    for (const [column, texts] of lines) cells[columns[column]!.field] = joinCellLines(texts, capacity[column]!);
    return { rows: from, cells };
  });
}

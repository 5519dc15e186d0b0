import { BULLET_MARKS } from "../../data/options.js";
import { BOX_START } from "../../normalizers/glyphs.js";
import { CIRCLED_NUMBERS, displayWidth } from "../../normalizers/text.js";

/**
 * One page's text pieces and ruling lines → its lines with cells, top to bottom: ruled row
 * bands give a table's cells, a label merged over rows is a line of its own, other text is
 * read by baselines. Plain data in and out (PDF points, y upwards as in the PDF).
 */

export interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A horizontal rule; `cut`: not drawn, the edge where a page break cut the table (cutEdges). */
export interface HLine { y: number; x1: number; x2: number; cut?: boolean }
export interface VLine { x: number; y1: number; y2: number }

/** A table row's band: between two horizontal rules, over the x range both cover. */
export interface RowBand { top: number; bottom: number; x1: number; x2: number; cutAbove?: boolean; cutBelow?: boolean; ruledFrom?: number }

export interface PageLine {
  y: number;
  cells: string[];
  /** For a table row: its column edges, and whether each cell's last line was wrapped. */
  edges?: number[];
  wrapped?: boolean[];
  /** A table row or merged cell that the page break cut: no rule at the page's top or bottom. */
  cutAbove?: boolean;
  cutBelow?: boolean;
  /** A cell merged over rows (a line of its own): its left and right edges. */
  span?: [number, number];
  /** A table row whose drawn rule above runs on left of it, from this x: a merged cell there begins beside it. */
  ruledFrom?: number;
}

/** Tolerances, in PDF points. */
export const ALIGN = 1.5;

/** Pieces on one baseline, left to right, joined; a gap wider than a character is a space. */
export function joinLine(pieces: TextPiece[]): string {
  const sorted = [...pieces].sort((a, b) => a.x - b.x);
  let out = "";
  let end: number | null = null;
  for (const p of sorted) {
    // A space glyph is a quarter to a half of an em; pieces of one word touch.
    if (end !== null && p.x - end > p.size * 0.2) out += " ";
    out += p.text;
    end = p.x + p.width;
  }
  return out;
}

/** Group pieces into baselines, top to bottom. */
export function baselines(pieces: TextPiece[]): TextPiece[][] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextPiece[][] = [];
  for (const p of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - p.y) <= Math.max(ALIGN, p.size * 0.3)) line.push(p);
    else lines.push([p]);
  }
  return lines;
}

/**
 * A cell's text: its baselines joined; a line that runs to the cell's right edge was wrapped by
 * the printer (joined without a break), any other ends a line of the document (a break). A box
 * grid's columns (boxColumns) are read item by item, row by row.
 */
export function cellText(pieces: TextPiece[], right: number): { text: string; wrapped: boolean } {
  const lines = baselines(pieces);
  const columns = boxColumns(lines);
  if (columns.length === 0) return readLines(lines, right);
  // Each baseline cut at the columns; a column's lines make items, each from a line that starts one.
  const bounds = [-Infinity, ...columns, Infinity];
  const items: { row: number; column: number; lines: TextPiece[][] }[] = [];
  for (let c = 0; c + 1 < bounds.length; c++) {
    let item: (typeof items)[number] | null = null;
    lines.forEach((line, row) => {
      const part = line.filter((p) => p.x >= bounds[c]! - ALIGN && p.x < bounds[c + 1]! - ALIGN);
      if (part.length === 0) return;
      if (!item || startsItem(joinLine(part))) items.push((item = { row, column: c, lines: [] }));
      item.lines.push(part);
    });
  }
  items.sort((a, b) => a.row - b.row || a.column - b.column);
  const read = items.map((item) => readLines(item.lines, Math.min(right, bounds[item.column + 1]!)));
  return { text: read.map((r) => r.text).join("\n"), wrapped: read[read.length - 1]?.wrapped ?? false };
}

/**
 * Where a box grid's further columns start: Calc prints a grid of `[ ] label` cells with no rule
 * between its columns, so their text shares the baselines. A column starts where, on two or more
 * baselines, a box begins after a gap, and no line runs across (text set with tabs does).
 */
export function boxColumns(lines: TextPiece[][]): number[] {
  const starts: number[] = [];
  for (const line of lines) {
    const sorted = [...line].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) {
      const p = sorted[i]!;
      const before = sorted[i - 1]!;
      if (p.x - (before.x + before.width) > p.size * 0.5 && BOX_START.test(p.text)) starts.push(p.x);
    }
  }
  starts.sort((a, b) => a - b);
  const columns: number[] = [];
  for (let i = 0; i < starts.length; ) {
    let j = i + 1;
    while (j < starts.length && starts[j]! - starts[i]! < ALIGN) j++;
    const x = starts[i]!;
    const across = lines.some((line) => line.some((p) => p.x < x - ALIGN && p.x + p.width > x - ALIGN));
    if (j - i >= 2 && !across) columns.push(x);
    i = j;
  }
  return columns;
}

/** Baselines of one column read as text (see cellText). */
function readLines(lines: TextPiece[][], right: number): { text: string; wrapped: boolean } {
  let out = "";
  let wrapped = false;
  for (const line of lines) {
    const text = joinLine(line);
    if (out !== "") out += wrapped && !startsItem(text) ? "" : "\n";
    out += text;
    const last = line.reduce((m, p) => Math.max(m, p.x + p.width), 0);
    // Japanese line breaking (禁則) may leave up to two characters' room at a wrapped line's end.
    wrapped = right - last < line[0]!.size * 2.4;
  }
  return { text: out.trim(), wrapped };
}

/**
 * A line that starts an item of its own even after a full line: a bullet, a circled or
 * parenthesised number, a `1 ` list number, an angle-bracket heading, a note mark.
 */
export function startsItem(text: string): boolean {
  return ITEM_START.test(text.trim());
}

const ITEM_START = new RegExp(String.raw`^(?:-\s|[${BULLET_MARKS}<＜〈【「\[]|[${CIRCLED_NUMBERS}]|[(（]\d|\d{1,2}[.．)）\s]|[IVⅠⅡⅢⅣⅤⅥ]+\s|\(別添|リスク\s*\d*\s*[:：])`);

/**
 * Where a page break cuts a table, a spreadsheet's print draws no rule: the column rules just end
 * there, together, at the page's table edge. Such an edge (two or more vertical rules ending at
 * one height, one of them with no rule across its end) is taken as a rule, marked `cut`, so that
 * the cut rows are rows and the next page can tell they go on.
 */
export function cutEdges(rules: { h: HLine[]; v: VLine[] }): HLine[] {
  const out: HLine[] = [];
  for (const end of ["y1", "y2"] as const) {
    const ends = [...rules.v].sort((a, b) => a[end] - b[end]);
    for (let i = 0; i < ends.length; ) {
      let j = i + 1;
      while (j < ends.length && ends[j]![end] - ends[i]![end] < ALIGN) j++;
      const group = ends.slice(i, j);
      i = j;
      const y = end === "y1" ? Math.min(...group.map((v) => v.y1)) : Math.max(...group.map((v) => v.y2));
      const closed = (v: VLine) => rules.h.some((h) => Math.abs(h.y - v[end]) < ALIGN && h.x1 <= v.x + ALIGN && h.x2 >= v.x - ALIGN);
      if (group.length < 2 || group.every(closed)) continue;
      const xs = group.map((v) => v.x);
      out.push({ y, x1: Math.min(...xs), x2: Math.max(...xs), cut: true });
    }
  }
  return out;
}

/** Row bands of the page's tables: between two horizontal rules that share an x range. */
export function bands(h: HLine[]): RowBand[] {
  const ys = [...h].sort((a, b) => b.y - a.y);
  // `drawn`: where the drawn part of the rule begins (a cut edge is not drawn).
  const merged: (HLine & { drawn: number })[] = [];
  for (const line of ys) {
    const last = merged[merged.length - 1];
    const drawn = line.cut ? Infinity : line.x1;
    if (last && Math.abs(last.y - line.y) < ALIGN && line.x1 <= last.x2 && line.x2 >= last.x1) {
      last.x1 = Math.min(last.x1, line.x1);
      last.x2 = Math.max(last.x2, line.x2);
      last.drawn = Math.min(last.drawn, drawn);
      // A drawn rule where the page's edge also is: the row was not cut there.
      if (!line.cut) delete last.cut;
    } else merged.push({ ...line, drawn });
  }
  const out: RowBand[] = [];
  for (let i = 0; i + 1 < merged.length; i++) {
    const top = merged[i]!;
    const bottom = merged[i + 1]!;
    const x1 = Math.max(top.x1, bottom.x1);
    const x2 = Math.min(top.x2, bottom.x2);
    if (x2 - x1 > 10 && top.y - bottom.y > 2) {
      const band: RowBand = { top: top.y, bottom: bottom.y, x1, x2 };
      if (top.cut) band.cutAbove = true;
      if (bottom.cut) band.cutBelow = true;
      if (top.drawn < x1 - ALIGN) band.ruledFrom = top.drawn;
      out.push(band);
    }
  }
  return out;
}

/** How wide a character prints, in ems: half for Latin letters and digits, full otherwise. */
/** A character's width in ems: the shared display width (ASCII and half-width kana half). */
const ems = (ch: string) => displayWidth(ch);

/**
 * pdfjs joins text runs on one baseline even across a cell border; split such a piece where the
 * column edges cut it, by the characters' widths.
 */
export function splitAtEdges(piece: TextPiece, edges: number[]): TextPiece[] {
  const inner = edges.filter((x) => x > piece.x + 1 && x < piece.x + piece.width - 1);
  if (inner.length === 0) return [piece];
  const chars = [...piece.text];
  const total = chars.reduce((n, c) => n + ems(c), 0);
  const out: TextPiece[] = [];
  let start = 0;
  let startX = piece.x;
  let acc = 0;
  let edge = 0;
  chars.forEach((ch, i) => {
    const w = (ems(ch) / total) * piece.width;
    if (edge < inner.length && piece.x + ((acc + w / 2) / piece.width) * piece.width > inner[edge]! && i > start) {
      out.push({ ...piece, text: chars.slice(start, i).join(""), x: startX, width: piece.x + acc - startX });
      start = i;
      startX = piece.x + acc;
      edge++;
    }
    acc += w;
  });
  out.push({ ...piece, text: chars.slice(start).join(""), x: startX, width: piece.x + piece.width - startX });
  return out;
}

/** A cell merged over rows, and whether a page break cut it (its rule above or below is a cut edge). */
export interface MergedCell { top: number; left: number; right: number; pieces: TextPiece[]; cutAbove?: boolean; cutBelow?: boolean }

/**
 * Pieces that stand inside a ruled rectangle no row band covers: between the vertical rules to
 * their left and right and the horizontal rules above and below that span both.
 */
export function mergedCells(pieces: TextPiece[], rules: { h: HLine[]; v: VLine[] }, rows: RowBand[]): MergedCell[] {
  const cells = new Map<string, MergedCell>();
  for (const p of pieces) {
    const mid = p.x + Math.min(p.width, p.size) / 2;
    // Just above the baseline: a line cut by the page's top edge shows only its lower part.
    const y = p.y + ALIGN;
    let left: number | null = null;
    let right: number | null = null;
    for (const v of rules.v) {
      if (v.y1 > y || v.y2 < y) continue;
      if (v.x <= mid && (left === null || v.x > left)) left = v.x;
      if (v.x > mid && (right === null || v.x < right)) right = v.x;
    }
    if (left === null || right === null) continue;
    const spans = (h: HLine) => h.x1 <= left! + ALIGN && h.x2 >= right! - ALIGN;
    let top: number | null = null;
    let bottom: number | null = null;
    for (const h of rules.h) {
      if (!spans(h)) continue;
      if (h.y > y && (top === null || h.y < top)) top = h.y;
      if (h.y < p.y && (bottom === null || h.y > bottom)) bottom = h.y;
    }
    if (top === null || bottom === null) continue;
    // A label merged over rows stands left of them: row bands begin at its right edge within its
    // height, and none lies inside it (a page's frame holds whole tables and is no cell).
    const t = top, b = bottom, l = left, r = right;
    const beside = rows.some((row) => Math.abs(row.x1 - r) < 2 * ALIGN && row.top <= t + ALIGN && row.bottom >= b - ALIGN);
    const inside = rows.some((row) => row.x1 >= l - ALIGN && row.x2 <= r + ALIGN && row.top <= t + ALIGN && row.bottom >= b - ALIGN);
    if (!beside || inside) continue;
    const key = `${left}:${right}:${top}:${bottom}`;
    let cell = cells.get(key);
    if (!cell) {
      const drawnAt = (at: number) => rules.h.some((h) => !h.cut && spans(h) && Math.abs(h.y - at) < ALIGN);
      cell = { top, left, right, pieces: [] };
      if (!drawnAt(top)) cell.cutAbove = true;
      if (!drawnAt(bottom)) cell.cutBelow = true;
      cells.set(key, cell);
    }
    cell.pieces.push(p);
  }
  return [...cells.values()];
}

/** One page → its lines, top to bottom. */
export function pageLines(pieces: TextPiece[], drawn: { h: HLine[]; v: VLine[] }, pageWidth: number): PageLine[] {
  const lines: PageLine[] = [];
  const used = new Set<TextPiece>();
  const rules = { h: [...drawn.h, ...cutEdges(drawn)], v: drawn.v };
  const rows = bands(rules.h);
  for (const band of rows) {
    const middle = (band.top + band.bottom) / 2;
    const inBand = pieces.filter((p) => !used.has(p) && p.y < band.top && p.y > band.bottom && p.x >= band.x1 - ALIGN && p.x < band.x2);
    if (inBand.length === 0) continue;
    const edges = [
      ...new Set(
        rules.v
          .filter((v) => v.y1 <= middle && v.y2 >= middle && v.x >= band.x1 - ALIGN && v.x <= band.x2 + ALIGN)
          .map((v) => Math.round(v.x * 2) / 2),
      ),
    ].sort((a, b) => a - b);
    // Between two tables (or above one) the rules have no verticals: that is not a row.
    if (edges.length < 2) continue;
    const bounds = edges;
    const cells: string[] = [];
    const wrapped: boolean[] = [];
    const split = inBand.flatMap((p) => splitAtEdges(p, bounds));
    for (let c = 0; c + 1 < bounds.length; c++) {
      const left = bounds[c]!;
      const right = bounds[c + 1]!;
      const inCell = split.filter((p) => p.x + Math.min(p.width, p.size) / 2 >= left && p.x + Math.min(p.width, p.size) / 2 < right);
      const cell = cellText(inCell, right);
      cells.push(cell.text);
      // A text cut by the page break runs on to the cell's bottom; a full last line that ends
      // higher (a label centred in a tall row) ends the cell's text.
      const low = inCell.reduce((m, p) => (p.y < m.y ? p : m), inCell[0] ?? { y: Infinity, size: 0 });
      wrapped.push(cell.wrapped && low.y - band.bottom < low.size * 2);
    }
    for (const p of inBand) used.add(p);
    const line: PageLine = { y: band.top, cells, edges: bounds, wrapped };
    if (band.cutAbove) line.cutAbove = true;
    if (band.cutBelow) line.cutBelow = true;
    if (band.ruledFrom !== undefined) line.ruledFrom = band.ruledFrom;
    lines.push(line);
  }
  // A cell merged over several rows (a section's label left of its rows, as Excel forms print
  // it): the rows' rules stop at its edge, so it is in no band. Its text is one cell, read as a
  // line of its own where the cell begins, above the rows it spans.
  for (const merged of mergedCells(pieces.filter((p) => !used.has(p)), rules, rows)) {
    for (const p of merged.pieces) used.add(p);
    const text = cellText(merged.pieces, merged.right);
    const line: PageLine = { y: merged.top + ALIGN, cells: [text.text], wrapped: [text.wrapped], span: [merged.left, merged.right] };
    if (merged.cutAbove) line.cutAbove = true;
    if (merged.cutBelow) line.cutBelow = true;
    lines.push(line);
  }
  // Text outside the tables: one line per baseline, wide gaps as cell breaks; a paragraph's
  // line that runs to the text's right margin was wrapped by the printer and goes on below.
  const free = baselines(pieces.filter((p) => !used.has(p))).map((line) => {
    const sorted = [...line].sort((a, b) => a.x - b.x);
    const cells: TextPiece[][] = [[]];
    let end: number | null = null;
    for (const p of sorted) {
      if (end !== null && p.x - end > p.size * 3) cells.push([]);
      cells[cells.length - 1]!.push(p);
      end = p.x + p.width;
    }
    return { y: line[0]!.y, cells: cells.map(joinLine), right: end ?? 0, size: line[0]!.size, wrapped: [] as boolean[] };
  });
  // The text area's right edge, taking the page's margins as equal left and right.
  let left = pageWidth / 2;
  for (const p of pieces) left = Math.min(left, p.x);
  const margin = pageWidth - left;
  let previous: (typeof free)[number] | null = null;
  for (const line of free) {
    const wrapped =
      previous && previous.cells.length === 1 && line.cells.length === 1 && margin - previous.right < previous.size * 2.4 && !startsItem(line.cells[0]!);
    if (wrapped && previous) {
      previous.cells[0] += line.cells[0]!;
      previous.right = line.right;
      continue;
    }
    lines.push(line);
    previous = line;
  }
  for (const line of free) line.wrapped = [line.cells.length === 1 && margin - line.right < line.size * 2.4];
  return lines.sort((a, b) => b.y - a.y);
}

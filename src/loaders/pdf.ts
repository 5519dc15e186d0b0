import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, OPS, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { SourceLine } from "../model.js";
import { CIRCLED_NUMBERS } from "../../normalizers/text.js";

/**
 * A PDF filing → lines with cells, as the text loader gives them, plus the page of each line.
 * Most filings are the commission's Excel forms printed to PDF: bordered tables with a label
 * column and long text wrapped inside cells. The drawn ruling lines give the cells; a page
 * region without rules falls back to text positions. Lines wrapped inside one cell are joined,
 * page furniture (page numbers, running headers) is dropped, and a table simply continues on
 * the next page (its rows keep coming in order; a row cut by the page break continues as text).
 */

export class PdfError extends Error {}

export interface PdfOptions {
  /** Refuse a PDF with more pages than this (a filing has tens of pages, not thousands). */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 500;

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface HLine { y: number; x1: number; x2: number }
interface VLine { x: number; y1: number; y2: number }

/** Tolerances, in PDF points. */
const ALIGN = 1.5;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** pdfjs path drawing codes (DrawOPS). */
const MOVE_TO = 0, LINE_TO = 1, CURVE_TO = 2, QUAD_TO = 3, CLOSE = 4;

/**
 * The page's straight lines, and the small squares that are drawn check boxes (as text ■/□ at
 * their place, so that the box resolvers read them like glyph boxes).
 */
async function rulesOf(page: PDFPageProxy): Promise<{ h: HLine[]; v: VLine[]; boxes: TextPiece[] }> {
  const ops = await page.getOperatorList();
  const h: HLine[] = [];
  const v: VLine[] = [];
  const boxes: TextPiece[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const paintOps = new Set<number>([...fillOps, OPS.stroke, OPS.closeStroke]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.constructPath) {
      const [paint, [data]] = args as [number, [ArrayLike<number> | null]];
      if (!paintOps.has(paint) || !data) continue;
      const points: [number, number][][] = [];
      let current: [number, number][] = [];
      const values = Array.from(data as ArrayLike<number>);
      for (let k = 0; k < values.length; ) {
        const code = values[k]!;
        if (code === MOVE_TO) {
          if (current.length > 0) points.push(current);
          current = [apply(ctm, values[k + 1]!, values[k + 2]!)];
          k += 3;
        } else if (code === LINE_TO) {
          current.push(apply(ctm, values[k + 1]!, values[k + 2]!));
          k += 3;
        } else if (code === CURVE_TO) k += 7;
        else if (code === QUAD_TO) k += 5;
        else if (code === CLOSE) {
          if (current.length > 0) current.push(current[0]!);
          k += 1;
        } else break;
      }
      if (current.length > 0) points.push(current);
      for (const polyline of points) {
        // Loops, not Math.max(...xs): a path can hold more points than a call takes arguments.
        let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
        for (const [x, y] of polyline) {
          minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
        }
        const width = maxX - minX;
        const height = maxY - minY;
        // A thin filled rectangle is a rule; a small square is a box.
        if (polyline.length >= 4 && width < 2 && height > 4) v.push({ x: (maxX + minX) / 2, y1: minY, y2: maxY });
        else if (polyline.length >= 4 && height < 2 && width > 4) h.push({ y: (maxY + minY) / 2, x1: minX, x2: maxX });
        else if (polyline.length >= 4 && width >= 4 && width <= 14 && Math.abs(width - height) < 2) {
          boxes.push({ text: fillOps.has(paint) ? "■" : "□", x: minX, y: minY + 1, width, size: height });
          continue;
        }
        for (let k = 1; k < polyline.length; k++) {
          const [x1, y1] = polyline[k - 1]!;
          const [x2, y2] = polyline[k]!;
          if (Math.abs(y1 - y2) < 0.5 && Math.abs(x1 - x2) > 4) h.push({ y: y1, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
          else if (Math.abs(x1 - x2) < 0.5 && Math.abs(y1 - y2) > 4) v.push({ x: x1, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
        }
      }
    }
  }
  return { h, v, boxes };
}

async function textOf(page: PDFPageProxy): Promise<TextPiece[]> {
  const content = await page.getTextContent();
  const pieces: TextPiece[] = [];
  for (const item of content.items) {
    // pdfjs adds space items where it sees gaps; the gaps are measured here instead.
    if (!("str" in item) || item.str.trim() === "") continue;
    const [a, b, , , e, f] = item.transform as number[];
    pieces.push({ text: item.str, x: e!, y: f!, width: item.width, size: Math.hypot(a!, b!) || item.height || 10 });
  }
  return pieces;
}

/** Pieces on one baseline, left to right, joined; a gap wider than a character is a space. */
function joinLine(pieces: TextPiece[]): string {
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
function baselines(pieces: TextPiece[]): TextPiece[][] {
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
 * the printer (joined without a break), any other ends a line of the document (a break).
 */
function cellText(pieces: TextPiece[], right: number): { text: string; wrapped: boolean } {
  let out = "";
  let wrapped = false;
  for (const line of baselines(pieces)) {
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
function startsItem(text: string): boolean {
  return ITEM_START.test(text.trim());
}

const ITEM_START = new RegExp(String.raw`^(?:-\s|[・●○◆◇■□※<＜〈【「\[]|[${CIRCLED_NUMBERS}]|[(（]\d|\d{1,2}[.．)）\s]|[IVⅠⅡⅢⅣⅤⅥ]+\s|\(別添|リスク\s*\d*\s*[:：])`);

/** Row bands of the page's tables: between two horizontal rules that share an x range. */
function bands(h: HLine[]): { top: number; bottom: number; x1: number; x2: number }[] {
  const ys = [...h].sort((a, b) => b.y - a.y);
  const merged: HLine[] = [];
  for (const line of ys) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(last.y - line.y) < ALIGN && line.x1 <= last.x2 && line.x2 >= last.x1) {
      last.x1 = Math.min(last.x1, line.x1);
      last.x2 = Math.max(last.x2, line.x2);
    } else merged.push({ ...line });
  }
  const out: { top: number; bottom: number; x1: number; x2: number }[] = [];
  for (let i = 0; i + 1 < merged.length; i++) {
    const top = merged[i]!;
    const bottom = merged[i + 1]!;
    const x1 = Math.max(top.x1, bottom.x1);
    const x2 = Math.min(top.x2, bottom.x2);
    if (x2 - x1 > 10 && top.y - bottom.y > 2) out.push({ top: top.y, bottom: bottom.y, x1, x2 });
  }
  return out;
}

/** How wide a character prints, in ems: half for Latin letters and digits, full otherwise. */
function ems(ch: string): number {
  return /[\x20-\x7e\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
}

/**
 * pdfjs joins text runs on one baseline even across a cell border; split such a piece where the
 * column edges cut it, by the characters' widths.
 */
function splitAtEdges(piece: TextPiece, edges: number[]): TextPiece[] {
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

interface PageLine {
  y: number;
  cells: string[];
  /** For a table row: its column edges, and whether each cell's last line was wrapped. */
  edges?: number[];
  wrapped?: boolean[];
}

/**
 * Pieces that stand inside a ruled rectangle no row band covers: between the vertical rules to
 * their left and right and the horizontal rules above and below that span both.
 */
function mergedCells(
  pieces: TextPiece[], rules: { h: HLine[]; v: VLine[] }, rows: { top: number; bottom: number; x1: number; x2: number }[],
): { top: number; right: number; pieces: TextPiece[] }[] {
  const cells = new Map<string, { top: number; right: number; pieces: TextPiece[] }>();
  for (const p of pieces) {
    const mid = p.x + Math.min(p.width, p.size) / 2;
    const y = p.y + p.size / 2;
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
    const cell = cells.get(key) ?? { top, right, pieces: [] };
    cell.pieces.push(p);
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** One page → its lines, top to bottom. */
function pageLines(pieces: TextPiece[], rules: { h: HLine[]; v: VLine[] }, pageWidth: number): PageLine[] {
  const lines: PageLine[] = [];
  const used = new Set<TextPiece>();
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
      wrapped.push(cell.wrapped);
    }
    for (const p of inBand) used.add(p);
    lines.push({ y: band.top, cells, edges: bounds, wrapped });
  }
  // A cell merged over several rows (a section's label left of its rows, as Excel forms print
  // it): the rows' rules stop at its edge, so it is in no band. Its text is one cell, read as a
  // line of its own where the cell begins, above the rows it spans.
  for (const merged of mergedCells(pieces.filter((p) => !used.has(p)), rules, rows)) {
    for (const p of merged.pieces) used.add(p);
    lines.push({ y: merged.top + ALIGN, cells: [cellText(merged.pieces, merged.right).text] });
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

/** A page number or a running header/footer: the same text at the page's edge on most pages. */
function furniture(pages: { lines: PageLine[]; height: number }[]): (line: PageLine, height: number) => boolean {
  const edge = (line: PageLine, height: number) => line.y > height * 0.93 || line.y < height * 0.06;
  const counts = new Map<string, number>();
  for (const { lines, height } of pages) {
    for (const line of lines.filter((l) => edge(l, height))) {
      const key = line.cells.join("\t").replace(/\d+/g, "#");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return (line, height) => {
    if (!edge(line, height)) return false;
    const text = line.cells.join(" ").trim();
    if (/^[-‐ー—\s]*\d+\s*(\/\s*\d+)?[-‐ー—\s]*$/.test(text) || /^\d+\s*ページ$/.test(text)) return true;
    return pages.length >= 3 && (counts.get(line.cells.join("\t").replace(/\d+/g, "#")) ?? 0) >= pages.length * 0.6;
  };
}

/**
 * The first line of a page goes on with the previous page's last one: a table row with the same
 * columns and no label, or a paragraph whose last line ran to the margin.
 */
function continuesRow(previous: PageLine, line: PageLine): boolean {
  if (!previous.edges && !line.edges) {
    return previous.cells.length === 1 && line.cells.length === 1 && previous.wrapped?.[0] === true && !startsItem(line.cells[0]!);
  }
  if (!previous.edges || !line.edges || previous.edges.length !== line.edges.length) return false;
  if (!previous.edges.every((x, i) => Math.abs(x - line.edges![i]!) < 2)) return false;
  // No label on the new page, or the label cell itself was cut mid-line (it ran to its edge).
  return (line.cells[0] === "" || previous.wrapped?.[0] === true) && line.cells.some((c) => c !== "");
}

function joinAcrossPages(before: string, after: string, wrapped: boolean): string {
  if (before === "" || after === "") return before + after;
  return before + (wrapped && !startsItem(after) ? "" : "\n") + after;
}

export interface PdfDocument {
  pages: number;
  lines: SourceLine[];
}

/** Read a PDF: every page's lines in order, each with its page number. */
export async function pdfToLines(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfDocument> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  let document;
  const task = getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: join(pdfjsRoot, "cmaps") + "/",
      cMapPacked: true,
      standardFontDataUrl: join(pdfjsRoot, "standard_fonts") + "/",
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy(); // its worker and its copy of the bytes go with it
    const name = (error as Error).name;
    if (name === "PasswordException") throw new PdfError("encrypted PDF (a password is needed to open it)");
    if (name === "InvalidPDFException") throw new PdfError("corrupt or truncated PDF (no readable document structure)");
    throw new PdfError(`unreadable PDF: ${(error as Error).message}`);
  }
  try {
    if (document.numPages > maxPages) {
      throw new PdfError(`too many pages (${document.numPages}; the limit is ${maxPages}, raise it with --max-pages)`);
    }
    const pages: { lines: PageLine[]; height: number }[] = [];
    let characters = 0;
    for (let n = 1; n <= document.numPages; n++) {
      let page: PDFPageProxy;
      try {
        page = await document.getPage(n);
      } catch (error) {
        throw new PdfError(`corrupt or truncated PDF (page ${n}: ${(error as Error).message})`);
      }
      const [pieces, rules] = await Promise.all([textOf(page), rulesOf(page)]);
      characters += pieces.reduce((sum, p) => sum + p.text.trim().length, 0);
      pages.push({ lines: pageLines([...pieces, ...rules.boxes], rules, page.view[2]! - page.view[0]!), height: page.view[3]! - page.view[1]! });
      page.cleanup();
    }
    if (characters === 0) throw new PdfError("no text layer (a scanned image?): OCR is not done");
    const isFurniture = furniture(pages);
    const lines: SourceLine[] = [];
    let last: PageLine | null = null;
    pages.forEach(({ lines: pageLines, height }, index) => {
      let first = true;
      for (const line of pageLines) {
        if (isFurniture(line, height)) continue;
        if (first && last && continuesRow(last, line)) {
          // A row cut by the page break: its cells go on where they stopped.
          last.cells = last.cells.map((cell, i) => joinAcrossPages(cell, line.cells[i] ?? "", last!.wrapped?.[i] ?? false));
          last.wrapped = line.wrapped;
          lines[lines.length - 1]!.cells = last.cells;
          first = false;
          continue;
        }
        first = false;
        lines.push({ line: lines.length + 1, page: index + 1, cells: line.cells });
        last = line;
      }
    });
    return { pages: document.numPages, lines };
  } finally {
    await document.destroy();
  }
}

import { ALL_LABEL_KEYS } from "../../data/labels.js";
import { FORM_OUTLINES } from "../../data/outline.js";
import { BOX_START, VALUE_START } from "../../normalizers/glyphs.js";
import { foldForMatch, labelKey, startsWithCircledNumber } from "../../normalizers/text.js";
import type { SourceLine } from "../model.js";
import { centreLabels } from "./layout-centred.js";

/**
 * Text that `pdftotext -layout` wrote: each page a grid of characters, the form's columns set
 * apart by runs of spaces and a cell's wrapped lines indented under its column. A line's cells
 * are the pieces between such runs, each with the column it starts at; a section heading printed
 * in a narrow first column is made a line of its own, and labels a spreadsheet centred beside
 * their values go back to their rows' first lines (layout-centred.ts). Pure: text in, lines out.
 *
 * pdftotext places every piece at the grid column its x position gives and writes each character
 * in one column, wide or not: a piece's offset in characters (code points) is its column, not its
 * display width. Where a wide text ran past the next piece's column, the gap shrinks to a space
 * or two, so a column's pieces may start a few characters apart from line to line.
 */

/** A run of at least this many spaces between two pieces of text is a column gap. */
const GAP = 2;
const GAP_RUN = new RegExp(` {${GAP},}`, "g");
/** A line indented this far (or more) is a cell's wrapped line under its column. */
const INDENT = new RegExp(`^ {${GAP},}\\S`);
const INNER_GAP = new RegExp(`\\S {${GAP},}\\S`);

/** The lines that tell the grid: a gap between pieces, or an indent under a column. */
function isGridLine(line: string): boolean {
  return INNER_GAP.test(line) || INDENT.test(line);
}

/** A text is a grid when at least this share of its lines (and a few at least) show it. */
const GRID_SHARE = 0.25;
const GRID_MIN_LINES = 3;

/**
 * Whether the text is `pdftotext -layout` output. Tab-separated text, markdown and character-drawn
 * tables are told apart before this is asked (src/loaders/text.ts); other converters' plain text
 * (pdftotext's default and -raw, mutool) writes a line's pieces with one space at most and indents
 * nothing, so a grid shows on almost none of their lines.
 */
export function isLayoutText(text: string): boolean {
  if (text.includes("\t")) return false;
  const lines = text.split(/\r\n|\r|\n|\f/).filter((l) => l.trim() !== "");
  const grid = lines.filter(isGridLine).length;
  return grid >= GRID_MIN_LINES && grid >= lines.length * GRID_SHARE;
}

/** Brackets whose inside can hold a run of spaces (`[    十分である   ]`): no column gap within. */
const OPENING = new Set(["[", "［", "(", "（"]);
const CLOSING = new Set(["]", "］", ")", "）"]);

/** How deep in brackets each offset of the line stands. */
function bracketDepths(chars: string[]): number[] {
  let depth = 0;
  return chars.map((c) => {
    if (OPENING.has(c)) depth++;
    else if (CLOSING.has(c)) depth = Math.max(0, depth - 1);
    return depth;
  });
}

export interface LayoutCells {
  cells: string[];
  /** Where each cell starts: its offset in characters (code points), the grid's column. */
  lefts: number[];
}

/** One line of the grid → its cells, split at runs of spaces outside brackets. */
export function layoutCells(line: string): LayoutCells {
  const chars = [...line.replace(/\s+$/, "")];
  const text = chars.join("");
  const depths = bracketDepths(chars);
  const cells: string[] = [];
  const lefts: number[] = [];
  // Offsets in code points: the regex's indexes are UTF-16, so map them.
  const codePoint = new Map<number, number>();
  let unit = 0;
  chars.forEach((c, i) => {
    codePoint.set(unit, i);
    unit += c.length;
  });
  codePoint.set(unit, chars.length);
  let start = chars.findIndex((c) => c !== " ");
  if (start < 0) return { cells: [], lefts: [] };
  for (const m of text.matchAll(GAP_RUN)) {
    const at = codePoint.get(m.index)!;
    const end = codePoint.get(m.index + m[0].length)!;
    if (at <= start || end >= chars.length) continue;
    if (depths[at - 1]! > 0) continue;
    cells.push(chars.slice(start, at).join(""));
    lefts.push(start);
    start = end;
  }
  cells.push(chars.slice(start).join(""));
  lefts.push(start);
  return { cells, lefts };
}

/** A piece this close to the page's left edge stands in the form's first column. */
const MARGIN = 1;

/** The columns where a page's cells begin: the indents of its lines that start under a column. */
function columnStarts(lines: LayoutCells[]): Set<number> {
  const counts = new Map<number, number>();
  for (const { lefts } of lines) if (lefts[0]! > MARGIN) counts.set(lefts[0]!, (counts.get(lefts[0]!) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= 2).map(([left]) => left));
}

/** A label of the form: numbered (①…) or one the label tables know. */
function isLabel(text: string): boolean {
  if (startsWithCircledNumber(text)) return true;
  // What stands after a label's ※ note mark is its note: only the part before it can be the label.
  const mark = text.indexOf("※");
  const head = mark >= 0 ? text.slice(0, mark) : text;
  return head.length <= LABEL_MAX && ALL_LABEL_KEYS.has(labelKey(head));
}

/** No label or heading of the forms is longer than this: longer text is looked at no further (bounds the work on a long line). */
const LABEL_MAX = 100;

/**
 * A first-column piece that ran up to the next column leaves one space before it
 * (`1. 特定個人 ②事務の内容`): split where a label starts at a column the page's indents show, or
 * after the start of a section heading (`4. 個人番号 法令上の根拠`).
 */
function splitAtColumns(line: LayoutCells, starts: Set<number>): LayoutCells {
  const first = line.cells[0]!;
  if (line.lefts[0]! > MARGIN) return line;
  const chars = [...first];
  const depths = bracketDepths(chars);
  for (let i = 1; i + 1 < chars.length; i++) {
    const at = line.lefts[0]! + i + 1;
    if (chars[i] !== " " || depths[i]! > 0 || chars[i + 1] === " ") continue;
    // The rest, as far as a label can run; a longer rest is a label only with its ※ note after it.
    const rest = chars.slice(i + 1, i + 2 + LABEL_MAX).join("");
    if (!isLabel(chars.length - i - 1 > LABEL_MAX + 1 && !rest.includes("※") && !startsWithCircledNumber(rest) ? `${rest}…` : rest)) continue;
    if (!starts.has(at) && (i > LABEL_MAX || !headingState(chars.slice(0, i).join(""))?.more)) continue;
    return { cells: [chars.slice(0, i).join(""), chars.slice(i + 1).join(""), ...line.cells.slice(1)], lefts: [line.lefts[0]!, at, ...line.lefts.slice(1)] };
  }
  return line;
}

/**
 * A label and its selection one space apart in a cell (`①事故発生時手順の策定・周知 [ 十分に行っている ]`):
 * two cells, where the words before the bracket are a label the tables know.
 */
function splitInlineValue(line: LayoutCells): LayoutCells {
  const first = line.cells[0]!;
  const at = first.search(VALUE_START);
  if (at <= 0 || !ALL_LABEL_KEYS.has(labelKey(first.slice(0, at)))) return line;
  const value = first.slice(at).trimStart();
  const left = line.lefts[0]! + [...first].length - [...value].length;
  return { cells: [first.slice(0, at), value, ...line.cells.slice(1)], lefts: [line.lefts[0]!, left, ...line.lefts.slice(1)] };
}

const SECTION_NUMBER = /^\d{1,2}[.．]/;
/** The forms' section titles, folded, without their numbers. */
const SECTION_HEADINGS = [
  ...new Set(Object.values(FORM_OUTLINES).flatMap((parts) => parts.flatMap((p) => p.sections.map((s) => foldForMatch(s.title).replace(SECTION_NUMBER, ""))))),
];
/** A numbered section heading's text so far: whether it is a whole title, and the start of a longer one. */
function headingState(text: string): { whole: boolean; more: boolean } | null {
  const folded = foldForMatch(text);
  if (!SECTION_NUMBER.test(folded)) return null;
  const title = folded.replace(SECTION_NUMBER, "").replace(/※.*$/, "");
  if (title === "") return null;
  const whole = SECTION_HEADINGS.includes(title);
  const more = SECTION_HEADINGS.some((h) => h.length > title.length && h.startsWith(title));
  return whole || more ? { whole, more } : null;
}

/** How many lines without a first-column piece may stand between a heading's pieces. */
const HEADING_GAP = 3;

interface Placed extends LayoutCells {
  line: number;
  page: number | null;
  heading?: boolean;
}

/** A label is a few words at most: the words from `i` up to its ※ note, or all if they are few (bounds the join). */
const LABEL_WORDS = 8;
function labelWords(words: string[], i: number): string {
  for (let j = i; j < words.length && j < i + LABEL_WORDS; j++) if (words[j]!.includes("※")) return words.slice(i, j + 1).join(" ");
  return words.length - i <= LABEL_WORDS ? words.slice(i).join(" ") : "";
}

/** A line's first-column piece and the line without it: its first cell, or the words before a label in it (`ネットワークシ ②法令上の根拠`). */
function marginPiece(line: Placed): { text: string; rest: Placed } {
  const words = line.cells[0]!.split(" ");
  const at = words.findIndex((w, i) => i > 0 && (startsWithCircledNumber(w) || isLabel(labelWords(words, i))));
  if (at > 0) {
    const text = words.slice(0, at).join(" ");
    const left = line.lefts[0]! + [...text].length + 1;
    return { text, rest: { ...line, cells: [words.slice(at).join(" "), ...line.cells.slice(1)], lefts: [left, ...line.lefts.slice(1)] } };
  }
  return { text: line.cells[0]!, rest: { ...line, cells: line.cells.slice(1), lefts: line.lefts.slice(1) } };
}

/**
 * A section's heading printed in a narrow first column merged over its rows (`1. 特定個人` /
 * `情報ファイル` / `を取り扱う事` / `務`, each beside a row's label and value): its pieces are
 * joined into a line of its own, where it begins, and leave the rows. Only while the pieces make
 * a heading of the forms (data/outline.ts) are they taken.
 */
function joinMarginHeadings(lines: Placed[]): Placed[] {
  const out: Placed[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A heading with its box beside it (`4. 特定個人情報ファイルの取扱` | `[ ] 委託しない`) is the segmenter's to complete.
    if (line.cells.length === 0 || line.lefts[0]! > MARGIN || !headingState(line.cells[0]!)?.more || BOX_START.test(line.cells[1] ?? "")) {
      if (line.cells.length > 0) out.push(line);
      continue;
    }
    let text = line.cells[0]!;
    let best: { text: string; pieces: { at: number; rest: Placed }[] } | null = null;
    const pieces: { at: number; rest: Placed }[] = [];
    for (let j = i + 1, gap = 0; j < lines.length && gap <= HEADING_GAP; j++) {
      if (lines[j]!.cells.length === 0) continue;
      if (lines[j]!.lefts[0]! > MARGIN) {
        gap++;
        continue;
      }
      const piece = marginPiece(lines[j]!);
      const state = headingState(text + piece.text);
      if (state === null) break;
      text += piece.text;
      pieces.push({ at: j, rest: piece.rest });
      gap = 0;
      if (state.whole) best = { text, pieces: [...pieces] };
      if (!state.more) break;
    }
    if (!best) {
      out.push(line);
      continue;
    }
    out.push({ line: line.line, page: line.page, cells: [best.text], lefts: [line.lefts[0]!], heading: true });
    if (line.cells.length > 1) out.push({ ...line, cells: line.cells.slice(1), lefts: line.lefts.slice(1) });
    for (const { at, rest } of best.pieces) lines[at] = rest;
  }
  return out;
}

/** The text's lines (0-based index, page) → source lines with cells and their columns. */
export function layoutLines(lines: { index: number; page: number | null; text: string }[]): SourceLine[] {
  const pages = new Map<number | null, Placed[]>();
  for (const { index, page, text } of lines) {
    const cells = layoutCells(text);
    if (cells.cells.length === 0) continue;
    if (!pages.has(page)) pages.set(page, []);
    pages.get(page)!.push({ line: index + 1, page, ...cells });
  }
  const joined = [...pages.values()].flatMap((page) => {
    const starts = columnStarts(page);
    return joinMarginHeadings(page.map((l) => ({ ...l, ...splitInlineValue(splitAtColumns(l, starts)) })));
  });
  return centreLabels(joined).map(({ line, page, cells, lefts }) => ({ line, page, cells, lefts }));
}

/**
 * Text that `pdftotext -layout` wrote: each page a grid of characters, the form's columns set
 * apart by runs of spaces and a cell's wrapped lines indented under its column. A line's cells
 * are the pieces between such runs, each with the column it starts at. Pure: text in, cells out.
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

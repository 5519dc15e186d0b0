import { continuesWrappedLine } from "../../normalizers/text.js";
import type { SourceLine } from "../model.js";

/**
 * Tables that a converter drew with characters (pandoc's plain text): grid tables
 * (`+----+----+` borders, a row over several `| … | … |` lines, its cells wrapped) and simple
 * tables (a `---- ----` rule above and below, columns set apart by runs of spaces). Their rows
 * become lines with cells, as a tab-separated conversion gives them. Widths are display widths
 * (a Japanese character is two columns), so cells are told apart by the `|` and by runs of
 * spaces, not by character positions.
 */

const GRID_BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/;
const GRID_ROW = /^\s*\|.*\|\s*$/;
const SIMPLE_RULE = /^\s*-{3,}(?:\s+-+)+\s*$/; // a narrow last column may have a rule of one or two dashes

interface Numbered {
  index: number;
  text: string;
}

/**
 * A list marker that pandoc put before a list item in a cell, padded to its indent (`-   `,
 * `1.  `), before the document's own bullet (`- ・`) or number (`10. 10. 保証`), or alone on its
 * line: the converter's, not the document's, which writes its own bullets and numbers.
 */
const PANDOC_LIST_MARKER = /^(?:[-*+]\s{2,}(?=\S)|\d{1,2}[.)]\s{2,}(?=\S)|[-*+]\s+(?=[・●○◆■□※])|[-*+]$|(\d{1,2})[.)]\s+(?=\1[.)\s]))/;

/** A cell's lines joined: a wrapped Japanese line goes on without a space, any other with one; a list item starts afresh. */
function joinCellLines(lines: string[]): string {
  // Parts joined once at the end, each wrap decided by the line before it alone (a cell can run long).
  const parts: string[] = [];
  let previous = "";
  let paragraphEnded = false;
  for (const raw of lines.map((l) => l.trim())) {
    // A blank line in a cell ends a paragraph: the next line starts afresh.
    if (raw === "") {
      paragraphEnded = parts.length > 0;
      continue;
    }
    const fresh = paragraphEnded || PANDOC_LIST_MARKER.test(raw);
    const line = raw.replace(PANDOC_LIST_MARKER, "");
    if (parts.length > 0) parts.push(!fresh && continuesWrappedLine(previous, line) ? "" : " ");
    parts.push(line);
    previous = line;
    paragraphEnded = false;
  }
  return parts.join("");
}


function gridRow(lines: Numbered[]): SourceLine | null {
  const split = lines.map((l) => l.text.trim().slice(1, -1).split("|"));
  const columns = split.reduce((m, s) => Math.max(m, s.length), 0);
  const cells: string[] = [];
  for (let c = 0; c < columns; c++) cells.push(joinCellLines(split.map((s) => s[c] ?? "")));
  if (cells.every((c) => c === "")) return null;
  return { line: lines[0]!.index + 1, page: null, cells };
}

/** Lines of a text → its lines, with the character-drawn tables' rows as lines with cells. */
export function withTextTables(lines: Numbered[]): { index: number; cells: string[] }[] {
  const out: { index: number; cells: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (GRID_BORDER.test(line.text)) {
      // Rows between borders until the table ends (a line that is neither border nor row).
      let row: Numbered[] = [];
      let j = i + 1;
      for (; j < lines.length && (GRID_BORDER.test(lines[j]!.text) || GRID_ROW.test(lines[j]!.text)); j++) {
        if (GRID_BORDER.test(lines[j]!.text)) {
          const made = row.length > 0 ? gridRow(row) : null;
          if (made) out.push({ index: made.line - 1, cells: made.cells });
          row = [];
        } else row.push(lines[j]!);
      }
      const made = row.length > 0 ? gridRow(row) : null;
      if (made) out.push({ index: made.line - 1, cells: made.cells });
      i = j - 1;
      continue;
    }
    if (SIMPLE_RULE.test(line.text)) {
      // Until the closing rule: one row a line, cells set apart by two or more spaces.
      let j = i + 1;
      const rows: Numbered[] = [];
      for (; j < lines.length && !SIMPLE_RULE.test(lines[j]!.text) && lines[j]!.text.trim() !== ""; j++) rows.push(lines[j]!);
      if (j < lines.length && SIMPLE_RULE.test(lines[j]!.text)) {
        const columns = ruleColumns(line.text);
        for (const r of rows) out.push({ index: r.index, cells: simpleRowCells(r.text, columns) });
        i = j;
        continue;
      }
    }
    out.push({ index: line.index, cells: [line.text] });
  }
  return out;
}

/** Where each column of a simple table starts: its rule's runs of dashes (the rule is ASCII, so positions are columns). */
function ruleColumns(rule: string): number[] {
  return [...rule.matchAll(/-+/g)].map((m) => m.index!);
}

/**
 * How wide a character prints in a character-drawn table: a wide (East Asian) one two columns.
 * Not normalizers' displayWidth: pandoc counts ambiguous-width marks (○, ※) as one column.
 */
function charColumns(ch: string): number {
  return /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
}

/** How far (in columns) a piece may start left of its column's rule. */
const DRIFT = 2;

/**
 * A simple table's row → its cells, one per column of the rule: each piece of text (set apart
 * by two or more spaces) goes to the column it starts in, so an empty cell stays empty instead
 * of pulling the next cell's text into its place.
 */
function simpleRowCells(text: string, columns: number[]): string[] {
  if (columns.length < 2) return text.trim().split(/\s{2,}/);
  const cells = columns.map(() => [] as string[]);
  let column = 0;
  let from = 0;
  for (const piece of text.matchAll(/\S+(?: \S+)*/g)) {
    for (const ch of text.slice(from, piece.index!)) column += charColumns(ch);
    from = piece.index!;
    // The last column that starts at or before the piece (a right-aligned or centred cell starts
    // inside its column), allowing the column or two an ambiguous-width mark may shift it.
    let at = 0;
    columns.forEach((start, k) => {
      if (start <= column + DRIFT) at = k;
    });
    cells[at]!.push(piece[0]);
  }
  const out = cells.map((c) => c.join(" "));
  while (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out;
}

/** Whether a text draws tables with characters. */
export function hasTextTables(text: string): boolean {
  return text.split(/\r\n|\r|\n/).some((line) => GRID_BORDER.test(line) || SIMPLE_RULE.test(line));
}

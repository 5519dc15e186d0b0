import type { SourceLine } from "../model.js";

/** A markdown table's separator row: `|---|:--:|` or `-----\t---`. */
const SEPARATOR_ROW = /^[\s|:\-\t]*-{2,}[\s|:\-\t]*$/;
const MARKDOWN_ROW = /^\s*\|.*\|\s*$/;

/** Cells of one line: tab-separated, or a markdown table row's pipe-separated cells. */
export function splitCells(line: string): string[] {
  if (MARKDOWN_ROW.test(line)) return line.trim().slice(1, -1).split("|").map((c) => c.trim());
  return line.split("\t");
}

/** Text (and markdown) → lines with their cells; line numbers are 1-based as in an editor. */
export function textToLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === "" || SEPARATOR_ROW.test(raw)) return;
    lines.push({ line: index + 1, page: null, cells: splitCells(raw) });
  });
  return lines;
}

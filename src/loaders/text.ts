import type { SourceLine } from "../model.js";
import { isLayoutText, layoutLines } from "./layout.js";
import { pagedLines } from "./pages.js";
import { hasTextTables, withTextTables } from "./tables.js";

/** A markdown table's separator row: `|---|:--:|` or `-----\t---`. */
const SEPARATOR_ROW = /^[\s|:\-\t]*-{2,}[\s|:\-\t]*$/;
const MARKDOWN_ROW = /^\s*\|.*\|\s*$/;

/** Cells of one line: tab-separated, or a markdown table row's pipe-separated cells. */
export function splitCells(line: string): string[] {
  if (MARKDOWN_ROW.test(line)) return line.trim().slice(1, -1).split("|").map((c) => c.trim());
  return line.split("\t");
}

/**
 * Whether the text is printed lines rather than cells: no tab and no table row anywhere, as
 * pdftotext, mutool and pandoc's plain text write a PDF. Its lines wrap where the print did.
 */
export function isPrintedText(text: string): boolean {
  if (text.includes("\t") || hasTextTables(text)) return false;
  return !text.split(/\r\n|\r|\n/).some((line) => MARKDOWN_ROW.test(line));
}

/** Text (and markdown) → lines with their cells; line numbers are 1-based as in an editor. */
export function textToLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  // pdftotext -layout's grid: a line's cells are its pieces between runs of spaces, each with its column.
  const layout = !hasTextTables(text) && !text.split(/\r\n|\r|\n/).some((l) => MARKDOWN_ROW.test(l)) && isLayoutText(text);
  if (layout) {
    const numbered = text.includes("\f") ? pagedLines(text) : text.split(/\r\n|\r|\n/).map((t, index) => ({ index, page: null, text: t }));
    return layoutLines(numbered.filter((l) => l.text.trim() !== "" && !SEPARATOR_ROW.test(l.text)));
  }
  if (text.includes("\f")) {
    // A converter's pages: each line keeps its page; page numbers and running headers go.
    for (const { page, index, text: raw } of pagedLines(text)) {
      if (SEPARATOR_ROW.test(raw)) continue;
      lines.push({ line: index + 1, page, cells: splitCells(raw) });
    }
    return lines;
  }
  if (hasTextTables(text) && !text.includes("\t")) {
    // pandoc's plain text: grid and simple tables drawn with characters.
    const numbered = text.split(/\r\n|\r|\n/).map((t, index) => ({ index, text: t }));
    for (const { index, cells } of withTextTables(numbered)) {
      if (cells.every((c) => c.trim() === "") || (cells.length === 1 && SEPARATOR_ROW.test(cells[0]!))) continue;
      lines.push({ line: index + 1, page: null, cells: cells.length === 1 ? splitCells(cells[0]!) : cells });
    }
    return lines;
  }
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === "" || SEPARATOR_ROW.test(raw)) return;
    lines.push({ line: index + 1, page: null, cells: splitCells(raw) });
  });
  return lines;
}

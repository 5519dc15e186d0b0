import type { SourceLine } from "../model.js";
import { startsItem, type PageLine } from "./pdf-layout.js";

/**
 * The pages' lines → the document's: page furniture dropped, and a table row or a paragraph
 * cut by a page break joined with its rest on the next page.
 */

export interface LaidOutPage {
  lines: PageLine[];
  height: number;
}

/** A page number or a running header/footer: the same text at the page's edge on most pages. */
export function furniture(pages: LaidOutPage[]): (line: PageLine, height: number) => boolean {
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
export function continuesRow(previous: PageLine, line: PageLine): boolean {
  if (!previous.edges && !line.edges) {
    return previous.cells.length === 1 && line.cells.length === 1 && previous.wrapped?.[0] === true && !startsItem(line.cells[0]!);
  }
  if (!previous.edges || !line.edges || previous.edges.length !== line.edges.length) return false;
  if (!previous.edges.every((x, i) => Math.abs(x - line.edges![i]!) < 2)) return false;
  // The print left the row open at both pages' edges: it goes on, whatever its first cell holds.
  if (previous.cutBelow && line.cutAbove) return true;
  // No label on the new page, or the label cell itself was cut mid-line (it ran to its edge).
  return (line.cells[0] === "" || previous.wrapped?.[0] === true) && line.cells.some((c) => c !== "");
}

export function joinAcrossPages(before: string, after: string, wrapped: boolean): string {
  if (before === "" || after === "") return before + after;
  return before + (wrapped && !startsItem(after) ? "" : "\n") + after;
}

/** Every page's lines in order, each with its page number (1-based). */
export function documentLines(pages: LaidOutPage[]): SourceLine[] {
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
  return lines;
}

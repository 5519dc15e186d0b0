import type { SourceLine } from "../model.js";
import { startsItem, type PageLine } from "./pdf-layout.js";

/**
 * The pages' lines → the document's: page furniture dropped, a table row or a paragraph cut by
 * a page break joined with its rest on the next page, and merged label cells put where the
 * forms' text has them (where their cell begins, in their rows, or above them).
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
    if (previous.span || line.span) return false; // a merged label goes on by documentLines' own rule
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

/** Two column edges that are one (a rule drawn twice, rounding). */
const near = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined && Math.abs(a - b) < 2;

/**
 * Where a merged cell that goes on from the previous page began: a spreadsheet prints its text
 * in the middle of the whole cell, so on a later page than its first rows. Walking back over the
 * rows beside it (they begin at its right edge or further right), the row whose rule above is
 * drawn over the cell is where it begins; its first part, printed on the previous page, is the
 * same cell. A row cut by the page break holds the cell's column, empty (the page's edge runs
 * under both): that column is the cell's (`holding`, to be dropped from those rows). Null when the
 * rows beside it do not lead to its beginning.
 */
export function cellStart(before: PageLine[], cell: PageLine): { at: number; part: boolean; holding: number[] } | null {
  const [left, right] = cell.span!;
  const holding: number[] = [];
  const part = (line: PageLine | undefined) => line?.span !== undefined && near(line.span[0], left) && near(line.span[1], right) && line.cutBelow === true;
  for (let k = before.length - 1; k >= 0; k--) {
    const line = before[k]!;
    if (part(line)) return { at: k, part: true, holding };
    const holds = near(line.edges?.[0], left) && near(line.edges?.[1], right) && line.cells[0] === "";
    if (holds) holding.push(k);
    const from = holds ? right : (line.edges?.[0] ?? line.span?.[0]);
    if (from === undefined || from < right - 2) return null;
    // A row that holds the column has the rule above drawn over it: unless the page cut it there too, the cell begins there.
    if ((holds && !line.cutAbove) || (line.ruledFrom !== undefined && line.ruledFrom <= left + 2)) {
      return part(before[k - 1]) ? { at: k - 1, part: true, holding } : { at: k, part: false, holding };
    }
  }
  return null;
}

/**
 * A merged cell in a table's first column (a 変更日 over the rows of one change and their
 * continued text) is a cell of those rows, not a line of its own: where the row above has that
 * column followed by the columns of the rows beside it, the cell's text becomes the first row's
 * first cell and the further rows beside it get an empty one, as the table's other rows have.
 * A label that starts an item (a section's `2. …`, an item's `④…`) stays a line of its own, as
 * the forms' text has it. Returns the lines that remain (folded cells dropped).
 */
export function foldFirstColumn(lines: PageLine[]): PageLine[] {
  const beside = (line: PageLine | undefined, right: number) => line?.edges !== undefined && near(line.edges[0], right);
  const folded = new Set<PageLine>();
  lines.forEach((cell, i) => {
    if (!cell.span || startsItem(cell.cells[0]!)) return;
    const [left, right] = cell.span;
    const above = lines[i - 1]?.edges;
    const first = lines[i + 1];
    if (!above || !beside(first, right) || above.length !== first!.edges!.length + 1) return;
    if (!near(above[0], left) || !first!.edges!.every((x, k) => near(x, above[k + 1]))) return;
    folded.add(cell);
    for (let k = i + 1; beside(lines[k], right); k++) {
      const row = lines[k]!;
      Object.assign(row, {
        cells: [k === i + 1 ? cell.cells[0]! : "", ...row.cells],
        edges: [left, ...row.edges!],
        wrapped: row.wrapped && [false, ...row.wrapped],
      });
    }
  });
  return lines.filter((line) => !folded.has(line));
}

/** A section's numbered label (`4. 個人番号の利用`). */
const SECTION_LABEL = /^\d{1,2}\s*[.．]\s*\S/;

/**
 * A section label merged down over its rows stands left of them; over a single row it is one
 * more cell of that row (`4. 個人番号の利用 ※ | 法令上の根拠 | …`), which the forms' text has as a
 * line of its own above the row. Where a numbered label is the first of a row's cells, in the
 * column where the document's merged section labels stand, it is split off as such a line.
 */
export function splitSectionCells(lines: PageLine[]): PageLine[] {
  const columns = lines.filter((l) => l.span && SECTION_LABEL.test(l.cells[0]!)).map((l) => l.span!);
  if (columns.length === 0) return lines;
  return lines.flatMap((line): PageLine[] => {
    const edges = line.edges;
    if (!edges || edges.length < 4 || !SECTION_LABEL.test(line.cells[0]!) || line.cells[1] === "") return [line];
    if (!columns.some(([left, right]) => near(left, edges[0]) && near(right, edges[1]))) return [line];
    const label: PageLine = { y: line.y, cells: [line.cells[0]!], span: [edges[0]!, edges[1]!] };
    return [label, Object.assign(line, { cells: line.cells.slice(1), edges: edges.slice(1), wrapped: line.wrapped?.slice(1) })];
  });
}

/** Every page's lines in order, each with its page number (1-based). */
export function documentLines(pages: LaidOutPage[]): SourceLine[] {
  const isFurniture = furniture(pages);
  const out: { line: PageLine; page: number }[] = [];
  let last: PageLine | null = null;
  pages.forEach(({ lines: pageLines, height }, index) => {
    let first = true;
    for (const line of pageLines) {
      if (isFurniture(line, height)) continue;
      // A merged label whose cell goes on from the previous page goes back to where it began.
      const start = first && line.span && line.cutAbove ? cellStart(out.map((o) => o.line), line) : null;
      for (const k of start?.holding ?? []) {
        const held = out[k]!.line;
        Object.assign(held, { cells: held.cells.slice(1), edges: held.edges!.slice(1), wrapped: held.wrapped?.slice(1) });
      }
      if (start?.part) {
        const part = out[start.at]!.line;
        part.cells = [joinAcrossPages(part.cells[0]!, line.cells[0]!, part.wrapped?.[0] ?? false)];
        Object.assign(part, { wrapped: line.wrapped, cutBelow: line.cutBelow });
        continue;
      }
      if (start) {
        // Numbered with the page its cell begins on, so that the pages keep their order.
        out.splice(start.at, 0, { line, page: out[start.at]!.page });
        continue;
      }
      if (first && last && continuesRow(last, line)) {
        // A row cut by the page break: its cells go on where they stopped.
        last.cells = last.cells.map((cell, i) => joinAcrossPages(cell, line.cells[i] ?? "", last!.wrapped?.[i] ?? false));
        last.wrapped = line.wrapped;
        last.cutBelow = line.cutBelow;
        first = false;
        continue;
      }
      first = false;
      out.push({ line, page: index + 1 });
      last = line;
    }
  });
  const pageOf = new Map(out.map((o) => [o.line, o.page]));
  const lines = foldFirstColumn(splitSectionCells(out.map((o) => o.line)));
  // A label split off a row is on that row's page.
  const pagesOf = lines.map((line, i) => pageOf.get(line) ?? pageOf.get(lines[i + 1]!)!);
  return lines.map((line, i) => ({ line: i + 1, page: pagesOf[i]!, cells: line.cells }));
}

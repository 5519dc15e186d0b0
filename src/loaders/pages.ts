/**
 * Text that a converter made of a PDF keeps its pages: pdftotext and mutool end each with a
 * form feed. Lines at a page's edges that are page numbers, or that repeat at the same edge on
 * most pages (a running header), are the page's furniture, not the filing's text.
 */

export interface PageText {
  page: number;
  /** 0-based index of the line within the whole text. */
  index: number;
  text: string;
}

const PAGE_NUMBER = /^[-‐ー—―\s]*\d{1,4}\s*(?:\/\s*\d{1,4})?[-‐ー—―\s]*$|^\d{1,4}\s*ページ$/;
/** How many lines at the top and at the bottom of a page can be furniture. */
const EDGE = 2;

/** The lines of a text that has form feeds, with their pages, furniture left out. */
export function pagedLines(text: string): PageText[] {
  // A page ends with a newline and the form feed starts the next page's first line.
  const pages = text.split("\f").map((page, i, all) => {
    const lines = page.split(/\r\n|\r|\n/);
    if (i < all.length - 1 && lines[lines.length - 1] === "") lines.pop();
    return lines;
  });
  let index = 0;
  const all = pages.map((lines, p) =>
    lines.map((line) => ({ page: p + 1, index: index++, text: line })).filter((l) => l.text.trim() !== ""),
  );
  return withoutFurniture(all, (l) => l.text).flat();
}

/**
 * Each page's lines without its furniture: a line among the first or last EDGE of its page that
 * is a page number, or that stands (digits aside) at an edge of most pages. Pure: any kind of line,
 * read through `textOf`.
 */
export function withoutFurniture<T>(pages: T[][], textOf: (line: T) => string): T[][] {
  const edges = (lines: T[]) => [...new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)])];
  const key = (line: T) => textOf(line).trim().replace(/\d+/g, "#");
  const counts = new Map<string, number>();
  for (const lines of pages) for (const k of new Set(edges(lines).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const pageCount = pages.filter((l) => l.length > 0).length;
  const isFurniture = (line: T) => PAGE_NUMBER.test(textOf(line).trim()) || (pageCount >= 3 && (counts.get(key(line)) ?? 0) >= pageCount * 0.6);
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((l) => !(edge.has(l) && isFurniture(l)));
  });
}

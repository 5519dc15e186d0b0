import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, OPS, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { SourceLine } from "../model.js";
import { hiddenTextStarts, rulesFromOperators, visiblePieces } from "./pdf-geometry.js";
import { pageLines, type TextPiece } from "./pdf-layout.js";
import { documentLines, type LaidOutPage } from "./pdf-pages.js";

/**
 * A PDF filing → lines with cells, as the text loader gives them, plus the page of each line.
 * Most filings are the commission's Excel forms printed to PDF: bordered tables with a label
 * column and long text wrapped inside cells. The drawn ruling lines give the cells; a page
 * region without rules falls back to text positions. Lines wrapped inside one cell are joined,
 * page furniture (page numbers, running headers) is dropped, and a table simply continues on
 * the next page (its rows keep coming in order; a row cut by the page break continues as text).
 * This module only drives pdfjs; the layout is plain data in pdf-geometry.ts (rules from the
 * drawing), pdf-layout.ts (one page's lines) and pdf-pages.ts (pages joined into the document).
 */

export class PdfError extends Error {}

export interface PdfOptions {
  /** Refuse a PDF with more pages than this (a filing has tens of pages, not thousands). */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 500;

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** The page's text runs, each at its baseline's start. */
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
    const pages: LaidOutPage[] = [];
    let characters = 0;
    for (let n = 1; n <= document.numPages; n++) {
      let page: PDFPageProxy;
      try {
        page = await document.getPage(n);
      } catch (error) {
        throw new PdfError(`corrupt or truncated PDF (page ${n}: ${(error as Error).message})`);
      }
      const [text, operators] = await Promise.all([textOf(page), page.getOperatorList()]);
      const rules = rulesFromOperators(operators, OPS);
      const pieces = visiblePieces(text, hiddenTextStarts(operators, OPS));
      characters += pieces.reduce((sum, p) => sum + p.text.trim().length, 0);
      pages.push({ lines: pageLines([...pieces, ...rules.boxes], rules, page.view[2]! - page.view[0]!), height: page.view[3]! - page.view[1]! });
      page.cleanup();
    }
    if (characters === 0) throw new PdfError("no text layer (a scanned image?): OCR is not done");
    return { pages: document.numPages, lines: documentLines(pages) };
  } finally {
    await document.destroy();
  }
}

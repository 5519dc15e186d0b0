import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../errors.js";
import type { LoadedDocument, SourceFormat } from "../model.js";
import { decodeText } from "./decode.js";
import { htmlToLines, looksLikeHtmlDocument } from "./html.js";
import { markdownToLines } from "./markdown.js";
import { isPositionedHtml, positionedHtmlToLines } from "./positioned.js";
import { pdfToLines, PdfError, type PdfOptions } from "./pdf.js";
import { isPrintedText, textToLines } from "./text.js";

export const TEXT_EXTENSIONS = [".txt", ".md", ".text"];
/** Text that a Markdown parser reads (GFM tables, raw HTML blocks, escapes). */
const MARKDOWN_EXTENSIONS = [".md", ".markdown"];
export const HTML_EXTENSIONS = [".html", ".htm"];
export const PDF_EXTENSIONS = [".pdf"];
export const SUPPORTED_EXTENSIONS = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, ...PDF_EXTENSIONS];

export type LoadOptions = PdfOptions;

export function isPdf(path: string, bytes: Uint8Array): boolean {
  // A PDF starts with %PDF- within its first kilobyte; a truncated one may still say .pdf.
  return Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-") || (extname(path).toLowerCase() === ".pdf" && bytes.length > 0);
}

/** Load bytes of any supported format (the path only names them). */
export async function loadAny(path: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadedDocument> {
  if (!isPdf(path, bytes)) return loadBytes(path, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    const { pages, lines } = await pdfToLines(bytes, options);
    return { source: { path, sha256, format: "pdf", pages, encoding: "pdf", bytes: bytes.length }, lines };
  } catch (error) {
    if (error instanceof PdfError) throw new InputError(path, error.message);
    throw error;
  }
}

/** HTML of a PDF's pages as paragraphs, with no table (mutool draw -F xhtml): a print's lines. */
function isPagedParagraphs(html: string): boolean {
  return !/<table[\s>]/i.test(html) && /<div\s+id="page\d+/i.test(html);
}

/** Load text or HTML bytes that are already in memory (PDF needs loadAny, which is async). */
export function loadBytes(path: string, bytes: Uint8Array): LoadedDocument {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (isPdf(path, bytes)) throw new InputError(path, "a PDF: read it with loadAny (asynchronous)");
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new InputError(path, decoded.reason);
  const extension = extname(path).toLowerCase();
  const format: SourceFormat = HTML_EXTENSIONS.includes(extension) || looksLikeHtmlDocument(decoded.text) ? "html" : "text";
  // HTML that places a PDF's lines on the page (mutool, pdftohtml) is read by position.
  const positioned = format === "html" && isPositionedHtml(decoded.text);
  const markdown = format === "text" && MARKDOWN_EXTENSIONS.includes(extension);
  const lines =
    format === "html" ? (positioned ? positionedHtmlToLines(decoded.text) : htmlToLines(decoded.text)) : markdown ? markdownToLines(decoded.text) : textToLines(decoded.text);
  const pages = lines.reduce((n, l) => Math.max(n, l.page ?? 0), 0);
  // Markdown without a table (pandoc's of a PDF's text) is a print's lines too.
  const paragraphs = format === "html" && !positioned && isPagedParagraphs(decoded.text);
  const printed = positioned || (format === "text" && isPrintedText(decoded.text) && !(markdown && /<table[\s>]/i.test(decoded.text))) || paragraphs;
  return {
    source: { path, sha256, format, pages: pages > 0 ? pages : null, encoding: decoded.encoding, bytes: bytes.length },
    lines,
    ...(printed ? { printed: true } : {}),
    ...(paragraphs ? { paragraphs: true } : {}),
  };
}

export async function loadFile(path: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(path, "no such file");
  }
  if (info.isDirectory()) throw new InputError(path, "is a directory, not a file");
  return loadAny(path, await readFile(path), options);
}

import { parse, serialize, type DefaultTreeAdapterTypes as T } from "parse5";
import type { SourceLine } from "../model.js";
import { htmlToText } from "../html/toText.js";
import { withoutFurniture } from "./pages.js";

/**
 * HTML that is a PDF's printed lines placed on the page (mutool draw -F html, pdftohtml -s): one
 * absolutely positioned <p> per line or per block of lines (`<br/>` between them), with its top
 * and left in the style. The lines are read by position as the PDF loader reads a page: pieces at
 * one height are one row, its cells left to right; every page keeps its number.
 */

interface Piece {
  page: number;
  top: number;
  left: number;
  /** The line's height, for telling rows apart. */
  height: number;
  html: string;
  line: number;
}

const POSITION = /(?:^|;)\s*top\s*:\s*([\d.]+)(px|pt)?\s*;.*?left\s*:\s*([\d.]+)(px|pt)?/i;
const LINE_HEIGHT = /line-height\s*:\s*([\d.]+)(px|pt)?/i;

function isElement(node: T.ChildNode | T.Node): node is T.Element {
  return "tagName" in node;
}

function attribute(element: T.Element, name: string): string {
  return element.attrs.find((a) => a.name === name)?.value ?? "";
}

function elements(node: T.ParentNode, out: T.Element[] = []): T.Element[] {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    out.push(child);
    elements(child, out);
  }
  return out;
}

/** Whether most paragraphs of the document carry a top and a left: a page of placed lines. */
export function isPositionedHtml(html: string): boolean {
  const paragraphs = html.match(/<p\b[^>]*>/gi) ?? [];
  if (paragraphs.length < 20) return false;
  return paragraphs.filter((p) => /top\s*:\s*[\d.]+/i.test(p) && /left\s*:\s*[\d.]+/i.test(p)).length / paragraphs.length >= 0.8;
}

function piecesOf(html: string): Piece[] {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const pieces: Piece[] = [];
  let page = 0;
  for (const element of elements(document)) {
    if (element.tagName === "div" && /^page\d+(-div)?$/.test(attribute(element, "id"))) {
      page = Number(/\d+/.exec(attribute(element, "id"))![0]);
      continue;
    }
    if (element.tagName !== "p") continue;
    const style = attribute(element, "style");
    const position = POSITION.exec(style);
    if (!position) continue;
    const top = Number(position[1]);
    const left = Number(position[3]);
    const lineHeight = Number(LINE_HEIGHT.exec(style)?.[1] ?? 0) || (position[2] === "pt" ? 10 : 14);
    // A <br/> inside the paragraph starts its next printed line, one line height below.
    const lines = serialize(element).split(/<br\s*\/?>/i);
    lines.forEach((lineHtml, i) => {
      if (lineHtml.replace(/<[^>]*>/g, "").trim() === "") return;
      pieces.push({ page: Math.max(page, 1), top: top + i * lineHeight, left, height: lineHeight, html: lineHtml, line: element.sourceCodeLocation?.startLine ?? 0 });
    });
  }
  return pieces;
}

/** Placed lines → rows: pieces whose tops lie within half a line of each other are one row. */
export function positionedHtmlToLines(html: string): SourceLine[] {
  const pieces = piecesOf(html).sort((a, b) => a.page - b.page || a.top - b.top || a.left - b.left);
  const rows: Piece[][] = [];
  for (const piece of pieces) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && first.page === piece.page && Math.abs(piece.top - first.top) <= Math.min(first.height, piece.height) / 2) row.push(piece);
    else rows.push([piece]);
  }
  const lines = rows.map((row) => {
    const sorted = row.sort((a, b) => a.left - b.left);
    return { line: row[0]!.line, page: row[0]!.page, cells: sorted.map((p) => p.html), lefts: sorted.map((p) => p.left) };
  });
  // Page numbers and running headers at the pages' edges are the print's furniture.
  const pages = new Map<number, SourceLine[]>();
  for (const line of lines) {
    const page = pages.get(line.page!);
    if (page) page.push(line);
    else pages.set(line.page!, [line]);
  }
  const text = (line: SourceLine) => line.cells.map((c) => htmlToText(c)).join(" ");
  return withoutFurniture([...pages.values()], text).flat();
}

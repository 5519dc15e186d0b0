import { parse, serialize, type DefaultTreeAdapterTypes as T } from "parse5";
import type { SourceLine } from "../model.js";

/**
 * An HTML filing → lines. Each row of a table becomes a line whose cells keep their inner
 * HTML (so nested tables, lists and inputs reach the cell reader as in a text conversion);
 * every other block becomes a one-cell line. Line numbers are those of the HTML source.
 */

const CONTAINERS = new Set(["html", "body", "main", "article", "section", "div", "form", "center", "blockquote", "tbody", "thead", "tfoot"]);
const SKIPPED = new Set(["head", "script", "style", "template", "noscript"]);

function isElement(node: T.ChildNode): node is T.Element {
  return "tagName" in node;
}

function startLine(node: T.Node): number {
  return (node as T.Element).sourceCodeLocation?.startLine ?? 0;
}

function hasBlockChild(element: T.Element): boolean {
  return element.childNodes.some((c) => isElement(c) && (CONTAINERS.has(c.tagName) || /^(p|table|h[1-6]|ul|ol|li|pre)$/.test(c.tagName)));
}

function rowsOf(table: T.Element, out: SourceLine[]): void {
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === "tr") {
      const cells = child.childNodes.filter((c): c is T.Element => isElement(c) && (c.tagName === "td" || c.tagName === "th")).map((c) => serialize(c));
      out.push({ line: startLine(child), page: null, cells });
    } else if (["tbody", "thead", "tfoot"].includes(child.tagName)) {
      rowsOf(child, out);
    }
  }
}

function visit(node: T.ChildNode, out: SourceLine[]): void {
  if (!isElement(node)) {
    if (node.nodeName === "#text") {
      const text = (node as T.TextNode).value;
      const first = (node as T.TextNode).sourceCodeLocation?.startLine ?? 0;
      text.split(/\r\n|\r|\n/).forEach((line, i) => {
        if (line.trim() !== "") out.push({ line: first + i, page: null, cells: line.split("\t") });
      });
    }
    return;
  }
  if (SKIPPED.has(node.tagName)) return;
  if (node.tagName === "table") return rowsOf(node, out);
  if (CONTAINERS.has(node.tagName) || (node.tagName !== "p" && hasBlockChild(node))) {
    for (const child of node.childNodes) visit(child, out);
    return;
  }
  const inner = serialize(node);
  if (inner.trim() !== "") out.push({ line: startLine(node), page: null, cells: [inner] });
}

export function htmlToLines(html: string): SourceLine[] {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const out: SourceLine[] = [];
  for (const child of document.childNodes) visit(child, out);
  return out;
}

/** Whether a decoded text file is in fact an HTML document. */
export function looksLikeHtmlDocument(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1024));
}

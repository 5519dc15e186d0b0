import type { Nodes, Root, RootContent, TableRow } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { SourceLine } from "../model.js";
import { htmlToLines } from "./html.js";

/**
 * Markdown (GitHub's, as pandoc writes it) parsed by a CommonMark/GFM parser rather than read
 * line by line: a pipe table's rows are lines with cells, a raw HTML block (a table pandoc could
 * not draw with pipes, over as many lines as it takes) goes through the HTML loader, escapes
 * (`\[十分である\]`) and hard breaks are resolved, headings and paragraphs are lines. Inline
 * HTML stays markup for the cell reader (form inputs), text is escaped so that `<選択肢>` stays text.
 */

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A node's inline content as the cell reader takes it: text escaped, inline HTML as it is, breaks as <br>. */
function inline(node: Nodes): string {
  switch (node.type) {
    case "text":
      return escapeText(node.value);
    case "inlineCode":
      return escapeText(node.value);
    case "html":
      return node.value;
    case "break":
      return "<br>";
    case "image":
      return escapeText(node.alt ?? "");
    default:
      return "children" in node ? (node.children as Nodes[]).map(inline).join("") : "";
  }
}

/** A paragraph's printed lines: its soft line breaks (and hard breaks) end lines. */
function paragraphLines(html: string): string[] {
  return html.split(/\n|<br>/).filter((l) => l.replace(/<[^>]*>/g, "").trim() !== "" || /<input/i.test(l));
}

function visit(node: RootContent, out: SourceLine[], source: string): void {
  const line = node.position?.start.line ?? 0;
  switch (node.type) {
    case "table":
      for (const row of node.children as TableRow[]) {
        out.push({ line: row.position?.start.line ?? line, page: null, cells: row.children.map((cell) => inline(cell)) });
      }
      return;
    case "html": {
      // A raw block: a table (or anything else) read as HTML, its lines numbered in the file.
      for (const l of htmlToLines(node.value)) out.push({ ...l, line: line + Math.max(0, l.line - 1) });
      return;
    }
    case "heading":
    case "paragraph":
      paragraphLines(inline(node)).forEach((text, i) => out.push({ line: line + i, page: null, cells: [text] }));
      return;
    case "code":
      node.value.split("\n").forEach((text, i) => text.trim() !== "" && out.push({ line: line + 1 + i, page: null, cells: [escapeText(text)] }));
      return;
    case "list":
    case "listItem":
    case "blockquote":
      for (const child of node.children) visit(child as RootContent, out, source);
      return;
    default:
      return; // thematic breaks, definitions: nothing of the filing's
  }
}

export function markdownToLines(markdown: string): SourceLine[] {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const out: SourceLine[] = [];
  for (const node of tree.children) visit(node, out, markdown);
  return out;
}

/**
 * Renders seed filings to PDF as the commission's Excel forms print when a body publishes them:
 * one spreadsheet on a fixed grid of narrow columns, every cell ruled, labels and values in merged
 * cells, and LibreOffice Calc (headless) printing it on A4 portrait. The third PDF fixture style
 * (make-pdf-fixtures.ts prints the two Writer styles), so that the PDF loader meets the layout most
 * real filings have:
 *   calc-grid: a section label (`2. 基本情報`) in a merged cell to the left of its rows; an item label
 *   (`①事務の名称`) in a merged cell, its value in a wide merged cell to the right; an item whose
 *   seed rows continue (`④使用の主体` over 使用部署 and 使用者数) merged down over them; a selection as
 *   `[ 十分である ]` with its `<選択肢>` list in the neighbouring merged cell; a group of boxes as a grid
 *   of `[ ○ ] label` / `[ ] label` cells; long text wrapped in its cell, a text too long for one row
 *   continued in the rows below it (no rule between them), so that Calc's page breaks fall inside
 *   tables: a merged label continues onto the next page, a box grid or a long value is cut in two.
 * Calc does not grow a row for a cell merged over several rows, so the sheet is laid out twice:
 * once with optimal row heights and a probe sheet that holds each such cell alone (Calc saves both
 * as flat ODS, which gives every row's height), then with fixed heights, the last row under a
 * merged cell grown to fit it.
 * The PDFs are committed; tests and CI need no LibreOffice. Needs Debian's libreoffice-calc-nogui
 * and fonts-ipafont-gothic.
 * Usage: node dist/scripts/make-calc-fixtures.js SEED.txt… (writes fixtures/pdf/calc-grid/<name>.pdf)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { EMPTY_INPUT, MARKED_INPUT } from "../data/options.js";
import { htmlToText } from "../src/html/toText.js";
import { readSeed } from "./make-pdf-fixtures.js";

interface Style {
  name: string;
  font: string;
  /** Body text size in points; headings print 1pt larger. */
  fontSize: number;
  /** The sheet's fixed column grid: how many columns, each this wide (cm). */
  columns: number;
  columnCm: number;
  /** Columns a section label takes to the left of its rows, and an item label. */
  sectionColumns: number;
  labelColumns: number;
  /** The most lines (estimated) one row holds before its text continues in the next row. */
  rowLines: number;
  marked: string;
  empty: string;
}

export const STYLES: Style[] = [
  {
    name: "calc-grid",
    font: "IPAPGothic",
    fontSize: 9,
    columns: 36,
    columnCm: 0.5,
    sectionColumns: 4,
    labelColumns: 9,
    rowLines: 22,
    marked: "[ ○ ]",
    empty: "[ ]",
  },
];

type Kind = "heading" | "section" | "label" | "value" | "selection" | "options" | "box" | "text";
/** Which of a cell's four rules are drawn: a continued text or a box grid leaves its inner ones out. */
interface Rules {
  top: boolean;
  bottom: boolean;
  left: boolean;
  right: boolean;
}
const ALL: Rules = { top: true, bottom: true, left: true, right: true };

/** One printed (merged) cell of the sheet. */
interface Cell {
  row: number;
  col: number;
  rows: number;
  cols: number;
  lines: string[];
  kind: Kind;
  rules: Rules;
}

/** A cell of the seed as laid out: its columns, and its text cut into one piece per grid row (a box grid: several parts per row). */
interface Block {
  col: number;
  cols: number;
  kind: Kind;
  pieces: string[][][];
}
/** A row of the seed: blocks side by side. A band: a label merged down over the rows it heads. */
type Node = { blocks: Block[] } | { label: Block; children: Node[] };

const SELECTION_LIST = /[<＜]選択肢[>＞]/;
const BOX = new RegExp(`[${MARKED_INPUT}${EMPTY_INPUT}]`);

/** A cell's text with every box one private glyph: `[ <input checked/> ]`, `[○]`, `[ ]` alike. */
function cellText(raw: string): string {
  return htmlToText(raw)
    .replace(new RegExp(`\\[\\s*${MARKED_INPUT}\\s*\\]`, "g"), MARKED_INPUT)
    .replace(new RegExp(`\\[\\s*${EMPTY_INPUT}\\s*\\]`, "g"), EMPTY_INPUT)
    .replace(/\[\s*[○〇O●]\s*\]/g, MARKED_INPUT)
    .replace(/\[\s*\]/g, EMPTY_INPUT);
}

/** The text as printed: boxes drawn in the style, markdown marks dropped, runs of spaces as one. */
function printed(text: string, style: Style): string[] {
  return text
    .replaceAll(MARKED_INPUT, style.marked)
    .replaceAll(EMPTY_INPUT, style.empty)
    .split("\n")
    .map((line) => line.replace(/^#{1,6}\s+/, "").replace(/\*\*/g, "").replace(/\s+/g, " ").trim())
    .filter((line, i, all) => line !== "" || all.length === 1);
}

/**
 * A selection as the form prints it, `[ 十分である ]`: also when the conversion drew its brackets as
 * boxes (`□ 十分である □`, `□ 10人以上50人未満 ]`), and `[ ]` when nothing is selected.
 */
function selection(text: string): string {
  const s = text.replace(/\s+/g, " ").trim();
  const bracketed = /^\[\s*([^[\]]*?)\s*\]$/.exec(s) ?? new RegExp(`^${EMPTY_INPUT}\\s*([^[\\]${MARKED_INPUT}${EMPTY_INPUT}]+?)\\s*(?:${EMPTY_INPUT}|\\])$`).exec(s);
  if (bracketed && !BOX.test(bracketed[1]!)) return bracketed[1] ? `[ ${bracketed[1]} ]` : "[ ]";
  if (new RegExp(`^[\\s\\[\\]${EMPTY_INPUT}]*$`).test(s)) return "[ ]";
  return s;
}

/** A value with a `<選択肢>` list: the selection and the list, in the order the form prints them. */
function splitSelection(text: string): [string, string] | null {
  const at = text.search(SELECTION_LIST);
  if (at < 0) return null;
  const before = text.slice(0, at);
  const list = text.slice(at);
  const token = SELECTION_LIST.exec(list)![0];
  const rest = list.slice(token.length).trim();
  if (before.trim() !== "") return [selection(before), `${token}\n${rest}`];
  // `<選択肢>` first, then the selection: the list cell gets what follows it.
  const first = /^\s*(\[[^[\]\n]*\])\s*(?:\n|$)/.exec(rest);
  if (first && !BOX.test(first[1]!)) return [selection(first[1]!), `${token}\n${rest.slice(first[0].length).trim()}`];
  return null;
}

/** A value that is only a group of boxes: its items, each a box and its label. */
function boxItems(text: string): string[] | null {
  if (SELECTION_LIST.test(text) || !BOX.test(text.trim()[0] ?? "")) return null;
  const items: string[] = [];
  for (const part of text.trim().split(new RegExp(`(?=[${MARKED_INPUT}${EMPTY_INPUT}])`))) {
    const previous = items[items.length - 1];
    // A box drawn twice (`□ [ ] 専用線`) is one item.
    if (previous !== undefined && BOX.test(previous.trim()) && previous.trim().length === 1) items[items.length - 1] = previous + part;
    else items.push(part);
  }
  return items.length >= 3 ? items.map((item) => item.trim()) : null;
}

const POINTS_PER_CM = 72 / 2.54;

/** The width of a text in ems, near enough for row planning: CJK full width, the rest about half. */
const ems = (line: string) => [...line].reduce((sum, ch) => sum + (/[\u0000-\u024f\uff61-\uff9f]/.test(ch) ? 0.55 : 1), 0);

function estimatedLines(lines: string[], cols: number, style: Style): number {
  const capacity = Math.max(1, (cols * style.columnCm * POINTS_PER_CM - 6) / style.fontSize);
  return lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(ems(line) / capacity)), 0);
}

/** A text cut into pieces of at most style.rowLines (estimated) printed lines, at line breaks, else after a 。 */
function pieces(lines: string[], cols: number, style: Style): string[][] {
  const capacity = Math.max(1, (cols * style.columnCm * POINTS_PER_CM - 6) / style.fontSize);
  const short: string[] = [];
  for (const line of lines) {
    let rest = line;
    while (Math.ceil(ems(rest) / capacity) > style.rowLines) {
      let cut = 0;
      let width = 0;
      let lastStop = -1;
      for (const ch of rest) {
        width += ems(ch);
        if (width > capacity * style.rowLines) break;
        cut += ch.length;
        if (ch === "。" || ch === "、") lastStop = cut;
      }
      if (lastStop > cut / 2) cut = lastStop;
      short.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    short.push(rest);
  }
  const out: string[][] = [[]];
  for (const line of short) {
    const current = out[out.length - 1]!;
    if (current.length > 0 && estimatedLines([...current, line], cols, style) > style.rowLines) out.push([line]);
    else current.push(line);
  }
  return out;
}

/** Column widths for a table of n cells across `width` grid columns: label columns fixed, wider tables by content. */
function columnWidths(rows: string[][], n: number, width: number, style: Style): number[] {
  if (n === 1) return [width];
  const label = width === style.columns ? style.labelColumns + 1 : style.labelColumns;
  if (n === 2) return [label, width - label];
  if (n === 3) {
    const second = Math.round(width * 0.22);
    return [label, second, width - label - second];
  }
  // By the longest text each column holds (a row's last cell spans the rest, so counts only in full rows).
  const longest = (j: number) => Math.min(80, Math.max(4, ...rows.filter((r) => j < r.length - 1 || r.length === n).map((r) => ems(r[j] ?? ""))));
  const weights = Array.from({ length: n }, (_, j) => Math.sqrt(longest(j)));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.max(2, Math.floor((w / total) * width)));
  // The first column holds labels: wide enough for its longest on one line, up to the label width.
  const perColumn = (style.columnCm * POINTS_PER_CM) / style.fontSize;
  widths[0] = Math.max(widths[0]!, Math.min(label, Math.ceil(longest(0) / perColumn) + 1));
  while (widths.reduce((a, b) => a + b, 0) > width) widths[widths.indexOf(Math.max(...widths))]!--;
  widths[n - 1]! += width - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const isSectionLabel = (text: string) => /^\s*\d{1,2}\s*[.．]\s*\S/.test(text) && ems(text) <= 48;
const isHeading = (line: string) =>
  /^\s*(#|\*\*|<b>)/.test(line) || /^\s*(I|II|III|IV|V|VI|VII|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ)\s*\S/.test(line) || /^\s*[(（]別添|^\s*変更箇所一覧\s*$/.test(line);

/**
 * A seed cell laid out in its columns: long text in pieces; an item's value (the cell right of its
 * label) with a selection as the selection and its list side by side, a group of boxes as a grid.
 */
function block(text: string, col: number, cols: number, kind: Kind, style: Style, item: boolean): Block[] {
  if (kind === "value" && item) {
    const split = splitSelection(text);
    if (split && cols >= 8) {
      const left = Math.max(4, Math.round(cols * 0.4));
      return [
        { col, cols: left, kind: "selection", pieces: [[printed(split[0], style)]] },
        { col: col + left, cols: cols - left, kind: "options", pieces: pieces(printed(split[1], style), cols - left, style).map((p) => [p]) },
      ];
    }
    const items = boxItems(text);
    if (items && cols >= 8) {
      const across = cols >= 20 && items.every((item) => ems(item) <= 9) ? 3 : 2;
      const grid: string[][][] = [];
      for (let i = 0; i < items.length; i += across) {
        const row = items.slice(i, i + across).map((item) => printed(item, style));
        while (row.length < across) row.push([""]);
        grid.push(row);
      }
      return [{ col, cols, kind: "box", pieces: grid }];
    }
  }
  return [{ col, cols, kind, pieces: pieces(printed(text, style), cols, style).map((p) => [p]) }];
}

/** A run of seed rows (one table) as nodes: section bands, item bands over continued rows, rows. */
function tableNodes(rows: string[][], style: Style): Node[] {
  const texts = rows.map((cells) => cells.map(cellText));
  const filled = (cells: string[]) => cells.filter((c) => c.trim() !== "").length;
  // A section's rows end at the next section label (alone, or with its boxes: `4. …の委託 [ ] 委託しない`),
  // or at a table's header row printed again.
  const ends = (cells: string[]) =>
    (isSectionLabel(cells[0]!) && cells.slice(1).every((c) => c.trim() === "" || BOX.test(c))) || /^\s*(変更または追記した箇所|変更日)\s*$/.test(cells[0]!);
  const nodes: Node[] = [];
  let i = 0;
  while (i < texts.length) {
    const cells = texts[i]!;
    // A section label alone on its row goes to the left of its rows, when they are label and value.
    if (filled(cells) === 1 && isSectionLabel(cells[0]!)) {
      let end = i + 1;
      while (end < texts.length && !ends(texts[end]!)) end++;
      if (texts.slice(i + 1, end).some((r) => filled(r) >= 2)) {
        const label = block(cells[0]!, 0, style.sectionColumns, "section", style, false)[0]!;
        nodes.push({ label, children: itemNodes(texts.slice(i + 1, end), style.sectionColumns, style.columns - style.sectionColumns, style) });
        i = end;
        continue;
      }
    }
    let end = i + 1;
    while (end < texts.length && !ends(texts[end]!)) end++;
    nodes.push(...itemNodes(texts.slice(i, end), 0, style.columns, style));
    i = end;
  }
  return nodes;
}

/** Rows within a region of the grid: a row whose first cell is empty continues the item above it (merged down). */
function itemNodes(rows: string[][], start: number, width: number, style: Style): Node[] {
  const n = Math.max(...rows.map((r) => r.length));
  const widths = columnWidths(rows, n, width, style);
  const offsets = widths.map((_, j) => start + widths.slice(0, j).reduce((a, b) => a + b, 0));
  // A form's rows are label and value (a sub-label between); a list's (変更箇所) have many columns.
  const form = rows.filter((r) => r.length <= 3).length >= 0.6 * rows.length;
  const labelLike = (text: string | undefined) =>
    text !== undefined && text.trim() !== "" && ems(text) <= 30 && !text.includes("\n") && !BOX.test(text) && !SELECTION_LIST.test(text);
  const rowNode = (cells: string[], from: number): Node => ({
    blocks: cells.slice(from).flatMap((text, k) => {
      const j = from + k;
      const last = j === cells.length - 1;
      const cols = last ? start + width - offsets[j]! : widths[j]!;
      const single = cells.length === 1;
      const kind: Kind = single ? (isSectionLabel(text) || isHeading(text) ? "section" : "text") : j === 0 ? "label" : "value";
      return block(text, offsets[j]!, cols, kind, style, form && j >= 1 && labelLike(cells[j - 1]));
    }),
  });
  const nodes: Node[] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!;
    let end = i + 1;
    while (end < rows.length && rows[end]!.length >= 2 && rows[end]![0]!.trim() === "" && cells.length >= 2 && cells[0]!.trim() !== "") end++;
    if (end > i + 1) {
      const label = block(cells[0]!, offsets[0]!, widths[0]!, "label", style, false)[0]!;
      nodes.push({ label, children: rows.slice(i, end).map((r) => rowNode(r, 1)) });
      i = end - 1;
    } else nodes.push(rowNode(cells, 0));
  }
  return nodes;
}

/** The seed as a sheet of merged cells, row by row. */
export function layout(text: string, style: Style): { cells: Cell[]; rows: number } {
  // A line outside the seed's tables is a row of its own, across the sheet: a heading shaded.
  const nodes: Node[] = readSeed(text).flatMap((part): Node[] => {
    if ("rows" in part) return tableNodes(part.rows, style);
    const kind: Kind = isHeading(part.line) ? "heading" : "text";
    return [{ blocks: [{ col: 0, cols: style.columns, kind, pieces: pieces(printed(cellText(part.line), style), style.columns, style).map((p) => [p]) }] }];
  });

  const cells: Cell[] = [];
  const place = (node: Node, row: number): number => {
    if ("label" in node) {
      let used = 0;
      for (const child of node.children) used += place(child, row + used);
      const label = node.label;
      const height = Math.max(used, label.pieces.length);
      cells.push({ row, col: label.col, rows: height, cols: label.cols, lines: label.pieces.flat(2), kind: label.kind, rules: ALL });
      return height;
    }
    const height = Math.max(...node.blocks.map((b) => b.pieces.length));
    for (const b of node.blocks) {
      b.pieces.forEach((piece, i) => {
        const rows = i === b.pieces.length - 1 ? height - i : 1;
        const first = i === 0;
        const lastPiece = i === b.pieces.length - 1;
        let col = b.col;
        piece.forEach((part, k) => {
          const cols = k === piece.length - 1 ? b.col + b.cols - col : Math.floor(b.cols / piece.length);
          const rules: Rules = { top: first, bottom: lastPiece, left: k === 0, right: k === piece.length - 1 };
          cells.push({ row: row + i, col, rows, cols, lines: part, kind: b.kind, rules });
          col += cols;
        });
      });
    }
    return height;
  };
  let rows = 0;
  for (const node of nodes) rows += place(node, rows);
  return { cells, rows };
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const paragraphs = (lines: string[]) => lines.map((l) => `<text:p>${escape(l)}</text:p>`).join("");

const FILL: Partial<Record<Kind, string>> = { heading: "#d9d9d9", section: "#f2f2f2", label: "#f2f2f2" };
const VERTICAL: Record<Kind, string> = { heading: "middle", section: "middle", label: "middle", selection: "middle", value: "top", options: "top", box: "top", text: "top" };
const styleName = (kind: Kind, r: Rules) => `${kind}-${+r.top}${+r.bottom}${+r.left}${+r.right}`;

function cellStyle(kind: Kind, r: Rules, style: Style): string {
  const rule = "0.5pt solid #000000";
  const side = (on: boolean) => (on ? rule : "none");
  const size = kind === "heading" ? style.fontSize + 1 : style.fontSize;
  return (
    `<style:style style:name="${styleName(kind, r)}" style:family="table-cell" style:parent-style-name="Default">` +
    `<style:table-cell-properties fo:border-top="${side(r.top)}" fo:border-bottom="${side(r.bottom)}" fo:border-left="${side(r.left)}" fo:border-right="${side(r.right)}"` +
    ` fo:wrap-option="wrap" style:vertical-align="${VERTICAL[kind]}" fo:padding="0.06cm" fo:background-color="${FILL[kind] ?? "transparent"}"/>` +
    `<style:paragraph-properties fo:text-align="${kind === "selection" ? "center" : "start"}"/>` +
    `<style:text-properties fo:font-size="${size}pt" style:font-size-asian="${size}pt"${kind === "heading" ? ' fo:font-weight="bold" style:font-weight-asian="bold"' : ""}/></style:style>`
  );
}

/** One sheet of the workbook: cells placed on the grid, merged cells' other grid cells covered. */
function sheet(name: string, cells: Cell[], rowCount: number, rowStyle: (row: number) => string, style: Style): string {
  const anchors = new Map<string, Cell>();
  const covered = new Set<string>();
  for (const c of cells) {
    anchors.set(`${c.row},${c.col}`, c);
    for (let r = c.row; r < c.row + c.rows; r++) for (let k = c.col; k < c.col + c.cols; k++) if (r !== c.row || k !== c.col) covered.add(`${r},${k}`);
  }
  const rows: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    let xml = `<table:table-row table:style-name="${rowStyle(r)}">`;
    for (let k = 0; k < style.columns; k++) {
      const c = anchors.get(`${r},${k}`);
      if (c) {
        const spans = `${c.cols > 1 ? ` table:number-columns-spanned="${c.cols}"` : ""}${c.rows > 1 ? ` table:number-rows-spanned="${c.rows}"` : ""}`;
        xml += `<table:table-cell table:style-name="${styleName(c.kind, c.rules)}"${spans}${c.lines.some((l) => l !== "") ? ` office:value-type="string">${paragraphs(c.lines)}</table:table-cell>` : "/>"}`;
      } else if (covered.has(`${r},${k}`)) xml += "<table:covered-table-cell/>";
      else xml += "<table:table-cell/>";
    }
    rows.push(xml + "</table:table-row>");
  }
  return `<table:table table:name="${name}" table:style-name="Sheet">${'<table:table-column table:style-name="Column"/>'.repeat(style.columns)}${rows.join("\n")}</table:table>`;
}

/**
 * The filing as a flat OpenDocument spreadsheet, which LibreOffice Calc prints to PDF. `heights`:
 * the rows' fixed heights in points (none: optimal heights, and a probe sheet with every cell merged
 * over several rows on a row of its own, whose optimal height is what that cell needs).
 */
export function printableDocument(text: string, style: Style, heights?: number[]): string {
  const { cells, rows } = layout(text, style);
  const tall = cells.filter((c) => c.rows > 1);
  const probes = tall.map((c, i) => ({ ...c, row: i, rows: 1, rules: ALL }));
  const styled = heights ? cells : [...cells, ...probes];
  const cellStyles = [...new Map(styled.map((c) => [styleName(c.kind, c.rules), cellStyle(c.kind, c.rules, style)])).values()];
  const rowStyles = heights
    ? [...new Set(heights.map((h) => h.toFixed(2)))].map((h) => `<style:style style:name="R${h}" style:family="table-row"><style:table-row-properties style:row-height="${h}pt" style:use-optimal-row-height="false"/></style:style>`).join("")
    : `<style:style style:name="Optimal" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>`;
  const sheets = heights
    ? sheet("評価書", cells, rows, (r) => `R${heights[r]!.toFixed(2)}`, style)
    : sheet("評価書", cells, rows, () => "Optimal", style) +
      sheet("probe", probes, probes.length, () => "Optimal", style);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls><style:font-face style:name="Form" svg:font-family="${style.font}"/></office:font-face-decls>
<office:styles>
 <style:style style:name="Default" style:family="table-cell">
  <style:paragraph-properties style:text-autospace="none" style:punctuation-wrap="simple" style:line-break="normal"/>
  <style:text-properties style:font-name="Form" style:font-name-asian="Form" style:font-name-complex="Form" fo:font-size="${style.fontSize}pt" style:font-size-asian="${style.fontSize}pt" fo:language="ja" fo:country="JP" style:language-asian="ja" style:country-asian="JP"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Column" style:family="table-column"><style:table-column-properties style:column-width="${style.columnCm}cm"/></style:style>
 <style:style style:name="Sheet" style:family="table" style:master-page-name="Form"><style:table-properties table:display="true"/></style:style>
 ${rowStyles}
 ${cellStyles.join("\n ")}
 <style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm" style:print="objects charts drawings" style:scale-to="100%" style:print-page-order="ttb"/>
  <style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Form" style:page-layout-name="Page"><style:header style:display="false"/><style:footer style:display="false"/></style:master-page></office:master-styles>
<office:body><office:spreadsheet>${sheets}</office:spreadsheet></office:body>
</office:document>`;
}

const POINTS: Record<string, number> = { pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4 };

/** The row heights (points) of each sheet of a flat ODS that Calc saved. */
function savedRowHeights(fods: string): number[][] {
  const styles = new Map<string, number>();
  for (const m of fods.matchAll(/<style:style style:name="([^"]+)" style:family="table-row">\s*<style:table-row-properties [^>]*?style:row-height="([\d.]+)(pt|in|cm|mm)"/g)) {
    styles.set(m[1]!, Number(m[2]) * POINTS[m[3]!]!);
  }
  return [...fods.matchAll(/<table:table [^>]*>([\s\S]*?)<\/table:table>/g)].map((table) => {
    const heights: number[] = [];
    for (const m of table[1]!.matchAll(/<table:table-row table:style-name="([^"]+)"(?: table:number-rows-repeated="(\d+)")?/g)) {
      const repeat = Math.min(Number(m[2] ?? 1), 100_000);
      const height = styles.get(m[1]!);
      if (height === undefined) throw new Error(`no height for row style ${m[1]} in Calc's saved sheet`);
      for (let i = 0; i < repeat; i++) heights.push(height);
    }
    return heights;
  });
}

/** Row heights that fit every cell: Calc's optimal ones, the last row under a merged cell grown where the cell needs more. */
function fittedHeights(text: string, style: Style, saved: number[][]): number[] {
  const { cells, rows } = layout(text, style);
  if (saved[0]!.length < rows || (saved[1]?.length ?? 0) < cells.filter((c) => c.rows > 1).length) throw new Error("Calc's saved sheet has fewer rows than the layout");
  const heights = saved[0]!.slice(0, rows);
  const tall = cells.filter((c) => c.rows > 1);
  const need = saved[1] ?? [];
  tall
    .map((c, i) => ({ c, need: need[i] ?? 0 }))
    .sort((a, b) => a.c.rows - b.c.rows)
    .forEach(({ c, need }) => {
      const have = heights.slice(c.row, c.row + c.rows).reduce((a, b) => a + b, 0);
      if (need > have) heights[c.row + c.rows - 1]! += need - have + 1;
    });
  return heights;
}

/**
 * That no text was lost: every line of every cell is in the PDF's text (poppler's `pdftotext -raw`,
 * white space and box brackets aside). Calc prints a merged cell that a page break cuts on both
 * pages, clipped, so the PDF may hold some label text twice; never less. Skipped without pdftotext.
 */
function verify(pdf: string, text: string, style: Style): void {
  const bare = (s: string) => s.replace(/[\s[\]○]/g, "");
  let printedText: string;
  try {
    printedText = bare(execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 }));
  } catch {
    console.warn(`${pdf}: not checked (no pdftotext; Debian's poppler-utils)`);
    return;
  }
  const lines = layout(text, style).cells.flatMap((c) => c.lines);
  const lost = lines.filter((line) => bare(line) !== "" && !printedText.includes(bare(line)));
  if (lost.length > 0) throw new Error(`${pdf}: ${lost.length} of ${lines.length} lines not in the PDF's text, e.g. ${JSON.stringify(lost[0]!.slice(0, 80))}`);
}

function render(seed: string, style: Style, outDir: string): string {
  const work = mkdtempSync(join(tmpdir(), "pia-calc-"));
  try {
    return print(seed, style, outDir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function print(seed: string, style: Style, outDir: string, work: string): string {
  const name = basename(seed).replace(/\.[^.]+$/, "");
  const text = readFileSync(seed, "utf8");
  const soffice = (args: string[]) =>
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${work}/profile`, ...args], { stdio: "ignore", timeout: 300_000 });
  // Pass 1: optimal heights, saved back by Calc.
  mkdirSync(join(work, "plan"));
  writeFileSync(join(work, "plan", `${name}.fods`), printableDocument(text, style));
  soffice(["--convert-to", "fods", "--outdir", join(work, "saved"), join(work, "plan", `${name}.fods`)]);
  const heights = fittedHeights(text, style, savedRowHeights(readFileSync(join(work, "saved", `${name}.fods`), "utf8")));
  // Pass 2: fixed heights, printed.
  const source = join(work, `${name}.fods`);
  writeFileSync(source, printableDocument(text, style, heights));
  soffice(["--convert-to", "pdf:calc_pdf_Export", "--outdir", work, source]);
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `${name}.pdf`);
  renameSync(join(work, `${name}.pdf`), target);
  verify(target, text, style);
  return target;
}

if (process.argv[1]?.endsWith("make-calc-fixtures.js")) {
  const root = join(import.meta.dirname, "..", "..");
  for (const seed of process.argv.slice(2)) {
    for (const style of STYLES) console.log(`wrote ${render(seed, style, join(root, "fixtures", "pdf", style.name))}`);
  }
}

/**
 * Renders seed filings to PDF as a form would print: every row of the text conversion becomes a
 * bordered table row (label column, value cells), text lines become paragraphs, and LibreOffice
 * (headless) prints the page. Two styles, so that the PDF loader meets more than one layout:
 *   text-marks:  boxes as `[○]` / `[ ]` text, IPAex明朝, a narrow label column
 *   glyph-marks: boxes as ■ / □ glyphs, IPAゴシック, a wide label column
 * make-calc-fixtures.ts prints a third style, calc-grid, as the commission's Excel forms print (Calc).
 * The PDFs are committed; tests and CI need no LibreOffice. Needs Debian's libreoffice-writer-nogui,
 * fonts-ipaexfont-mincho and fonts-ipafont-gothic.
 * Usage: node dist/scripts/make-pdf-fixtures.js SEED.txt… (writes fixtures/pdf/<style>/<name>.pdf)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { EMPTY_INPUT, MARKED_INPUT } from "../data/options.js";
import { htmlToText } from "../src/html/toText.js";

interface Style {
  name: string;
  font: string;
  /** The label column's share of the table width, in percent. */
  labelPercent: number;
  marked: string;
  empty: string;
  /** Page furniture the loader must drop: a page number in the footer, a running header. */
  furniture: boolean;
}

export const STYLES: Style[] = [
  { name: "text-marks", font: "IPAexMincho", labelPercent: 26, marked: "[○]", empty: "[ ]", furniture: false },
  { name: "glyph-marks", font: "IPAGothic", labelPercent: 38, marked: "■", empty: "□", furniture: true },
];

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A cell's lines as the printed form shows them: its text, its boxes drawn in the style. */
function cellLines(raw: string, style: Style): string[] {
  const text = htmlToText(raw)
    .replaceAll(MARKED_INPUT, style.marked)
    .replaceAll(EMPTY_INPUT, style.empty)
    .replace(/\[\s*[○〇O●]\s*\]/g, style.marked)
    .replace(/\[\s*\]/g, style.empty);
  return text.split("\n").map((line) => line.replace(/^#{1,6}\s+/, "").replace(/\*\*/g, ""));
}

const paragraphs = (lines: string[]) => lines.map((l) => `<text:p>${escape(l)}</text:p>`).join("") || "<text:p/>";

/** A seed's text as the printers read it: a run of tab-separated rows is a table, any other line a paragraph. */
export type SeedPart = { rows: string[][] } | { line: string };

/**
 * The seed's tables and lines, in order. Blank lines and markdown rule lines (`---|---`) are
 * dropped and do not end a table; a row's empty trailing cells are dropped (its last cell spans).
 */
export function readSeed(text: string): SeedPart[] {
  const parts: SeedPart[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length > 0) parts.push({ rows });
    rows = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^[\s|:\-\t]*-{2,}[\s|:\-\t]*$/.test(line) || line.trim() === "") continue;
    if (line.includes("\t")) {
      const cells = line.split("\t");
      while (cells.length > 1 && cells[cells.length - 1]!.trim() === "") cells.pop();
      rows.push(cells);
    } else {
      flush();
      parts.push({ line });
    }
  }
  flush();
  return parts;
}

/**
 * The filing as an OpenDocument text (flat XML), which LibreOffice prints to PDF. ODF rather than
 * HTML because it lets the page be set as a form is: bordered cells, fixed label column, and no
 * automatic space between Japanese and Latin text (an Excel form has none).
 */
export function printableDocument(text: string, style: Style): string {
  const body: string[] = [];
  let tables = 0;
  const table = (rows: string[][]) => {
    const columns = Math.max(...rows.map((r) => r.length));
    const name = `T${tables++}`;
    const widths = columns === 1 ? [100] : [style.labelPercent, ...Array(columns - 1).fill((100 - style.labelPercent) / (columns - 1))];
    body.push(
      `<table:table table:name="${name}" table:style-name="Table">` +
        widths.map((w) => `<table:table-column table:style-name="C${Math.round(w)}"/>`).join("") +
        rows
          .map((cells) => {
            const span = columns - cells.length + 1;
            return `<table:table-row>${cells
              .map((cell, i) => {
                const spanned = i === cells.length - 1 && span > 1 ? ` table:number-columns-spanned="${span}"` : "";
                return `<table:table-cell table:style-name="Cell" office:value-type="string"${spanned}>${paragraphs(cellLines(cell, style))}</table:table-cell>`;
              })
              .join("")}${"<table:covered-table-cell/>".repeat(span - 1)}</table:table-row>`;
          })
          .join("") +
        `</table:table>`,
    );
  };
  for (const part of readSeed(text)) {
    if ("rows" in part) table(part.rows);
    else body.push(paragraphs(cellLines(part.line, style)));
  }
  const columnStyles = [...new Set([style.labelPercent, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (100 - style.labelPercent) / n), 100])]
    .map((w) => `<style:style style:name="C${Math.round(w)}" style:family="table-column"><style:table-column-properties style:rel-column-width="${Math.round(w * 100)}*"/></style:style>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Form" svg:font-family="${style.font}"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties style:text-autospace="none" style:punctuation-wrap="simple" style:line-break="normal"/>
  <style:text-properties style:font-name="Form" style:font-name-asian="Form" fo:font-size="9pt" style:font-size-asian="9pt" fo:language="ja" fo:country="JP" style:language-asian="ja" style:country-asian="JP"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Table" style:family="table"><style:table-properties style:width="18cm" table:align="left"/></style:style>
 ${columnStyles}
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>
 <style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="1.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.2cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.2cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page">${
    style.furniture
      ? "<style:header><text:p>特定個人情報保護評価書</text:p></style:header><style:footer><text:p>- <text:page-number/> -</text:p></style:footer>"
      : ""
  }</style:master-page></office:master-styles>
<office:body><office:text>${body.join("\n")}</office:text></office:body>
</office:document>`;
}

function render(seed: string, style: Style, outDir: string): string {
  const work = mkdtempSync(join(tmpdir(), "pia-pdf-"));
  const name = basename(seed).replace(/\.[^.]+$/, "");
  const source = join(work, `${name}.fodt`);
  writeFileSync(source, printableDocument(readFileSync(seed, "utf8"), style));
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${work}/profile`, "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, source], {
    stdio: "ignore",
    timeout: 300_000,
  });
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `${name}.pdf`);
  renameSync(join(work, `${name}.pdf`), target);
  return target;
}

if (process.argv[1]?.endsWith("make-pdf-fixtures.js")) {
  const root = join(import.meta.dirname, "..", "..");
  for (const seed of process.argv.slice(2)) {
    for (const style of STYLES) console.log(`wrote ${render(seed, style, join(root, "fixtures", "pdf", style.name))}`);
  }
}

/**
 * Renders a text conversion as an HTML page, the way a municipal site publishes one: tab rows
 * become table rows, markdown headings become <hN>, other lines paragraphs. One source line
 * stays one HTML line, so line numbers (and the warnings that cite them) stay comparable.
 * Usage: node dist/scripts/seed-to-html.js IN.txt OUT.html
 */
import { readFileSync, writeFileSync } from "node:fs";
// A `<` that opens no tag is the document's text: a real page escapes it.
import { NOT_A_TAG } from "../src/html/toText.js";

export function textToHtml(text: string): string {
  const out: string[] = [];
  let inTable = false;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    let html = "";
    const escaped = line.replace(NOT_A_TAG, "&lt;");
    // A markdown table rule is the converter's, not the page's.
    const isRule = /^[\s|:\-\t]*-{2,}[\s|:\-\t]*$/.test(line);
    const isRow = line.includes("\t") && !isRule;
    if (inTable && !isRow) {
      html += "</table>";
      inTable = false;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(escaped);
    if (isRow) {
      if (!inTable) html += "<table>";
      inTable = true;
      html += `<tr>${escaped.split("\t").map((c) => `<td>${c}</td>`).join("")}</tr>`;
    } else if (heading) {
      html += `<h${heading[1]!.length}>${heading[2]}</h${heading[1]!.length}>`;
    } else if (escaped.trim() !== "" && !isRule) {
      html += `<p>${escaped}</p>`;
    }
    if (index === 0) html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>特定個人情報保護評価書</title></head><body>${html}`;
    out.push(html);
  });
  out.push(`${inTable ? "</table>" : ""}</body></html>`);
  return out.join("\n");
}

if (process.argv[1]?.endsWith("seed-to-html.js")) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node dist/scripts/seed-to-html.js IN.txt OUT.html");
    process.exit(2);
  }
  writeFileSync(output, textToHtml(readFileSync(input, "utf8")));
  console.log(`wrote ${output}`);
}

/**
 * PDF speed, on the same files in one run: the whole path (load → segment → extract), pdfjs-dist's
 * bare getTextContent over every page, and poppler's pdftotext when it is installed. Prints pages/s.
 * Usage: npm run bench:pdf [-- ROUNDS]
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { extractFromDocument } from "../src/engine.js";
import { loadAny } from "../src/loaders/index.js";

const root = join(import.meta.dirname, "..", "..");
const rounds = Number(process.argv[2] ?? 3);
const dir = join(root, "fixtures", "pdf");
const files = readdirSync(dir)
  .filter((d) => !d.endsWith(".json"))
  .flatMap((style) => readdirSync(join(dir, style)).map((f) => join(dir, style, f)));
const inputs = files.map((path) => ({ path, bytes: readFileSync(path) }));

async function bareTextContent(bytes: Uint8Array): Promise<number> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  for (let n = 1; n <= document.numPages; n++) await (await document.getPage(n)).getTextContent();
  const pages = document.numPages;
  await document.destroy();
  return pages;
}

async function time(label: string, run: () => Promise<number>): Promise<number> {
  await run(); // warm-up
  const started = process.hrtime.bigint();
  let pages = 0;
  for (let r = 0; r < rounds; r++) pages += await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = pages / seconds;
  console.log(`  ${label.padEnd(28)} ${pages} pages in ${seconds.toFixed(2)} s — ${rate.toFixed(1)} pages/s`);
  return rate;
}

console.log(`pdf: ${inputs.length} files, ${rounds} rounds`);
const whole = await time("whole path (pia)", async () => {
  let pages = 0;
  for (const { path, bytes } of inputs) {
    const document = await loadAny(path, bytes);
    extractFromDocument(document);
    pages += document.source.pages ?? 0;
  }
  return pages;
});
const bare = await time("pdfjs getTextContent only", async () => {
  let pages = 0;
  for (const { bytes } of inputs) pages += await bareTextContent(bytes);
  return pages;
});
let hasPdftotext = true;
try {
  execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
} catch {
  hasPdftotext = false;
}
if (hasPdftotext) {
  await time("pdftotext -layout (poppler)", async () => {
    let pages = 0;
    for (const { path } of inputs) {
      execFileSync("pdftotext", ["-layout", path, "-"], { stdio: ["ignore", "ignore", "ignore"] });
      pages += Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [path], { encoding: "utf8" }))?.[1] ?? 0);
    }
    return pages;
  });
} else console.log("  pdftotext: not installed (Debian's poppler-utils)");
console.log(`  whole path / bare pdfjs: ${(whole / bare).toFixed(2)} (target ≥ 0.5)`);

/**
 * Import speed: the fixture filings copied to N files (default 1000, each made distinct so that
 * every one is stored), imported into a fresh database with 1 and with 2 worker threads.
 * Prints files/s, MB/s and the process's peak memory for each run.
 * Usage: npm run bench:import [-- N]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandPaths } from "../src/files.js";
import { importFiles } from "../src/import/importer.js";
import { openDatabase } from "../src/store/db.js";

const root = join(import.meta.dirname, "..", "..");
const count = Number(process.argv[2] ?? 1000);
const { files: fixtures } = await expandPaths([join(root, "fixtures")]);
const sources = fixtures.map((path) => ({ path, bytes: readFileSync(path) }));

const dir = mkdtempSync(join(tmpdir(), "pia-bench-"));
const paths: string[] = [];
for (let i = 0; i < count; i++) {
  const source = sources[i % sources.length]!;
  const ext = source.path.slice(source.path.lastIndexOf("."));
  // A distinct ending makes a distinct file without changing the form: a last line of text,
  // a paragraph before </body>, or a comment after a PDF's %%EOF.
  const text = source.bytes.toString("utf8");
  const bytes =
    ext === ".pdf"
      ? Buffer.concat([source.bytes, Buffer.from(`\n% copy ${i}\n`)])
      : Buffer.from(ext === ".html" ? text.replace("</body>", `<p>写し ${i}</p></body>`) : `${text}\n\n写し ${i}\n`);
  const path = join(dir, `filing-${String(i).padStart(5, "0")}${ext}`);
  writeFileSync(path, bytes);
  paths.push(path);
}
const totalMB = paths.reduce((n, p) => n + readFileSync(p).length, 0) / 1e6;
console.log(`import: ${count} files (${totalMB.toFixed(1)} MB) made from ${sources.length} fixtures, ${process.env.CI ? "CI" : "local"} run`);

for (const workers of [1, 2]) {
  const dbPath = join(dir, `bench-${workers}.sqlite`);
  const db = openDatabase(dbPath);
  const summary = await importFiles(db, paths, { workers });
  db.close();
  const peakMB = process.resourceUsage().maxRSS / 1024;
  console.log(
    `  ${workers} worker${workers > 1 ? "s" : " "}: ${summary.imported + summary.newVersions + summary.newRenderings} documents stored (${summary.imported} filings), ${summary.failed} failed in ${summary.seconds.toFixed(2)} s — ` +
      `${(count / summary.seconds).toFixed(1)} files/s, ${(totalMB / summary.seconds).toFixed(2)} MB/s, peak RSS so far ${peakMB.toFixed(0)} MB`,
  );
}
rmSync(dir, { recursive: true, force: true });

/**
 * Converts the PDF and HTML fixtures with the converters real users run (Debian's poppler-utils,
 * mupdf-tools and pandoc), so that the engine can be scored on their text:
 *   every fixtures/pdf/<style>/<stem>.pdf (any style folder) with
 *     pdftotext (default, -raw, -layout), mutool draw (txt, html, xhtml), pdftohtml -s -i -noframes,
 *     and pandoc (gfm, plain) from that pdftohtml output;
 *   fixtures/html/<stem>.html with pandoc -f html -t gfm / -t plain.
 * Output: fixtures/converters/<converter-id>/<style>-<stem>.<ext> (the HTML fixture's style is
 * `html`), and fixtures/converters/manifest.json: per file its source, the exact command line
 * (run from the project root), the tool's version and the expected record it is scored against.
 * No `*.expected.json` is written here (the golden test would take it for a fixture).
 * Deterministic: commands take relative paths from the project root; pdftohtml's `<meta name="date">`
 * (the PDF's creation date) is removed; nothing else in the outputs depends on time or a temp path.
 * Usage: npx tsc -p tsconfig.json && node dist/scripts/convert-fixtures.js
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const OUT = "fixtures/converters";

export interface ManifestEntry {
  /** The converted file, relative to the project root. */
  path: string;
  converter: string;
  /** The file the command read (for pandoc of pdftohtml: the pdftohtml output). */
  source: string;
  /** The fixture the conversion started from (the PDF or the HTML fixture). */
  origin: string;
  /** The exact command line, run from the project root. */
  command: string;
  tool: string;
  version: string;
  /** What was changed in the tool's output after it ran, if anything. */
  postprocess: string[];
  /** The record the converted file is scored against. */
  expected: string;
  sha256: string;
}

export interface Manifest {
  $comment: string;
  tools: Record<string, string>;
  files: ManifestEntry[];
}

/** The first line a tool prints for its version (some print it on stderr). */
function version(tool: string, flag: string): string {
  const result = spawnSync(tool, [flag], { cwd: root, encoding: "utf8" });
  const text = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
  const line = text.split("\n").map((l) => l.trim()).find((l) => /version|\d+\.\d+/.test(l));
  if (!line) throw new Error(`${tool} ${flag}: no version printed (is it installed?)`);
  return line;
}

const TOOLS = {
  pdftotext: version("pdftotext", "-v"),
  pdftohtml: version("pdftohtml", "-v"),
  mutool: version("mutool", "-v"),
  pandoc: version("pandoc", "--version"),
};
type Tool = keyof typeof TOOLS;

interface Converter {
  id: string;
  tool: Tool;
  ext: ".txt" | ".html" | ".md";
  /** The argument list: input and output paths relative to the project root. */
  args(input: string, output: string): string[];
  /** Whether the tool writes to stdout (captured into the output file) rather than to `output`. */
  stdout?: boolean;
  /** Strip what would make the output differ from run to run. */
  clean?: (text: string) => { text: string; notes: string[] };
}

const stripPdftohtmlDate = (text: string) => {
  const cleaned = text.replace(/^<meta name="date" content="[^"]*"\/?>\r?\n/m, "");
  return { text: cleaned, notes: cleaned === text ? [] : ['removed the <meta name="date"> line (the PDF\'s creation date)'] };
};

const PDF_CONVERTERS: Converter[] = [
  { id: "pdftotext", tool: "pdftotext", ext: ".txt", args: (i, o) => ["-enc", "UTF-8", i, o] },
  { id: "pdftotext-raw", tool: "pdftotext", ext: ".txt", args: (i, o) => ["-enc", "UTF-8", "-raw", i, o] },
  { id: "pdftotext-layout", tool: "pdftotext", ext: ".txt", args: (i, o) => ["-enc", "UTF-8", "-layout", i, o] },
  { id: "mutool-txt", tool: "mutool", ext: ".txt", args: (i, o) => ["draw", "-q", "-F", "txt", "-o", o, i] },
  { id: "mutool-html", tool: "mutool", ext: ".html", args: (i, o) => ["draw", "-q", "-F", "html", "-o", o, i] },
  { id: "mutool-xhtml", tool: "mutool", ext: ".html", args: (i, o) => ["draw", "-q", "-F", "xhtml", "-o", o, i] },
  { id: "pdftohtml", tool: "pdftohtml", ext: ".html", stdout: true, args: (i) => ["-s", "-i", "-noframes", "-stdout", i], clean: stripPdftohtmlDate },
];

const pandoc = (to: "gfm" | "plain"): Converter => ({
  id: `pandoc-${to}`,
  tool: "pandoc",
  ext: to === "gfm" ? ".md" : ".txt",
  args: (i, o) => ["-f", "html", "-t", to, i, "-o", o],
});
const HTML_CONVERTERS = [pandoc("gfm"), pandoc("plain")];
/** pandoc of each PDF's pdftohtml output: the HTML a user gets from a PDF, then to text. */
const PDFTOHTML_PANDOC: Converter[] = HTML_CONVERTERS.map((c) => ({ ...c, id: `pdftohtml-${c.id}` }));

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

const entries: ManifestEntry[] = [];

function convert(converter: Converter, input: string, origin: string, style: string, expected: string): string {
  const stem = basename(origin).replace(/\.[^.]+$/, "");
  const output = `${OUT}/${converter.id}/${style}-${stem}${converter.ext}`;
  mkdirSync(join(root, OUT, converter.id), { recursive: true });
  const args = converter.args(input, output);
  const result = execFileSync(converter.tool, args, { cwd: root, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  if (converter.stdout) writeFileSync(join(root, output), result);
  let notes: string[] = [];
  if (converter.clean) {
    const cleaned = converter.clean(readFileSync(join(root, output), "utf8"));
    writeFileSync(join(root, output), cleaned.text);
    notes = cleaned.notes;
  }
  const bytes = readFileSync(join(root, output));
  entries.push({
    path: output,
    converter: converter.id,
    source: input,
    origin,
    command: [converter.tool, ...args].map(quote).join(" ") + (converter.stdout ? ` > ${output}` : ""),
    tool: converter.tool,
    version: TOOLS[converter.tool],
    postprocess: notes,
    expected,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  });
  return output;
}

// Start clean: only the converter folders this script writes (losses.json and others stay).
for (const c of [...PDF_CONVERTERS, ...HTML_CONVERTERS, ...PDFTOHTML_PANDOC]) rmSync(join(root, OUT, c.id), { recursive: true, force: true });
mkdirSync(join(root, OUT), { recursive: true });

const pdfRoot = "fixtures/pdf";
const styles = readdirSync(join(root, pdfRoot)).filter((d) => statSync(join(root, pdfRoot, d)).isDirectory()).sort();
for (const style of styles) {
  for (const name of readdirSync(join(root, pdfRoot, style)).filter((n) => n.toLowerCase().endsWith(".pdf")).sort()) {
    const pdf = `${pdfRoot}/${style}/${name}`;
    const expected = `fixtures/seeds/${name.replace(/\.pdf$/i, "")}.expected.json`;
    if (!existsSync(join(root, expected))) {
      console.error(`${pdf}: no ${expected}, skipped`);
      continue;
    }
    let html: string | undefined;
    for (const c of PDF_CONVERTERS) {
      const out = convert(c, pdf, pdf, style, expected);
      if (c.id === "pdftohtml") html = out;
    }
    if (html) for (const c of PDFTOHTML_PANDOC) convert(c, html, pdf, style, expected);
  }
}

const htmlRoot = "fixtures/html";
for (const name of readdirSync(join(root, htmlRoot)).filter((n) => /\.html?$/i.test(n)).sort()) {
  const input = `${htmlRoot}/${name}`;
  const expected = `${htmlRoot}/${name.replace(/\.html?$/i, "")}.expected.json`;
  if (!existsSync(join(root, expected))) continue;
  for (const c of HTML_CONVERTERS) convert(c, input, input, "html", expected);
}

const manifest: Manifest = {
  $comment:
    "Converter outputs of the PDF and HTML fixtures (scripts/convert-fixtures.ts), each scored against its filing's own record (scripts/score-converters.ts). Commands run from the project root.",
  tools: TOOLS,
  files: entries.sort((a, b) => a.path.localeCompare(b.path)),
};
writeFileSync(join(root, OUT, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`${entries.length} files converted into ${OUT}/ (${styles.length} PDF styles); manifest: ${OUT}/manifest.json`);

/**
 * The ledger of what each converter really loses: fixtures/converters/losses.json, in the shape of
 * fixtures/pdf/known-differences.json ({ "<converted file>": [ { path, reason } ] }, every file of
 * fixtures/converters/manifest.json listed, most with an empty list). A field is listed only when
 * the converter's output does not contain its value, so an engine that misses a field the text has
 * is never excused by it. Regenerate after convert-fixtures:
 *   npx tsc -p tsconfig.json && node dist/scripts/converter-losses.js
 *
 * How it decides, per expected leaf (the top-level source, warnings, quality, schemaVersion left out):
 * - Both sides are normalized alike: NFKC, all white space removed. The output is read in several
 *   views and a value counts as present if any view has it: the text as written; for HTML (and the
 *   raw HTML a markdown file carries) the text content, tags removed and entities decoded (head,
 *   style and script dropped); a view without table borders and markdown escapes (`|`, `+`, runs of
 *   `-`/`=`/`:`, `\`).
 * - Text (any string leaf not named below): present if a view contains it whole; else every
 *   character of the value must lie in some 4-character piece of the value that occurs in a view,
 *   and a run of characters that does not still counts as present when it occurs, with up to 4
 *   characters either side, as a subsequence of a window of 3×its length + 30 characters of a view
 *   (`世帯主 ○ との続柄`, `電子メール [ ] 紙`). So text cut into cells, columns or lines, or with
 *   marks and border characters between, is present; only characters the output does not have
 *   around there make a loss (lenient on purpose: a doubtful field stays the engine's). A change's
 *   `item` (headings joined with " > " by the record) is checked heading by heading. The reason
 *   names the missing pieces and what the output has in their place, and which other conversions
 *   of the same PDF have the value (none: the PDF itself lacks it; boxes the PDF prints as □/■
 *   glyphs where the value has `[ ]`/`[○]` are said so; fixtures/pdf/known-differences.json is quoted).
 * - Choice/Band: `value` is checked as text (the selected text); `option`, `min`, `maxExclusive`
 *   are listed exactly when their `value` is. DateValue: `iso` is listed exactly when its `raw` is.
 * - Checks: a label of `checked` survives when a view has a marked box right before it (`[○]`,
 *   `[■]`, `■`, `☑`, `[✓]` … then the label, with the start of its details if it has some:
 *   `その他(宛名システム兼連`). It is listed as lost only
 *   - from an HTML source: when the source marks it with `<input checked>` (no `[○]` typed as text
 *     there), the source's marked occurrences of that label pair one to one, in order, with the
 *     record's checked entries of it, and the output keeps no more marked occurrences than the
 *     source typed as text (pandoc drops the input; `[ <input checked> ] その他` → `[ ] その他`);
 *   - from a PDF: when another conversion of it has the mark before the label and this output has
 *     no marked box anywhere.
 *   Anything else (a mark that survives but stands apart from its label) is left to the engine.
 *   `details` are text.
 * - Left out, undecidable from the text alone: other numbers (`no`, counts), `form`, and the
 *   organization's derived `prefecture`, `lgCode`, `inferredFrom`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
process.chdir(root);

const K = 4;
const IGNORED_TOP_LEVEL = new Set(["source", "warnings", "quality", "schemaVersion"]);
const UNDECIDABLE = [/^form$/, /^organization\.(prefecture|lgCode|inferredFrom)$/];
const MARK_IN_BRACKETS = "○〇◯●◉☑✓✔■レ";
const MARK_ALONE = "■☑✓✔";
const MARK_TOKEN = new RegExp(`\\[[${MARK_IN_BRACKETS}]\\]|[${MARK_ALONE}]`, "u");

interface Entry {
  path: string;
  converter: string;
  origin: string;
  expected: string;
}
interface Loss {
  path: string;
  reason: string;
}

const norm = (s: string) => s.normalize("NFKC").replace(/[\s\u200b\ufeff]+/gu, "");

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " " };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<(head|style|script)\b[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]*>/g, " "),
  );
}

const withoutBorders = (s: string) => s.replace(/\\(?=[!-/:-@[-`{-~])/g, "").replace(/[-=:]{3,}/g, " ").replace(/[|+]/g, " ");

/** The normalized views of an output (see the header). */
function views(path: string, text: string): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    out.add(norm(s));
    out.add(norm(withoutBorders(s)));
  };
  if (/\.html?$/i.test(path)) add(htmlText(text));
  else {
    add(text);
    if (/<\/?[a-z][^>]*>/i.test(text)) add(htmlText(text));
  }
  return [...out];
}

interface Views {
  views: string[];
  grams: Set<string>;
  chars: Set<string>;
  marks: boolean;
}
function indexViews(vs: string[]): Views {
  const grams = new Set<string>();
  const chars = new Set<string>();
  for (const v of vs) {
    for (let i = 0; i + K <= v.length; i++) grams.add(v.slice(i, i + K));
    for (const c of v) chars.add(c);
  }
  return { views: vs, grams, chars, marks: vs.some((v) => MARK_TOKEN.test(v)) };
}

/** Whether `pattern` occurs in a view as a subsequence within a short window (text cut by cells, marks or columns). */
function nearby(pattern: string, index: Views): boolean {
  const limit = 3 * pattern.length + 30;
  for (const v of index.views) {
    for (let at = v.indexOf(pattern[0]!); at >= 0; at = v.indexOf(pattern[0]!, at + 1)) {
      let pos = at;
      let ok = true;
      for (let i = 1; i < pattern.length && ok; i++) {
        pos = v.indexOf(pattern[i]!, pos + 1);
        ok = pos >= 0 && pos - at < limit;
      }
      if (ok) return true;
    }
  }
  return false;
}

/**
 * The runs of the (normalized) value that the output does not have: [] when the value is present.
 * First every character must lie in a 4-character piece that occurs in a view; a run that does
 * not still counts as present when it occurs, with the pieces either side of it, as a subsequence
 * of a short window (`世帯主 ○ との続柄` for 世帯主との続柄; `電子メール [ ] 紙 [ ] 専用線`).
 */
function uncovered(value: string, index: Views): { start: number; text: string }[] {
  if (value.length === 0) return [];
  const covered = new Array<boolean>(value.length).fill(false);
  if (index.views.some((v) => v.includes(value))) return [];
  for (let i = 0; i + K <= value.length; i++) if (index.grams.has(value.slice(i, i + K))) covered.fill(true, i, i + K);
  const runs: { start: number; text: string }[] = [];
  for (let i = 0; i < value.length; i++) {
    if (covered[i]) continue;
    let j = i;
    while (j < value.length && !covered[j]) j++;
    const pattern = value.slice(Math.max(0, i - K), Math.min(value.length, j + K));
    if (!nearby(pattern, index)) runs.push({ start: i, text: value.slice(i, j) });
    i = j;
  }
  return runs;
}

const show = (s: string, max = 24) => "`" + (s.length > max ? s.slice(0, max) + "…" : s) + "`";

/** What the output has where a missing run should be: the text after the covered piece before it. */
function inPlace(value: string, run: { start: number; text: string }, index: Views): string | null {
  const before = value.slice(Math.max(0, run.start - 6), run.start);
  if (before.length < 3) return null;
  for (const v of index.views) {
    const at = v.indexOf(before);
    if (at >= 0) return v.slice(at, at + before.length + Math.max(6, run.text.length + 4));
  }
  return null;
}

function leaves(path: string, value: unknown, out: { path: string; value: unknown }[]): void {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => leaves(`${path}[${i}]`, v, out));
  else if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) {
      if (path === "" && IGNORED_TOP_LEVEL.has(k)) continue;
      leaves(path ? `${path}.${k}` : k, v, out);
    }
  } else out.push({ path, value });
}

const manifest = JSON.parse(readFileSync("fixtures/converters/manifest.json", "utf8")) as { files: Entry[] };
const pdfKnown: Record<string, Loss[]> = existsSync("fixtures/pdf/known-differences.json")
  ? JSON.parse(readFileSync("fixtures/pdf/known-differences.json", "utf8"))
  : {};

const outputs = new Map<string, Views>();
for (const e of manifest.files) outputs.set(e.path, indexViews(views(e.path, readFileSync(e.path, "utf8"))));

/** What the converter started from, to tell a converter's loss from the PDF's own. */
const references = new Map<string, Views>();
function reference(origin: string, except: string): Views {
  const key = `${origin}\u0000${except}`;
  let ref = references.get(key);
  if (!ref) {
    const vs = origin.toLowerCase().endsWith(".pdf")
      ? manifest.files.filter((e) => e.origin === origin && e.path !== except).flatMap((e) => outputs.get(e.path)!.views)
      : views(origin, readFileSync(origin, "utf8"));
    ref = indexViews(vs);
    // An HTML source marks its boxes with <input checked>, which no text view shows.
    if (!origin.toLowerCase().endsWith(".pdf") && /<input\b[^>]*\bchecked/i.test(readFileSync(origin, "utf8"))) ref.marks = true;
    references.set(key, ref);
  }
  return ref;
}

const DESCRIBE: Record<string, string> = {
  "pandoc-gfm": "pandoc -t gfm",
  "pandoc-plain": "pandoc -t plain",
  "pdftohtml-pandoc-gfm": "pdftohtml then pandoc -t gfm",
  "pdftohtml-pandoc-plain": "pdftohtml then pandoc -t plain",
};

function textLoss(e: Entry, value: string, index: Views): string | null {
  const v = norm(value);
  const runs = uncovered(v, index);
  if (runs.length === 0) return null;
  const tool = DESCRIBE[e.converter] ?? e.converter;
  const pdf = e.origin.toLowerCase().endsWith(".pdf");
  const pieces = runs.slice(0, 3).map((r) => show(r.text)).join(", ") + (runs.length > 3 ? ` and ${runs.length - 3} more` : "");
  const absentChars = [...new Set(runs.flatMap((r) => [...r.text]).filter((c) => !index.chars.has(c)))];
  const place = runs.map((r) => ({ r, at: inPlace(v, r, index) })).find((x) => x.at);
  const where = place ? `; where it stood the output has ${show(place.at!, 40)}` : "";
  const chars = absentChars.length > 0 ? `; ${absentChars.slice(0, 6).map((c) => show(c)).join(" ")} occur nowhere in the output` : "";
  if (pdf) {
    const having = manifest.files.filter((o) => o.origin === e.origin && o.path !== e.path && uncovered(v, outputs.get(o.path)!).length === 0).map((o) => o.converter);
    if (having.length > 0) return `${tool} loses ${pieces} (${having.join(", ")} have it)${where}${chars}`;
    const asGlyphs = v.replace(/\[\]/g, "□").replace(/\[[○〇]\]/g, "■");
    if (asGlyphs !== v && uncovered(asGlyphs, index).length === 0) {
      return `the value holds the form's boxes as text (${pieces}); this PDF prints boxes as □/■ glyphs, so no conversion of ${e.origin} has the brackets${where}`;
    }
    const known = (pdfKnown[e.origin] ?? []).find((k) => k.path === currentPath);
    return `${pieces} is in no conversion of ${e.origin}: the PDF does not carry it${known ? ` (fixtures/pdf/known-differences.json: ${known.reason})` : ""}${where}${chars}`;
  }
  const inSource = uncovered(v, reference(e.origin, e.path)).length === 0;
  return `${tool} loses ${pieces} (${inSource ? `${e.origin} has it` : `not in ${e.origin} either`})${where}${chars}`;
}

let currentPath = "";
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MARK_BEFORE = `(?:\\[[${MARK_IN_BRACKETS}]\\]|[${MARK_ALONE}])`;

/** An HTML source's text with its form inputs drawn as boxes: ☑ for a checked one, □ for the rest. */
const inputViews = new Map<string, string[]>();
function sourceWithInputs(origin: string): string[] {
  let vs = inputViews.get(origin);
  if (!vs) {
    const html = readFileSync(origin, "utf8").replace(/<input\b[^>]*\bchecked\b[^>]*>/gi, "☑").replace(/<input\b[^>]*>/gi, "□");
    vs = [norm(htmlText(html))];
    inputViews.set(origin, vs);
  }
  return vs;
}

/**
 * A checked label is lost when its source marks it and the output has it with no mark before it
 * anywhere. The label is looked for with the start of its details when it has some
 * (`その他(宛名システム兼連携…`), so that another group's `[○] その他` does not count.
 * HTML source: marked there only by <input checked> (pandoc keeps a `[○]` typed as text).
 * PDF source: another conversion has the mark before it, and this output has no mark at all (a
 * mark that survives elsewhere may just stand apart from its label: the engine's problem).
 */
function checkLoss(e: Entry, label: string, details: string | undefined, index: Views): string | null {
  const context = norm(label) + (details ? "(" + norm(details).slice(0, 6) : "");
  const marked = new RegExp(MARK_BEFORE + escapeRe(context), "u");
  if (index.views.some((v) => marked.test(v))) return null;
  const tool = DESCRIBE[e.converter] ?? e.converter;
  const seenAs = (() => {
    for (const v of index.views) {
      const i = v.indexOf(context);
      if (i >= 0) return v.slice(Math.max(0, i - 4), i + context.length + 4);
    }
    return null;
  })();
  const inOutput = seenAs ? `the output has ${show(seenAs, 40)}, with no mark` : `the output does not have ${show(context)} at all`;
  if (e.origin.toLowerCase().endsWith(".pdf")) {
    if (index.marks) return null;
    const others = manifest.files.filter((o) => o.origin === e.origin && o.path !== e.path && outputs.get(o.path)!.views.some((v) => marked.test(v)));
    if (others.length === 0) return null;
    return `${tool} keeps no marked box anywhere (${others.map((o) => o.converter).join(", ")} keep the mark before ${show(context)}): ${inOutput}`;
  }
  // HTML source: its marked occurrences of the label, in document order, paired with the record's
  // checked entries of the same label and details in record order (undecidable unless as many).
  const withInputs = sourceWithInputs(e.origin)[0]!;
  const all = new RegExp(MARK_BEFORE + escapeRe(context), "gu");
  const occurrences = [...withInputs.matchAll(all)].map((m) => (m[0].includes("☑") ? "input" : "text"));
  const entries = checkedEntries.filter((c) => norm(c.label) + (c.details ? "(" + norm(c.details).slice(0, 6) : "") === context);
  const mine = entries.findIndex((c) => c.path === currentPath);
  if (occurrences.length !== entries.length || mine < 0 || occurrences[mine] !== "input") return null;
  const kept = Math.max(0, ...index.views.map((v) => [...v.matchAll(all)].length));
  if (kept > occurrences.filter((o) => o === "text").length) return null;
  return `${tool} drops <input checked>: ${e.origin} marks ${show(context)} here only with \`[ <input checked> ]\` (the source marks it ${occurrences.length} times, ${occurrences.filter((o) => o === "text").length} of them as text \`[○]\`; the output keeps ${kept}): ${inOutput}`;
}

let checkedEntries: { path: string; label: string; details: string | undefined }[] = [];

function detailsOf(record: unknown, path: string): Record<string, string> | undefined {
  let node: unknown = record;
  for (const part of path.match(/[^.[\]]+/g) ?? []) node = node == null ? undefined : (node as Record<string, unknown>)[part];
  return node && typeof node === "object" ? (node as Record<string, string>) : undefined;
}

const ledger: Record<string, Loss[] | string> = {
  $comment:
    "What each converter's output really lacks (scripts/converter-losses.ts decides it from the text; see its header): per converted file, the expected fields whose value is not in the output, with why. An engine that misses a field the output has is not excused here.",
};
const counts: Record<string, number> = {};
for (const e of manifest.files) {
  const expected = JSON.parse(readFileSync(e.expected, "utf8"));
  const all: { path: string; value: unknown }[] = [];
  leaves("", expected, all);
  const index = outputs.get(e.path)!;
  const lost = new Map<string, string>();
  checkedEntries = all
    .filter((l) => /\.checked\[\d+\]$/.test(l.path) && typeof l.value === "string")
    .map((l) => ({ path: l.path, label: l.value as string, details: detailsOf(expected, l.path.replace(/\.checked\[\d+\]$/, ".details"))?.[l.value as string] }));
  for (const { path, value } of all) {
    currentPath = path;
    if (UNDECIDABLE.some((re) => re.test(path))) continue;
    if (typeof value !== "string" || value === "") continue;
    if (/\.iso$/.test(path)) continue; // follows its raw
    let reason: string | null;
    if (/\.checked\[\d+\]$/.test(path)) {
      const details = detailsOf(expected, path.replace(/\.checked\[\d+\]$/, ".details"))?.[value];
      reason = checkLoss(e, value, details, index);
    }
    else if (/^changes\[\d+\]\.item$/.test(path)) {
      // The record joins the headings of a change's place with " > ": each heading is text of its own.
      const parts = value.split(" > ").map((part) => textLoss(e, part, index)).filter((r): r is string => r !== null);
      reason = parts.length > 0 ? parts.join("; ") : null;
    } else reason = textLoss(e, value, index);
    if (reason) lost.set(path, reason);
  }
  // Derived leaves follow their text: a Choice's option (and a Band's bounds), a date's iso.
  for (const { path, value } of all) {
    if (value === null || value === "") continue;
    const m = /^(.*)\.(option|min|maxExclusive|iso)$/.exec(path);
    if (!m) continue;
    const from = `${m[1]}.${m[2] === "iso" ? "raw" : "value"}`;
    if (lost.has(from)) lost.set(path, `follows ${from.split(".").at(-1)}, which is lost: ${lost.get(from)}`);
  }
  const order = all.map((l) => l.path);
  const list = [...lost].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([path, reason]) => ({ path, reason }));
  ledger[e.path] = list;
  counts[e.converter] = (counts[e.converter] ?? 0) + list.length;
}
writeFileSync("fixtures/converters/losses.json", JSON.stringify(ledger, null, 2) + "\n");
for (const [c, n] of Object.entries(counts)) console.log(`${c.padEnd(24)} ${String(n).padStart(4)} fields lost`);

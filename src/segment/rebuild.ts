import { ANNEX_FILE_THEN_GROUP, ANNEX_GROUP_THEN_ITEMS } from "../../data/annex.js";
import { ALL_LABEL_KEYS } from "../../data/labels.js";
import { FORM_OUTLINES } from "../../data/outline.js";
import { BLOCK_HEADING, OTHER_RISKS_LABEL, RISK_HEADING, RISK_NAME_END } from "../../data/structure.js";
import { CIRCLED_NUMBERS, foldForMatch, labelKey } from "../../normalizers/text.js";
import { htmlToText } from "../html/toText.js";
import type { SourceLine } from "../model.js";
import { unwrapParagraph } from "./paragraphs.js";
import { BOX_START, VALUE_START } from "../../normalizers/glyphs.js";

/**
 * A print's lines (LoadedDocument.printed) put back into the rows the form has where the print
 * wrapped a heading or a label in its narrow cell: `4. 特定個人情報ファイルの取扱` + `いの委託`,
 * `④移転する情報の対象となる本` + `人の数`, `リスク: 委託先における不正な使用` + `等のリスク`. A
 * converter may also put the value and its option list between the label's lines
 * (`②過去3年以内に、評価実施機 [ 発生なし ]`, `<選択肢> …`, `関において、…`, `重大事故が発生したか`).
 * The form's own vocabulary decides: a line's start is completed by the lines after it only while
 * together they are more of a heading or label the form has. Pure: lines → lines.
 */

/** Every heading the forms print, folded, with its number (`4.特定個人情報ファイルの取扱いの委託`). */
const HEADINGS: string[] = [
  ...new Set(
    Object.values(FORM_OUTLINES).flatMap((parts) => parts.flatMap((p) => [p.title, ...p.sections.map((s) => s.title)])).map((t) => foldForMatch(t)),
  ),
];
const LABEL_KEYS = [...ALL_LABEL_KEYS].filter((k) => k.length >= 4);
const ALL_LABELS = [...ALL_LABEL_KEYS].filter((k) => k.length >= 2);

/** How far ahead the rest of a label is looked for (its value and option list can stand between). */
const LOOKAHEAD = 6;
/** A start shorter than this is no start of a heading or label: `1.`, `(1)`. */
const MIN_START = 4;
/** A label's start can be shorter (`使用者` + `数`): the lines after it must make the whole label. */
const MIN_LABEL_START = 3;

type Vocabulary = "heading" | "label";

/** The heading or label a text is the start of (not the whole of), if any. */
function startOf(text: string): Vocabulary | null {
  const folded = foldForMatch(text);
  if (folded.length >= MIN_START && !HEADINGS.includes(folded) && HEADINGS.some((h) => h.length > folded.length && h.startsWith(folded))) return "heading";
  const key = labelKey(text);
  if (key.length >= MIN_LABEL_START && !ALL_LABEL_KEYS.has(key) && LABEL_KEYS.some((k) => k.length > key.length && k.startsWith(key))) return "label";
  return null;
}

/** Whether `joined` is still (or at last the whole of) a heading or label of that kind. */
function stillOf(kind: Vocabulary, joined: string): "more" | "whole" | null {
  if (kind === "heading") {
    const folded = foldForMatch(joined);
    if (HEADINGS.includes(folded)) return "whole";
    return HEADINGS.some((h) => h.startsWith(folded)) ? "more" : null;
  }
  const key = labelKey(joined);
  if (ALL_LABEL_KEYS.has(key)) return "whole";
  return LABEL_KEYS.some((k) => k.startsWith(key)) ? "more" : null;
}


function split(text: string): { head: string; value: string } {
  const at = text.search(VALUE_START);
  return at > 0 ? { head: text.slice(0, at).trim(), value: text.slice(at).trim() } : { head: text.trim(), value: "" };
}

/** The adjacent-line cases of the rows that have no vocabulary of their own: a risk, the row closing a section. */
function joinsRisk(line: string, joined: string): boolean {
  const a = foldForMatch(line);
  const b = foldForMatch(joined);
  const risk = RISK_HEADING.exec(a);
  if (risk && !RISK_NAME_END.test(risk[2]!) && RISK_HEADING.test(b) && RISK_NAME_END.test(b) && b.length - a.length <= 20) return true;
  return !OTHER_RISKS_LABEL.test(labelKey(line)) && OTHER_RISKS_LABEL.test(labelKey(joined)) && b.length - a.length <= 30;
}

/** A cell's text: positioned HTML's cells are markup (`4.&nbsp;特定…`). */
const cellText = (cell: string) => htmlToText(cell).replace(/\u00a0/g, " ").trim();
const textOf = (line: SourceLine) => line.cells.map(cellText).join(" ").trim();

/** A line that starts a row of the form: a numbered label or section, or a heading or label (or its start). */
function beginsRow(text: string): boolean {
  const folded = foldForMatch(text);
  if (CIRCLED.test(folded) || /^\d{1,2}\.\S/.test(folded)) return true;
  const head = split(text).head;
  return startOf(head) !== null || ALL_LABEL_KEYS.has(labelKey(head)) || HEADINGS.includes(foldForMatch(head));
}

/** How much of the text after a break point is looked at (bounds the work on a long line). */
const PEEK = 80;
const CIRCLED = new RegExp(`^[${CIRCLED_NUMBERS}]`);

/**
 * Whether a line's text can break before this point: what follows is a heading of the form in
 * full, a numbered label of the form (`②事務の内容`), a block (`システム2`) or a risk (`リスク1:`).
 * A converter that writes a whole block of the print as one paragraph (mutool's xhtml) runs
 * them into one line; text that only mentions them does not match whole.
 */
function startsRow(rest: string): boolean {
  const folded = foldForMatch(rest.slice(0, PEEK));
  // A circled number is the form's own numbering: any label of the form after it (`①事務の名称`).
  if (CIRCLED.test(folded)) return ALL_LABELS.some((k) => labelKey(folded).startsWith(k));
  if (/^\d{1,2}\./.test(folded) || /^(?:I|II|III|IV|V|VI)[^A-Za-z]/.test(folded) || /^\(?別添/.test(folded)) return HEADINGS.some((h) => folded.startsWith(h));
  // 別添1's own notation: a file (`(1) 資格管理ファイル`) and a group with its items (`【識別情報】 1.個人番号,…`).
  const head = rest.slice(0, PEEK).normalize("NFKC");
  if (ANNEX_GROUP_THEN_ITEMS.test(head) || ANNEX_FILE_THEN_GROUP.test(head)) return true;
  return BLOCK_HEADING.test(folded) || RISK_HEADING.test(folded);
}


/** How many of a paragraph's first pieces a label its cell wrapped can take. */
const LABEL_PIECES = 4;

/**
 * A paragraph that starts with a label its narrow cell wrapped, the lines joined by the
 * converter with spaces (`委託契約書中の特定個人情報フ ァイルの取扱いに関する規定 [ 定めている ]`):
 * the label's pieces joined again where together they are a label of the form.
 */
function joinSpacedLabel(text: string): string {
  const pieces = text.split(" ");
  if (ALL_LABEL_KEYS.has(labelKey(pieces[0]!))) return text;
  for (let n = Math.min(LABEL_PIECES, pieces.length); n >= 2; n--) {
    const joined = pieces.slice(0, n).join("");
    if (ALL_LABEL_KEYS.has(labelKey(joined))) return [joined, ...pieces.slice(n)].join(" ");
  }
  return text;
}

/** `委託事項1 国民年金システムの保守業務` on one line: the block's heading and its title, as two cells. */
function blockAndTitle(text: string): string[] {
  const m = /^(\S+)\s+(\S.*)$/.exec(text);
  if (!m) return [text];
  const heading = BLOCK_HEADING.exec(foldForMatch(m[1]!));
  return heading && heading[0].length === foldForMatch(m[1]!).length ? [m[1]!, m[2]!] : [text];
}

/** The longest a risk's heading runs (the form's longest is about 50 characters). */
const RISK_NAME_MAX = 120;

/** A risk's heading whose name is whole (it ends with リスク). */
function endsRiskName(text: string): boolean {
  const folded = foldForMatch(text);
  return RISK_HEADING.test(folded) && RISK_NAME_END.test(folded);
}

/** Text that starts with one of the form's labels (of four characters or more). */
function startsLabel(text: string): boolean {
  const folded = foldForMatch(text.slice(0, PEEK));
  return LABEL_KEYS.some((k) => folded.startsWith(k));
}

/** A one-cell line run together from several rows of the print, split where its rows begin. */
export function splitRunTogether(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i < text.length; i++) {
    if (!/\s/.test(text[i - 1]!) || /\s/.test(text[i]!)) continue;
    // A whole heading of the form, then its first row's text (`4. 特定個人情報ファイルの取扱いの委託 委託の有無 […]`).
    // Its box (`[○] 委託しない`) stays on the heading's row, which carries it.
    // What follows, as far as any start of a row is looked for (a bounded slice: a line can be long).
    const rest = text.slice(i, i + PEEK);
    const endsHeading = i - start <= PEEK && !BOX_START.test(rest) && HEADINGS.includes(foldForMatch(text.slice(start, i)));
    // A risk's name (`リスク1: …リスク`), then the first label under it (`リスクに対する措置の内容 …`).
    const endsRisk = i - start <= RISK_NAME_MAX && endsRiskName(text.slice(start, i)) && startsLabel(rest);
    if (!endsHeading && !endsRisk && !startsRow(rest)) continue;
    pieces.push(text.slice(start, i).trim());
    start = i;
  }
  pieces.push(text.slice(start).trim());
  return pieces.filter((p) => p !== "");
}

export function rebuildPrintedLines(input: SourceLine[], options: { paragraphs?: boolean } = {}): SourceLine[] {
  // A paragraph's lines that the converter joined with spaces go on where the print wrapped them (src/segment/paragraphs.ts).
  const unwrap = (text: string) => (options.paragraphs ? joinSpacedLabel(unwrapParagraph(text, (rest) => startsRow(rest) || beginsRow(rest.split(" ")[0]!))) : text);
  const lines = input.flatMap((line) =>
    line.cells.length === 1 ? splitRunTogether(line.cells[0]!).map((text) => ({ ...line, cells: blockAndTitle(unwrap(text)) })) : [line],
  );
  const out: SourceLine[] = [];
  const used = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (used.has(i)) continue;
    const line = lines[i]!;
    const text = textOf(line);
    // A row of cells (positioned HTML: `4. 特定個人情報ファイルの取扱` | `[ ] 委託しない`) has its
    // label in the first cell; the rest of the label comes on lines of its own below it.
    const { head, value } = split(line.cells.length === 1 ? text : cellText(line.cells[0]!));
    const otherCells = line.cells.slice(1);
    const kind = startOf(head);
    if (kind) {
      // Take the lines that go on with the label, wherever they stand within the lookahead.
      let label = head;
      const taken: number[] = [];
      let whole = false;
      for (let j = i + 1; j < lines.length && j <= i + LOOKAHEAD && !whole; j++) {
        if (used.has(j)) continue;
        // In a row of cells the label's rest is its first cell (`ァイルの取扱いに関する規定` | its value's next line).
        const next = lines[j]!.cells.length === 1 ? textOf(lines[j]!) : cellText(lines[j]!.cells[0]!);
        // A line that begins a label of its own ends a label's search: what follows is its. A
        // heading in a tall merged cell has the rows beside it between its lines: they are passed.
        if (beginsRow(next)) {
          if (kind === "heading") continue;
          break;
        }
        const state = stillOf(kind, label + next);
        if (state === null) continue;
        label += next;
        taken.push(j);
        whole = state === "whole";
      }
      if (whole) {
        for (const j of taken) {
          const rest = lines[j]!.cells.slice(1);
          if (rest.length === 0) used.add(j);
          else lines[j] = { ...lines[j]!, cells: rest, ...(lines[j]!.lefts ? { lefts: lines[j]!.lefts!.slice(1) } : {}) };
        }
        const lefts = line.lefts ? [line.lefts[0]!, ...(value === "" ? [] : [line.lefts[0]!]), ...line.lefts.slice(1)] : undefined;
        out.push({ ...line, cells: [label, ...(value === "" ? [] : [value]), ...otherCells], ...(lefts ? { lefts } : {}) });
        continue;
      }
    }
    const following = lines[i + 1];
    if (following && !used.has(i + 1) && line.cells.length === 1 && following.cells.length === 1 && joinsRisk(text, text + textOf(following))) {
      used.add(i + 1);
      out.push({ ...line, cells: [text + textOf(following)] });
      continue;
    }
    out.push(line);
  }
  return out;
}

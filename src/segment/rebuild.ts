import { ALL_LABEL_KEYS } from "../../data/labels.js";
import { FORM_OUTLINES } from "../../data/outline.js";
import { OTHER_RISKS_LABEL, RISK_HEADING } from "../../data/structure.js";
import { foldForMatch, labelKey } from "../../normalizers/text.js";
import type { SourceLine } from "../model.js";

/**
 * A print's lines (LoadedDocument.printed) put back into the rows the form has where the print
 * wrapped a heading or a label in its narrow cell: `4. 特定個人情報ファイルの取扱` + `いの委託`,
 * `④移転する情報の対象となる本` + `人の数`, `リスク: 委託先における不正な使用` + `等のリスク`.
 * The form's own vocabulary decides: a line is joined with the next only when it is the start of
 * a heading or label the form has and the two together are more of it. Pure: lines → lines.
 */

/** Every heading the forms print, folded, with its number (`4.特定個人情報ファイルの取扱いの委託`). */
const HEADINGS: string[] = [
  ...new Set(
    Object.values(FORM_OUTLINES).flatMap((parts) => parts.flatMap((p) => [p.title, ...p.sections.map((s) => s.title)])).map((t) => foldForMatch(t)),
  ),
];
const LABEL_KEYS = [...ALL_LABEL_KEYS].filter((k) => k.length >= 6);

/** How many lines one heading or label can be wrapped over. */
const MAX_PIECES = 4;
/** A piece shorter than this is no start of a heading: `1.`, `(1)`. */
const MIN_START = 4;

const startsHeading = (folded: string) => folded.length >= MIN_START && HEADINGS.some((h) => h.length > folded.length && h.startsWith(folded));
const isHeading = (folded: string) => HEADINGS.includes(folded);
const startsLabel = (key: string) => key.length >= MIN_START && LABEL_KEYS.some((k) => k.length > key.length && k.startsWith(key));
const isLabel = (key: string) => ALL_LABEL_KEYS.has(key);

/** Whether `joined` is more of the same heading or label than `line` was. */
function continues(line: string, joined: string): boolean {
  const a = foldForMatch(line);
  const b = foldForMatch(joined);
  if (startsHeading(a) && (isHeading(b) || startsHeading(b))) return true;
  const ka = labelKey(line);
  const kb = labelKey(joined);
  if (startsLabel(ka) && (isLabel(kb) || startsLabel(kb))) return true;
  // A risk's name wraps before its last word: `…不正な使用` + `等のリスク`.
  const risk = RISK_HEADING.exec(a);
  if (risk && !/リスク$/.test(risk[2]!) && RISK_HEADING.test(b) && /リスク$/.test(b) && b.length - a.length <= 20) return true;
  // The row that closes a section: `…におけるその他のリスク及び` + `そのリスクに対する措置`.
  if (!OTHER_RISKS_LABEL.test(ka) && OTHER_RISKS_LABEL.test(kb) && b.length - a.length <= 30) return true;
  return false;
}

/** The text of a print's line (it has one cell). */
const textOf = (line: SourceLine) => line.cells.join(" ");

export function rebuildPrintedLines(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let text = textOf(line).trim();
    for (let pieces = 1; pieces < MAX_PIECES && i + 1 < lines.length; pieces++) {
      const joined = text + textOf(lines[i + 1]!).trim();
      if (!continues(text, joined)) break;
      text = joined;
      i++;
    }
    if (text !== textOf(line).trim()) line = { ...line, cells: [text] };
    out.push(line);
  }
  return out;
}

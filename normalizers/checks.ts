import { EMPTY_BOX_GLYPHS, MARK_CHARS, MARKED_BOX_GLYPHS } from "../data/options.js";
import { foldForMatch, normalizeText } from "./text.js";

export interface Checks {
  checked: string[];
  details: Record<string, string>;
}

export interface ChecksResult {
  checks: Checks;
  /** Labels found in the text, in order (with their mark), for callers that need more. */
  found: { label: string; marked: boolean; count: number | null }[];
  /** No box is marked: where the form needs a mark, the conversion probably lost it. */
  noMark: boolean;
}

/** A group with nothing marked and no details (a fresh object: records are not shared). */
export function emptyChecks(): Checks {
  return { checked: [], details: {} };
}

/** A box: `[ ]`, `[○]`, `[ ☑ ]`… (at most three characters inside), or a glyph ■ □ ☑ ☐. */
const BOX = new RegExp(`\\[[^\\[\\]]{0,3}\\]|[${MARKED_BOX_GLYPHS}${EMPTY_BOX_GLYPHS}]`, "g");
const MARK = new RegExp(`[${MARK_CHARS}]`);

function isMarked(box: string): boolean {
  if (box.length === 1) return MARKED_BOX_GLYPHS.includes(box);
  return MARK.test(box.slice(1, -1));
}

/**
 * The text with its white space removed, and where each remaining character stood, so that a
 * label can be found however a converter spaced it and its details still be cut from the
 * original text.
 */
function compact(text: string): { chars: string; at: number[] } {
  let chars = "";
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    chars += text[i];
    at.push(i);
  }
  return { chars, at };
}

/** The balanced parenthesised text starting at `open` (a "(" in `s`), or null. */
function balancedParens(s: string, open: number): { inner: string; end: number } | null {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") {
      depth--;
      if (depth === 0) return { inner: s.slice(open + 1, i), end: i + 1 };
    }
  }
  return null;
}

interface Placed {
  label: string;
  start: number;
  end: number;
}

/**
 * Where each label stands. Longer labels are placed first, so that a short one is never found
 * inside a long one (フラッシュメモリ in 電子記録媒体(フラッシュメモリを除く。), その他 in
 * その他識別情報); an occurrence right after a box is preferred. Labels may stand in any order:
 * a two-column layout reads column by column.
 */
function placeLabels(chars: string, labels: readonly string[], boxEnds: Set<number>): Placed[] {
  const placed: Placed[] = [];
  const free = (start: number, end: number) => placed.every((p) => end <= p.start || start >= p.end);
  const byLength = [...labels].sort((a, b) => foldForMatch(b).length - foldForMatch(a).length);
  for (const label of byLength) {
    const key = foldForMatch(label);
    let chosen = -1;
    for (let i = chars.indexOf(key); i >= 0; i = chars.indexOf(key, i + 1)) {
      if (!free(i, i + key.length)) continue;
      if (chosen < 0) chosen = i;
      if (boxEnds.has(i)) {
        chosen = i;
        break;
      }
    }
    if (chosen >= 0) placed.push({ label, start: chosen, end: chosen + key.length });
  }
  return placed.sort((a, b) => a.start - b.start);
}

/**
 * Resolve a group of boxes: which of the official labels are marked, and what each option's
 * parentheses hold (`その他 ( 中間サーバー )`, or a count `( 3 ) 件`).
 */
export function resolveChecks(plain: string, labels: readonly string[]): ChecksResult {
  const text = plain.normalize("NFKC");
  const { chars, at } = compact(text);
  const boxes = [...chars.matchAll(BOX)].map((m) => ({ start: m.index, end: m.index + m[0].length, marked: isMarked(m[0]) }));
  const placed = placeLabels(chars, labels, new Set(boxes.map((b) => b.end)));
  const marks = new Map<string, boolean>();
  const counts = new Map<string, number | null>();
  const details: Record<string, string> = {};
  const original = (from: number, to: number) => (from < to ? text.slice(at[from]!, at[to - 1]! + 1) : "");
  placed.forEach((place, i) => {
    const previousEnd = i > 0 ? placed[i - 1]!.end : 0;
    const nextStart = i + 1 < placed.length ? placed[i + 1]!.start : chars.length;
    marks.set(place.label, boxes.some((b) => b.start >= previousEnd && b.end <= place.start && b.marked));
    // What follows the label up to the next box: `( detail )`, `( 3 ) 件`, or an unclosed `( detail`.
    const nextBox = boxes.find((b) => b.start >= place.end)?.start ?? chars.length;
    const until = Math.min(nextBox, nextStart);
    if (chars[place.end] !== "(") return;
    const parens = balancedParens(chars, place.end);
    if (parens && parens.end <= until) {
      if (chars[parens.end] === "件") {
        counts.set(place.label, /^\d+$/.test(parens.inner) ? Number(parens.inner) : null);
        return;
      }
      // Text the form's fixed ")" cut off: `( …、保健所 ) システム、学務システム等`.
      const tail = i + 1 === placed.length ? original(parens.end, until).replace(/^\s+/, "") : "";
      const detail = normalizeText(original(place.end + 1, parens.end - 1) + tail);
      if (detail !== null) details[place.label] = detail;
    } else {
      // An unclosed `(`: the converter moved the ")" to another cell.
      const detail = normalizeText(original(place.end + 1, until).replace(/\)\s*$/, ""));
      if (detail !== null) details[place.label] = detail;
    }
  });
  const checks: Checks = { checked: labels.filter((l) => marks.get(l) === true), details: {} };
  for (const label of labels) if (details[label] !== undefined) checks.details[label] = details[label]!;
  const found = labels
    .filter((l) => marks.has(l))
    .map((label) => ({ label, marked: marks.get(label)!, count: counts.get(label) ?? null }));
  return { checks, found, noMark: checks.checked.length === 0 };
}

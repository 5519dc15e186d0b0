import { OPTION_LISTS, type OptionListName } from "../data/options.js";
import { foldForMatch, normalizeText } from "./text.js";
import { allowedSlips, editDistance } from "./similarity.js";
import { ANY_BRACKET, BRACKET_MARK, BRACKET_START, BRACKETS_AND_BOXES, HALF_BOXED, SELECTION } from "./glyphs.js";

/** Every list name, for rows whose list the form does not pin down. */
export const ALL_OPTION_LISTS = Object.keys(OPTION_LISTS) as OptionListName[];

export interface Choice {
  value: string | null;
  option: number | null;
}

export type ChoiceIssue = "option-unknown" | "option-approximate";

export interface ChoiceResult {
  choice: Choice | null;
  /** Which official list the value matched, when several were tried. */
  list: OptionListName | null;
  issue: ChoiceIssue | null;
}

/** `<選択肢>` in its spellings (after NFKC ＜＞ are < >). */
export const OPTIONS_MARKER = /<\s*選\s*択\s*肢\s*>/;
/** The numbered options printed after <選択肢>: `1) 十分である`. */
const NUMBERED_OPTION = /(?:^|\s)\d{1,2}\)\s*[^\s]+/g;

/** The text the document shows as selected, or null when the selection is empty. */
export function selectedText(plain: string): string | null {
  const text = plain.normalize("NFKC");
  for (const m of text.matchAll(SELECTION)) {
    // The brackets hold the value only: an option list inside them is a converter's interleaving
    // of the next lines (`[ 十分である <選択肢> 1 2) 十分である ]`), the value is what comes before it.
    const inside = m[1]!.split(OPTIONS_MARKER)[0]!;
    const content = normalizeText(inside.replace(BRACKET_MARK, " "));
    if (content !== null && !/^\d{1,2}\)/.test(content)) return content;
  }
  // `[ ] 値 ]`, `□ 値 ]`: the opening bracket printed as an empty box.
  const halfBoxed = HALF_BOXED.exec(text);
  if (halfBoxed) {
    const content = normalizeText(halfBoxed[1]!);
    if (content !== null && !/^\d{1,2}\)/.test(content)) return content;
  }
  if (ANY_BRACKET.test(text)) return null; // brackets that hold nothing: nothing selected
  // No brackets at all: the selection stands as plain text before the option list.
  const marker = text.search(OPTIONS_MARKER);
  const before = marker >= 0 ? text.slice(0, marker) : text;
  // Box glyphs alone (`□ <選択肢> …`: the empty brackets printed as a box) select nothing.
  return normalizeText(before.replace(NUMBERED_OPTION, " ").replace(BRACKETS_AND_BOXES, " "));
}

/** Match a value to a list: exact after folding, the option written twice, or a few slips. */
export function matchOption(value: string, options: readonly string[]): { option: number | null; approximate: boolean } {
  const folded = foldForMatch(value);
  const foldedOptions = options.map(foldForMatch);
  const exact = foldedOptions.indexOf(folded);
  if (exact >= 0) return { option: exact + 1, approximate: false };
  // A converter may repeat the value ("十分である 十分である").
  const repeated = foldedOptions.findIndex((o) => o.length > 0 && folded.length % o.length === 0 && o.repeat(folded.length / o.length) === folded);
  if (repeated >= 0) return { option: repeated + 1, approximate: true };
  let best: { i: number; d: number } | null = null;
  foldedOptions.forEach((o, i) => {
    const d = editDistance(folded, o);
    if (d <= allowedSlips(o.length) && (best === null || d < best.d)) best = { i, d };
  });
  return best === null ? { option: null, approximate: false } : { option: (best as { i: number }).i + 1, approximate: true };
}

/** A printed option: `1) 特に力を入れている`, up to the next number, bracket or the end. */
const PRINTED_OPTION = /(?:^|\s)(\d{1,2})\)\s*(.+?)(?=\s+\d{1,2}\)|\s*[\[<]|$)/gm;

/**
 * The option list the document prints with the selection (`<選択肢> 1) … 2) …`), by number.
 * The first text printed for a number wins.
 */
export function printedOptions(plain: string): string[] {
  const text = plain.normalize("NFKC").replace(SELECTION, " ");
  const options: string[] = [];
  for (const m of text.matchAll(PRINTED_OPTION)) {
    const n = Number(m[1]);
    const label = normalizeText(m[2]!);
    if (label !== null && options[n - 1] === undefined && n <= 20) options[n - 1] = label;
  }
  // A list with a number missing is not a list we can trust (and `every` skips holes).
  for (let i = 0; i < options.length; i++) if (options[i] === undefined) return [];
  return options;
}

/**
 * Resolve a selection. With `lists` (the official lists FORMS.md pins to this item) those come
 * first and the document's printed list is the fallback (the 全項目 form words some lists its
 * own way); without, the printed list comes first, then every official list.
 */
export function resolveChoice(plain: string, lists: readonly OptionListName[]): ChoiceResult {
  const value = selectedText(plain);
  if (value === null) return { choice: null, list: null, issue: null };
  const candidates: { list: OptionListName | null; options: readonly string[] }[] = [];
  const printed = { list: null, options: printedOptions(plain) };
  if (lists.length === 0) candidates.push(printed);
  for (const list of lists.length > 0 ? lists : ALL_OPTION_LISTS) candidates.push({ list, options: OPTION_LISTS[list] });
  if (lists.length > 0) candidates.push(printed);
  // An exact match anywhere beats a match with a slip.
  const matches = candidates.map((c) => ({ ...c, ...matchOption(value, c.options) })).filter((m) => m.option !== null);
  const best = matches.find((m) => !m.approximate) ?? matches[0];
  if (!best) return { choice: { value, option: null }, list: null, issue: "option-unknown" };
  return { choice: { value: unspaced(value, best), option: best.option }, list: best.list, issue: best.approximate ? "option-approximate" : null };
}

/**
 * The value of an exact match without the white space a converter put inside it (a narrow cell's
 * lines joined with spaces: `1万 人以上 10万 人未満`) when the option it matches has none: the
 * spaces are not the document's, the option's words are.
 */
function unspaced(value: string, match: { options: readonly string[]; option: number | null; approximate: boolean }): string {
  const option = match.option === null ? undefined : match.options[match.option - 1];
  if (match.approximate || option === undefined || /\s/.test(option) || !/\s/.test(value)) return value;
  return value.replace(/\s+/g, "");
}

/**
 * Whether a text is nothing but numbered options of the form's lists (`2) 十分である 3) 課題が残されている`):
 * the option list of a selection, cut from its `<選択肢>` by a converter. A numbered list of the
 * filing's own words is not (its items are not options).
 */
export function isOptionList(text: string): boolean {
  const pieces = [...text.normalize("NFKC").matchAll(PRINTED_OPTION)].map((m) => foldForMatch(m[2]!));
  if (pieces.length < 2 || text.normalize("NFKC").replace(PRINTED_OPTION, "").trim() !== "") return false;
  return pieces.every((p) => ALL_OPTIONS.has(p));
}
const ALL_OPTIONS: ReadonlySet<string> = new Set(Object.values(OPTION_LISTS).flatMap((list) => list.map(foldForMatch)));

/** Whether a cell looks like a selection at all (brackets or an option list). */
export function looksLikeSelection(plain: string): boolean {
  const text = plain.normalize("NFKC");
  return OPTIONS_MARKER.test(text) || BRACKET_START.test(text);
}

import { OPTION_LISTS, type OptionListName } from "../data/options.js";
import { foldForMatch, normalizeText } from "./text.js";
import { allowedSlips, editDistance } from "./similarity.js";

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
const OPTIONS_MARKER = /<\s*選\s*択\s*肢\s*>/;
/** A bracket, or a box glyph drawn where the bracket should be, around the selected text. */
const SELECTION = /[\[☐☑\uE000\uE001]([^\[\]☐☑\uE000\uE001]*)[\]☐☑\uE000\uE001]/g;
/** The numbered options printed after <選択肢>: `1) 十分である`. */
const NUMBERED_OPTION = /(?:^|\s)\d{1,2}\)\s*[^\s]+/g;

/** The text the document shows as selected, or null when the selection is empty. */
export function selectedText(plain: string): string | null {
  const text = plain.normalize("NFKC");
  for (const m of text.matchAll(SELECTION)) {
    const content = normalizeText(m[1]!.replace(/[○〇●]/g, " "));
    if (content !== null && !/^\d{1,2}\)/.test(content)) return content;
  }
  if (/[\[☐☑\uE000\uE001]/.test(text)) return null; // brackets that hold nothing: nothing selected
  // No brackets at all: the selection stands as plain text before the option list.
  const marker = text.search(OPTIONS_MARKER);
  const before = marker >= 0 ? text.slice(0, marker) : text;
  return normalizeText(before.replace(NUMBERED_OPTION, " "));
}

/** Match a value to an official list: exact after folding, then with a few slips. */
export function matchOption(value: string, options: readonly string[]): { option: number | null; approximate: boolean } {
  const folded = foldForMatch(value);
  const foldedOptions = options.map(foldForMatch);
  const exact = foldedOptions.indexOf(folded);
  if (exact >= 0) return { option: exact + 1, approximate: false };
  // A converter may repeat the value ("十分である 十分である"): a whole option inside it counts.
  const contained = foldedOptions
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => folded.includes(o))
    .sort((a, b) => b.o.length - a.o.length)[0];
  if (contained && contained.o.length * 2 >= folded.length) return { option: contained.i + 1, approximate: true };
  let best: { i: number; d: number } | null = null;
  foldedOptions.forEach((o, i) => {
    const d = editDistance(folded, o);
    if (d <= allowedSlips(o.length) && (best === null || d < best.d)) best = { i, d };
  });
  return best === null ? { option: null, approximate: false } : { option: (best as { i: number }).i + 1, approximate: true };
}

/** Resolve a selection against one or more candidate lists (the first list that matches wins). */
export function resolveChoice(plain: string, lists: readonly OptionListName[]): ChoiceResult {
  const value = selectedText(plain);
  if (value === null) return { choice: null, list: null, issue: null };
  for (const list of lists) {
    const { option, approximate } = matchOption(value, OPTION_LISTS[list]);
    if (option !== null) {
      return { choice: { value, option }, list, issue: approximate ? "option-approximate" : null };
    }
  }
  return { choice: { value, option: null }, list: null, issue: "option-unknown" };
}

/** Whether a cell looks like a selection at all (brackets or an option list). */
export function looksLikeSelection(plain: string): boolean {
  const text = plain.normalize("NFKC");
  return OPTIONS_MARKER.test(text) || /^\s*[\[☐☑\uE000\uE001]/.test(text);
}

/** Every list name, for rows whose list the form does not pin down. */
export const ALL_OPTION_LISTS = Object.keys(OPTION_LISTS) as OptionListName[];

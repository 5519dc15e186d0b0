import { foldWithSpans, KATAKANA, type Folded } from "./fold.js";
import type { Term } from "./query.js";

/**
 * Where a field's text holds the query's terms, as the filing wrote them: the spans, which of
 * them are notation variants (サーバー for サーバ, 漏洩 for 漏えい), how much each counts for
 * ranking, and a snippet around the first. Pure.
 */

export interface Occurrence {
  start: number;
  end: number;
  /** The text at the span where it is not the term as queried (a variant); else null. */
  variant: string | null;
  /** Whole words count more than pieces of a word (ログ in ログ, not in カタログ). */
  whole: boolean;
}

const KATAKANA_OR_LONG_VOWEL = new RegExp(`[${KATAKANA}ー]`, "u");
/** A term that ends in a katakana and ー (ユーザー): the 長音 that fold.ts drops at a word's end. */
const ENDS_IN_LONG_VOWEL = new RegExp(`[${KATAKANA}]ー$`, "u");

/** Characters that make words of their own run: a query inside such a run is inside a word. */
function runClass(ch: string | undefined): string | null {
  if (ch === undefined) return null;
  if (KATAKANA_OR_LONG_VOWEL.test(ch)) return "katakana";
  if (/[A-Za-z]/.test(ch)) return "latin";
  if (/[0-9]/.test(ch)) return "digit";
  return null;
}

/** The character that ends just before `i`, and the one that starts at `i`. */
function charBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1];
}
function charAt(text: string, i: number): string | undefined {
  const code = text.codePointAt(i);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** Whether the span is not part of a longer run of its own kind (katakana, latin, digits). */
function isWhole(text: string, start: number, end: number): boolean {
  const first = runClass(charAt(text, start));
  const last = runClass(charBefore(text, end));
  return !(first !== null && runClass(charBefore(text, start)) === first) && !(last !== null && runClass(charAt(text, end)) === last);
}

/** Every start of `needle` in `haystack` (both already lower-cased), at most `max`. */
function startsOf(haystack: string, needle: string, max: number): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  for (let at = haystack.indexOf(needle); at >= 0 && found.length < max; at = haystack.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

/** A bound on the occurrences read in one field (a field is at most a few pages of text). */
const MAX_OCCURRENCES = 1000;

/**
 * The term's occurrences in a field's text. `folded` is the text folded with its spans (null
 * where folding changes nothing in it; computed here when not given).
 */
export function occurrences(text: string, term: Term, exact: boolean, folded?: Folded | null): Occurrence[] {
  const lower = text.toLowerCase();
  const query = term.text.toLowerCase();
  const found: Occurrence[] = startsOf(lower, query, MAX_OCCURRENCES).map((start) => ({
    start,
    end: start + query.length,
    variant: null,
    whole: isWhole(text, start, start + query.length),
  }));
  if (exact) return found;
  const form = term.forms[term.forms.length - 1]!.toLowerCase();
  const f = folded === undefined ? foldWithSpans(text) : folded;
  if ((f === null || f.text === text) && form === query) return found;
  const foldedLower = f === null ? lower : f.text.toLowerCase();
  const endsInLongVowel = ENDS_IN_LONG_VOWEL.test(term.text);
  for (const at of startsOf(foldedLower, form, MAX_OCCURRENCES)) {
    const last = at + form.length - 1;
    // A match that starts or ends inside a folded spelling (えい of 漏えい folded from 漏洩) is a
    // piece of another word, not a variant of the term.
    if (f !== null && ((at > 0 && f.starts[at] === f.starts[at - 1]) || (last + 1 < f.text.length && f.ends[last] === f.ends[last + 1]))) continue;
    const start = f === null ? at : f.starts[at]!;
    const end = f === null ? at + form.length : f.ends[last]!;
    const written = text.slice(start, end);
    if (written.toLowerCase() === query) continue; // the term itself, found above
    // A term that ends in ー (ユーザー) is a word's end: its variant ends its katakana run too.
    if (endsInLongVowel && runClass(charAt(text, end)) === "katakana") continue;
    // The variant's span holds the exact occurrences inside it (サーバ in サーバー): it replaces them.
    for (let i = found.length - 1; i >= 0; i--) if (found[i]!.start >= start && found[i]!.end <= end) found.splice(i, 1);
    if (found.some((o) => o.start < end && start < o.end)) continue;
    found.push({ start, end, variant: written, whole: isWhole(f === null ? text : f.text, at, at + form.length) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Whether case matters for this text at all (most Japanese text: no, and lower-casing a field can be skipped). */
const hasCase = (text: string) => text !== text.toLowerCase() || text !== text.toUpperCase();

/**
 * How much a field holds a term, for ranking: each occurrence as written (a whole word 1, a
 * piece of a longer one INSIDE_WORD), and each more occurrence of its folded form in the folded
 * text (a variant) VARIANT. Counts only, no spans: it runs on every field a query matches.
 */
export const INSIDE_WORD = 0.5;
export const VARIANT = 0.8;
export function termFrequency(text: string, folded: string | null, term: Term, exact: boolean): number {
  const cased = hasCase(term.text) || term.forms.some(hasCase);
  const inText = cased ? text.toLowerCase() : text;
  const query = cased ? term.text.toLowerCase() : term.text;
  let tf = 0;
  const starts = startsOf(inText, query, MAX_OCCURRENCES);
  for (const at of starts) tf += isWhole(text, at, at + query.length) ? 1 : INSIDE_WORD;
  if (exact) return tf;
  const form = term.forms[term.forms.length - 1]!;
  if (folded === null && form === term.text) return tf;
  const inFolded = folded === null ? inText : cased ? folded.toLowerCase() : folded;
  const variants = startsOf(inFolded, cased ? form.toLowerCase() : form, MAX_OCCURRENCES).length - starts.length;
  return tf + Math.max(0, variants) * VARIANT;
}

/** Text a terminal shows as it is: no control characters, no bidirectional overrides. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ");
}

/** Characters shown before and after the first occurrence. */
const CONTEXT = 40;

/** The text around the first occurrence, every occurrence in it marked 【…】. */
export function snippetOf(text: string, found: Occurrence[]): string {
  if (found.length === 0) return printable(text.length > CONTEXT * 2 ? `${text.slice(0, CONTEXT * 2)}…` : text);
  const from = Math.max(0, found[0]!.start - CONTEXT);
  const to = Math.min(text.length, found[0]!.end + CONTEXT * 2);
  let out = from > 0 ? "…" : "";
  let at = from;
  for (const o of found) {
    if (o.start < at || o.end > to) continue;
    out += printable(text.slice(at, o.start)) + "【" + printable(text.slice(o.start, o.end)) + "】";
    at = o.end;
  }
  return out + printable(text.slice(at, to)) + (to < text.length ? "…" : "");
}

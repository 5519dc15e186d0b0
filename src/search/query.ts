import { charCount, fold, normalizeForSearch } from "./fold.js";

/**
 * A search query as the user writes it: terms, AND (the default between terms), OR, NOT, and
 * `"…"` for a term with spaces in it. Every term matches inside words (a trailing `*` is
 * accepted and changes nothing). Pure: the index is consulted by src/search/search.ts.
 */

export class QueryError extends Error {}

export interface Term {
  /** As the record writes text (NFKC, white space folded). */
  text: string;
  /** The forms searched: the text, and its folded form where that differs (unless exact). */
  forms: string[];
}

export type QueryPart = { kind: "term"; term: Term } | { kind: "operator"; operator: "AND" | "OR" | "NOT" };

const OPERATORS = new Set(["AND", "OR", "NOT"]);
/** A bound on what one query may ask: terms, and characters in a term. */
export const MAX_TERMS = 32;
export const MAX_TERM_CHARS = 200;

export function parseQuery(query: string, exact = false): QueryPart[] {
  const raw = query.match(/"[^"]*"\*?|\S+/g) ?? [];
  if (raw.length > MAX_TERMS * 2) throw new QueryError(`the query has more than ${MAX_TERMS} terms`);
  const parts: QueryPart[] = [];
  const last = () => parts[parts.length - 1];
  for (const token of raw) {
    if (OPERATORS.has(token)) {
      if (parts.length === 0 || last()!.kind === "operator") throw new QueryError(`"${token}" needs a word before it`);
      parts.push({ kind: "operator", operator: token as "AND" | "OR" | "NOT" });
      continue;
    }
    const text = normalizeForSearch(token.replace(/\*$/, "").replace(/^"|"$/g, ""));
    if (text === "") continue;
    if (charCount(text) > MAX_TERM_CHARS) throw new QueryError(`a term is longer than ${MAX_TERM_CHARS} characters`);
    const folded = fold(text);
    // A fold to one character (キー → キ) would match inside every word that has it: not a variant.
    const useFolded = !exact && folded !== text && charCount(folded) >= 2;
    const term: Term = { text, forms: useFolded ? [text, folded] : [text] };
    if (parts.length > 0 && last()!.kind === "term") parts.push({ kind: "operator", operator: "AND" });
    parts.push({ kind: "term", term });
  }
  while (parts.length > 0 && last()!.kind === "operator") parts.pop();
  if (parts.length === 0) throw new QueryError("the query has no words to search for");
  if (parts[0]!.kind === "operator") throw new QueryError("a query cannot start with NOT");
  if (parts.filter((p) => p.kind === "term").length > MAX_TERMS) throw new QueryError(`the query has more than ${MAX_TERMS} terms`);
  return parts;
}

/** The terms a hit must contain (those not after NOT): they rank and mark the hit. */
export function positiveTerms(parts: QueryPart[]): Term[] {
  const terms: Term[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const previous = parts[i - 1];
    if (part.kind === "term" && !(previous?.kind === "operator" && previous.operator === "NOT")) terms.push(part.term);
  }
  return terms;
}

/** A form as an FTS5 string (double quotes doubled). */
export function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

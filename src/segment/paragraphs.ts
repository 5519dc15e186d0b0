import { continuesFullLine, displayWidth } from "../../normalizers/text.js";

/**
 * A paragraph whose printed lines a converter joined with spaces (mutool draw -F xhtml writes
 * one `<p>` per text block): where a line ran to the block's full width, the space is the
 * converter's, not the document's, and the line goes on without it (`…年金生活者支援給付` +
 * `金の支給に関する法律…`). A line that ended short ended where the document broke it; a space
 * inside a line cannot be told from one at its end, so such lines keep their spaces.
 * Pure: text in, text out.
 */

/** A line this share of the block's widest line ran to its edge. */
const FULL = 0.9;
/** A block narrower than this (in full-width characters) tells nothing of wrapping. */
const MIN_WIDTH = 16;

export function unwrapParagraph(text: string, startsRow: (rest: string) => boolean = () => false): string {
  const chunks = text.split(" ");
  if (chunks.length < 2) return text;
  const widest = chunks.reduce((m, c) => Math.max(m, displayWidth(c)), 0); // no spread: a hostile text has any number of chunks
  if (widest < MIN_WIDTH) return text;
  let out = chunks[0]!;
  for (let i = 1; i < chunks.length; i++) {
    const previous = chunks[i - 1]!;
    const next = chunks[i]!;
    // A line that begins a row of the form (a label, a block) is no line's rest, however full the one before.
    const wrapped = previous !== "" && next !== "" && displayWidth(previous) >= widest * FULL && continuesFullLine(previous, next) && !startsRow(restFrom(chunks, i));
    out += wrapped ? next : ` ${next}`;
  }
  return out;
}

/** How much of the text after a point a row's start is looked for in (bounds the work on a long paragraph). */
const PEEK = 80;

/** The paragraph's text from chunk `i` on, as far as PEEK characters. */
function restFrom(chunks: string[], i: number): string {
  let rest = chunks[i]!;
  for (let j = i + 1; j < chunks.length && rest.length < PEEK; j++) rest += ` ${chunks[j]}`;
  return rest;
}

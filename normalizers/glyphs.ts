import { BRACKET_MARKS, BULLET_MARKS, EMPTY_BOX_GLYPHS, EMPTY_INPUT, MARKED_BOX_GLYPHS, MARKED_INPUT } from "../data/options.js";

/**
 * The character classes of boxes and brackets, built once from the glyph tables of
 * data/options.ts, so that a glyph added there is known to every stage that looks for a box,
 * a selection or a value's start. (None of the glyphs needs escaping inside `[…]`.)
 */

/** Every box glyph, marked or empty, with the form inputs of an HTML rendering. */
export const BOX_GLYPHS = MARKED_BOX_GLYPHS + EMPTY_BOX_GLYPHS;
/** The form inputs of an HTML rendering as src/html/toText.ts writes them. */
export const INPUT_GLYPHS = MARKED_INPUT + EMPTY_INPUT;
/** Glyphs a converter prints where a selection's bracket stands: a ballot box or a form input. */
export const BRACKET_GLYPHS = "☐☑" + INPUT_GLYPHS;

/** A tick inside brackets (`[ ○ ]`). */
export const BRACKET_MARK = new RegExp(`[${BRACKET_MARKS}]`, "g");
/** A box as brackets print it, empty or ticked (`[ ]`, `[ ○ ]`), or a bracket glyph. */
export const BRACKETED_BOX = new RegExp(`(?:\\[\\s*[${BRACKET_MARKS}]?\\s*\\]|[${BRACKET_GLYPHS}])`, "gu");
/** Form inputs in a text: markup, not the document's words. */
export const INPUT_GLYPH = new RegExp(`[${INPUT_GLYPHS}]`, "g");
/** A cell that is a box or a bracket: the start of a box group or a selection. */
export const BOX_START = new RegExp(`^\\s*[\\[${BOX_GLYPHS}]`);
/** Where a line's label ends and its value begins: at a bracket, a box or an option list (`<選択肢>`). */
export const VALUE_START = new RegExp(`\\s*(?=[\\[［${BOX_GLYPHS}<＜〈])`);
/** A cell that starts with a box, a bracket (opening or, cut from its selection, closing), a bullet or an option mark: never a label. */
export const NOT_A_LABEL_START = new RegExp(`^[\\[\\]${BOX_GLYPHS}()<>\\-${BULLET_MARKS}]`);

/** The selected text between brackets (or the glyphs printed for them): `[ 十分である ]`. */
export const SELECTION = new RegExp(`[\\[${BRACKET_GLYPHS}]([^\\[\\]${BRACKET_GLYPHS}]*)[\\]${BRACKET_GLYPHS}]`, "g");
/** Any bracket or bracket glyph. */
export const ANY_BRACKET = new RegExp(`[\\[${BRACKET_GLYPHS}]`);
/** `[ ] 値 ]`, `□ 値 ]`: a selection whose opening bracket was printed as an empty box. */
export const HALF_BOXED = new RegExp(`[\\]${EMPTY_BOX_GLYPHS}]\\s*([^\\[\\]${EMPTY_BOX_GLYPHS}${MARKED_INPUT}<>]+?)\\s*(?:\\]|\\[\\s*\\]|[${EMPTY_BOX_GLYPHS}])`);
/** Brackets and box glyphs, to blank out of a selection read without brackets. */
export const BRACKETS_AND_BOXES = new RegExp(`[\\[\\]${MARKED_BOX_GLYPHS}${EMPTY_BOX_GLYPHS}]`, "g");
/** A text that starts with a bracket or a bracket glyph: a selection. */
export const BRACKET_START = new RegExp(`^\\s*[\\[${BRACKET_GLYPHS}]`);
/** Item marks for a line's start without the middle dot `・` (which also joins words). */
export const BULLETS_BUT_MIDDLE_DOT = BULLET_MARKS.replace("・", "");

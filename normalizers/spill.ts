import { OPTIONS_MARKER } from "./choice.js";
import { BRACKETED_BOX } from "./glyphs.js";
import { normalizeText } from "./text.js";

/**
 * What a converter moved into a text field from the rows after it: the next row's option list
 * (`資格管理ファイル <選択肢>`) or its boxes (`福祉部 障害福祉課 [ ] 本人又は本人の代理人 [ ] …`).
 * A labelled text of the form holds neither (a selection or a box group is a row of its own), so
 * the text ends where they begin. Pure: text in, text out (null when nothing is left).
 */

/** A run of boxes that ends a text: from a box after white space, with another box after it. */
const BOXES_AT_END_MIN = 2;

export function withoutSpill(text: string | null): string | null {
  let out = normalizeText(text);
  if (out === null) return null;
  const marker = out.search(OPTIONS_MARKER);
  if (marker > 0) out = out.slice(0, marker);
  // A box as the form prints it in brackets, or an input glyph (not ■/□, which are also bullets).
  const boxes = [...out.matchAll(BRACKETED_BOX)];
  for (let i = 0; i + BOXES_AT_END_MIN <= boxes.length; i++) {
    const at = boxes[i]!.index!;
    if (at > 0 && /\s/.test(out[at - 1]!)) {
      out = out.slice(0, at);
      break;
    }
  }
  return normalizeText(out);
}

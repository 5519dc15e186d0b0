import { parseFragment, type DefaultTreeAdapterTypes as T } from "parse5";

/**
 * HTML inside a cell → plain text. Block boundaries become line breaks (which the Text rule
 * later folds to one space); form inputs become box glyphs so that the box and selection
 * resolvers read `<input checked type="checkbox"/>` like a marked box. A radio button is how
 * some converters draw a ○, so it counts as marked (FORMS.md). The glyphs are private-use
 * characters, so that Text values can drop them without touching the document's own ☑ or □.
 */

import { MARKED_INPUT, EMPTY_INPUT } from "../../data/options.js";

const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

function attribute(element: T.Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function inputGlyph(element: T.Element): string {
  const type = (attribute(element, "type") ?? "").toLowerCase();
  if (type === "radio") return MARKED_INPUT;
  if (type === "checkbox") return attribute(element, "checked") !== undefined ? MARKED_INPUT : EMPTY_INPUT;
  return "";
}

function walk(node: T.Node, out: string[]): void {
  if (node.nodeName === "#text") {
    out.push((node as T.TextNode).value);
    return;
  }
  if (node.nodeName === "#comment") return;
  const element = node as T.Element;
  if (element.tagName === "input") {
    out.push(` ${inputGlyph(element)} `);
    return;
  }
  if (element.tagName === "script" || element.tagName === "style") return;
  const block = BLOCK_ELEMENTS.has(element.tagName);
  if (block) out.push("\n");
  const children = element.tagName === "template" ? (element as T.Template).content.childNodes : element.childNodes;
  for (const child of children ?? []) walk(child, out);
  if (block) out.push("\n");
}

/** Whether a string has anything an HTML parser would change. */
export function hasMarkup(s: string): boolean {
  return /<[a-zA-Z!\/]|&[#a-zA-Z]/.test(s);
}

/**
 * Text conversions mix real tags with the document's own angle brackets (`<VRSにおける措置>`,
 * `<選択肢>`). A `<` that does not open a well-formed ASCII tag is text, so it is escaped
 * before parsing rather than swallowed as an unknown element.
 */
export const NOT_A_TAG = /<(?![a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|\/[a-zA-Z][a-zA-Z0-9-]*\s*>|!--)/g;

/** Plain text of an HTML fragment; text without markup comes back as it is. */
export function htmlToText(fragment: string): string {
  if (!hasMarkup(fragment)) return fragment;
  const out: string[] = [];
  for (const child of parseFragment(fragment.replace(NOT_A_TAG, "&lt;")).childNodes) walk(child, out);
  return out.join("").replace(/[ \t]*\n[ \t\n]*/g, "\n").trim();
}

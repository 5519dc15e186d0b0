/**
 * Every warning the engine can attach to a record: the code, and what it means for the
 * value it names. docs/warnings.md is generated from this table.
 */
export const WARNING_CODES = {
  "section-not-found": "A part or numbered section of the form was not found; the fields it holds are null or empty.",
  "checks-no-mark": "A box group where the form needs a mark has none (the conversion probably lost the marks); `checked` is empty.",
  "option-unknown": "A selection's text is not one of the form's options; `value` keeps the text, `option` is null.",
  "option-approximate": "A selection's text matches an option only with a slip (a typo, OCR noise, the value written twice); `option` is that option.",
  "band-unparsed": "A count band's text states no number; `min` and `maxExclusive` are null.",
  "date-unparsed": "A date's text could not be read as a date; `iso` is null.",
  "submission-unknown": "A 変更箇所 row's 提出時期 is neither 事前 nor 事後; `submission` is null.",
  "table-cells-lost": "A table's cells came out as loose lines (a converter's text of a PDF): only what can be told apart is read (a 変更箇所 row's date and 提出時期); the other columns are null.",
  "cover-missing": "No cover page (no 評価実施機関名): `header` fields are null and the organization is inferred from the body.",
  "organization-unknown": "評価実施機関名 names no local government we know; the organization is looked for in the body.",
  "organization-ambiguous": "評価実施機関名 matches local governments in several prefectures and nothing in the filing says which.",
  "organization-not-found": "Neither the cover nor the body names the filing body; `organization` is null.",
  "form-inferred": "The filing does not name its form; it was read as 重点項目評価書 from the parts it has.",
  "form-unknown": "Neither a form name nor the form's structure was found; the filing was read as 重点項目評価書.",
  "place-unknown": "Where in the form a row stands could not be told from a converter's text (the print lost a heading or put it out of order): the row is kept, its item is null.",
  "value-out-of-place": "A text field held a selection or boxes (another row's value: the converter printed the rows' values out of their order); the field is null, and in a 提供先/移転先 block its other texts and name too, as they are as likely shifted.",
  "option-list-as-text": "A text field held only a selection's option list (`<選択肢> 1) …`, which a converter moved there); the field is null.",
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export function warningsMarkdown(): string {
  const rows = Object.entries(WARNING_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return [
    "# Warning codes",
    "",
    "Every record carries `warnings`: `{ code, path, message, line, page }`, where `path` is the record field the",
    "warning is about and `line`/`page` where in the source it came from. These are all the codes (generated from",
    "`data/warnings.ts` by `npm run schema`).",
    "",
    "| code | meaning |",
    "| --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

import { ALL_LABEL_KEYS, CONDITIONAL_RISK_ITEMS, LABELS, RISK_ITEM_LISTS } from "../data/labels.js";
import type { BoxGroupName } from "../data/options.js";
import { RISK_SECTIONS as OUTLINE_RISK_SECTIONS } from "../data/outline.js";
import { OTHER_RISKS_LABEL } from "../data/structure.js";
import type { Field, Part, Section } from "../src/model.js";
import type { PiaRecord, RiskSection } from "../src/record/schema.js";
import { emptyChecks } from "../normalizers/checks.js";
import { looksLikeSelection, OPTIONS_MARKER } from "../normalizers/choice.js";
import { foldForMatch, labelKey, nfkcKeepingCircled, normalizeText, startsWithCircledNumber } from "../normalizers/text.js";
import { checksOf, checksResultOf, choiceOf, Extraction, findField, plainOf, sectionBody, sectionByKey, textOf } from "./context.js";

type Risks = NonNullable<PiaRecord["risks"]>;

/** The sections of III that hold risks, with the box their heading carries. */
const RISK_SECTIONS: { key: string; notApplicable: BoxGroupName | null }[] = [
  { key: "acquisition", notApplicable: null },
  { key: "use", notApplicable: null },
  { key: "outsourcing", notApplicable: "notOutsourced" },
  { key: "sharing", notApplicable: "notShared" },
  { key: "network", notApplicable: "notConnected" },
  { key: "storage", notApplicable: null },
];

/** `2. 特定個人情報の入手(…)` → its number and title. */
function numberedTitle(text: string | undefined): { no: number; title: string } | null {
  const m = /^(\d{1,2})\.\s*(.+)$/.exec(text ?? "");
  return m ? { no: Number(m[1]), title: m[2]! } : null;
}

/** A 基礎項目 risk row: the risk's name, then `への対策は十分か`. */
const RATING_ROW = /^(.+リスク)への対策は十分か$/;

const RISK_ITEM_LIST_BY_KEY = new Map(RISK_ITEM_LISTS.map(({ label, list }) => [foldForMatch(label), list]));

/** A row label as the record shows it: NFKC, circled number kept, the `※` note dropped. */
function itemLabel(field: Field): string {
  return (normalizeText(nfkcKeepingCircled(field.label).replace(/\s*※.*$/, "")) ?? field.key);
}

function isKey(field: Field, labels: readonly string[]): boolean {
  return findField([field], labels) === field;
}

/**
 * A row whose selection a print put on its label's line (`①事故発生時手順の策定・周知 [ 十分に行っている ]`,
 * nothing or only its option list after it): the form's label and its value apart. Another field is itself.
 */
export function labelAndValueApart(field: Field): Field {
  const m = /^(.+?)\s*(\[[^\[\]]*\])\s*$/.exec(field.label);
  // After it on the lines: nothing, or only the selection's option list.
  const rest = field.values.filter((v) => v.trim() !== "");
  if (!m || rest.some((v) => v.normalize("NFKC").search(OPTIONS_MARKER) !== 0) || !ALL_LABEL_KEYS.has(labelKey(m[1]!))) return field;
  return { ...field, label: m[1]!, key: labelKey(m[1]!), values: [[m[2]!, ...rest].join(" ")] };
}

function riskItem(printed: Field, path: string, ex: Extraction) {
  const field = labelAndValueApart(printed);
  const list = RISK_ITEM_LIST_BY_KEY.get(field.key);
  const plain = plainOf(field);
  if (list || looksLikeSelection(plain)) {
    return { label: itemLabel(field), choice: choiceOf(field, list ? [list] : [], `${path}.choice`, ex), text: null };
  }
  return { label: itemLabel(field), choice: null, text: textOf(field, `${path}.text`, ex) };
}

type RiskItem = RiskSection["risks"][number]["items"][number];

/** Move text out of rows the answer before them leaves empty (see CONDITIONAL_RISK_ITEMS). */
function settleConditionalItems(items: RiskItem[]): void {
  for (const rule of CONDITIONAL_RISK_ITEMS) {
    const answer = items.find((item) => labelKey(item.label) === foldForMatch(rule.answeredBy));
    if (!answer?.choice || answer.choice.option === rule.onlyForOption) continue;
    const keys = rule.rows.map(foldForMatch);
    const last = items.findLastIndex((item) => keys.includes(labelKey(item.label)));
    const next = items[last + 1];
    if (last < 0 || !next || next.choice !== null) continue;
    const moved = items.filter((item) => keys.includes(labelKey(item.label)) && item.text !== null);
    if (moved.length === 0) continue;
    next.text = normalizeText([...moved.map((item) => item.text), next.text].filter((t) => t !== null).join(" "));
    for (const item of moved) item.text = null;
  }
}

function riskSection(section: Section, notApplicable: BoxGroupName | null, index: number, ex: Extraction): RiskSection {
  const path = `risks.sections[${index}]`;
  const risks = section.blocks
    .filter((b) => b.kind === "risk")
    .map((block, i) => {
      const p = `${path}.risks[${i}]`;
      // A risk's own rows (its measures, its rating) are not its items, even when a print wrote
      // one twice (a merged cell cut by a page break): the one with a value is the row.
      const own = (labels: readonly string[]) => block.fields.filter((f) => isKey(f, labels));
      const ownRow = (labels: readonly string[]) => own(labels).find((f) => f.values.some((v) => v.trim() !== "")) ?? own(labels)[0];
      const measures = ownRow(LABELS.risk.measures);
      const rating = ownRow(LABELS.risk.rating);
      const others = block.fields.filter((f) => !isKey(f, LABELS.risk.measures) && !isKey(f, LABELS.risk.rating) && f.key !== "");
      // A row the form does not have, unnumbered and holding nothing, is a piece of a wrapped cell
      // (`入れている` of `特に力を入れている`), not an item.
      const fragment = (item: RiskItem) => item.text === null && item.choice === null && !ALL_LABEL_KEYS.has(labelKey(item.label)) && !startsWithCircledNumber(item.label);
      const items = others.map((f, j) => riskItem(f, `${p}.items[${j}]`, ex)).filter((item) => !fragment(item));
      settleConditionalItems(items);
      return {
        no: block.no,
        name: block.title ?? "",
        // A risk gives its measures in one row, or in rows of their own (the items): not both.
        measures: measures === undefined && items.length > 0 ? null : textOf(measures, `${p}.measures`, ex),
        rating: choiceOf(rating, ["rating"], `${p}.rating`, ex),
        items,
      };
    });
  // 基礎項目 has no risk blocks: each risk is one row `…リスクへの対策は十分か [ 十分である ]`.
  for (const field of section.fields) {
    const name = RATING_ROW.exec(field.key)?.[1];
    if (!name || isKey(field, LABELS.risk.rating)) continue;
    risks.push({
      no: null,
      name: normalizeText(field.label.normalize("NFKC").replace(/への対策は十分か.*$/, "")) ?? name,
      measures: null,
      rating: choiceOf(field, ["rating"], `${path}.risks[${risks.length}].rating`, ex),
      items: [],
    });
  }
  const other = section.fields.find((f) => OTHER_RISKS_LABEL.test(f.key));
  return {
    no: section.no ?? 0,
    title: section.title,
    notApplicable: notApplicable ? checksResultOf(section.headingRest, notApplicable).checks : emptyChecks(),
    risks,
    otherMeasures: textOf(other, `${path}.otherMeasures`, ex),
  };
}

/**
 * III リスク対策 (and for 全項目, IV その他のリスク対策, which holds 監査, 教育・啓発 and
 * その他のリスク対策 as its sections 1–3).
 */
export function extractRisks(part: Part | undefined, otherPart: Part | undefined, ex: Extraction): Risks {
  if (!part) ex.warn("section-not-found", "risks", "part III リスク対策 not found");
  const sections: RiskSection[] = [];
  const found = RISK_SECTIONS.map(({ key }) => sectionByKey(part, key));
  for (const [i, { key, notApplicable }] of RISK_SECTIONS.entries()) {
    const section = found[i];
    if (section) {
      sections.push(riskSection(section, notApplicable, sections.length, ex));
      continue;
    }
    if (!part) continue;
    ex.warn("section-not-found", "risks.sections", `section 「${key}」 of III not found`);
    // The form has the section: it keeps its place (the sections after it stay where they are),
    // with its number and title from the form and nothing read from it.
    const outline = numberedTitle(OUTLINE_RISK_SECTIONS.find((s) => s.key === key)?.title);
    if (outline && found.some((f) => f !== undefined)) {
      sections.push({ no: outline.no, title: outline.title, notApplicable: emptyChecks(), risks: [], otherMeasures: null });
    }
  }
  const holder = otherPart ?? part;
  const audit = sectionByKey(holder, "audit");
  const education = sectionByKey(holder, "education");
  // 全項目 rates its audits (①自己点検 [十分に行っている]) instead of boxing them: no Checks there.
  const auditField = findField(audit?.fields ?? [], LABELS.audit.status);
  return {
    sections,
    audit: auditField ? checksOf(auditField, "audit", "risks.audit", ex, { required: true }) : emptyChecks(),
    education: {
      rating: choiceOf(findField(education?.fields ?? [], LABELS.education.rating), ["effort"], "risks.education.rating", ex),
      method: textOf(findField(education?.fields ?? [], LABELS.education.method), "risks.education.method", ex),
    },
    otherMeasures: sectionBody(sectionByKey(holder, "other"), "risks.otherMeasures", ex),
  };
}

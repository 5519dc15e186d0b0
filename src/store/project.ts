import type { FieldSource } from "../../extractors/index.js";
import type { PiaRecord } from "../record/schema.js";

/**
 * The record → rows of the typed tables and of the generic fields table. Pure: the store
 * writes what this returns.
 */

type Row = Record<string, string | number | null>;
export type TableRows = Record<string, Row[]>;

const checked = (list: string[], label: string) => (list.includes(label) ? 1 : 0);

function boxRows(base: Row, group: string, checks: { checked: string[]; details: Record<string, string> }, labels: readonly string[]): Row[] {
  // Every label the document marks or details; an unmarked, undetailed option is no row.
  return labels
    .filter((label) => checks.checked.includes(label) || checks.details[label] !== undefined)
    .map((label) => ({ ...base, box_group: group, label, checked: checked(checks.checked, label), detail: checks.details[label] ?? null }));
}

function joinChecks(checks: { checked: string[] } | null | undefined): string | null {
  return checks && checks.checked.length > 0 ? checks.checked.join("、") : null;
}

/** The typed rows of one record; `document_id` is filled in by the store. */
export function projectRecord(record: PiaRecord, labelsOf: (group: string) => readonly string[]): TableRows {
  const rows: TableRows = {
    systems: [], system_connections: [], files: [], file_boxes: [], outsourcing_items: [], recipients: [],
    record_items: [], risk_sections: [], risks: [], risk_items: [], changes: [], warnings: [],
  };
  (record.basic?.systems ?? []).forEach((system, systemIndex) => {
    rows.systems!.push({ system_index: systemIndex, system_no: system.no, name: system.name, functions: system.functions });
    rows.system_connections!.push(
      ...boxRows({ system_index: systemIndex }, "connections", system.connections, labelsOf("connections")).map(({ box_group: _, label, ...row }) => ({
        ...row,
        connection: label ?? null,
      })),
    );
  });
  record.files.forEach((file, fileIndex) => {
    rows.files!.push({
      file_index: fileIndex, name: file.name,
      file_type: file.fileType?.value ?? null, file_type_option: file.fileType?.option ?? null,
      subject_count: file.subjects.count?.value ?? null, subject_min: file.subjects.count?.min ?? null, subject_max: file.subjects.count?.maxExclusive ?? null,
      subject_scope: file.subjects.scope, subject_necessity: file.subjects.necessity,
      item_count: file.items.count?.value ?? null, item_min: file.items.count?.min ?? null, item_max: file.items.count?.maxExclusive ?? null,
      items_rationale: file.items.rationale, holding_start: file.holdingStart?.iso ?? file.holdingStart?.raw ?? null, department: file.department,
      use_purpose: file.use.purpose, use_departments: file.use.departments,
      user_count: file.use.userCount?.value ?? null, user_min: file.use.userCount?.min ?? null, user_max: file.use.userCount?.maxExclusive ?? null,
      use_method: file.use.method, use_matching: file.use.matching, use_start: file.use.start?.iso ?? file.use.start?.raw ?? null,
      outsourcing_status: file.outsourcing.status?.value ?? null, outsourcing_count: file.outsourcing.count,
      provision_count: file.sharing.provisionCount, transfer_count: file.sharing.transferCount,
      storage: file.storage, notes: file.notes,
    });
    const base = { file_index: fileIndex };
    rows.file_boxes!.push(
      ...boxRows(base, "main_items", file.items.main, labelsOf("mainItems")),
      ...boxRows(base, "acquisition_sources", file.acquisition.sources, labelsOf("acquisitionSources")),
      ...boxRows(base, "acquisition_methods", file.acquisition.methods, labelsOf("acquisitionMethods")),
      ...boxRows(base, "sharing_status", file.sharing.status, labelsOf("sharingStatus")),
    );
    file.outsourcing.items.forEach((item, itemIndex) => {
      rows.outsourcing_items!.push({
        file_index: fileIndex, item_index: itemIndex, item_no: item.no, title: item.title, content: item.content,
        handler_count: item.handlerCount?.value ?? null, handler_min: item.handlerCount?.min ?? null, handler_max: item.handlerCount?.maxExclusive ?? null,
        contractor: item.contractor, subcontracting_status: item.subcontracting.status?.value ?? null,
        subcontracting_permission: item.subcontracting.permissionMethod, subcontracting_matters: item.subcontracting.matters,
      });
    });
    for (const [kind, list] of [["provision", file.sharing.provisions], ["transfer", file.sharing.transfers]] as const) {
      list.forEach((r, recipientIndex) => {
        rows.recipients!.push({
          file_index: fileIndex, kind, recipient_index: recipientIndex, recipient_no: r.no, name: r.name, legal_basis: r.legalBasis, purpose: r.purpose, info: r.info,
          subject_count: r.subjectCount?.value ?? null, subject_min: r.subjectCount?.min ?? null, subject_max: r.subjectCount?.maxExclusive ?? null,
          scope: r.scope, methods: joinChecks(r.methods), timing: r.timing,
        });
      });
    }
    let itemIndex = 0;
    for (const group of file.recordItems) {
      for (const item of group.items) rows.record_items!.push({ file_index: fileIndex, item_index: itemIndex++, item_group: group.group, item });
    }
  });
  (record.risks?.sections ?? []).forEach((section, sectionIndex) => {
    rows.risk_sections!.push({ section_index: sectionIndex, section_no: section.no, title: section.title, not_applicable: joinChecks(section.notApplicable), other_measures: section.otherMeasures });
    section.risks.forEach((risk, riskIndex) => {
      rows.risks!.push({
        section_index: sectionIndex, section_no: section.no, risk_index: riskIndex, risk_no: risk.no, name: risk.name, measures: risk.measures,
        rating: risk.rating?.value ?? null, rating_option: risk.rating?.option ?? null,
      });
      risk.items.forEach((item, itemIndex) => {
        rows.risk_items!.push({
          section_index: sectionIndex, risk_index: riskIndex, item_index: itemIndex, label: item.label,
          choice: item.choice?.value ?? null, choice_option: item.choice?.option ?? null, text: item.text,
        });
      });
    });
  });
  record.changes.forEach((change, changeIndex) => {
    rows.changes!.push({
      change_index: changeIndex, changed_on: change.date?.iso ?? null, changed_on_raw: change.date?.raw ?? null, item: change.item,
      before: change.before, after: change.after, submission: change.submission, explanation: change.explanation, page: change.page, reason: change.reason,
    });
  });
  record.warnings.forEach((w, warningIndex) => {
    rows.warnings!.push({ warning_index: warningIndex, code: w.code, path: w.path, message: w.message, line: w.line, page: w.page });
  });
  return rows;
}

/** The section a path belongs to when no field was noted for it: the record's own part names. */
const TOP_SECTIONS: Record<string, string> = {
  source: "出典", form: "様式", header: "表紙", organization: "評価実施機関", basic: "I 基本情報",
  files: "II 特定個人情報ファイルの概要", risks: "III リスク対策", disclosure: "IV 開示請求、問合せ",
  procedure: "V 評価実施手続", changes: "(別添2) 変更箇所", warnings: "警告",
};

/**
 * Every leaf of the record (null ones too) as a row of the fields table: its JSON path, and
 * where it came from — the field noted for the path or for its nearest ancestor.
 */
export function fieldRows(record: PiaRecord, sources: ReadonlyMap<string, FieldSource>): Row[] {
  const rows: Row[] = [];
  const sourceOf = (path: string): FieldSource | undefined => {
    for (let p = path; p !== ""; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
      const found = sources.get(p);
      if (found) return found;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
    }
    return undefined;
  };
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) walk(v, path === "" ? key : `${path}.${key}`);
      return;
    }
    const source = sourceOf(path);
    rows.push({
      path,
      section: source?.section ?? TOP_SECTIONS[path.split(/[.[]/)[0]!] ?? null,
      label: source?.label || null,
      value: value === null || value === undefined ? null : String(value),
      line: source?.line ?? null,
      page: source?.page ?? null,
    });
  };
  walk(record, "");
  return rows;
}

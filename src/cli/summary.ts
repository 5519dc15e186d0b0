import { describeQuality } from "../record/quality.js";
import type { PiaRecord } from "../record/schema.js";

const FORM_NAMES: Record<PiaRecord["form"], string> = {
  kiso: "基礎項目評価書",
  juten: "重点項目評価書",
  zenkomoku: "全項目評価書",
  changes: "変更箇所一覧",
};

/** A readable summary of one record, for `pia extract` without --json. */
export function summarize(record: PiaRecord): string {
  const lines: string[] = [];
  const org = record.organization;
  lines.push(`${record.source.path}`);
  lines.push(`  form          ${FORM_NAMES[record.form]} (${record.form})`);
  lines.push(`  organization  ${org.name ?? "?"}${org.prefecture ? ` (${org.prefecture}` : ""}${org.lgCode ? `, ${org.lgCode})` : org.prefecture ? ")" : ""}${org.inferredFrom === "body" ? " — inferred from the body" : ""}`);
  if (record.header.title) lines.push(`  title         ${record.header.title}`);
  if (record.header.publishedOn) lines.push(`  published     ${record.header.publishedOn.raw}${record.header.publishedOn.iso ? ` (${record.header.publishedOn.iso})` : ""}`);
  if (record.basic) {
    if (record.basic.affair.name) lines.push(`  affair        ${record.basic.affair.name}`);
    if (record.basic.affair.targetPopulation) lines.push(`  population    ${record.basic.affair.targetPopulation.value}`);
    for (const system of record.basic.systems) lines.push(`  system ${system.no}      ${system.name ?? "?"}`);
  }
  record.files.forEach((file, i) => {
    lines.push(`  file ${i + 1}        ${file.name ?? "?"} — ${file.recordItems.reduce((n, g) => n + g.items.length, 0)} record items`);
    for (const item of file.outsourcing.items) lines.push(`    委託 ${item.no}      ${item.title ?? ""}${item.contractor ? ` → ${item.contractor}` : ""}`);
    for (const r of file.sharing.provisions) lines.push(`    提供 ${r.no}      ${r.name ?? ""}`);
    for (const r of file.sharing.transfers) lines.push(`    移転 ${r.no}      ${r.name ?? ""}`);
  });
  if (record.risks) {
    for (const section of record.risks.sections) {
      const ratings = section.risks.map((r) => r.rating?.value ?? "—").join(" / ");
      lines.push(`  risk ${String(section.no).padEnd(2)}       ${ratings}  ${section.title}`);
    }
  }
  if (record.changes.length > 0) lines.push(`  changes       ${record.changes.length}`);
  lines.push(`  quality       ${describeQuality(record.quality)}`);
  if (record.warnings.length > 0) {
    lines.push(`  warnings      ${record.warnings.length}`);
    for (const w of record.warnings) lines.push(`    ${w.code}  ${w.path}${w.line !== null ? ` (line ${w.line})` : ""}: ${w.message}`);
  }
  return lines.join("\n");
}

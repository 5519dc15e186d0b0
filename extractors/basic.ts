import { LABELS } from "../data/labels.js";
import type { Block, Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { normalizeText } from "../normalizers/text.js";
import {
  bandOf, checksOf, choiceOf, Extraction, findField, plainOf, sectionBody, sectionByKey, textOf,
} from "./context.js";

type Basic = NonNullable<PiaRecord["basic"]>;

/** `(1)資格管理ファイル (2)支払ファイル` → the names without their numbers. */
export function splitFileNames(text: string | null): string[] {
  if (text === null) return [];
  const t = text.normalize("NFKC");
  const numbered = t.split(/\(\d{1,2}\)|(?:^|\s)\d{1,2}[.．](?!\d)/).map((s) => normalizeText(s)).filter((s): s is string => s !== null);
  return numbered;
}

/** Whether an extracted value holds nothing: nulls, empty lists, unmarked box groups (`no` aside). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.every(isBlank);
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).every(([key, v]) => key === "no" || isBlank(v));
  }
  return typeof value === "number" ? false : value === "";
}

/**
 * Extract each block and keep the ones that hold something: the form prints empty blocks
 * (an unused 委託事項1, 提供先1) that are no entries. Warnings of a dropped block are dropped too.
 */
export function filledEntries<T>(blocks: Block[], ex: Extraction, extract: (block: Block, index: number, ex: Extraction) => T): T[] {
  const entries: T[] = [];
  for (const block of blocks) {
    const scratch = new Extraction();
    const entry = extract(block, entries.length, scratch);
    if (isBlank(entry)) continue;
    entries.push(entry);
    ex.warnings.push(...scratch.warnings);
    for (const [path, source] of scratch.sources) ex.sources.set(path, source);
  }
  return entries;
}

/** I 基本情報 (基礎項目: I 関連情報). */
export function extractBasic(part: Part | undefined, thresholdItems: Part | undefined, ex: Extraction): Basic {
  if (!part) ex.warn("section-not-found", "basic", "part I 基本情報 not found");
  const affair = sectionByKey(part, "affair");
  const systems = sectionByKey(part, "systems");
  const numberUse = sectionByKey(part, "numberUse");
  const linkage = sectionByKey(part, "infoLinkage");
  const department = sectionByKey(part, "department");
  const labels = LABELS;
  const affairFields = affair?.fields ?? [];
  return {
    affair: {
      name: textOf(findField(affairFields, labels.affair.name), "basic.affair.name", ex),
      description: textOf(findField(affairFields, labels.affair.description), "basic.affair.description", ex),
      // 基礎項目 states the number in II しきい値判断項目 1. 対象人数, not in I.
      targetPopulation: bandOf(
        findField(affairFields, labels.affair.targetPopulation) ?? sectionByKey(thresholdItems, "population")?.fields.find((f) => f.values.length > 0),
        "targetPopulation",
        "basic.affair.targetPopulation",
        ex,
      ),
    },
    systems: filledEntries(
      (systems?.blocks ?? []).filter((b) => b.kind === "system" && b.no !== null && !b.placeholder),
      ex,
      (block, i, ex) => ({
        no: block.no!,
        name: textOf(findField(block.fields, labels.system.name), `basic.systems[${i}].name`, ex),
        functions: textOf(findField(block.fields, labels.system.functions), `basic.systems[${i}].functions`, ex),
        connections: checksOf(findField(block.fields, labels.system.connections), "connections", `basic.systems[${i}].connections`, ex),
      }),
    ),
    fileNames: splitFileNames(sectionBody(sectionByKey(part, "fileNames"), "basic.fileNames", ex)),
    numberUseBasis: textOf(findField(numberUse?.fields ?? [], labels.legalBasis.basis), "basic.numberUseBasis", ex) ?? sectionBody(numberUse, "basic.numberUseBasis", ex),
    infoLinkage: {
      implemented: choiceOf(findField(linkage?.fields ?? [], labels.infoLinkage.implemented), ["infoLinkage"], "basic.infoLinkage.implemented", ex),
      basis: textOf(findField(linkage?.fields ?? [], labels.infoLinkage.basis), "basic.infoLinkage.basis", ex),
    },
    department: {
      name: textOf(findField(department?.fields ?? [], labels.department.name), "basic.department.name", ex),
      headTitle: textOf(findField(department?.fields ?? [], labels.department.headTitle), "basic.department.headTitle", ex),
    },
    otherAssessors: sectionBody(sectionByKey(part, "otherAssessors"), "basic.otherAssessors", ex),
  };
}

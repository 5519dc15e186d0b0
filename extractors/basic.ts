import { LABELS } from "../data/labels.js";
import type { Block, Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { normalizeText } from "../normalizers/text.js";
import {
  bandOf, checksOf, choiceOf, Diagnostics, findField, plainOf, sectionBody, sectionByKey, textOf,
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
export function filledEntries<T>(blocks: Block[], diagnostics: Diagnostics, extract: (block: Block, index: number, diagnostics: Diagnostics) => T): T[] {
  const entries: T[] = [];
  for (const block of blocks) {
    const scratch = new Diagnostics();
    const entry = extract(block, entries.length, scratch);
    if (isBlank(entry)) continue;
    entries.push(entry);
    diagnostics.warnings.push(...scratch.warnings);
  }
  return entries;
}

/** I 基本情報 (基礎項目: I 関連情報). */
export function extractBasic(part: Part | undefined, thresholdItems: Part | undefined, diagnostics: Diagnostics): Basic {
  if (!part) diagnostics.warn("section-not-found", "basic", "part I 基本情報 not found");
  const affair = sectionByKey(part, "affair");
  const systems = sectionByKey(part, "systems");
  const numberUse = sectionByKey(part, "numberUse");
  const linkage = sectionByKey(part, "infoLinkage");
  const department = sectionByKey(part, "department");
  const labels = LABELS;
  const affairFields = affair?.fields ?? [];
  return {
    affair: {
      name: textOf(findField(affairFields, labels.affair.name)),
      description: textOf(findField(affairFields, labels.affair.description)),
      // 基礎項目 states the number in II しきい値判断項目 1. 対象人数, not in I.
      targetPopulation: bandOf(
        findField(affairFields, labels.affair.targetPopulation) ?? sectionByKey(thresholdItems, "population")?.fields.find((f) => f.values.length > 0),
        "targetPopulation",
        "basic.affair.targetPopulation",
        diagnostics,
      ),
    },
    systems: filledEntries(
      (systems?.blocks ?? []).filter((b) => b.kind === "system" && b.no !== null && !b.placeholder),
      diagnostics,
      (block, i, diagnostics) => ({
        no: block.no!,
        name: textOf(findField(block.fields, labels.system.name)),
        functions: textOf(findField(block.fields, labels.system.functions)),
        connections: checksOf(findField(block.fields, labels.system.connections), "connections", `basic.systems[${i}].connections`, diagnostics),
      }),
    ),
    fileNames: splitFileNames(sectionBody(sectionByKey(part, "fileNames"))),
    numberUseBasis: textOf(findField(numberUse?.fields ?? [], labels.legalBasis.basis)) ?? sectionBody(numberUse),
    infoLinkage: {
      implemented: choiceOf(findField(linkage?.fields ?? [], labels.infoLinkage.implemented), ["infoLinkage"], "basic.infoLinkage.implemented", diagnostics),
      basis: textOf(findField(linkage?.fields ?? [], labels.infoLinkage.basis)),
    },
    department: {
      name: textOf(findField(department?.fields ?? [], labels.department.name)),
      headTitle: textOf(findField(department?.fields ?? [], labels.department.headTitle)),
    },
    otherAssessors: sectionBody(sectionByKey(part, "otherAssessors")),
  };
}

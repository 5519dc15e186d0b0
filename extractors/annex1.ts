import {
  ANNEX_FILE_HEADING, ANNEX_GROUP_HEADING, ANNEX_ITEM_NUMBER, FILE_REGISTER_ITEM, FILE_REGISTER_ITEM_ROW_NUMBER,
} from "../data/annex.js";
import { MARK_CHARS } from "../data/options.js";
import type { Part, Row } from "../src/model.js";
import type { FileRecord } from "../src/record/schema.js";
import { foldForMatch, normalizeText } from "../normalizers/text.js";

type RecordItems = FileRecord["recordItems"];

export interface AnnexFile {
  name: string | null;
  groups: RecordItems;
}

function lineText(text: string): string {
  return (normalizeText(text) ?? "").replace(/^#{1,6}\s*/, "").replace(/^\*\*(.*)\*\*$/, "$1");
}

/** `1.個人番号,2.宛名番号` → [個人番号, 宛名番号]. */
export function splitItems(text: string): string[] {
  const t = text.normalize("NFKC");
  const pieces = ANNEX_ITEM_NUMBER.test(t) ? t.split(ANNEX_ITEM_NUMBER) : t.split(/[,，]/);
  ANNEX_ITEM_NUMBER.lastIndex = 0;
  return pieces.map((p) => normalizeText(p.replace(/[,、，]\s*$/, ""))).filter((p): p is string => p !== null);
}

/** A 個人情報ファイル簿 (row 5 lists the items, ○ where the file records them). */
function fromFileRegister(rows: Row[]): AnnexFile | null {
  const itemRows = rows.filter((r) => r.texts[0]?.trim() === FILE_REGISTER_ITEM_ROW_NUMBER && FILE_REGISTER_ITEM.test(r.texts[1]?.normalize("NFKC") ?? ""));
  if (itemRows.length === 0) return null;
  const groups: RecordItems = [];
  for (const row of itemRows) {
    const [, group, item] = FILE_REGISTER_ITEM.exec(row.texts[1]!.normalize("NFKC"))!;
    const marked = [...(row.texts[2] ?? "")].some((c) => MARK_CHARS.includes(c));
    if (!marked) continue;
    const last = groups[groups.length - 1];
    const name = normalizeText(item!)!;
    if (last && last.group === group) last.items.push(name);
    else groups.push({ group: group!, items: [name] });
  }
  return { name: null, groups };
}

/** The record items of every file that the annex lists, in order. */
export function extractAnnexFiles(parts: Part[]): AnnexFile[] {
  const rows = parts.flatMap((p) => p.fields.flatMap((f) => f.rows));
  const register = fromFileRegister(rows);
  if (register) return [register];
  const files: AnnexFile[] = [];
  let file: AnnexFile | null = null;
  let group: RecordItems[number] | null = null;
  for (const row of rows) {
    const text = lineText(row.texts.filter((t) => t !== "").join(" "));
    if (text === "") continue;
    const heading = ANNEX_FILE_HEADING.exec(text);
    if (heading) {
      file = { name: normalizeText(heading[3]!), groups: [] };
      files.push(file);
      group = null;
      continue;
    }
    if (!file) {
      file = { name: null, groups: [] };
      files.push(file);
    }
    const groupHeading = ANNEX_GROUP_HEADING.exec(text);
    if (groupHeading) {
      group = { group: normalizeText(groupHeading.slice(1).find((g) => g !== undefined) ?? null), items: [] };
      file.groups.push(group);
      continue;
    }
    const items = splitItems(text);
    if (items.length === 0) continue;
    if (!group) {
      group = { group: null, items: [] };
      file.groups.push(group);
    }
    group.items.push(...items);
  }
  return files.filter((f) => f.groups.some((g) => g.items.length > 0));
}

/** Give each file of II its annex entry: by name where the annex names files, else in order. */
export function attachRecordItems(files: FileRecord[], annex: AnnexFile[]): void {
  const byName = (name: string | null) =>
    name === null ? undefined : annex.find((a) => a.name !== null && foldForMatch(a.name).includes(foldForMatch(name)));
  files.forEach((file, i) => {
    const entry = byName(file.name) ?? (annex.every((a) => a.name === null) || annex.length === files.length ? annex[i] : undefined);
    file.recordItems = entry?.groups ?? [];
  });
}

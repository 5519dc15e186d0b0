import { LABELS } from "../data/labels.js";
import { BOX_GROUPS, NOT_OUTSOURCED_OPTION } from "../data/options.js";
import type { Block, Part } from "../src/model.js";
import type { FileRecord, Recipient } from "../src/record/schema.js";
import { normalizeText, stripNumbering } from "../normalizers/text.js";
import { filledEntries, splitFileNames } from "./basic.js";
import {
  allFields, bandOf, checksOf, checksResultOf, choiceOf, dateOf, Extraction, findField, plainOf, sectionBody,
  sectionByKey, textOf, warnNoMark,
} from "./context.js";

/** `( 3 ) 件` after a selection. */
function countOf(plain: string): number | null {
  const m = /\(\s*(\d+)\s*\)\s*件/.exec(plain.normalize("NFKC"));
  return m ? Number(m[1]) : null;
}

function recipientOf(block: Block, path: string, ex: Extraction): Recipient {
  const labels = LABELS.recipient;
  const f = (names: readonly string[]) => findField(block.fields, names);
  const recipient: Recipient = {
    no: block.no!,
    name: normalizeText(block.title),
    legalBasis: textOf(f(labels.legalBasis), `${path}.legalBasis`, ex),
    purpose: textOf(f(labels.purpose), `${path}.purpose`, ex),
    info: textOf(f(labels.info), `${path}.info`, ex),
    subjectCount: bandOf(f(labels.subjectCount), "subjectCount", `${path}.subjectCount`, ex),
    scope: textOf(f(labels.scope), `${path}.scope`, ex),
    methods: checksOf(f(labels.methods), block.kind === "transfer" ? "transferMethods" : "provisionMethods", `${path}.methods`, ex, { required: true }),
    timing: textOf(f(labels.timing), `${path}.timing`, ex),
  };
  // A row that held another row's value shows the block's values were read out of their rows:
  // its other texts (and the name beside its heading) are as likely another row's.
  if (ex.warnings.some((w) => w.code === "value-out-of-place" && w.path.startsWith(`${path}.`))) {
    for (const key of ["name", "legalBasis", "purpose", "info", "scope", "timing"] as const) recipient[key] = null;
  }
  return recipient;
}

/**
 * The numbered blocks of a kind, wherever they stand: a conversion that lost a section's heading
 * leaves its blocks under the section before it.
 */
function numberedBlocks(part: Part | undefined, kind: Block["kind"]): Block[] {
  return (part?.sections ?? []).flatMap((s) => s.blocks).filter((b) => b.kind === kind && b.no !== null && !b.placeholder);
}

/** The sections of II every file has, and the part of the record each one fills. */
const FILE_SECTIONS: Record<string, string> = {
  name: "name",
  basics: "subjects",
  acquisition: "acquisition",
  outsourcing: "outsourcing",
  sharing: "sharing",
  storage: "storage",
  notes: "notes",
};

/** One II 特定個人情報ファイルの概要 part: one file. */
export function extractFile(part: Part, index: number, ex: Extraction): FileRecord {
  const path = `files[${index}]`;
  for (const [key, field] of Object.entries(FILE_SECTIONS)) {
    if (!sectionByKey(part, key)) {
      ex.warn("section-not-found", `${path}.${field}`, `section 「${key}」 of II not found`, { line: part.line, page: part.page });
    }
  }
  const basics = allFields(sectionByKey(part, "basics"));
  const acquisition = allFields(sectionByKey(part, "acquisition"));
  const outsourcingSection = sectionByKey(part, "outsourcing");
  const sharingSection = sectionByKey(part, "sharing");
  const L = LABELS;
  const nameText = sectionBody(sectionByKey(part, "name"), `${path}.name`, ex);
  const name = splitFileNames(nameText)[0] ?? (nameText ? stripNumbering(nameText) : null);

  const statusField = findField(outsourcingSection?.fields ?? [], L.outsourcing.status);
  const outsourcingItems = filledEntries(numberedBlocks(part, "outsourcing"), ex, (block, i, ex) => {
    const p = `${path}.outsourcing.items[${i}]`;
    const f = (names: readonly string[]) => findField(block.fields, names);
    return {
      no: block.no!,
      title: normalizeText(block.title),
      content: textOf(f(L.outsourcingItem.content), `${p}.content`, ex),
      handlerCount: bandOf(f(L.outsourcingItem.handlerCount), "userCount", `${p}.handlerCount`, ex),
      contractor: textOf(f(L.outsourcingItem.contractor), `${p}.contractor`, ex),
      subcontracting: {
        status: choiceOf(f(L.outsourcingItem.subcontractingStatus), ["subcontracting"], `${p}.subcontracting.status`, ex),
        permissionMethod: textOf(f(L.outsourcingItem.permissionMethod), `${p}.subcontracting.permissionMethod`, ex),
        matters: textOf(f(L.outsourcingItem.matters), `${p}.subcontracting.matters`, ex),
      },
    };
  });

  const outsourcingStatus = choiceOf(statusField, ["outsourcing"], `${path}.outsourcing.status`, ex);
  const sharingField = findField(sharingSection?.fields ?? [], L.sharing.status);
  const sharing = checksResultOf(plainOf(sharingField), "sharingStatus");
  ex.note(`${path}.sharing`, sharingField);
  if (sharingField && sharing.noMark) warnNoMark(ex, `${path}.sharing.status`, sharingField);
  const countFor = (label: string) => sharing.found.find((f) => f.label === label)?.count ?? null;

  const storageSection = sectionByKey(part, "storage");
  const storage = textOf(findField(storageSection?.fields ?? [], L.storage.place), `${path}.storage`, ex) ?? sectionBody(storageSection, `${path}.storage`, ex);
  const notesSection = sectionByKey(part, "notes");

  return {
    name,
    fileType: choiceOf(findField(basics, L.fileBasics.fileType), ["fileType"], `${path}.fileType`, ex),
    subjects: {
      count: bandOf(findField(basics, L.fileBasics.subjectCount), "subjectCount", `${path}.subjects.count`, ex),
      scope: textOf(findField(basics, L.fileBasics.subjectScope), `${path}.subjects.scope`, ex),
      necessity: textOf(findField(basics, L.fileBasics.necessity), `${path}.subjects.necessity`, ex),
    },
    items: {
      count: bandOf(findField(basics, L.fileBasics.itemCount), "itemCount", `${path}.items.count`, ex),
      main: checksOf(findField(basics, L.fileBasics.mainItems), "mainItems", `${path}.items.main`, ex, { required: true }),
      rationale: textOf(findField(basics, L.fileBasics.rationale), `${path}.items.rationale`, ex),
    },
    holdingStart: dateOf(findField(basics, L.fileBasics.holdingStart), `${path}.holdingStart`, ex),
    department: textOf(findField(basics, L.fileBasics.department), `${path}.department`, ex),
    acquisition: {
      sources: checksOf(findField(acquisition, L.acquisition.sources), "acquisitionSources", `${path}.acquisition.sources`, ex, { required: true }),
      methods: checksOf(findField(acquisition, L.acquisition.methods), "acquisitionMethods", `${path}.acquisition.methods`, ex, { required: true }),
    },
    use: {
      purpose: textOf(findField(acquisition, L.acquisition.purpose), `${path}.use.purpose`, ex),
      departments: textOf(findField(acquisition, L.acquisition.departments), `${path}.use.departments`, ex),
      userCount: bandOf(findField(acquisition, L.acquisition.userCount), "userCount", `${path}.use.userCount`, ex),
      method: textOf(findField(acquisition, L.acquisition.method), `${path}.use.method`, ex),
      matching: textOf(findField(acquisition, L.acquisition.matching), `${path}.use.matching`, ex),
      start: dateOf(findField(acquisition, L.acquisition.start), `${path}.use.start`, ex),
    },
    outsourcing: {
      status: outsourcingStatus,
      count: countOf(plainOf(statusField)),
      items: placeholderItemsDropped(outsourcingItems, outsourcingStatus),
    },
    sharing: {
      status: sharing.checks,
      provisionCount: countFor("提供を行っている"),
      transferCount: countFor("移転を行っている"),
      provisions: unnamedDropped(filledEntries(numberedBlocks(part, "provision"), ex, (b, i, d) => recipientOf(b, `${path}.sharing.provisions[${i}]`, d)), sharing, BOX_GROUPS.sharingStatus[0]),
      transfers: unnamedDropped(filledEntries(numberedBlocks(part, "transfer"), ex, (b, i, d) => recipientOf(b, `${path}.sharing.transfers[${i}]`, d)), sharing, BOX_GROUPS.sharingStatus[1]),
    },
    storage,
    notes: textOf(findField(notesSection?.fields ?? [], L.notes.notes), `${path}.notes`, ex) ?? sectionBody(notesSection, `${path}.notes`, ex),
    recordItems: [],
  };
}

/**
 * A filing that does not outsource (委託しない) still prints the form's 委託事項1 rows, empty:
 * what a print's stray fragments put there is no outsourced task. Items are kept when any has a
 * title or a content (a filing may contradict itself; its own words are kept).
 */
function placeholderItemsDropped<T extends { title: string | null; content: string | null }>(items: T[], status: { option: number | null } | null): T[] {
  const notOutsourced = status?.option === NOT_OUTSOURCED_OPTION;
  return notOutsourced && items.every((i) => i.title === null && i.content === null) ? [] : items;
}

/**
 * Recipients of a kind the filing's 提供・移転の有無 does not mark (its boxes read, that one empty):
 * the form's empty 提供先/移転先 rows. Those with no name are dropped; a named one is the filing's own.
 */
function unnamedDropped<T extends { name: string | null }>(recipients: T[], sharing: { checks: { checked: string[] }; noMark: boolean }, kind: string): T[] {
  const marked = !sharing.noMark && sharing.checks.checked.length > 0;
  return marked && !sharing.checks.checked.includes(kind) ? recipients.filter((r) => r.name !== null) : recipients;
}

import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { diffRecords, filingHistory, type History } from "../../store/history.js";
import { notFound, previousVersion, readDocument, referenceHelp, resolveReference, type StoredDocument } from "../../store/read.js";
import type { DB } from "../../store/db.js";
import { dbOption } from "../options.js";

function historyReport(history: History): string {
  const f = history.filing;
  const lines = [
    `filing #${f.id}  ${f.key}`,
    `  ${f.prefecture ?? ""}${f.organization ?? "?"}  ${f.affair ?? f.title ?? ""} (${f.form})${history.withdrawnAt ? `  — withdrawn since ${history.withdrawnAt}` : ""}`,
  ];
  for (const v of history.versions) {
    const kind = v.key.startsWith("changes:") ? "  変更箇所一覧" : "";
    lines.push(`  v${v.number}  ${v.publishedOn ? `published ${v.publishedOn}` : `no 公表日 (${v.key})`}${kind}  first seen ${v.firstSeen}${v.current ? "  current" : ""}`);
    for (const d of v.documents) {
      lines.push(`      doc:${d.id}  ${d.format.padEnd(4)}  ${d.sha256.slice(0, 12)}  ${d.warnings} warnings${d.chosen ? "  (its record)" : ""}`);
      for (const s of d.sources) {
        lines.push(`          ${s.source}  seen ${s.firstSeen}${s.lastSeen !== s.firstSeen ? ` … ${s.lastSeen}` : ""}${s.withdrawnAt ? `  withdrawn ${s.withdrawnAt}` : ""}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

export function historyCommand(): Command {
  return new Command("history")
    .description("List the versions of one filing in the order of publication, with every rendering and where each was seen.")
    .argument("<ref>", referenceHelp())
    .addOption(dbOption())
    .addOption(new Option("--json", "print the history as JSON"))
    .addHelpText(
      "after",
      `
A filing is identified by what it says (organization, form, 評価書番号), so its versions may come
from different files and URLs. Versions are listed by 公表日 (one whose 公表日 was not read, by the
day it was first seen); the current one is the latest dated one. vN is the order a version came
in, which never changes: FILING@N names it.

Examples:
  pia history 3
  pia history downloads/kumagaya-2.pdf
  pia history '112020|juten|no:2' --json`,
    )
    .action((reference: string, options: { db: string; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const history = filingHistory(db, reference);
        if (!history) {
          process.stderr.write(`${notFound(db, reference)} in ${options.db}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(options.json ? `${JSON.stringify(history, null, 2)}\n` : historyReport(history));
      } finally {
        db.close();
      }
    });
}

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

/**
 * The two documents a diff compares: two references; or one, whose version is compared with
 * the version before it (a filing: its current version).
 */
function documentsToCompare(db: DB, a: string, b: string | undefined): [StoredDocument, StoredDocument] | string {
  const left = resolveReference(db, a);
  if (!left) return notFound(db, a);
  if (b !== undefined) {
    const right = resolveReference(db, b);
    if (!right) return notFound(db, b);
    return [readDocument(db, left.documentId)!, readDocument(db, right.documentId)!];
  }
  // The version before, of the same kind: an assessment is compared with an assessment, not a 変更箇所一覧.
  const before = previousVersion(db, left.versionId);
  if (!before) return `${a}: no earlier version to compare it with; name two`;
  return [readDocument(db, before.documentId)!, readDocument(db, left.documentId)!];
}

export function diffCommand(): Command {
  return new Command("diff")
    .description("What changed between two versions of a filing (or any two stored documents), field by field.")
    .argument("<a>", `the earlier: ${referenceHelp()}; alone, the version before it is compared with it`)
    .argument("[b]", "the later, written the same way")
    .addOption(dbOption())
    .addOption(new Option("--json", "print the changes as JSON"))
    .addHelpText(
      "after",
      `
Examples:
  pia diff 3            # filing 3: its previous version → its current one
  pia diff 3@1 3@3      # its first version → its third
  pia diff doc:7 doc:9  # two documents, whatever they are`,
    )
    .action((a: string, b: string | undefined, options: { db: string; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const pair = documentsToCompare(db, a, b);
        if (typeof pair === "string") {
          process.stderr.write(`${pair} in ${options.db}\n`);
          process.exitCode = 1;
          return;
        }
        const [left, right] = pair;
        const diff = diffRecords(left.record, right.record);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ from: { documentId: left.id, filingId: left.filingId }, to: { documentId: right.id, filingId: right.filingId }, ...diff }, null, 2)}\n`);
          return;
        }
        const { summary } = diff;
        const lines = [`doc:${left.id} → doc:${right.id}: ${diff.changed.length} changed, ${diff.added.length} added, ${diff.removed.length} removed fields`];
        for (const [what, change] of [["systems", summary.systems], ["contractors", summary.contractors], ["files", summary.files]] as const) {
          for (const name of change.added) lines.push(`  + ${what}: ${name}`);
          for (const name of change.removed) lines.push(`  - ${what}: ${name}`);
        }
        for (const r of summary.ratings) lines.push(`  rating ${r.path}: ${show(r.before)} → ${show(r.after)}`);
        for (const c of [...diff.changed, ...diff.added, ...diff.removed]) lines.push(`  ${c.path}: ${show(c.before)} → ${show(c.after)}`);
        process.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        db.close();
      }
    });
}

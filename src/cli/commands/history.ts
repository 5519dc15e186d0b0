import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { diffRecords, versionsOf } from "../../store/history.js";
import { findDocument } from "../../store/read.js";
import { dbOption } from "../options.js";

export function historyCommand(): Command {
  return new Command("history")
    .description("List the versions of one filing's source, oldest first.")
    .argument("<ref>", "a stored filing's id, its sha256, or the path (URL) it was imported from")
    .addOption(dbOption())
    .addOption(new Option("--json", "print the versions as JSON"))
    .action((reference: string, options: { db: string; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const history = versionsOf(db, reference);
        if (!history) {
          process.stderr.write(`${reference}: no such filing in ${options.db}\n`);
          process.exitCode = 1;
          return;
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${history.source}${history.withdrawnAt ? `  (withdrawn: answers 404/410 since ${history.withdrawnAt})` : ""}\n`);
        for (const v of history.versions) {
          const from = v.source === history.source ? "" : `  from ${v.source}`;
          process.stdout.write(`  #${v.id}  ${v.importedAt}  ${v.sha256.slice(0, 12)}${v.current ? "  current" : `  superseded by #${v.supersededBy}`}${from}\n`);
        }
      } finally {
        db.close();
      }
    });
}

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

export function diffCommand(): Command {
  return new Command("diff")
    .description("What changed between two stored filings (two versions of one source), field by field.")
    .argument("<a>", "the earlier filing: id, sha256 or path")
    .argument("<b>", "the later filing: id, sha256 or path")
    .addOption(dbOption())
    .addOption(new Option("--json", "print the changes as JSON"))
    .action((a: string, b: string, options: { db: string; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const left = findDocument(db, a);
        const right = findDocument(db, b);
        for (const [reference, found] of [[a, left], [b, right]] as const) {
          if (!found) {
            process.stderr.write(`${reference}: no such filing in ${options.db}\n`);
            process.exitCode = 1;
          }
        }
        if (!left || !right) return;
        const diff = diffRecords(left.record, right.record);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
          return;
        }
        const { summary } = diff;
        const lines = [`#${left.id} → #${right.id}: ${diff.changed.length} changed, ${diff.added.length} added, ${diff.removed.length} removed fields`];
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

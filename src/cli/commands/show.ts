import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { findDocument } from "../../store/read.js";
import { dbOption } from "../options.js";
import { summarize } from "../summary.js";

export function showCommand(): Command {
  return new Command("show")
    .description("Show one stored filing: a readable summary, or with --json its record (as pia extract --json gives it).")
    .argument("<ref>", "the filing's id, its sha256 (or 8+ first characters), or the path it was imported from")
    .addOption(dbOption())
    .addOption(new Option("--json", "print the stored record"))
    .action((reference: string, options: { db: string; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const stored = findDocument(db, reference);
        if (!stored) {
          process.stderr.write(`${reference}: no such filing in ${options.db}\n`);
          process.exitCode = 1;
          return;
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(stored.record, null, 2)}\n`);
          return;
        }
        const versions = [
          `  stored        #${stored.id}, imported ${stored.importedAt}, sha256 ${stored.sha256.slice(0, 12)}…`,
          stored.supersedes !== null ? `  supersedes    #${stored.supersedes}` : null,
          stored.supersededBy !== null ? `  superseded by #${stored.supersededBy}` : null,
        ].filter((l) => l !== null);
        const [first, ...rest] = summarize(stored.record).split("\n");
        process.stdout.write(`${[first, ...versions, ...rest].join("\n")}\n`);
      } finally {
        db.close();
      }
    });
}

import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { checkSearchIndex, rebuildSearchIndex } from "../../store/search-index.js";
import { dbOption } from "../options.js";

export function indexCommand(): Command {
  return new Command("index")
    .description("Check or rebuild the full-text index (fields_fts) that pia search, sqlite-utils and Datasette use.")
    .addOption(dbOption())
    .addOption(new Option("--rebuild", "fold every field's notation variants again and rebuild the index from the fields (after editing values by hand)"))
    .addOption(new Option("--check", "check the index against the fields (the default)"))
    .addHelpText(
      "after",
      `
The index is kept in step by SQLite's triggers whatever tool writes the fields; --rebuild is for
a database whose fields were edited by hand (their folded variant forms are then out of date),
or after an upgrade of pia's variant table (data/variants.ts).

Examples:
  pia index --check
  pia index --rebuild --db research.sqlite`,
    )
    .action((options: { db: string; rebuild?: boolean; check?: boolean }) => {
      // The integrity check is an INSERT of a command into the index: it needs a writable connection.
      const db = openDatabase(options.db);
      try {
        if (options.rebuild) {
          const rebuilt = rebuildSearchIndex(db);
          process.stdout.write(`${options.db}: index rebuilt over ${rebuilt.fields.toLocaleString("en-US")} fields (${rebuilt.refolded} folded forms updated) in ${rebuilt.seconds.toFixed(1)} s\n`);
        }
        const check = checkSearchIndex(db);
        process.stdout.write(`${options.db}: index ${check.ok ? "consistent" : "NOT consistent"} with the fields; ${check.staleFolded} fields with out-of-date folded forms\n`);
        if (!check.ok || check.staleFolded > 0) {
          process.stderr.write(`pia index: ${check.ok ? "" : `${check.error}; `}run pia index --rebuild\n`);
          process.exitCode = 1;
        }
      } finally {
        db.close();
      }
    });
}

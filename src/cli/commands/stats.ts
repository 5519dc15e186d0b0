import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { corpusStats, statsReport } from "../../store/stats.js";
import { dbOption, positiveInteger } from "../options.js";

export function statsCommand(): Command {
  return new Command("stats")
    .description("Corpus figures of the current filings: by form and prefecture, top contractors, ratings per risk section, warnings.")
    .addOption(dbOption())
    .addOption(new Option("--top <n>", "how many contractors").default(20).argParser(positiveInteger("--top")))
    .addOption(new Option("--json", "print the figures as JSON"))
    .action((options: { db: string; top: number; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const stats = corpusStats(db, options.top);
        process.stdout.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : statsReport(stats));
      } finally {
        db.close();
      }
    });
}

import { Command, Option } from "commander";
import { search, QueryError } from "../../search/search.js";
import { openDatabase } from "../../store/db.js";
import { dbOption, positiveInteger } from "../options.js";

export function searchCommand(): Command {
  return new Command("search")
    .description("Search every text of the current filings (Japanese words, as kuromoji splits them), best first.")
    .argument("<words...>", 'words; "…" for a phrase, AND (default) / OR / NOT between terms, a trailing * for a prefix')
    .addOption(dbOption())
    .addOption(new Option("--org <name>", "only this local government (名前 or 全国地方公共団体コード)"))
    .addOption(new Option("--prefecture <name>", "only this prefecture (大阪府)"))
    .addOption(new Option("--form <form>", "only this form").choices(["kiso", "juten", "zenkomoku", "changes"]))
    .addOption(new Option("--section <text>", "only fields whose place in the form contains this (III, 委託, …)"))
    .addOption(new Option("--limit <n>", "at most this many hits").default(20).argParser(positiveInteger("--limit")))
    .addOption(new Option("--json", "print the hits as JSON"))
    .addHelpText(
      "after",
      `
Examples:
  pia search 生体認証
  pia search 委託 NOT 再委託 --prefecture 東京都
  pia search '"課題が残されている"' --section III --json`,
    )
    .action(async (words: string[], options: { db: string; org?: string; prefecture?: string; form?: string; section?: string; limit: number; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const hits = await search(db, words.join(" "), options);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
          return;
        }
        if (hits.length === 0) process.stderr.write("no hits\n");
        for (const hit of hits) {
          const where = [hit.section, hit.label].filter((p) => p).join(" > ");
          process.stdout.write(
            `#${hit.filingId} ${hit.prefecture ?? ""}${hit.organization ?? "?"} ${hit.affair ?? ""} (${hit.form})\n` +
              `  ${where}${hit.line !== null ? ` (line ${hit.line}${hit.page !== null ? `, page ${hit.page}` : ""})` : ""}\n  ${hit.snippet}\n`,
          );
        }
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        process.stderr.write(`pia search: ${error.message}\n`);
        process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}

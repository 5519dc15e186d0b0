import { Command, InvalidArgumentError, Option } from "commander";
import { search, QueryError, type SearchResult } from "../../search/search.js";
import { printable } from "../../search/snippet.js";
import { openDatabase } from "../../store/db.js";
import { dbOption, positiveInteger } from "../options.js";

const count = (n: number) => n.toLocaleString("en-US");

/** The result as a reader reads it: the total, then one line per filing with its best fields under it. */
export function formatResult(result: SearchResult): string {
  const { total, filings } = result;
  const fieldsShown = filings.reduce((n, f) => n + f.fields.length, 0);
  let out = `${count(filings.length)} of ${count(total.filings)} filings (${count(fieldsShown)} of ${count(total.fields)} fields) for ${printable(result.query)}\n`;
  for (const filing of filings) {
    const place = `${filing.prefecture ?? ""}${filing.organization ?? "?"}`;
    out += `\n#${filing.filingId} ${printable(place)} ${printable(filing.affair ?? "")} (${filing.form}) — ${count(filing.fieldCount)} field${filing.fieldCount === 1 ? "" : "s"}\n`;
    for (const field of filing.fields) {
      const where = [field.section, field.label].filter((p) => p).join(" > ") || field.path;
      const at = field.line !== null ? ` (line ${field.line}${field.page !== null ? `, page ${field.page}` : ""})` : "";
      const variants = field.variants.length > 0 ? `  [variant: ${field.variants.join(", ")}]` : "";
      out += `  ${printable(where)}${at}\n    ${field.snippet}${variants}\n`;
    }
  }
  return out;
}

function fieldsPerFiling(value: string): number | "all" {
  if (value === "all") return "all";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--fields takes a whole number ≥ 1 or "all", not "${value}"`);
  return n;
}

export function searchCommand(): Command {
  return new Command("search")
    .description(
      "Find every field of the current filings whose text contains the query, inside words too, with its notation variants (サーバ/サーバー, 取扱い/取り扱い, 漏えい/漏洩); best filings first.",
    )
    .argument("<query...>", 'terms (any piece of text, one character or more); "…" for a term with spaces; AND (the default) / OR / NOT between terms')
    .addOption(dbOption())
    .addOption(new Option("--org <name>", "only local governments whose name (or 全国地方公共団体コード) starts with this: 町田, 東京都町田市, 132098"))
    .addOption(new Option("--prefecture <name>", "only prefectures whose name starts with this (東京) or with this two-digit code (13)"))
    .addOption(new Option("--form <form>", "only this form").choices(["kiso", "juten", "zenkomoku", "changes"]))
    .addOption(new Option("--section <place>", "only this place in the form: III, 'II > 4.', '2. 入手', 委託 (headings in order; a number matches its own heading only)"))
    .addOption(new Option("--limit <n>", "show at most this many filings").default(20).argParser(positiveInteger("--limit")))
    .addOption(new Option("--fields <n>", 'fields shown under each filing: a number, or "all" for every field hit').default(3).argParser(fieldsPerFiling))
    .addOption(new Option("--exact", "only the query as written: no notation variants"))
    .addOption(new Option("--json", "print the total and the hits as JSON"))
    .addHelpText(
      "after",
      `
Exit status: 0 with hits, 1 when nothing is found (or the query or a filter is wrong).

Examples:
  pia search 生体認証
  pia search サーバ                      # also サーバー, marked as a variant
  pia search 委託 NOT 再委託 --prefecture 東京
  pia search '"課題が残されている"' --section III --json
  pia search 宛名シ --fields all`,
    )
    .action((query: string[], options: { db: string; org?: string; prefecture?: string; form?: string; section?: string; limit: number; fields: number | "all"; exact?: boolean; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const result = search(db, query.join(" "), { ...options, fieldsPerFiling: options.fields });
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else process.stdout.write(formatResult(result));
        if (result.total.fields === 0) {
          if (!options.json) process.stderr.write("pia search: nothing found\n");
          process.exitCode = 1;
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

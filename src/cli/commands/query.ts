import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { dbOption } from "../options.js";

type Row = Record<string, unknown>;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (RFC 4180) of a row's columns. */
export function csvRow(columns: string[], row: Row): string {
  return `${columns.map((c) => csvCell(row[c])).join(",")}\n`;
}

/** Rows as CSV, with a header row. */
export function toCsv(columns: string[], rows: Row[]): string {
  return `${columns.map(csvCell).join(",")}\n${rows.map((r) => csvRow(columns, r)).join("")}`;
}

/** Display width: East Asian wide characters take two columns. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** Rows as an aligned table for a terminal; long values are cut. */
export function toTable(columns: string[], rows: Row[], maxWidth = 60): string {
  const cell = (v: unknown) => {
    const text = (v === null || v === undefined ? "" : String(v)).replace(/\s+/g, " ");
    if (width(text) <= maxWidth) return text;
    let out = "";
    for (const ch of text) {
      if (width(out + ch) > maxWidth - 1) break;
      out += ch;
    }
    return `${out}…`;
  };
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i]!))));
  const line = (values: string[]) => values.map((v, i) => v + " ".repeat(widths[i]! - width(v))).join("  ").trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n") + "\n";
}

/** `--param name=value` binds :name; `--param value` binds the next `?`. */
function bindings(params: string[]): { named: Record<string, string>; positional: string[] } {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const p of params) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(p);
    if (m) named[m[1]!] = m[2]!;
    else positional.push(p);
  }
  return { named, positional };
}

export function queryCommand(): Command {
  return new Command("query")
    .description("Run read-only SQL on the database (tables and views: docs/schema.md). No statement can write.")
    .argument("<sql>", "one SQL statement")
    .addOption(dbOption())
    .addOption(new Option("--param <value>", "a parameter: name=value for :name, or a value for the next ?").argParser((v: string, all: string[] = []) => [...all, v]))
    .addOption(new Option("--csv", "CSV with a header row"))
    .addOption(new Option("--json", "a JSON array of objects"))
    .addOption(new Option("--jsonl", "one JSON object per line"))
    .addHelpText(
      "after",
      `
Examples:
  pia query "SELECT contractor_key, COUNT(*) AS n FROM contractors GROUP BY 1 ORDER BY n DESC LIMIT 10"
  pia query "SELECT * FROM risk_ratings WHERE rating_option = :option" --param option=3 --csv`,
    )
    .action((sql: string, options: { db: string; param?: string[]; csv?: boolean; json?: boolean; jsonl?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        db.pragma("query_only = ON");
        let statement;
        try {
          statement = db.prepare(sql);
        } catch (error) {
          process.stderr.write(`pia query: ${(error as Error).message}\n`);
          process.exitCode = 1;
          return;
        }
        if (!statement.reader) {
          process.stderr.write("pia query: the database is read-only here: only statements that return rows (SELECT, WITH, PRAGMA reads) are run\n");
          process.exitCode = 1;
          return;
        }
        const { named, positional } = bindings(options.param ?? []);
        const args: unknown[] = [...positional];
        if (Object.keys(named).length > 0) args.unshift(named);
        const rows = statement.all(...args) as Row[];
        const columns = statement.columns().map((c) => c.name);
        if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else if (options.jsonl) process.stdout.write(rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length > 0 ? "\n" : ""));
        else if (options.csv) process.stdout.write(toCsv(columns, rows));
        else process.stdout.write(toTable(columns, rows));
      } catch (error) {
        process.stderr.write(`pia query: ${(error as Error).message}\n`);
        process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}

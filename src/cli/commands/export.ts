import { Command, Option } from "commander";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { openDatabase, type DB } from "../../store/db.js";
import { csvRow, toCsv } from "./query.js";
import { dbOption } from "../options.js";

/** The tables a researcher joins (docs/schema.md), in the order `export all` writes them. */
export const EXPORTABLE_TABLES = [
  "filings", "filing_keys", "versions", "documents", "document_sources", "systems", "system_connections", "files", "file_boxes", "outsourcing_items", "recipients", "record_items",
  "risk_sections", "risks", "risk_items", "changes", "fields", "warnings", "import_errors",
];

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

/** Rows stream out one by one: a national corpus does not fit in memory as one array. */
async function exportTable(db: DB, table: string, format: "csv" | "jsonl", out: Writable): Promise<number> {
  // documents.record is the whole record: `export records` gives it; tables stay flat.
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((c) => !(table === "documents" && c === "record"));
  const statement = db.prepare(`SELECT ${columns.join(", ")} FROM ${table}`);
  if (format === "csv") await write(out, toCsv(columns, []));
  let n = 0;
  for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
    await write(out, format === "csv" ? csvRow(columns, row) : `${JSON.stringify(row)}\n`);
    n++;
  }
  return n;
}

async function exportRecords(db: DB, allVersions: boolean, out: Writable): Promise<number> {
  // The current records: one per filing, its current version's chosen rendering.
  const statement = db.prepare(allVersions ? "SELECT record FROM documents ORDER BY id" : "SELECT d.record FROM filings f JOIN documents d ON d.id = f.current_document_id ORDER BY f.id");
  let n = 0;
  for (const row of statement.iterate() as Iterable<{ record: string }>) {
    await write(out, `${row.record}\n`);
    n++;
  }
  return n;
}

async function finish(out: Writable): Promise<void> {
  if (out === process.stdout) return;
  out.end();
  await once(out, "finish");
}

export function exportCommand(): Command {
  return new Command("export")
    .description("Export a table (CSV or JSONL), every table (to a folder), or the full records (JSONL, the shape of docs/record.md).")
    .argument("<what>", `records, all, or a table: ${EXPORTABLE_TABLES.join(", ")}`)
    .addOption(dbOption())
    .addOption(new Option("--format <format>", "for tables").choices(["csv", "jsonl"]).default("csv"))
    .addOption(new Option("--out <path>", "a file (a folder for `all`); stdout when left out"))
    .addOption(new Option("--all-versions", "records: every stored document (every version and rendering), not one per filing"))
    .addHelpText(
      "after",
      `
Examples:
  pia export records --out records.jsonl
  pia export outsourcing_items --format csv > vendors.csv
  pia export all --format jsonl --out export/`,
    )
    .action(async (what: string, options: { db: string; format: "csv" | "jsonl"; out?: string; allVersions?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        if (what === "all") {
          if (!options.out) throw new Error("export all writes one file per table: give a folder with --out");
          mkdirSync(options.out, { recursive: true });
          for (const table of EXPORTABLE_TABLES) {
            const path = join(options.out, `${table}.${options.format}`);
            const out = createWriteStream(path);
            const n = await exportTable(db, table, options.format, out);
            await finish(out);
            process.stderr.write(`${path}: ${n} rows\n`);
          }
          return;
        }
        if (what !== "records" && !EXPORTABLE_TABLES.includes(what)) {
          throw new Error(`"${what}" is not something to export: records, all, or one of ${EXPORTABLE_TABLES.join(", ")}`);
        }
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        const n = what === "records" ? await exportRecords(db, options.allVersions ?? false, out) : await exportTable(db, what, options.format, out);
        await finish(out);
        if (options.out) process.stderr.write(`${options.out}: ${n} ${what === "records" ? "records" : "rows"}\n`);
      } catch (error) {
        process.stderr.write(`pia export: ${(error as Error).message}\n`);
        process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}

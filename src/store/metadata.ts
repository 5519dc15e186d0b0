import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * metadata.json beside the database, in the format Datasette reads: each table's description
 * and its columns' meanings, taken from docs/schema.md (the one place they are written).
 */

const SCHEMA_DOC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "schema.md");

export interface Metadata {
  title: string;
  description_html?: string;
  databases: Record<string, { tables: Record<string, { description: string; columns: Record<string, string> }> }>;
}

export function metadataFromSchemaDoc(doc: string, database: string): Metadata {
  const tables: Metadata["databases"][string]["tables"] = {};
  for (const section of doc.split(/^## Views/m)[0]!.split(/^### /m).slice(1)) {
    const [heading, ...rest] = section.split("\n");
    const description = rest.find((l) => l.trim() !== "" && !l.startsWith("|"))?.trim() ?? "";
    const columns = Object.fromEntries([...section.matchAll(/^\| (\w+) \| (?:INTEGER|TEXT|REAL) \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    tables[heading!.trim()] = { description, columns };
  }
  return {
    title: "pia: Japan's privacy impact assessments (特定個人情報保護評価書)",
    databases: { [database]: { tables } },
  };
}

/** Write metadata.json next to the database file. */
export function writeMetadata(dbPath: string): string {
  const target = join(dirname(dbPath), "metadata.json");
  const database = basename(dbPath).replace(/\.[^.]+$/, "");
  writeFileSync(target, `${JSON.stringify(metadataFromSchemaDoc(readFileSync(SCHEMA_DOC, "utf8"), database), null, 2)}\n`);
  return target;
}

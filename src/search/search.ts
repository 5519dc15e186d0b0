import type { DB } from "../store/db.js";
import { loadTokenizer, queryWords, WORD_SEPARATOR } from "./tokenizer.js";

/**
 * `pia search`: the query's words are split the way the index was (kuromoji), so a term is a
 * phrase of words; AND (the default between terms), OR and NOT work as in FTS5, `"…"` keeps a
 * phrase, and a trailing `*` makes the last word a prefix. Results are ranked by bm25.
 */

export interface SearchOptions {
  org?: string;
  prefecture?: string;
  form?: string;
  /** A piece of the section path (`III`, `委託`, `2. 特定個人情報の入手`). */
  section?: string;
  limit?: number;
}

export interface SearchHit {
  /** The filing (filings.id); only its current version's record is searched, once. */
  filingId: number;
  documentId: number;
  organization: string | null;
  prefecture: string | null;
  lgCode: string | null;
  form: string;
  affair: string | null;
  path: string;
  section: string | null;
  label: string | null;
  line: number | null;
  page: number | null;
  snippet: string;
  rank: number;
}

export class QueryError extends Error {}

const OPERATORS = new Set(["AND", "OR", "NOT"]);

/** The user's query as an FTS5 expression over the indexed words. */
export async function toMatchExpression(query: string): Promise<string> {
  const tokenizer = await loadTokenizer();
  const terms = query.match(/"[^"]*"\*?|\S+/g) ?? [];
  const parts: string[] = [];
  for (const raw of terms) {
    if (OPERATORS.has(raw)) {
      if (parts.length === 0 || OPERATORS.has(parts[parts.length - 1]!)) throw new QueryError(`"${raw}" needs a word before it`);
      parts.push(raw);
      continue;
    }
    const prefix = raw.endsWith("*");
    const term = raw.replace(/\*$/, "").replace(/^"|"$/g, "");
    const words = queryWords(tokenizer, term).map((w) => w.replace(/"/g, '""'));
    if (words.length === 0) continue;
    const phrase = `"${words.join(" ")}"${prefix ? " *" : ""}`;
    if (parts.length > 0 && !OPERATORS.has(parts[parts.length - 1]!)) parts.push("AND");
    parts.push(phrase);
  }
  while (parts.length > 0 && OPERATORS.has(parts[parts.length - 1]!)) parts.pop();
  if (parts.length === 0) throw new QueryError("the query has no words to search for");
  if (parts[0] === "NOT") throw new QueryError("a query cannot start with NOT");
  return parts.join(" ");
}

export async function search(db: DB, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const match = await toMatchExpression(query);
  const where = ["fields_fts MATCH ?"];
  const params: (string | number)[] = [match];
  if (options.org) {
    where.push("(d.org_name = ? OR d.org_code = ?)");
    params.push(options.org, options.org);
  }
  if (options.prefecture) {
    where.push("d.org_prefecture = ?");
    params.push(options.prefecture);
  }
  if (options.form) {
    where.push("d.form = ?");
    params.push(options.form);
  }
  if (options.section) {
    where.push("instr(f.section, ?) > 0");
    params.push(options.section);
  }
  const rows = db
    .prepare(
      `SELECT v.filing_id AS filingId, f.document_id AS documentId, d.org_name AS organization, d.org_prefecture AS prefecture, d.org_code AS lgCode,
              d.form, d.affair_name AS affair, f.path, f.section, f.label, f.line, f.page,
              snippet(fields_fts, 0, '【', '】', '…', 24) AS snippet, bm25(fields_fts) AS rank
       FROM fields_fts JOIN fields f ON f.id = fields_fts.rowid JOIN documents d ON d.id = f.document_id
       JOIN versions v ON v.document_id = d.id JOIN filing_keys k ON k.current_version_id = v.id
       WHERE ${where.join(" AND ")} ORDER BY rank LIMIT ?`,
    )
    .all(...params, options.limit ?? 20) as SearchHit[];
  return rows.map((row) => ({ ...row, snippet: row.snippet.replaceAll(WORD_SEPARATOR, "") }));
}

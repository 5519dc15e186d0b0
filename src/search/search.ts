import type { DB } from "../store/db.js";
import { charCount, foldWithSpans, normalizeForSearch } from "./fold.js";
import { parseQuery, positiveTerms, QueryError, quoted, type QueryPart, type Term } from "./query.js";
import { sectionMatches } from "./section.js";
import { occurrences, printable, snippetOf, termFrequency } from "./snippet.js";

export { QueryError } from "./query.js";

/**
 * `pia search`: every field of the current filings whose text contains the query, inside words
 * too, with the query's notation variants (src/search/fold.ts). The index is FTS5's trigram
 * index (`fields_fts`, migration 4); a term of one or two characters is the range of the index's
 * terms that begin with it. Hits are ranked by BM25 over the term's occurrences, a whole word
 * counting more than a piece of one, a variant a little less than the term as written; they
 * are grouped by filing, best first.
 */

export interface SearchOptions {
  /** A local government: the start of its name (町田) or of its 全国地方公共団体コード. */
  org?: string;
  /** A prefecture: the start of its name (東京) or its two-digit code. */
  prefecture?: string;
  form?: string;
  /** A place in the form: `III`, `II > 4.`, `委託` (src/search/section.ts). */
  section?: string;
  /** Filings shown (the best ones); 20 unless said. */
  limit?: number;
  /** Fields shown under each filing: its best 3 unless said; "all" for every field hit. */
  fieldsPerFiling?: number | "all";
  /** Only the query as written: no notation variants. */
  exact?: boolean;
}

export interface FieldHit {
  fieldId: number;
  path: string;
  section: string | null;
  label: string | null;
  line: number | null;
  page: number | null;
  snippet: string;
  /** The spellings the field has where it is a variant of a term (サーバー for サーバ). */
  variants: string[];
  score: number;
}

export interface FilingHit {
  filingId: number;
  documentId: number;
  organization: string | null;
  prefecture: string | null;
  lgCode: string | null;
  form: string;
  affair: string | null;
  score: number;
  /** How many of its fields hold the query (all of them, whatever fieldsPerFiling shows). */
  fieldCount: number;
  fields: FieldHit[];
}

export interface SearchResult {
  query: string;
  total: { filings: number; fields: number };
  filings: FilingHit[];
}

/** A term of one or two characters stands for at most this many terms of the index. */
export const MAX_EXPANSION = 50_000;
const K1 = 1.2;
const B = 0.75;
/** A field's usual length in characters, for BM25's length normalization (the seeds' text fields average 34; real filings' measures run longer). */
const AVERAGE_LENGTH = 60;
/**
 * Past this many matching fields, the best are looked for among the fields FTS5's own bm25 (over
 * the index's trigrams, without reading the fields' text) ranks first: reading and scoring every
 * field that holds 委託 in a national corpus (300,000 of them) takes seconds.
 */
export const RANKED_AT_MOST = 2_000;

/** One form of a term as an FTS5 expression over the trigram index. */
function formExpression(db: DB, form: string): string {
  if (charCount(form) >= 3) return quoted(form);
  // Every field's indexed text ends in two spaces, so each one- or two-character piece begins a trigram.
  const low = form.toLowerCase();
  const terms = db
    .prepare("SELECT term FROM fields_fts_terms WHERE term >= ? AND term < ? LIMIT ?")
    .pluck()
    .all(low, `${low}\u{10FFFF}`, MAX_EXPANSION + 1) as string[];
  if (terms.length > MAX_EXPANSION) throw new QueryError(`"${form}" begins more than ${MAX_EXPANSION} different pieces of the text: add a character to it`);
  return terms.length === 0 ? quoted(form) : terms.map(quoted).join(" OR ");
}

function termExpression(db: DB, term: Term, exact: boolean): string {
  const forms = term.forms.map((form) => formExpression(db, form)).join(" OR ");
  return exact ? `search_text : (${forms})` : `(${forms})`;
}

/** The whole query as one FTS5 MATCH expression (FTS5's precedence: NOT, then AND, then OR), from each term's. */
function matchExpression(parts: QueryPart[], expressionOf: (term: Term) => string): string {
  return parts.map((part) => (part.kind === "operator" ? part.operator : expressionOf(part.term))).join(" ");
}

interface Filter {
  sql: string;
  params: (string | number)[];
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filters(options: SearchOptions): Filter {
  const sql: string[] = [];
  const params: (string | number)[] = [];
  if (options.org) {
    const org = normalizeForSearch(options.org);
    sql.push("(d.org_name LIKE ? ESCAPE '\\' OR coalesce(d.org_prefecture, '') || coalesce(d.org_name, '') LIKE ? ESCAPE '\\' OR d.org_code LIKE ? ESCAPE '\\')");
    params.push(likePrefix(org), likePrefix(org), likePrefix(org));
  }
  if (options.prefecture) {
    const prefecture = normalizeForSearch(options.prefecture);
    // A prefecture's code is two digits (01 北海道 … 47 沖縄県); 1 means 01.
    const code = /^\d{1,2}$/.test(prefecture) ? prefecture.padStart(2, "0") : "";
    sql.push("(d.org_prefecture LIKE ? ESCAPE '\\' OR substr(d.org_code, 1, 2) = ?)");
    params.push(likePrefix(prefecture), code);
  }
  if (options.form) {
    sql.push("d.form = ?");
    params.push(options.form);
  }
  if (options.section) {
    sql.push("pia_section(f.section, ?)");
    params.push(options.section);
  }
  return { sql: sql.map((s) => ` AND ${s}`).join(""), params };
}

/** The filings of the database, one document each: their current version's chosen rendering. */
const CURRENT = `JOIN versions v ON v.document_id = f.document_id JOIN filing_keys k ON k.current_version_id = v.id JOIN documents d ON d.id = f.document_id`;

/** Whether any current filing passes the filters that name organizations and forms (a typo there would look like "nothing found"). */
function checkFilters(db: DB, options: SearchOptions): void {
  const { org, prefecture, form } = options;
  if (!org && !prefecture && !form) return;
  const { sql, params } = filters({ org, prefecture, form });
  const any = db.prepare(`SELECT 1 FROM filing_keys k JOIN versions v ON v.id = k.current_version_id JOIN documents d ON d.id = v.document_id WHERE 1 ${sql} LIMIT 1`).get(...params);
  if (!any) {
    const said = [org && `--org ${org}`, prefecture && `--prefecture ${prefecture}`, form && `--form ${form}`].filter(Boolean).join(" ");
    throw new QueryError(`no filing in the database matches ${said}`);
  }
}

export function search(db: DB, query: string, options: SearchOptions = {}): SearchResult {
  const exact = options.exact ?? false;
  const parts = parseQuery(query, exact);
  checkFilters(db, options);
  // Each term's expression once: a short term's is a read of the index's terms, used for the match and its weight.
  const expressions = new Map<Term, string>();
  for (const part of parts) if (part.kind === "term") expressions.set(part.term, termExpression(db, part.term, exact));
  const expressionOf = (term: Term) => expressions.get(term)!;
  const match = matchExpression(parts, expressionOf);
  const terms = positiveTerms(parts);
  const { sql: where, params } = filters(options);

  // BM25's weight of each term: how few fields hold it (counted in the index, over every document).
  const fieldTotal = Math.max(1, Number(db.prepare("SELECT max(id) FROM fields").pluck().get() ?? 1));
  const countMatches = db.prepare("SELECT count(*) FROM fields_fts WHERE fields_fts MATCH ?").pluck();
  const weights = terms.map((term) => {
    const n = Number(countMatches.get(expressionOf(term)));
    return Math.log(1 + (fieldTotal - n + 0.5) / (n + 0.5));
  });
  const scoreOf = (value: string | null, folded: string | null): number => {
    if (value === null) return 0;
    const length = value.length;
    let score = 0;
    terms.forEach((term, i) => {
      const tf = termFrequency(value, folded, term, exact);
      if (tf > 0) score += (weights[i]! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / AVERAGE_LENGTH));
    });
    return score;
  };
  db.function("pia_score", { deterministic: true }, (value: unknown, folded: unknown) => scoreOf(value as string | null, folded as string | null));
  db.function("pia_section", { deterministic: true }, (section: unknown, spec: unknown) => (sectionMatches(section as string | null, String(spec)) ? 1 : 0));

  const from = `FROM fields_fts JOIN fields f ON f.id = fields_fts.rowid ${CURRENT} WHERE fields_fts MATCH ? ${where}`;
  const total = db.prepare(`SELECT count(*) AS fields, count(DISTINCT k.id) AS filings ${from}`).get(match, ...params) as { fields: number; filings: number };
  if (total.fields === 0) return { query, total, filings: [] };

  const candidates =
    total.fields > RANKED_AT_MOST
      ? `SELECT k.id AS filingId, f.value, f.folded ${from} ORDER BY fields_fts.rank LIMIT ${RANKED_AT_MOST}`
      : `SELECT k.id AS filingId, f.value, f.folded ${from}`;
  const best = db
    .prepare(`SELECT filingId, max(pia_score(value, folded)) AS score FROM (${candidates}) GROUP BY filingId ORDER BY score DESC, filingId LIMIT ?`)
    .all(match, ...params, options.limit ?? 20) as { filingId: number; score: number }[];
  const shown = options.fieldsPerFiling ?? 3;
  const rows = db
    .prepare(
      `SELECT k.id AS filingId, f.document_id AS documentId, d.org_name AS organization, d.org_prefecture AS prefecture, d.org_code AS lgCode,
              d.form, d.affair_name AS affair, f.id AS fieldId, f.path, f.section, f.label, f.line, f.page, f.value, f.folded
       ${from} AND k.id IN (SELECT value FROM json_each(?))`,
    )
    .all(match, ...params, JSON.stringify(best.map((b) => b.filingId))) as (Omit<FilingHit, "score" | "fieldCount" | "fields"> &
    Omit<FieldHit, "snippet" | "variants" | "score"> & { value: string | null; folded: string | null })[];

  const filings = new Map<number, FilingHit>();
  for (const b of best) filings.set(b.filingId, { filingId: b.filingId, documentId: 0, organization: null, prefecture: null, lgCode: null, form: "", affair: null, score: b.score, fieldCount: 0, fields: [] });
  for (const row of rows) {
    const filing = filings.get(row.filingId)!;
    Object.assign(filing, { documentId: row.documentId, organization: row.organization, prefecture: row.prefecture, lgCode: row.lgCode, form: row.form, affair: row.affair });
    const value = row.value ?? "";
    const folded = exact || row.folded === null ? null : foldWithSpans(value);
    const all = terms.flatMap((term) => occurrences(value, term, exact, exact ? undefined : folded)).sort((a, b) => a.start - b.start);
    // A field the index matched but that holds no term (a piece of a folded spelling, or a folded
    // form a hand edit left stale) is not shown; the totals, counted in the index, still include it.
    if (all.length === 0 && terms.length > 0) continue;
    filing.fieldCount++;
    filing.fields.push({
      fieldId: row.fieldId,
      path: row.path,
      section: row.section,
      label: row.label,
      line: row.line,
      page: row.page,
      snippet: snippetOf(value, all),
      variants: [...new Set(all.flatMap((o) => (o.variant === null ? [] : [printable(o.variant)])))],
      score: scoreOf(row.value, row.folded),
    });
  }
  for (const filing of filings.values()) {
    filing.fields.sort((a, b) => b.score - a.score || a.fieldId - b.fieldId);
    if (shown !== "all") filing.fields = filing.fields.slice(0, shown);
  }
  return { query, total, filings: [...filings.values()] };
}

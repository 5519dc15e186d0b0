import { normalizeForSearch } from "../../src/search/fold.js";
import { search } from "../../src/search/search.js";
import type { DB } from "../../src/store/db.js";
import { seededRandom } from "./random.js";

/**
 * Search recall against a substring scan: for each query, the fields of the current filings
 * whose text contains it (after the record's normalization, letters of any case) and which of
 * them `search` finds. Shared by `npm run search:recall` and the integration test.
 */

export const RESEARCHER_TERMS = [
  "委託", "再委託", "暗号化", "ログ", "サーバ", "バックアップ", "紐付け", "ファイアウォール", "生体認証", "中間サーバー",
  "漏えい", "取扱い", "パスワード", "アクセス", "監査", "保管", "消去", "研修", "個人番号", "情報提供ネットワークシステム",
  "ID", "ISMAP", "クラウド", "入退室", "USB",
];

interface Field {
  id: number;
  value: string;
}

export function currentFields(db: DB): Field[] {
  return db
    .prepare(
      `SELECT f.id, f.value FROM fields f JOIN versions v ON v.document_id = f.document_id JOIN filing_keys k ON k.current_version_id = v.id
       WHERE f.search_text IS NOT NULL ORDER BY f.id`,
    )
    .all() as Field[];
}

/** Pieces of 2–6 characters cut at random (a fixed seed) from the stored text, as a reader copies them from a PDF. */
export function randomPieces(fields: Field[], count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const pieces: string[] = [];
  for (let tries = 0; pieces.length < count && tries < count * 100; tries++) {
    const chars = [...fields[Math.floor(random() * fields.length)]!.value];
    if (chars.length < 2) continue;
    const length = 2 + Math.floor(random() * 5);
    const start = Math.floor(random() * Math.max(1, chars.length - length + 1));
    const piece = normalizeForSearch(chars.slice(start, start + length).join(""));
    if ([...piece].length < 2 || piece.includes('"')) continue;
    pieces.push(piece);
  }
  return pieces;
}

export interface RecallReport {
  queries: number;
  containing: number;
  found: number;
  recall: number;
  /** Fields that contain a query and were not found (the first few). */
  missed: { query: string; fieldId: number }[];
}

export function measureRecall(db: DB, queries: string[], fields = currentFields(db)): RecallReport {
  let containing = 0;
  let found = 0;
  const missed: { query: string; fieldId: number }[] = [];
  for (const query of queries) {
    const needle = query.toLowerCase();
    const truth = fields.filter((f) => f.value.toLowerCase().includes(needle));
    if (truth.length === 0) continue;
    const result = search(db, `"${query}"`, { limit: 1_000_000, fieldsPerFiling: "all" });
    const hits = new Set(result.filings.flatMap((f) => f.fields.map((h) => h.fieldId)));
    containing += truth.length;
    for (const field of truth) {
      if (hits.has(field.id)) found++;
      else if (missed.length < 20) missed.push({ query, fieldId: field.id });
    }
  }
  return { queries: queries.length, containing, found, recall: containing === 0 ? 1 : found / containing, missed };
}

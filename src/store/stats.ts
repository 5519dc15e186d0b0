import { LOW_COVERAGE } from "../../data/outline.js";
import type { DB } from "./db.js";

/** Corpus figures for `pia stats`, over the current versions of the filings (one record each). */
export interface CorpusStats {
  /** Filings (however many versions and renderings each has). */
  filings: number;
  /** Versions of them (one per 公表日). */
  versions: number;
  /** Stored documents: every rendering of every version. */
  documents: number;
  /** Filings whose record reads poorly (quality.coverage below 0.8): a misread copy may stand as a filing of its own. */
  readPoorly: number;
  importErrors: number;
  byForm: { form: string; filings: number }[];
  byPrefecture: { prefecture: string | null; filings: number }[];
  topContractors: { contractor: string; asWritten: string; filings: number; bodies: number }[];
  ratings: { section: number; title: string; rating: string | null; option: number | null; risks: number }[];
  warnings: { code: string; count: number; filings: number }[];
}

export function corpusStats(db: DB, top = 20): CorpusStats {
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    filings: one("SELECT COUNT(*) AS n FROM filings"),
    versions: one("SELECT COUNT(*) AS n FROM versions WHERE document_id IS NOT NULL"),
    documents: one("SELECT COUNT(*) AS n FROM documents"),
    readPoorly: (db.prepare("SELECT COUNT(*) AS n FROM filings f JOIN documents d ON d.id = f.current_document_id WHERE d.coverage < ?").get(LOW_COVERAGE) as { n: number }).n,
    importErrors: one("SELECT COUNT(*) AS n FROM import_errors"),
    byForm: all("SELECT form, COUNT(*) AS filings FROM filings GROUP BY form ORDER BY filings DESC, form"),
    byPrefecture: all("SELECT org_prefecture AS prefecture, COUNT(*) AS filings FROM filings GROUP BY org_prefecture ORDER BY filings DESC, prefecture"),
    topContractors: all(
      `SELECT contractor_key AS contractor, MIN(contractor) AS asWritten, COUNT(DISTINCT filing_id) AS filings, COUNT(DISTINCT org_code) AS bodies
       FROM contractors GROUP BY contractor_key ORDER BY filings DESC, contractor LIMIT ?`,
      top,
    ),
    ratings: all(
      `SELECT section_no AS section, MIN(section_title) AS title, rating, rating_option AS option, COUNT(*) AS risks
       FROM risk_ratings GROUP BY section_no, rating_option, rating ORDER BY section_no, rating_option IS NULL, rating_option`,
    ),
    warnings: all(
      `SELECT w.code, COUNT(*) AS count, COUNT(DISTINCT w.document_id) AS filings
       FROM warnings w JOIN filings f ON f.current_document_id = w.document_id GROUP BY w.code ORDER BY count DESC, code`,
    ),
  };
}

/** The readable report. */
export function statsReport(stats: CorpusStats): string {
  const lines = [
    `filings ${stats.filings} (versions ${stats.versions}, documents ${stats.documents}, import errors ${stats.importErrors})`,
    ...(stats.readPoorly > 0 ? [`  of which ${stats.readPoorly} read poorly (quality.coverage below ${LOW_COVERAGE * 100}%: a misread copy may stand as a filing of its own)`] : []),, "", "by form"];
  for (const f of stats.byForm) lines.push(`  ${f.form.padEnd(10)} ${f.filings}`);
  lines.push("", "by prefecture");
  for (const p of stats.byPrefecture) lines.push(`  ${(p.prefecture ?? "(unknown)").padEnd(6, "　")} ${p.filings}`);
  lines.push("", "top contractors (filings, bodies)");
  for (const c of stats.topContractors) lines.push(`  ${c.filings}\t${c.bodies}\t${c.asWritten}`);
  lines.push("", "ratings by risk section");
  let section = -1;
  for (const r of stats.ratings) {
    if (r.section !== section) lines.push(`  ${r.section}. ${r.title}`);
    section = r.section;
    lines.push(`      ${String(r.risks).padStart(4)}  ${r.rating ?? "(no rating)"}`);
  }
  lines.push("", "warnings (count, filings)");
  for (const w of stats.warnings) lines.push(`  ${w.count}\t${w.filings}\t${w.code}`);
  return `${lines.join("\n")}\n`;
}

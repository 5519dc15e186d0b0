/**
 * `npm run search:recall -- [DB] [PIECES]`: the share of fields containing a query that pia
 * search finds, for researcher terms and for random 2–6 character pieces of the stored text,
 * against a substring scan. Prints figures; changes nothing.
 */
import { openDatabase } from "../src/store/db.js";
import { currentFields, measureRecall, randomPieces, RESEARCHER_TERMS } from "./lib/search-recall.js";

const path = process.argv[2] ?? "data/pia.sqlite";
const pieceCount = Number(process.argv[3] ?? 500);
const db = openDatabase(path, { readonly: true });
const fields = currentFields(db);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
for (const [name, queries] of [
  ["researcher terms", RESEARCHER_TERMS],
  [`random pieces (${pieceCount})`, randomPieces(fields, pieceCount)],
] as const) {
  const started = performance.now();
  const report = measureRecall(db, [...queries], fields);
  const ms = (performance.now() - started) / report.queries;
  console.log(`${name.padEnd(22)} ${report.found}/${report.containing} fields found = ${pct(report.recall)} (${report.queries} queries, ${ms.toFixed(1)} ms each)`);
  for (const m of report.missed.slice(0, 5)) console.log(`  missed: "${m.query}" in field ${m.fieldId}`);
}
db.close();

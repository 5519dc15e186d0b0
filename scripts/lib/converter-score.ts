/**
 * Field scores of one extracted record against its expected record: precision, recall and F1 over
 * the leaves, so that a converter whose text makes the engine emit wrong values scores lower than
 * one whose text makes it emit nulls. Pure: plain JSON in, counts out.
 *
 * What is a field. Every leaf of the expected record, as src/compare.ts counts them (a string,
 * number, boolean or null, or an empty list or object), except the top-level `source`, `warnings`,
 * `quality` and `schemaVersion`. Leaf values are compared as src/compare.ts does (JSON.stringify of
 * both equal). "Empty" means null, absent, "", [] or {}.
 *
 * Each expected leaf is exactly one of (fields = right + wrong + missing + overfilled):
 * - right: equal, or both empty (an expected null that comes out null, absent or empty is right);
 * - wrong: the actual value is not empty and differs — including an actual value where the
 *   expected is empty (a value the filing does not have), and a whole object emitted where a
 *   null is expected (one wrong, not one per leaf of that object);
 * - missing: the expected value is not empty and the actual one is empty;
 * - overfilled: an expected empty list or object that came out with entries (its entries are extra).
 * An expected non-empty list or object whose actual counterpart is not a list or object: each of its
 * expected leaves is missing (one more wrong if the actual counterpart is a non-empty scalar).
 *
 * extra: the non-empty leaves of the actual record that no expected leaf stands for, namely
 * - list entries past the end of the expected list (extra changes, extra risks, extra checked labels),
 * - everything inside an actual list or object where the expected has an empty list or object
 *   (`changes: []` expected, 515 changes emitted → all their non-empty leaves are extra),
 * - keys of a `details` map that the expected map does not have.
 * Other object keys the expected record does not state are ignored (compare.ts does the same: a
 * field added to the schema since the expected record was written is not an error).
 *
 * Rates (an expected-empty leaf that comes out empty counts in neither denominator):
 *   emitted   = rightValues + wrong + extra     (every non-empty value the extractor produced that is scored)
 *   expectedNonEmpty = rightValues + missing + wrongWhereExpected (the expected non-empty leaves)
 *   precision = rightValues / emitted           (1 when nothing is emitted)
 *   recall    = rightValues / expectedNonEmpty  (1 when nothing is expected)
 *   f1        = 2PR / (P + R)                   (0 when P + R = 0)
 * where rightValues are the right leaves whose expected value is not empty. `accuracy` =
 * right / fields (empties included) is the "share of fields right" the old score printed.
 */

export const IGNORED_TOP_LEVEL = ["source", "warnings", "quality", "schemaVersion"] as const;

export type DifferenceKind = "wrong" | "missing" | "extra";

export interface ScoredDifference {
  path: string;
  kind: DifferenceKind;
  expected: unknown;
  actual: unknown;
  /** Scored leaves this difference stands for (an extra list entry: its non-empty leaves). */
  leaves: number;
}

export interface FieldCounts {
  /** Leaves of the expected record (the scored ones). */
  fields: number;
  /** Expected leaves that are not empty. */
  expectedNonEmpty: number;
  /** Right leaves, empties included. */
  right: number;
  /** Right leaves whose expected value is not empty. */
  rightValues: number;
  wrong: number;
  /** Wrong leaves whose expected value is not empty (the rest are values the filing does not have). */
  wrongWhereExpected: number;
  missing: number;
  extra: number;
  /** Expected-empty lists or objects that came out with entries (not right; their entries are extra). */
  overfilled: number;
}

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface FieldScore extends FieldCounts, Rates {
  differences: ScoredDifference[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** Non-empty leaves of a value (a scalar counts 1 unless empty). */
export function nonEmptyLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + nonEmptyLeaves(v), 0);
  if (isObject(value)) return Object.values(value).reduce((n: number, v) => n + nonEmptyLeaves(v), 0);
  return isEmpty(value) ? 0 : 1;
}

/** Every expected leaf with its path, as compare.ts walks them. */
function expectedLeaves(path: string, value: unknown, out: { path: string; value: unknown }[]): void {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => expectedLeaves(`${path}[${i}]`, v, out));
  else if (isObject(value) && Object.keys(value).length > 0) for (const [k, v] of Object.entries(value)) expectedLeaves(path ? `${path}.${k}` : k, v, out);
  else out.push({ path, value });
}

const emptyCounts = (): FieldCounts => ({ fields: 0, expectedNonEmpty: 0, right: 0, rightValues: 0, wrong: 0, wrongWhereExpected: 0, missing: 0, extra: 0, overfilled: 0 });

function leaf(path: string, expected: unknown, actual: unknown, counts: FieldCounts, diffs: ScoredDifference[]): void {
  counts.fields += 1;
  const expectedEmpty = isEmpty(expected);
  if (!expectedEmpty) counts.expectedNonEmpty += 1;
  if (JSON.stringify(expected) === JSON.stringify(actual) || (expectedEmpty && isEmpty(actual))) {
    counts.right += 1;
    if (!expectedEmpty) counts.rightValues += 1;
    return;
  }
  if (isEmpty(actual)) {
    counts.missing += 1;
    diffs.push({ path, kind: "missing", expected, actual, leaves: 1 });
    return;
  }
  // An actual list or object where the expected has an empty one: its entries are extra values.
  if ((Array.isArray(expected) && Array.isArray(actual)) || (isObject(expected) && isObject(actual))) {
    counts.overfilled += 1;
    const n = nonEmptyLeaves(actual);
    counts.extra += n;
    diffs.push({ path, kind: "extra", expected, actual, leaves: n });
    return;
  }
  counts.wrong += 1;
  if (!expectedEmpty) counts.wrongWhereExpected += 1;
  diffs.push({ path, kind: "wrong", expected, actual, leaves: 1 });
}

function walk(path: string, expected: unknown, actual: unknown, counts: FieldCounts, diffs: ScoredDifference[]): void {
  if (Array.isArray(expected) && expected.length > 0) {
    if (!Array.isArray(actual)) return whole(path, expected, actual, counts, diffs);
    expected.forEach((e, i) => walk(`${path}[${i}]`, e, actual[i], counts, diffs));
    for (let i = expected.length; i < actual.length; i++) {
      const n = nonEmptyLeaves(actual[i]);
      if (n === 0) continue;
      counts.extra += n;
      diffs.push({ path: `${path}[${i}]`, kind: "extra", expected: undefined, actual: actual[i], leaves: n });
    }
    return;
  }
  if (isObject(expected) && Object.keys(expected).length > 0) {
    if (!isObject(actual)) return whole(path, expected, actual, counts, diffs);
    for (const key of Object.keys(expected)) walk(path ? `${path}.${key}` : key, expected[key], actual[key], counts, diffs);
    if (/(^|\.)details$/.test(path)) {
      for (const key of Object.keys(actual)) {
        if (key in expected) continue;
        const n = nonEmptyLeaves(actual[key]);
        if (n === 0) continue;
        counts.extra += n;
        diffs.push({ path: `${path}.${key}`, kind: "extra", expected: undefined, actual: actual[key], leaves: n });
      }
    }
    return;
  }
  leaf(path, expected, actual, counts, diffs);
}

/** An expected subtree whose actual counterpart is not a container: every leaf of it is missing. */
function whole(path: string, expected: unknown, actual: unknown, counts: FieldCounts, diffs: ScoredDifference[]): void {
  const leaves: { path: string; value: unknown }[] = [];
  expectedLeaves(path, expected, leaves);
  for (const l of leaves) leaf(l.path, l.value, undefined, counts, diffs);
  if (!isEmpty(actual)) {
    counts.wrong += 1;
    diffs.push({ path, kind: "wrong", expected: undefined, actual, leaves: 1 });
  }
}

function strip(record: unknown): unknown {
  if (!isObject(record)) return record;
  const copy = { ...record };
  for (const key of IGNORED_TOP_LEVEL) delete copy[key];
  return copy;
}

export function rates(c: FieldCounts): Rates {
  const emitted = c.rightValues + c.wrong + c.extra;
  const precision = emitted === 0 ? 1 : c.rightValues / emitted;
  const recall = c.expectedNonEmpty === 0 ? 1 : c.rightValues / c.expectedNonEmpty;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, accuracy: c.fields === 0 ? 1 : c.right / c.fields };
}

/** Score an actual record (null/undefined: nothing extracted) against the expected one. */
export function scoreRecord(expected: unknown, actual: unknown): FieldScore {
  const counts = emptyCounts();
  const differences: ScoredDifference[] = [];
  walk("", strip(expected), strip(actual ?? {}), counts, differences);
  return { ...counts, ...rates(counts), differences };
}

/** The paths that differ, with their kind ("wrong", "missing", "extra"), in document order. */
export function differingPaths(expected: unknown, actual: unknown): { path: string; kind: DifferenceKind }[] {
  return scoreRecord(expected, actual).differences.map(({ path, kind }) => ({ path, kind }));
}

/** Sum counts over several files (micro-average: rates are then computed on the sums). */
export function addCounts(a: FieldCounts, b: FieldCounts): FieldCounts {
  const out = emptyCounts();
  for (const key of Object.keys(out) as (keyof FieldCounts)[]) out[key] = a[key] + b[key];
  return out;
}

export function zeroCounts(): FieldCounts {
  return emptyCounts();
}

/**
 * Field-by-field comparison of two records, for the golden tests and the fixture score:
 * every leaf (string, number, boolean, null, empty list/object) is one field.
 */

export interface FieldDifference {
  path: string;
  expected: unknown;
  actual: unknown;
  /** How many expected fields this difference stands for (a missing subtree is all of its leaves). */
  fields: number;
}

/** The expected fields that came out wrong. */
export function wrongFields(comparison: Comparison): number {
  return comparison.differences.reduce((n, d) => n + d.fields, 0);
}

export interface Comparison {
  /** Leaves of the expected record. */
  fields: number;
  differences: FieldDifference[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function walk(path: string, expected: unknown, actual: unknown, out: Comparison): void {
  if (Array.isArray(expected) && expected.length > 0) {
    if (!Array.isArray(actual)) {
      const leaves = countLeaves(expected);
      out.fields += leaves;
      out.differences.push({ path, expected, actual, fields: leaves });
      return;
    }
    expected.forEach((e, i) => walk(`${path}[${i}]`, e, actual[i], out));
    if (actual.length > expected.length) {
      out.differences.push({ path: `${path}[${expected.length}…]`, expected: undefined, actual: actual.slice(expected.length), fields: 0 });
    }
    return;
  }
  if (isObject(expected) && Object.keys(expected).length > 0) {
    if (!isObject(actual)) {
      const leaves = countLeaves(expected);
      out.fields += leaves;
      out.differences.push({ path, expected, actual, fields: leaves });
      return;
    }
    // Only the expected keys count: a fixture for one notation states only the fields it is about.
    for (const key of Object.keys(expected)) walk(path ? `${path}.${key}` : key, expected[key], actual[key], out);
    return;
  }
  out.fields += 1;
  if (JSON.stringify(expected) !== JSON.stringify(actual)) out.differences.push({ path, expected, actual, fields: 1 });
}

export function countLeaves(value: unknown): number {
  if (Array.isArray(value) && value.length > 0) return value.reduce((n: number, v) => n + countLeaves(v), 0);
  if (isObject(value) && Object.keys(value).length > 0) return Object.values(value).reduce((n: number, v) => n + countLeaves(v), 0);
  return 1;
}

/** Compare, leaving out the paths a caller names (e.g. `warnings`, checked apart). */
export function compareRecords(expected: unknown, actual: unknown, ignore: string[] = []): Comparison {
  const out: Comparison = { fields: 0, differences: [] };
  const strip = (value: unknown) => {
    if (!isObject(value)) return value;
    const copy = { ...value };
    for (const key of ignore) delete copy[key];
    return copy;
  };
  walk("", strip(expected), strip(actual), out);
  return out;
}

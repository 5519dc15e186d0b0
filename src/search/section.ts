import { normalizeForSearch } from "./fold.js";

/**
 * `--section`: which places in the form a filter names. A place is a path of headings
 * (`III リスク対策 > 4. 特定個人情報ファイルの取扱いの委託 > リスク: …`); the filter is steps
 * separated by `>`, each matching a heading of the path, in order: a number (`III`, `4.`, `4`)
 * matches a heading numbered so (II is not III), text matches a heading that contains it, and
 * a number with text (`2. 入手`) both. Pure.
 */

const NUMBER = /^(?:[IVX]+|\d{1,2})\.?$/;

interface Step {
  number: string | null;
  text: string | null;
}

function stepsOf(spec: string): Step[] {
  return normalizeForSearch(spec)
    .split(/\s*>\s*/)
    .filter((step) => step !== "")
    .map((step) => {
      const [first = "", ...rest] = step.split(" ");
      if (NUMBER.test(first)) return { number: first.replace(/\.$/, ""), text: rest.join(" ") || null };
      return { number: null, text: step };
    });
}

function headingNumber(heading: string): string | null {
  const first = heading.split(" ")[0] ?? "";
  return NUMBER.test(first) ? first.replace(/\.$/, "") : null;
}

const cache = new Map<string, Step[]>();

export function sectionMatches(section: string | null, spec: string): boolean {
  if (section === null) return false;
  let steps = cache.get(spec);
  if (!steps) {
    if (cache.size > 100) cache.clear();
    cache.set(spec, (steps = stepsOf(spec)));
  }
  const headings = normalizeForSearch(section).split(" > ");
  let at = 0;
  for (const step of steps) {
    while (at < headings.length && !stepMatches(headings[at]!, step)) at++;
    if (at === headings.length) return false;
    at++;
  }
  return steps.length > 0;
}

function stepMatches(heading: string, step: Step): boolean {
  if (step.number !== null && headingNumber(heading) !== step.number) return false;
  return step.text === null || heading.includes(step.text);
}

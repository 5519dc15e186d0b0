import { LOW_COVERAGE } from "../../data/outline.js";
import type { PiaRecord } from "./schema.js";

/** What a record's quality asks of the caller: nothing, a warning line, or refusing it. */
export type QualityVerdict = { level: "ok" } | { level: "low" | "refused"; message: string };

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The one line that says how poorly a filing was read, naming what was not found. */
export function describeQuality(quality: PiaRecord["quality"]): string {
  const shown = quality.missing.slice(0, 3).join("; ");
  const more = quality.missing.length > 3 ? ` (+${quality.missing.length - 3} more)` : "";
  return `${percent(quality.coverage)} of the form's labelled fields found${shown ? `; not found: ${shown}${more}` : ""}`;
}

/**
 * A filing below `minQuality` (0–1) is refused; one below LOW_COVERAGE, or with a whole part of
 * its form not found, is reported.
 */
export function judgeQuality(quality: PiaRecord["quality"], minQuality = 0): QualityVerdict {
  if (quality.coverage < minQuality) return { level: "refused", message: `read too poorly (below --min-quality ${percent(minQuality)}): ${describeQuality(quality)}` };
  // A whole part of the form not found is a poor reading, however the rest reads.
  const partMissing = quality.missing.some((m) => !m.includes(" > "));
  if (quality.coverage < LOW_COVERAGE || partMissing) return { level: "low", message: `read poorly: ${describeQuality(quality)}` };
  return { level: "ok" };
}

import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_JOB_TIMEOUT_MS } from "../import/pool.js";
import { DEFAULT_MAX_PAGES } from "../loaders/pdf.js";
import { DEFAULT_DB_PATH } from "../store/db.js";

/** `--db PATH`, on every command that reads or writes the database. */
export function dbOption(): Option {
  return new Option("--db <path>", "the SQLite database").default(DEFAULT_DB_PATH);
}

/** A parser for an option that takes a whole number ≥ min, refusing anything else by name. */
function integerAtLeast(option: string, min: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${option} takes a whole number ≥ ${min}, not "${value}"`);
    return n;
  };
}

export const positiveInteger = (option: string) => integerAtLeast(option, 1);
export const wholeNumber = (option: string) => integerAtLeast(option, 0);

/** A parser for an option that takes seconds ≥ 0 (fractions allowed). */
export function seconds(option: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${option} takes seconds ≥ 0, not "${value}"`);
    return n;
  };
}

/** `--extract-timeout SECONDS`: one file's extraction is given up after this. */
export function extractTimeoutOption(): Option {
  return new Option("--extract-timeout <seconds>", "give up a file whose extraction takes longer").default(DEFAULT_JOB_TIMEOUT_MS / 1000).argParser(positiveInteger("--extract-timeout"));
}

/** `--max-pages N`: a PDF with more pages is refused rather than read for minutes. */
export function maxPagesOption(): Option {
  return new Option("--max-pages <n>", "refuse a PDF with more pages than this").default(DEFAULT_MAX_PAGES).argParser(positiveInteger("--max-pages"));
}

/** A share of the form's labelled fields: `0.9` or `90%`. */
function share(option: string): (value: string) => number {
  return (value: string) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
    const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${option} takes a share from 0 to 1 (or 0% to 100%), not "${value}"`);
    return n;
  };
}

/** `--min-quality SHARE`: a filing read more poorly than this fails (RECORD.md quality.coverage). */
export function minQualityOption(): Option {
  return new Option("--min-quality <share>", "fail a filing whose share of the form's labelled fields found (quality.coverage) is below this: 0.9 or 90%")
    .default(0)
    .argParser(share("--min-quality"));
}

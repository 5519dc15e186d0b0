import { readdir, stat } from "node:fs/promises";
import { glob } from "tinyglobby";
import { extname, join } from "node:path";
import { SUPPORTED_EXTENSIONS } from "./loaders/index.js";

/** A folder's README describes the folder; it is never a filing. */
function isFilingName(name: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(extname(name).toLowerCase()) && !/^readme(\.|$)/i.test(name);
}

/**
 * The files that a list of paths names: files as given, folders searched recursively for
 * supported extensions (sorted, so a batch always runs in the same order).
 */
export interface ExpandedPaths {
  files: string[];
  /** Paths that name nothing (a missing file, a glob that matches no filing). */
  missing: string[];
  /** Folders that hold no filing. */
  empty: string[];
}

export async function expandPaths(paths: string[]): Promise<ExpandedPaths> {
  const files: string[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isFilingName(entry.name)) files.push(path);
    }
  }
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info && /[*?[\]{}]/.test(path)) {
      // A glob the shell did not expand (quoted, or on Windows): filings it matches, sorted.
      const matches = (await glob(path, { onlyFiles: true, expandDirectories: false })).filter((p) => isFilingName(p.split("/").pop()!)).sort();
      if (matches.length === 0) missing.push(path);
      files.push(...matches);
    } else if (!info) missing.push(path);
    else if (info.isDirectory()) {
      const before = files.length;
      await walk(path);
      if (files.length === before) empty.push(path);
    } else files.push(path);
  }
  return { files, missing, empty };
}

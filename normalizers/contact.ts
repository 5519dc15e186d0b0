/** Telephone numbers and postal codes inside the IV texts. */

const POSTAL = /(?<![\d-])(\d{3})-(\d{4})(?![\d-])/g;
const PHONE = /(?<![\d-])(0\d{1,4})[-(]\s*(\d{1,4})[-)]\s*(\d{3,4})(?![\d-])/g;
/** A fax number is announced just before it. */
const FAX_BEFORE = /(FAX|Fax|fax|ファクス|ファックス|ファクシミリ)\s*[:：]?\s*(番号)?\s*[:：]?\s*$/;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function findPostalCodes(text: string): string[] {
  const t = text.normalize("NFKC").replace(/[‐－ー―]/g, "-");
  return unique([...t.matchAll(POSTAL)].map((m) => `${m[1]}-${m[2]}`));
}

export function findPhones(text: string): string[] {
  const t = text.normalize("NFKC").replace(/[‐－―]/g, "-");
  const phones: string[] = [];
  for (const m of t.matchAll(PHONE)) {
    if (FAX_BEFORE.test(t.slice(Math.max(0, m.index - 12), m.index))) continue;
    phones.push(`${m[1]}-${m[2]}-${m[3]}`);
  }
  return unique(phones);
}

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import kuromoji from "kuromoji";

/** kuromoji for checking and proposing notation variants (test/unit/variants.test.ts, scripts/find-variants.ts); not on pia's own paths. */

export type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

/** The IPAdic dictionary loaded (about a second). */
export function loadTokenizer(): Promise<Tokenizer> {
  const dicPath = join(dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict");
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath }).build((e, t) => (e ? reject(e) : resolve(t))));
}

/** A reading without 濁点 and 半濁点, so that 連濁 does not part one word (取組 トリクミ, 取り組 トリグミ). */
export function unvoiced(reading: string): string {
  return reading.normalize("NFD").replace(/[\u3099\u309a]/g, "");
}

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import kuromoji from "kuromoji";

/**
 * Japanese words for full-text search. kuromoji splits text into words; the words are stored
 * joined by an invisible separator (U+2063) that the FTS5 tokenizer is told to split on, so
 * two-character words (委託, 生体, 暗号) are whole tokens, and joining the tokens back without
 * the separator gives the text exactly (snippets show the original).
 */

export const WORD_SEPARATOR = "\u2063";

type Kuromoji = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

let loading: Promise<Kuromoji> | null = null;

/** The dictionary loads once per thread (about a second). */
export function loadTokenizer(): Promise<Kuromoji> {
  loading ??= new Promise((resolve, reject) => {
    const dicPath = join(dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict");
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
  return loading;
}

/**
 * Splits texts into words, each distinct paragraph once: most of a national corpus is
 * boilerplate repeated across thousands of filings (the 中間サーバー paragraphs), so a cache keyed
 * by the paragraph's content saves most of kuromoji's time. The cache is bounded.
 */
export class WordSplitter {
  private readonly cache = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly tokenizer: Kuromoji,
    private readonly useCache = true,
    private readonly maxEntries = 200_000,
  ) {}

  /** The text as words joined by WORD_SEPARATOR. */
  split(text: string): string {
    // Paragraphs: sentence ends and the spaces that normalized text has where lines broke.
    return text
      .split(/(?<=[。 ])/)
      .map((paragraph) => this.splitParagraph(paragraph))
      .join(WORD_SEPARATOR);
  }

  private splitParagraph(paragraph: string): string {
    if (this.useCache) {
      const cached = this.cache.get(paragraph);
      if (cached !== undefined) {
        this.hits++;
        return cached;
      }
    }
    this.misses++;
    const words = this.tokenizer.tokenize(paragraph).map((t) => t.surface_form).join(WORD_SEPARATOR);
    if (this.useCache) {
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(paragraph, words);
    }
    return words;
  }
}

/** The query's words, for an FTS5 phrase. */
export function queryWords(tokenizer: Kuromoji, term: string): string[] {
  return tokenizer
    .tokenize(term.normalize("NFKC"))
    .map((t) => t.surface_form)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)); // FTS5 drops punctuation: an empty phrase would match nothing
}

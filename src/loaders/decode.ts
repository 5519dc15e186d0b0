import Encoding from "encoding-japanese";

/**
 * Bytes → text. Municipal text files come in UTF-8 (with or without BOM), UTF-16, Shift_JIS
 * (CP932) and EUC-JP. Detecting Shift_JIS against EUC-JP is statistical work that
 * encoding-japanese does well; the decoding itself is the platform's TextDecoder, in fatal
 * mode, so a file that does not decode is refused rather than filled with U+FFFD.
 */

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const DECODER_NAMES: Record<string, string> = {
  UTF8: "utf-8",
  SJIS: "shift_jis",
  EUCJP: "euc-jp",
  UTF16LE: "utf-16le",
  UTF16BE: "utf-16be",
  ASCII: "utf-8",
};

function decode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a BOM: one byte of each pair is mostly zero in Japanese-and-ASCII text. */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

/** Control characters other than tab, newline, carriage return and form feed: a sign of binary. */
function controlRatio(text: string): number {
  let controls = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) controls++;
  }
  return n === 0 ? 0 : controls / n;
}

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  let text: string | null = null;
  let encoding = "";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8";
    text = decode(bytes.subarray(3), encoding);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    text = decode(bytes.subarray(2), encoding);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    text = decode(bytes.subarray(2), encoding);
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) {
      encoding = utf16;
      text = decode(bytes, encoding);
    } else if (bytes.includes(0)) {
      return { ok: false, reason: "binary file (NUL bytes), not text" };
    } else {
      encoding = "utf-8";
      text = decode(bytes, encoding);
      if (text === null) {
        const detected = Encoding.detect(bytes);
        const name = typeof detected === "string" ? DECODER_NAMES[detected] : undefined;
        if (!name || name === "utf-8") return { ok: false, reason: "undecodable text: not UTF-8, UTF-16, Shift_JIS or EUC-JP" };
        encoding = name;
        text = decode(bytes, encoding);
      }
    }
  }
  if (text === null) return { ok: false, reason: `undecodable text: invalid ${encoding}` };
  if (controlRatio(text) > 0.01) return { ok: false, reason: "binary file (control characters), not text" };
  return { ok: true, text, encoding };
}

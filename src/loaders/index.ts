import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../errors.js";
import type { LoadedDocument, SourceFormat } from "../model.js";
import { decodeText } from "./decode.js";
import { htmlToLines, looksLikeHtmlDocument } from "./html.js";
import { textToLines } from "./text.js";

export const TEXT_EXTENSIONS = [".txt", ".md", ".text"];
export const HTML_EXTENSIONS = [".html", ".htm"];
export const SUPPORTED_EXTENSIONS = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS];

/** Load bytes that are already in memory (the path only names them). */
export function loadBytes(path: string, bytes: Uint8Array): LoadedDocument {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  if (head === "%PDF-") throw new InputError(path, "PDF input is not supported yet (text and HTML conversions are)");
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new InputError(path, decoded.reason);
  const extension = extname(path).toLowerCase();
  const format: SourceFormat = HTML_EXTENSIONS.includes(extension) || looksLikeHtmlDocument(decoded.text) ? "html" : "text";
  const lines = format === "html" ? htmlToLines(decoded.text) : textToLines(decoded.text);
  return {
    source: { path, sha256, format, pages: null, encoding: decoded.encoding, bytes: bytes.length },
    lines,
  };
}

export async function loadFile(path: string): Promise<LoadedDocument> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(path, "no such file");
  }
  if (info.isDirectory()) throw new InputError(path, "is a directory, not a file");
  return loadBytes(path, await readFile(path));
}

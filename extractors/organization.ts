import type { FieldTree } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { namesInBody, resolveOrganization } from "../normalizers/organization.js";
import { Extraction, plainOf } from "./context.js";

type Organization = PiaRecord["organization"];

/** Every text of the filing, for the body's own mentions of who filed it. */
function allTexts(tree: FieldTree): string[] {
  const texts: string[] = [];
  for (const part of tree.parts) {
    const fields = [...part.fields, ...part.sections.flatMap((s) => [...s.fields, ...s.blocks.flatMap((b) => b.fields)])];
    for (const field of fields) {
      texts.push(plainOf(field));
      for (const row of field.rows) texts.push(...row.texts);
    }
  }
  return texts;
}

/**
 * The local government that filed: from 評価実施機関名, or where the cover is missing, from the
 * body (〈XX市における措置〉, the declaration, IV's addresses).
 */
export function extractOrganization(tree: FieldTree, headerOrganization: string | null, ex: Extraction): Organization {
  const texts = allTexts(tree);
  const hints = texts.join("\n").normalize("NFKC");
  if (headerOrganization !== null) {
    const result = resolveOrganization(headerOrganization, hints);
    if (result.government) return { ...result.government, inferredFrom: "header" };
    ex.warn(result.issue!, "organization", `評価実施機関名 「${headerOrganization}」 is not a local government we know`);
  }
  for (const name of namesInBody(texts)) {
    const result = resolveOrganization(name, hints);
    if (result.government) return { ...result.government, inferredFrom: "body" };
  }
  if (headerOrganization === null) ex.warn("organization-not-found", "organization", "no 評価実施機関名 and no name of the body in the text");
  return { name: null, prefecture: null, lgCode: null, inferredFrom: null };
}

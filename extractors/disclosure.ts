import { LABELS } from "../data/labels.js";
import type { Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { findPhones, findPostalCodes } from "../normalizers/contact.js";
import { allFields, Diagnostics, findField, textOf } from "./context.js";

type Disclosure = NonNullable<PiaRecord["disclosure"]>;

/** IV 開示請求、問合せ (全項目: V). */
export function extractDisclosure(part: Part | undefined, diagnostics: Diagnostics): Disclosure {
  if (!part) diagnostics.warn("section-not-found", "disclosure", "part 開示請求、問合せ not found");
  const fields = (part?.sections ?? []).flatMap((s) => allFields(s));
  const L = LABELS.disclosure;
  const texts = {
    requestTo: textOf(findField(fields, L.requestTo)),
    requestMethod: textOf(findField(fields, L.requestMethod)),
    specialProcedure: textOf(findField(fields, L.specialProcedure)),
    registerOmission: textOf(findField(fields, L.registerOmission)),
    contact: textOf(findField(fields, L.contact)),
    responseMethod: textOf(findField(fields, L.responseMethod)),
  };
  const all = Object.values(texts).filter((t): t is string => t !== null).join("\n");
  return { ...texts, postalCodes: findPostalCodes(all), phones: findPhones(all) };
}

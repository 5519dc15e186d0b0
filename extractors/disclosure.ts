import { LABELS } from "../data/labels.js";
import type { Section } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { findPhones, findPostalCodes } from "../normalizers/contact.js";
import { allFields, Extraction, findField, textOf } from "./context.js";

type Disclosure = NonNullable<PiaRecord["disclosure"]>;

/** IV 開示請求、問合せ (全項目: V; 基礎項目: the last sections of I). */
export function extractDisclosure(sections: Section[], ex: Extraction): Disclosure {
  if (sections.length === 0) ex.warn("section-not-found", "disclosure", "part 開示請求、問合せ not found");
  const fields = sections.flatMap((s) => allFields(s));
  const L = LABELS.disclosure;
  const texts = {
    requestTo: textOf(findField(fields, L.requestTo), "disclosure.requestTo", ex),
    requestMethod: textOf(findField(fields, L.requestMethod), "disclosure.requestMethod", ex),
    specialProcedure: textOf(findField(fields, L.specialProcedure), "disclosure.specialProcedure", ex),
    registerOmission: textOf(findField(fields, L.registerOmission), "disclosure.registerOmission", ex),
    contact: textOf(findField(fields, L.contact), "disclosure.contact", ex),
    responseMethod: textOf(findField(fields, L.responseMethod), "disclosure.responseMethod", ex),
  };
  const all = Object.values(texts).filter((t): t is string => t !== null).join("\n");
  return { ...texts, postalCodes: findPostalCodes(all), phones: findPhones(all) };
}

import { LABELS } from "../data/labels.js";
import type { Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { allFields, choiceOf, dateOf, Diagnostics, findField, sectionByKey, textOf } from "./context.js";

type Procedure = NonNullable<PiaRecord["procedure"]>;

/** V 評価実施手続 (全項目: VI). */
export function extractProcedure(part: Part | undefined, diagnostics: Diagnostics): Procedure {
  if (!part) diagnostics.warn("section-not-found", "procedure", "part 評価実施手続 not found");
  const L = LABELS.procedure;
  const basic = allFields(sectionByKey(part, "basicAssessment"));
  const comment = allFields(sectionByKey(part, "publicComment"));
  const review = allFields(sectionByKey(part, "thirdPartyReview"));
  return {
    basicAssessmentDate: dateOf(findField(basic, L.date), "procedure.basicAssessmentDate", diagnostics),
    thresholdResult: choiceOf(findField(basic, L.thresholdResult), ["thresholdResult"], "procedure.thresholdResult", diagnostics),
    publicComment: {
      method: textOf(findField(comment, L.method)),
      period: textOf(findField(comment, L.period)),
      opinions: textOf(findField(comment, L.opinions)),
    },
    thirdPartyReview: {
      date: dateOf(findField(review, L.date), "procedure.thirdPartyReview.date", diagnostics),
      method: textOf(findField(review, L.method)),
      result: textOf(findField(review, L.result)),
    },
  };
}

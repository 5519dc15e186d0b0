import { LABELS } from "../data/labels.js";
import type { Part } from "../src/model.js";
import type { PiaRecord } from "../src/record/schema.js";
import { allFields, choiceOf, dateOf, Extraction, findField, sectionByKey, textOf } from "./context.js";

type Procedure = NonNullable<PiaRecord["procedure"]>;

/** V 評価実施手続 (全項目: VI). */
export function extractProcedure(part: Part | undefined, thresholdResult: Part | undefined, ex: Extraction): Procedure {
  if (!part && !thresholdResult) ex.warn("section-not-found", "procedure", "part 評価実施手続 not found");
  const L = LABELS.procedure;
  // 基礎項目 has no 評価実施手続: its result stands in III しきい値判断結果.
  const basic = thresholdResult ? thresholdResult.fields : allFields(sectionByKey(part, "basicAssessment"));
  const comment = allFields(sectionByKey(part, "publicComment"));
  const review = allFields(sectionByKey(part, "thirdPartyReview"));
  return {
    basicAssessmentDate: dateOf(findField(basic, L.date), "procedure.basicAssessmentDate", ex),
    thresholdResult: choiceOf(findField(basic, L.thresholdResult), ["thresholdResult"], "procedure.thresholdResult", ex),
    publicComment: {
      method: textOf(findField(comment, L.method), "procedure.publicComment.method", ex),
      period: textOf(findField(comment, L.period), "procedure.publicComment.period", ex),
      opinions: textOf(findField(comment, L.opinions), "procedure.publicComment.opinions", ex),
    },
    thirdPartyReview: {
      date: dateOf(findField(review, L.date), "procedure.thirdPartyReview.date", ex),
      method: textOf(findField(review, L.method), "procedure.thirdPartyReview.method", ex),
      result: textOf(findField(review, L.result), "procedure.thirdPartyReview.result", ex),
    },
  };
}

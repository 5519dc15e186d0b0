import type { PartKind } from "./structure.js";

/**
 * What each form holds, by its printed titles: the parts and their numbered sections (keys of
 * structure.ts SECTION_TITLES). A record's `quality.missing` names those not found. Parts and
 * sections that a filing may leave out (a 変更箇所 annex of a first filing, the commission's
 * approval that only national bodies have) are not listed.
 */
export interface OutlinePart {
  kind: PartKind;
  title: string;
  sections: { key: string; title: string }[];
}

const FILE_OVERVIEW: OutlinePart = {
  kind: "fileOverview",
  title: "II 特定個人情報ファイルの概要",
  sections: [
    { key: "name", title: "1. 特定個人情報ファイル名" },
    { key: "basics", title: "2. 基本情報" },
    { key: "acquisition", title: "3. 特定個人情報の入手・使用" },
    { key: "outsourcing", title: "4. 特定個人情報ファイルの取扱いの委託" },
    { key: "sharing", title: "5. 特定個人情報の提供・移転(委託に伴うものを除く。)" },
    { key: "storage", title: "6. 特定個人情報の保管・消去" },
    { key: "notes", title: "7. 備考" },
  ],
};

const DISCLOSURE = (numeral: string): OutlinePart => ({
  kind: "disclosure",
  title: `${numeral} 開示請求、問合せ`,
  sections: [
    { key: "request", title: "1. 特定個人情報の開示・訂正・利用停止請求" },
    { key: "inquiry", title: "2. 特定個人情報ファイルの取扱いに関する問合せ" },
  ],
});

const PROCEDURE = (numeral: string): OutlinePart => ({
  kind: "procedure",
  title: `${numeral} 評価実施手続`,
  sections: [
    { key: "basicAssessment", title: "1. 基礎項目評価" },
    { key: "publicComment", title: "2. 国民・住民等からの意見の聴取" },
    { key: "thirdPartyReview", title: "3. 第三者点検" },
  ],
});

/** III's numbered sections, the same in the 重点項目 and the 全項目 forms. */
export const RISK_SECTIONS = [
  { key: "fileNames", title: "1. 特定個人情報ファイル名" },
  { key: "acquisition", title: "2. 特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。)" },
  { key: "use", title: "3. 特定個人情報の使用" },
  { key: "outsourcing", title: "4. 特定個人情報ファイルの取扱いの委託" },
  { key: "sharing", title: "5. 特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)" },
  { key: "network", title: "6. 情報提供ネットワークシステムとの接続" },
  { key: "storage", title: "7. 特定個人情報の保管・消去" },
];

const BASIC_SECTIONS = {
  affair: { key: "affair", title: "1. 特定個人情報ファイルを取り扱う事務" },
  systems: { key: "systems", title: "2. 特定個人情報ファイルを取り扱う事務において使用するシステム" },
  fileNames: { key: "fileNames", title: "3. 特定個人情報ファイル名" },
  numberUse: { key: "numberUse", title: "4. 個人番号の利用" },
  infoLinkage: { key: "infoLinkage", title: "5. 情報提供ネットワークシステムによる情報連携" },
  department: { key: "department", title: "6. 評価実施機関における担当部署" },
  otherAssessors: { key: "otherAssessors", title: "7. 他の評価実施機関" },
};

export const FORM_OUTLINES: Record<"kiso" | "juten" | "zenkomoku" | "changes", OutlinePart[]> = {
  juten: [
    { kind: "basic", title: "I 基本情報", sections: Object.values(BASIC_SECTIONS) },
    FILE_OVERVIEW,
    { kind: "annex1", title: "(別添1) 特定個人情報ファイル記録項目", sections: [] },
    {
      kind: "risks",
      title: "III リスク対策",
      sections: [
        ...RISK_SECTIONS,
        { key: "audit", title: "8. 監査" },
        { key: "education", title: "9. 従業者に対する教育・啓発" },
        { key: "other", title: "10. その他のリスク対策" },
      ],
    },
    DISCLOSURE("IV"),
    PROCEDURE("V"),
  ],
  zenkomoku: [
    {
      kind: "basic",
      title: "I 基本情報",
      sections: [
        BASIC_SECTIONS.affair, BASIC_SECTIONS.systems, BASIC_SECTIONS.fileNames,
        { key: "reason", title: "4. 特定個人情報ファイルを取り扱う理由" },
        { key: "numberUse", title: "5. 個人番号の利用" },
        { key: "infoLinkage", title: "6. 情報提供ネットワークシステムによる情報連携" },
        { key: "department", title: "7. 評価実施機関における担当部署" },
        { key: "otherAssessors", title: "8. 他の評価実施機関" },
      ],
    },
    FILE_OVERVIEW,
    { kind: "annex1", title: "(別添2) 特定個人情報ファイル記録項目", sections: [] },
    { kind: "risks", title: "III 特定個人情報ファイルの取扱いプロセスにおけるリスク対策", sections: RISK_SECTIONS },
    {
      kind: "otherRisks",
      title: "IV その他のリスク対策",
      sections: [
        { key: "audit", title: "1. 監査" },
        { key: "education", title: "2. 従業者に対する教育・啓発" },
        { key: "other", title: "3. その他のリスク対策" },
      ],
    },
    DISCLOSURE("V"),
    PROCEDURE("VI"),
  ],
  kiso: [
    {
      kind: "basic",
      title: "I 関連情報",
      sections: [
        BASIC_SECTIONS.affair,
        { key: "fileNames", title: "2. 特定個人情報ファイル名" },
        { key: "numberUse", title: "3. 個人番号の利用" },
        { key: "infoLinkage", title: "4. 情報提供ネットワークシステムによる情報連携" },
        { key: "department", title: "5. 評価実施機関における担当部署" },
        { key: "otherAssessors", title: "6. 他の評価実施機関" },
        { key: "disclosureRequest", title: "7. 特定個人情報の開示・訂正・利用停止請求" },
        { key: "inquiry", title: "8. 特定個人情報ファイルの取扱いに関する問合せ" },
      ],
    },
    {
      kind: "thresholdItems",
      title: "II しきい値判断項目",
      sections: [
        { key: "population", title: "1. 対象人数" },
        { key: "handlers", title: "2. 取扱者数" },
        { key: "incident", title: "3. 重大事故" },
      ],
    },
    { kind: "thresholdResult", title: "III しきい値判断結果", sections: [] },
    {
      kind: "risks",
      title: "IV リスク対策",
      sections: [
        { key: "assessmentKind", title: "1. 提出する特定個人情報保護評価書の種類" },
        { key: "acquisition", title: "2. 特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。)" },
        { key: "use", title: "3. 特定個人情報の使用" },
        { key: "outsourcing", title: "4. 特定個人情報ファイルの取扱いの委託" },
        { key: "sharing", title: "5. 特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)" },
        { key: "network", title: "6. 情報提供ネットワークシステムとの接続" },
        { key: "storage", title: "7. 特定個人情報の保管・消去" },
        { key: "manualWork", title: "8. 人手を介在させる作業" },
        { key: "audit", title: "9. 監査" },
        { key: "education", title: "10. 従業者に対する教育・啓発" },
        { key: "priority", title: "11. 最も優先度が高いと考えられる対策" },
      ],
    },
  ],
  changes: [{ kind: "changeList", title: "変更箇所一覧", sections: [] }],
};

/**
 * Record paths a form does not have (RECORD.md: "a field its form does not have is null"): the
 * extractors read every form alike, so these are left out of its coverage.
 */
export const ABSENT_FIELDS: Record<"kiso" | "juten" | "zenkomoku" | "changes", RegExp[]> = {
  kiso: [
    /^risks\.sections\[\d+\]\.otherMeasures$/, /^risks\.education\.method$/, /^risks\.otherMeasures$/,
    /^disclosure\.(requestMethod|specialProcedure|registerOmission|responseMethod)$/,
    /^procedure\.(basicAssessmentDate|publicComment|thirdPartyReview)/,
  ],
  juten: [],
  zenkomoku: [],
  // A 変更箇所一覧 has no cover.
  changes: [/^header\./],
};

/** Below this coverage a filing is reported as read poorly (pia extract, pia import). */
export const LOW_COVERAGE = 0.8;

/**
 * Field labels of the forms, as lookup keys (normalizers/text.ts labelKey: folded, without
 * numbering or ※). Extractors find fields by these; the segmenter also uses them to tell a
 * label standing alone on its line from a line of text.
 */
import type { OptionListName } from "./options.js";
import type { PartKind } from "./structure.js";

export const LABELS = {
  cover: {
    assessmentNumber: ["評価書番号"],
    title: ["評価書名"],
    declaration: ["個人のプライバシー等の権利利益の保護の宣言"],
    specialNotes: ["特記事項"],
    organization: ["評価実施機関名"],
    publishedOn: ["公表日"],
    approvedOn: ["個人情報保護委員会承認日【行政機関等のみ】", "個人情報保護委員会承認日"],
    tableOfContents: ["項目一覧"],
    edition: ["様式"],
  },
  affair: { name: ["事務の名称"], description: ["事務の内容", "事務の概要"], targetPopulation: ["対象人数"] },
  system: { name: ["システムの名称"], functions: ["システムの機能"], connections: ["他のシステムとの接続"] },
  legalBasis: { basis: ["法令上の根拠"] },
  infoLinkage: { implemented: ["実施の有無"], basis: ["法令上の根拠"] },
  department: { name: ["部署"], headTitle: ["所属長の役職名", "所属長"] },
  fileBasics: {
    fileType: ["ファイルの種類"],
    subjectCount: ["対象となる本人の数"],
    subjectScope: ["対象となる本人の範囲"],
    necessity: ["その必要性"],
    itemCount: ["記録される項目"],
    mainItems: ["主な記録項目"],
    rationale: ["その妥当性"],
    allItems: ["全ての記録項目"],
    holdingStart: ["保有開始日"],
    department: ["事務担当部署"],
  },
  acquisition: {
    sources: ["入手元"],
    methods: ["入手方法"],
    timing: ["入手の時期・頻度"],
    rationale: ["入手に係る妥当性"],
    notice: ["本人への明示"],
    purpose: ["使用目的"],
    subject: ["使用の主体"],
    departments: ["使用部署"],
    userCount: ["使用者数"],
    method: ["使用方法"],
    matching: ["情報の突合"],
    statistics: ["情報の統計分析"],
    rightsImpact: ["権利利益に影響を与え得る決定"],
    start: ["使用開始日"],
  },
  outsourcing: { status: ["委託の有無"] },
  outsourcingItem: {
    content: ["委託内容"],
    scope: ["取扱いを委託する特定個人情報ファイルの範囲"],
    scopeRationale: ["その妥当性"],
    handlerCount: ["委託先における取扱者数"],
    provisionMethod: ["委託先への特定個人情報ファイルの提供方法"],
    contractor: ["委託先名"],
    subcontractingStatus: ["再委託の有無"],
    permissionMethod: ["再委託の許諾方法"],
    matters: ["再委託事項"],
    subcontracting: ["再委託"],
  },
  sharing: { status: ["提供・移転の有無"] },
  recipient: {
    legalBasis: ["法令上の根拠"],
    purpose: ["提供先における用途", "移転先における用途"],
    info: ["提供する情報", "移転する情報"],
    subjectCount: ["提供する情報の対象となる本人の数", "移転する情報の対象となる本人の数"],
    scope: ["提供する情報の対象となる本人の範囲", "移転する情報の対象となる本人の範囲"],
    methods: ["提供方法", "移転方法"],
    timing: ["時期・頻度"],
  },
  storage: { place: ["保管場所"], period: ["保管期間"], erasure: ["消去方法"] },
  notes: { notes: ["備考"] },
  risk: { measures: ["リスクに対する措置の内容"], rating: ["リスクへの対策は十分か"] },
  riskItems: {
    items: [
      "ユーザ認証の管理", "具体的な管理方法", "その他の措置の内容",
      "委託契約書中の特定個人情報ファイルの取扱いに関する規定", "規定の内容",
      "再委託先による特定個人情報ファイルの適切な取扱いの担保", "具体的な方法",
      "特定個人情報の提供・移転に関するルール", "ルールの内容及びルール遵守の確認方法",
      "事故発生時手順の策定・周知", "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか",
      "その内容", "再発防止策の内容", "情報保護管理体制の確認", "技術的対策", "物理的対策",
      // The 全項目評価書's III, section by section (the measures each risk asks about).
      "対象者以外の情報の入手を防止するための措置の内容", "必要な情報以外を入手することを防止するための措置の内容",
      "入手の際の本人確認の措置の内容", "個人番号の真正性確認の措置の内容", "特定個人情報の正確性確保の措置の内容",
      "宛名システム等における措置の内容", "事務で使用するその他のシステムにおける措置の内容",
      "アクセス権限の発効・失効の管理", "アクセス権限の管理", "特定個人情報の使用の記録",
      "特定個人情報ファイルの閲覧者・更新者の制限", "具体的な制限方法", "特定個人情報ファイルの取扱いの記録",
      "特定個人情報の提供ルール", "委託先から他者への提供に関するルールの内容及びルール遵守の確認方法",
      "委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法", "特定個人情報の消去ルール",
      "再委託先による特定個人情報ファイルの適切な取扱いの確保", "特定個人情報の提供・移転の記録",
      "具体的な保管方法", "消去手順", "手順の内容", "具体的な対策の内容", "ルール内容及びルール遵守の確認方法",
    ],
  },
  audit: { status: ["実施の有無"] },
  education: { rating: ["従業者に対する教育・啓発", "従業員に対する教育・啓発"], method: ["具体的な方法"] },
  disclosure: {
    requestTo: ["請求先"],
    requestMethod: ["請求方法"],
    specialProcedure: ["法令による特別の手続"],
    registerOmission: ["個人情報ファイル簿への不記載等"],
    contact: ["連絡先"],
    responseMethod: ["対応方法"],
  },
  procedure: {
    date: ["実施日"],
    thresholdResult: ["しきい値判断結果"],
    method: ["方法"],
    period: ["実施日・期間"],
    opinions: ["主な意見の内容"],
    result: ["結果"],
  },
} as const;

/** Selections in III whose list the label decides. */
export const RISK_ITEM_LISTS: { label: string; list: OptionListName }[] = [
  { label: "ユーザ認証の管理", list: "userAuthentication" },
  { label: "委託契約書中の特定個人情報ファイルの取扱いに関する規定", list: "rules" },
  { label: "再委託先による特定個人情報ファイルの適切な取扱いの担保", list: "subcontractorAssurance" },
  { label: "特定個人情報の提供・移転に関するルール", list: "rules" },
  { label: "事故発生時手順の策定・周知", list: "effort" },
  { label: "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか", list: "incident" },
];

/** Every label key, for the segmenter. */
export const ALL_LABEL_KEYS: ReadonlySet<string> = new Set(
  Object.values(LABELS).flatMap((group) => Object.values(group).flat() as string[]),
);

/** The parts each group of labels stands in (a 変更箇所一覧 row names a label under the wrong part only when a print scrambled it). */
export const LABEL_GROUP_PARTS: Record<keyof typeof LABELS, readonly PartKind[]> = {
  cover: ["cover"],
  affair: ["basic"],
  system: ["basic"],
  legalBasis: ["basic", "fileOverview"],
  infoLinkage: ["basic"],
  department: ["basic"],
  fileBasics: ["fileOverview"],
  acquisition: ["fileOverview"],
  outsourcing: ["fileOverview"],
  outsourcingItem: ["fileOverview"],
  sharing: ["fileOverview"],
  recipient: ["fileOverview"],
  storage: ["fileOverview"],
  notes: ["fileOverview"],
  risk: ["risks"],
  riskItems: ["risks", "otherRisks"],
  audit: ["risks", "otherRisks"],
  education: ["risks", "otherRisks"],
  disclosure: ["disclosure", "basic"],
  procedure: ["procedure", "thresholdResult"],
};

/** The label groups each kind of block holds (a システムN holds the system's labels, and only those). */
export const BLOCK_LABEL_GROUPS: Record<string, readonly (keyof typeof LABELS)[]> = {
  system: ["system"],
  outsourcing: ["outsourcingItem"],
  provision: ["recipient"],
  transfer: ["recipient"],
  risk: ["risk", "riskItems"],
};

/** The label groups a label (by its key) belongs to. */
export function groupsOfLabel(key: string): readonly (keyof typeof LABELS)[] {
  return GROUPS_BY_KEY.get(key) ?? [];
}
const GROUPS_BY_KEY = new Map<string, (keyof typeof LABELS)[]>();
for (const [group, labels] of Object.entries(LABELS)) {
  for (const label of Object.values(labels).flat() as string[]) GROUPS_BY_KEY.set(label, [...(GROUPS_BY_KEY.get(label) ?? []), group as keyof typeof LABELS]);
}

/** The parts a label (by its key) can stand in; empty for a key no group has. */
export function partsOfLabel(key: string): ReadonlySet<PartKind> {
  return PARTS_BY_KEY.get(key) ?? NO_PARTS;
}
const NO_PARTS: ReadonlySet<PartKind> = new Set();
const PARTS_BY_KEY = new Map<string, ReadonlySet<PartKind>>(
  [...GROUPS_BY_KEY].map(([label, groups]) => [label, new Set(groups.flatMap((g) => LABEL_GROUP_PARTS[g]))]),
);

/**
 * Rows the form fills only for one answer of the row before them: その内容 and 再発防止策の内容
 * only when ② says 発生あり. Text that a conversion puts under them otherwise is the next row's
 * (a tall cell whose label is printed halfway down its text).
 */
export const CONDITIONAL_RISK_ITEMS: { answeredBy: string; onlyForOption: number; rows: string[] }[] = [
  { answeredBy: "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか", onlyForOption: 1, rows: ["その内容", "再発防止策の内容"] },
];

/**
 * Which numbered section a label group belongs to, per part: a row of these labels that a print
 * put before its section's heading (a heading vertically centred in a tall merged cell comes out
 * after the cell's first rows) moves into the section when its heading comes.
 */
export const SECTION_LABEL_GROUPS: Record<string, Record<string, (keyof typeof LABELS)[]>> = {
  basic: { affair: ["affair"], infoLinkage: ["infoLinkage"], department: ["department"] },
  fileOverview: {
    basics: ["fileBasics"], acquisition: ["acquisition"], outsourcing: ["outsourcing"], sharing: ["sharing"],
    storage: ["storage"], notes: ["notes"],
  },
};

/** The section a block of each kind stands in, per part. */
export const BLOCK_SECTIONS: Record<string, Record<string, string>> = {
  basic: { system: "systems" },
  fileOverview: { outsourcing: "outsourcing", provision: "sharing", transfer: "sharing" },
};

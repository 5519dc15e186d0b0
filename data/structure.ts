/**
 * The form's structure as data: part headings, numbered sections and repeated blocks.
 * Every pattern here is matched against text that has already been through `foldForMatch`
 * (NFKC, no spaces, no markdown/HTML), so it needs no width or spacing variants.
 */

export type PartKind =
  | "cover"
  | "basic"
  | "thresholdItems"
  | "thresholdResult"
  | "fileOverview"
  | "annex1"
  | "annexAffair"
  | "risks"
  | "otherRisks"
  | "disclosure"
  | "procedure"
  | "annex2"
  | "changeList";

/** Roman numerals as they come after NFKC, and OCR slips for them. */
export const ROMAN_NUMERALS: Record<string, number> = {
  I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6,
  "皿": 3, // OCR reads Ⅲ as 皿
  l: 1, ll: 2, lll: 3, "1": 1, // OCR reads I as l or 1 (only with a known part title)
};

/** Part titles, most specific first. `roman`: the heading needs a roman numeral; `annex`: it needs (別添N). */
export const PART_TITLES: { kind: PartKind; pattern: RegExp; needs: "roman" | "annex" }[] = [
  { kind: "risks", pattern: /^特定個人情報ファイルの取扱いプロセスにおけるリスク対策/, needs: "roman" },
  { kind: "otherRisks", pattern: /^その他のリスク対策/, needs: "roman" },
  { kind: "risks", pattern: /^リスク対策/, needs: "roman" },
  { kind: "basic", pattern: /^(基本情報|関連情報)$/, needs: "roman" },
  { kind: "fileOverview", pattern: /^特定個人情報ファイルの概要/, needs: "roman" },
  { kind: "disclosure", pattern: /^開示請求/, needs: "roman" },
  { kind: "procedure", pattern: /^評価実施手続/, needs: "roman" },
  { kind: "thresholdItems", pattern: /^しきい値判断項目/, needs: "roman" },
  { kind: "thresholdResult", pattern: /^しきい値判断結果/, needs: "roman" },
  { kind: "annex1", pattern: /記録項目|ファイル簿/, needs: "annex" },
  // 全項目 numbers its annexes (別添1) 事務の内容 · (別添2) 記録項目 · (別添3) 変更箇所: the title decides.
  { kind: "annexAffair", pattern: /^事務の内容/, needs: "annex" },
  { kind: "annex2", pattern: /^変更箇所/, needs: "annex" },
];

/** The title line of a 変更箇所一覧 filing, repeated on each of its pages. */
export const CHANGE_LIST_TITLE = /^変更箇所一覧$/;
/** The column header row of a 変更箇所一覧. */
export const CHANGE_LIST_HEADER = /^変更または追記した箇所/;

/** Numbered sections of each part: `no` as the form prints it, `pattern` on the folded title. */
export const SECTION_TITLES: Partial<Record<PartKind, { no: number; key: string; pattern: RegExp }[]>> = {
  basic: [
    { no: 1, key: "affair", pattern: /^特定個人情報ファイルを取り扱う事務$/ },
    { no: 2, key: "systems", pattern: /^特定個人情報ファイルを取り扱う事務において使用するシステム/ },
    { no: 3, key: "fileNames", pattern: /^特定個人情報ファイル名/ },
    { no: 4, key: "reason", pattern: /^特定個人情報ファイルを取り扱う理由/ },
    { no: 4, key: "numberUse", pattern: /^個人番号の利用/ },
    { no: 5, key: "infoLinkage", pattern: /^情報提供ネットワークシステムによる情報連携/ },
    { no: 6, key: "department", pattern: /^評価実施機関における担当部署/ },
    { no: 7, key: "otherAssessors", pattern: /^他の評価実施機関/ },
    // 基礎項目 I ends with where to ask: the 開示請求 and 問合せ of the other forms' IV.
    { no: 7, key: "disclosureRequest", pattern: /^特定個人情報の開示・訂正・利用停止請求/ },
    { no: 8, key: "inquiry", pattern: /^特定個人情報ファイルの取扱いに関する問合せ/ },
  ],
  fileOverview: [
    { no: 1, key: "name", pattern: /^特定個人情報ファイル名/ },
    { no: 2, key: "basics", pattern: /^基本情報/ },
    { no: 3, key: "acquisition", pattern: /^特定個人情報の入手・使用/ },
    { no: 4, key: "outsourcing", pattern: /^特定個人情報ファイルの取扱いの委託/ },
    { no: 5, key: "sharing", pattern: /^特定個人情報の提供・移転/ },
    { no: 6, key: "storage", pattern: /^特定個人情報の保管・消去/ },
    { no: 7, key: "notes", pattern: /^備考/ },
  ],
  thresholdItems: [
    { no: 1, key: "population", pattern: /^対象人数/ },
    { no: 2, key: "handlers", pattern: /^取扱者数/ },
    { no: 3, key: "incident", pattern: /^重大事故/ },
  ],
  risks: [
    { no: 1, key: "fileNames", pattern: /^特定個人情報ファイル名/ },
    { no: 1, key: "assessmentKind", pattern: /^提出する特定個人情報保護評価書の種類/ },
    { no: 2, key: "acquisition", pattern: /^特定個人情報の入手/ },
    { no: 3, key: "use", pattern: /^特定個人情報の使用/ },
    { no: 4, key: "outsourcing", pattern: /^特定個人情報ファイルの取扱いの委託/ },
    { no: 5, key: "sharing", pattern: /^特定個人情報の提供・移転/ },
    { no: 6, key: "network", pattern: /^情報提供ネットワークシステムとの接続/ },
    { no: 7, key: "storage", pattern: /^特定個人情報の保管・消去/ },
    { no: 8, key: "manualWork", pattern: /^人手を介在させる作業/ },
    { no: 8, key: "audit", pattern: /^監査$/ },
    { no: 9, key: "education", pattern: /^従業[者員]に対する教育・啓発$/ },
    { no: 10, key: "other", pattern: /^その他のリスク対策$/ },
    { no: 11, key: "priority", pattern: /^最も優先度が高いと考えられる対策/ },
  ],
  otherRisks: [
    { no: 1, key: "audit", pattern: /^監査$/ },
    { no: 2, key: "education", pattern: /^従業[者員]に対する教育・啓発$/ },
    { no: 3, key: "other", pattern: /^その他のリスク対策$/ },
  ],
  disclosure: [
    { no: 1, key: "request", pattern: /^特定個人情報の開示・訂正・利用停止請求/ },
    { no: 2, key: "inquiry", pattern: /^特定個人情報ファイルの取扱いに関する問合せ/ },
  ],
  procedure: [
    { no: 1, key: "basicAssessment", pattern: /^基礎項目評価/ },
    { no: 2, key: "publicComment", pattern: /^国民・住民等からの意見の聴取/ },
    { no: 3, key: "thirdPartyReview", pattern: /^第三者点検/ },
    { no: 4, key: "commissionApproval", pattern: /^個人情報保護委員会の承認/ },
  ],
};

/** Repeated blocks inside a section: システムN, 委託事項N, 提供先N, 移転先N; `～M` makes a placeholder. */
export const BLOCK_HEADING = /^(システム|委託事項|提供先|移転先)(\d{1,2})(?:[~～〜\-ー](\d{1,2}))?(?![\d.])/;
export const BLOCK_KINDS: Record<string, "system" | "outsourcing" | "provision" | "transfer"> = {
  "システム": "system",
  "委託事項": "outsourcing",
  "提供先": "provision",
  "移転先": "transfer",
};

/** The sections of III that hold risks (`リスク1: …`), in the form's order (keys of SECTION_TITLES.risks). */
export const RISK_SECTION_KEYS: readonly string[] = ["acquisition", "use", "outsourcing", "sharing", "network", "storage"];

/** A risk inside a III section: `リスク1: 名前`, `リスク: 名前`. */
export const RISK_HEADING = /^リスク(\d{0,2}):(.+)$/;
/** How a risk's name ends (`…不正な使用等のリスク`): a name that does not yet was wrapped by a print. */
export const RISK_NAME_END = /リスク$/;

/** The free-text row that closes sections 2–7 of III. */
export const OTHER_RISKS_LABEL = /(?:における|に伴う)その他のリスク及びそのリスクに対する措置$/;

/** The form's edition printed on the cover: `[平成30年5月 様式4]`. */
export const EDITION = /^\[[^\]]*様式\d+[^\]]*\]$/;

/**
 * A row that names risks without numbering them (全項目 III 4 lists five risks over one block
 * of rows): ends with リスク, and is not a bullet, a note or a 〈…における措置〉 heading.
 */
export const UNNUMBERED_RISK = /^[^◆・<〈＜(※\[].*リスク$/;

/** A table of contents on the cover lists every heading once before the body repeats them. */
export const TABLE_OF_CONTENTS = /^項目一覧$/;

/** Blocks whose heading carries a title of its own (`委託事項1 | 国民年金システムの保守業務`); a システムN is named by its ①. */
export const TITLED_BLOCKS: ReadonlySet<string> = new Set(["outsourcing", "provision", "transfer"]);

/** Counter words after a number (`令和5` + `年10月1日`, `第26` + `条の3`): a printed line that starts with one goes on with the number before it. */
export const NUMBER_COUNTER_START = /^(?:年(?:\d|度|$)|月(?:\d|$|分)|日(?:$|[\s、。)）]|から|まで|付)|条(?:の|第|$|\s)|項|号|人(?:以|未|$)|件)/u;

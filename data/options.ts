/**
 * The official option lists of the commission's forms (FORMS.md). A Choice's `option` is the
 * 1-based index of its value in one of these lists.
 */
export const OPTION_LISTS = {
  targetPopulation: ["1,000人未満", "1,000人以上1万人未満", "1万人以上10万人未満", "10万人以上30万人未満", "30万人以上"],
  infoLinkage: ["実施する", "実施しない", "未定"],
  fileType: ["システム用ファイル", "その他の電子ファイル(表計算ファイル等)"],
  subjectCount: ["1万人未満", "1万人以上10万人未満", "10万人以上100万人未満", "100万人以上1,000万人未満", "1,000万人以上"],
  itemCount: ["10項目未満", "10項目以上50項目未満", "50項目以上100項目未満", "100項目以上"],
  userCount: ["10人未満", "10人以上50人未満", "50人以上100人未満", "100人以上500人未満", "500人以上1,000人未満", "1,000人以上"],
  outsourcing: ["委託する", "委託しない"],
  subcontracting: ["再委託する", "再委託しない"],
  rating: ["特に力を入れている", "十分である", "課題が残されている"],
  userAuthentication: ["行っている", "行っていない"],
  rules: ["定めている", "定めていない"],
  subcontractorAssurance: ["特に力を入れて行っている", "十分に行っている", "十分に行っていない", "再委託していない"],
  effort: ["特に力を入れて行っている", "十分に行っている", "十分に行っていない"],
  incident: ["発生あり", "発生なし"],
  thresholdResult: [
    "基礎項目評価及び重点項目評価の実施が義務付けられる",
    "基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)",
    "特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)",
  ],
  outsourcedScope: ["特定個人情報ファイルの全体", "特定個人情報ファイルの一部"],
} as const satisfies Record<string, readonly string[]>;

export type OptionListName = keyof typeof OPTION_LISTS;

/** 委託の有無's option that says the filing does not outsource (OPTION_LISTS.outsourcing: 委託しない). */
export const NOT_OUTSOURCED_OPTION = OPTION_LISTS.outsourcing.indexOf("委託しない") + 1;

/** Box groups (Checks): the labels in form order. */
export const BOX_GROUPS = {
  connections: ["情報提供ネットワークシステム", "庁内連携システム", "住民基本台帳ネットワークシステム", "既存住民基本台帳システム", "宛名システム等", "税務システム", "その他"],
  mainItems: [
    "個人番号", "個人番号対応符号", "その他識別情報(内部番号)", "4情報(氏名、性別、生年月日、住所)", "連絡先(電話番号等)",
    "その他住民票関係情報", "国税関係情報", "地方税関係情報", "健康・医療関係情報", "医療保険関係情報", "児童福祉・子育て関係情報",
    "障害者福祉関係情報", "生活保護・社会福祉関係情報", "介護・高齢者福祉関係情報", "雇用・労働関係情報", "年金関係情報",
    "学校・教育関係情報", "災害関係情報", "その他",
  ],
  acquisitionSources: ["本人又は本人の代理人", "評価実施機関内の他部署", "行政機関・独立行政法人等", "地方公共団体・地方独立行政法人", "民間事業者", "その他"],
  acquisitionMethods: ["紙", "電子記録媒体(フラッシュメモリを除く。)", "フラッシュメモリ", "電子メール", "専用線", "庁内連携システム", "情報提供ネットワークシステム", "その他"],
  sharingStatus: ["提供を行っている", "移転を行っている", "行っていない"],
  provisionMethods: ["情報提供ネットワークシステム", "専用線", "電子メール", "電子記録媒体(フラッシュメモリを除く。)", "フラッシュメモリ", "紙", "その他"],
  transferMethods: ["庁内連携システム", "専用線", "電子メール", "電子記録媒体(フラッシュメモリを除く。)", "フラッシュメモリ", "紙", "その他"],
  notOutsourced: ["委託しない"],
  notShared: ["提供・移転しない"],
  notConnected: ["接続しない(入手)", "接続しない(提供)"],
  audit: ["自己点検", "内部監査", "外部監査"],
} as const satisfies Record<string, readonly string[]>;

export type BoxGroupName = keyof typeof BOX_GROUPS;

/** What an HTML form input becomes in plain text (private-use characters: see src/html/toText.ts). */
export const MARKED_INPUT = "\uE000";
export const EMPTY_INPUT = "\uE001";

/** Characters that mark a box when they stand inside its brackets, or alone. */
export const MARK_CHARS = "○〇◯O●◉☑✓✔■レ" + MARKED_INPUT;
/** The marks a selection's or a box's brackets hold when ticked (`[ ○ ]`), cleared out of a selection's text. */
export const BRACKET_MARKS = "○〇●";
/** Characters that are a box by themselves: marked or empty. */
export const MARKED_BOX_GLYPHS = "■☑" + MARKED_INPUT;
export const EMPTY_BOX_GLYPHS = "□☐" + EMPTY_INPUT;

/** Marks that start an item of a list in a value's text (`・`, `○`, `■` …): a printed line that starts with one is a line of its own. */
export const BULLET_MARKS = "・○●◎◆◇■□▪※";

/**
 * Titles that follow a local government's name in 評価実施機関名: the filing body is the
 * office, the record's organization is the local government itself.
 */
export const OFFICE_SUFFIXES = [
  "教育委員会", "選挙管理委員会", "監査委員", "農業委員会", "人事委員会", "公平委員会",
  "公営企業管理者", "水道事業管理者", "病院事業管理者", "企業管理者", "上下水道事業管理者",
  "消防長", "議会", "知事", "区長", "市長", "町長", "村長", "長",
];

/** Sorted longest first, so that `長` is tried after `市長`. */
export const OFFICE_SUFFIXES_LONGEST_FIRST = [...OFFICE_SUFFIXES].sort((a, b) => b.length - a.length);

/**
 * The titles of a body's head: a filing by 熊谷市長 is the city's own. Any other office
 * (熊谷市教育委員会) files and numbers its filings apart, so it is part of a filing's identity.
 */
export const HEAD_OFFICES = ["知事", "区長", "市長", "町長", "村長", "長"];

/** Where the body names the filing body: 〈XX市における措置〉, `XX市は、…の取扱いにあたり`. */
export const BODY_NAME_PATTERNS: RegExp[] = [
  /[<〈《＜]([^<>〈〉《》＜＞\s]{1,12}?[都道府県市区町村])における(?:措置|対策)[>〉》＞]/g,
  /^([^\s、。]{1,12}?[都道府県市区町村])(?:長)?は[、,]/g,
  // An address in IV: 東京都町田市森野2-2-22.
  /((?:北海道|東京都|京都府|大阪府|[^\s、。\d:：]{2,3}県)[^\s、。\d:：]{1,8}?[市区町村])/g,
];

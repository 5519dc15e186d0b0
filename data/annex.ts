/** Shapes of the lines of (別添1) 特定個人情報ファイル記録項目 and of the 変更箇所 tables. */

/** A file's heading: `(1) 資格管理ファイル`, `●予防接種情報ファイル`, `1. 資格管理ファイル`. */
export const ANNEX_FILE_HEADING = /^(?:\((\d{1,2})\)|●|■|◆|(\d{1,2})[.．])\s*(.*ファイル.*)$/;
/** A group of items: `【識別情報】`, `(基本情報)`, `<連絡先情報>`, `〈…〉`, `■…`. */
export const ANNEX_GROUP_HEADING = /^(?:【([^】]+)】|\(([^()\d][^()]*)\)|<([^<>]+)>|〈([^〈〉]+)〉|＜([^＜＞]+)＞)$/;
/** A group heading with its items on the same line: `[世帯詳細情報]世帯番号、被災時住所、…`, `【基本情報】氏名、住所`. */
export const ANNEX_GROUP_WITH_ITEMS = /^(?:【([^】]+)】|\[([^\]]+)\]|［([^］]+)］)\s*(\S.*)$/;
/** Numbered items inside a line: `1.個人番号,2.宛名番号` or `1 宛名番号`. */
export const ANNEX_ITEM_NUMBER = /(?:^|[,、，\s]+)\d{1,3}(?:[.．)]\s*|\s+)(?=\S)/g;

/** A 個人情報ファイル簿 row of record items: `5 | (1) 基本的項目 氏名 | ○`. */
export const FILE_REGISTER_ITEM = /^\(\d{1,2}\)\s*(\S+)\s+(.+)$/;
export const FILE_REGISTER_ITEM_ROW_NUMBER = "5";
/** The annex is a 個人情報ファイル簿 (the register of personal information files) when it names one. */
export const FILE_REGISTER_TITLE = "個人情報ファイル簿";

/** The column headers of the (別添2) 変更箇所 table, by record field. */
export const CHANGE_COLUMNS: { field: "date" | "item" | "before" | "after" | "submission" | "explanation"; pattern: RegExp }[] = [
  { field: "date", pattern: /^変更日/ },
  { field: "item", pattern: /^項目/ },
  { field: "before", pattern: /^変更前/ },
  { field: "after", pattern: /^変更後/ },
  { field: "explanation", pattern: /^提出時期に係る説明/ },
  { field: "submission", pattern: /^提出時期/ },
];
export const DEFAULT_CHANGE_COLUMNS = ["date", "item", "before", "after", "submission", "explanation"] as const;

/** A row continued from the previous page. */
export const CONTINUED_MARK = /^\(続き\)/;

/** 事由等 that a converter merged with its ページ: `6 コンビニ交付…`, `19\nコンビニ…`. */
export const PAGE_CELL = /^\d{1,3}(?:\s*[、,~～-]\s*\d{1,3})*$/;
export const PAGE_THEN_REASON = /^(\d{1,3}(?:\s*[、,~～-]\s*\d{1,3})*)\s+(\D.*)$/s;

/**
 * A 変更箇所 row's first line when the table's cells are gone (each cell's lines one per line, in
 * a converter's order): it starts with the row's 変更日, a whole era date.
 */
export const CHANGE_ROW_START = /^\s*((?:令和|平成)\s*(?:元|\d{1,2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:\s+|$)/;
/** 提出時期 standing as a word of its own among the row's lines. */
export const SUBMISSION_WORD = /(?<=^|\s)(事前|事後)(?=\s|$)/g;
/**
 * Where a 変更箇所 row's 項目 begins: a part of the form (`I 基本情報`, `Ⅲリスク対策` with no space
 * in a narrow cell, `(別添1)`) or its cover. `皿リスク対策` is how filings typed from a misread Ⅲ print it.
 */
export const CHANGE_ITEM_START = /^(?:(?:VI|IV|V|III|II|I|[Ⅰ-Ⅵ])(?:[\s.．]|(?=[^\x00-\x7F]))|\(?別添|表紙|皿(?=\s*リスク))/;

/** Where a 変更箇所 row's 変更日 begins, even where the print wrapped the date itself (`令和5年10月` / `1日`). */
export const CHANGE_DATE_START = /^\s*(?:令和|平成)\s*(?:元|\d{1,2})\s*年/;

/** `【識別情報】 1.個人番号`: a 別添1 group heading and the first of its numbered items, in a run-together line. */
export const ANNEX_GROUP_THEN_ITEMS = /^【[^】]{1,20}】\s*1[.．]/;
/** `(1) 資格管理ファイル 【識別情報】`: a 別添1 file heading and its first group, in a run-together line. */
export const ANNEX_FILE_THEN_GROUP = /^\(\d{1,2}\)\s*\S*ファイル\s+【/;

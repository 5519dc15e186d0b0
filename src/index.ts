/** The pia library: every stage of the engine, the store, import and search, usable without the CLI. */
export { extractBytes, extractFile, extractFromDocument } from "./engine.js";
export { InputError } from "./errors.js";
export { loadAny, loadBytes, loadFile, SUPPORTED_EXTENSIONS } from "./loaders/index.js";
export { segment } from "./segment/segment.js";
export { extractRecord, validateRecord } from "../extractors/index.js";
export { RecordSchema, SCHEMA_VERSION } from "./record/schema.js";
export type { PiaRecord } from "./record/schema.js";
export type * from "./model.js";
export { openDatabase, DEFAULT_DB_PATH } from "./store/db.js";
export { findDocument } from "./store/read.js";
export { diffRecords, filingHistory } from "./store/history.js";
export { resolveReference, readDocument } from "./store/read.js";
export { corpusStats } from "./store/stats.js";
export { importFiles } from "./import/importer.js";
export { search } from "./search/search.js";
export { crawl, CRAWL_DEFAULTS } from "./crawl/crawler.js";
export type { CrawlOptions, CrawlSummary, CrawlEvent } from "./crawl/crawler.js";
export { CrawlRunningError } from "./crawl/lock.js";

/** The pia library: every stage of the engine, usable without the CLI. */
export { extractBytes, extractFile, extractFromDocument } from "./engine.js";
export { InputError } from "./errors.js";
export { loadAny, loadBytes, loadFile, SUPPORTED_EXTENSIONS } from "./loaders/index.js";
export { segment } from "./segment/segment.js";
export { extractRecord, validateRecord } from "../extractors/index.js";
export { RecordSchema, SCHEMA_VERSION } from "./record/schema.js";
export type { PiaRecord } from "./record/schema.js";
export type * from "./model.js";

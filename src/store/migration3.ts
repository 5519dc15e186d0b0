import type { PiaRecord } from "../record/schema.js";
import type { DB } from "./db.js";
import { placeDocument } from "./filings.js";
import { contentFingerprint, filingIdentity, filledFields, publishedOn, versionKey } from "./identity.js";

/**
 * Migration 3: filings, not files. A filing is identified by what it says (filing_keys), its
 * versions by publication (versions), every path or URL a document was seen at is kept
 * (document_sources); documents lose supersedes/superseded_by (history is now derived, so it
 * cannot form a cycle); every child table gets a plain document_id foreign key; fields gets an
 * INTEGER PRIMARY KEY and the full-text index is kept in step by triggers.
 *
 * SQLite cannot add a foreign key to a table: the tables are rebuilt (the documented 12-step
 * procedure; the runner turns foreign keys off around it and checks them before commit).
 */

const CREATE_IDENTITY = `
  DROP VIEW current_documents;
  DROP VIEW contractors;
  DROP VIEW risk_ratings;

  CREATE TABLE filing_keys (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    filing_key         TEXT NOT NULL UNIQUE,
    base_key           TEXT NOT NULL,
    org_key            TEXT,
    form               TEXT NOT NULL CHECK (form IN ('kiso', 'juten', 'zenkomoku', 'changes')),
    number             TEXT,
    affair_key         TEXT,
    current_version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,
    signature          TEXT,
    first_seen         TEXT NOT NULL
  );
  CREATE INDEX filing_keys_base ON filing_keys(base_key);
  CREATE INDEX filing_keys_number ON filing_keys(org_key, number);
  CREATE INDEX filing_keys_org_form ON filing_keys(org_key, form);
  CREATE INDEX filing_keys_current ON filing_keys(current_version_id);

  CREATE TABLE versions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    filing_id    INTEGER NOT NULL REFERENCES filing_keys(id) ON DELETE CASCADE,
    version_key  TEXT NOT NULL,
    published_on TEXT,
    first_seen   TEXT NOT NULL,
    document_id  INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    UNIQUE (filing_id, version_key)
  );
  CREATE INDEX versions_document ON versions(document_id);

  CREATE TABLE documents_new (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id            INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    sha256                TEXT NOT NULL UNIQUE,
    source                TEXT NOT NULL,
    format                TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
    pages                 INTEGER,
    bytes                 INTEGER NOT NULL,
    form                  TEXT NOT NULL CHECK (form IN ('kiso', 'juten', 'zenkomoku', 'changes')),
    org_name              TEXT,
    org_prefecture        TEXT,
    org_code              TEXT,
    org_inferred_from     TEXT,
    organization_as_written TEXT,
    title                 TEXT,
    assessment_number     TEXT,
    published_on          TEXT,
    published_on_raw      TEXT,
    affair_name           TEXT,
    target_population     TEXT,
    target_population_min INTEGER,
    target_population_max INTEGER,
    audit                 TEXT,
    education_rating      TEXT,
    warning_count         INTEGER NOT NULL,
    coverage              REAL,
    filled_fields         INTEGER NOT NULL,
    fingerprint           TEXT NOT NULL,
    imported_at           TEXT NOT NULL,
    schema_version        INTEGER NOT NULL,
    record                TEXT NOT NULL
  );

  CREATE TABLE document_sources (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    UNIQUE (source, document_id)
  );
  CREATE INDEX document_sources_document ON document_sources(document_id);

  -- Where each stored document was seen: its source, and the crawled URLs that gave it.
  INSERT INTO document_sources (document_id, source, first_seen, last_seen)
    SELECT id, source, imported_at, imported_at FROM documents;
  INSERT INTO document_sources (document_id, source, first_seen, last_seen)
    SELECT document_id, url, first_seen, coalesce(last_checked, first_seen) FROM crawl_urls WHERE document_id IS NOT NULL AND kind = 'filing'
    ON CONFLICT (source, document_id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
  -- Schema 2 knew what each source gives now (superseded_by IS NULL), not when it was last
  -- seen: a source that went back to earlier bytes gives those, so they are seen there last.
  UPDATE document_sources SET last_seen = strftime('%Y-%m-%dT%H:%M:%fZ',
      (SELECT max(o.imported_at) FROM documents o WHERE o.source = document_sources.source), '+0.001 seconds')
    WHERE document_id IN (SELECT id FROM documents WHERE superseded_by IS NULL)
      AND source = (SELECT d.source FROM documents d WHERE d.id = document_sources.document_id)
      AND (SELECT count(*) FROM documents o WHERE o.source = document_sources.source) > 1;
`;

/**
 * documents and the child tables, rebuilt (a plain document_id foreign key beside the composite
 * one). A document's version, fingerprint and the like are filled in by placeStoredDocuments.
 */
const REBUILD = `
  INSERT INTO documents_new (id, version_id, sha256, source, format, pages, bytes, form, org_name, org_prefecture, org_code, org_inferred_from,
    organization_as_written, title, assessment_number, published_on, published_on_raw, affair_name, target_population, target_population_min,
    target_population_max, audit, education_rating, warning_count, coverage, filled_fields, fingerprint, imported_at, schema_version, record)
  SELECT d.id, 0, d.sha256, d.source, d.format, d.pages, d.bytes, d.form, d.org_name, d.org_prefecture, d.org_code, d.org_inferred_from,
    d.organization_as_written, d.title, d.assessment_number, d.published_on, d.published_on_raw, d.affair_name, d.target_population, d.target_population_min,
    d.target_population_max, d.audit, d.education_rating, d.warning_count, NULL, 0, '', d.imported_at, d.schema_version, d.record
  FROM documents d;

  CREATE TABLE system_connections_new (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    system_index INTEGER NOT NULL,
    connection   TEXT NOT NULL,
    checked      INTEGER NOT NULL CHECK (checked IN (0, 1)),
    detail       TEXT,
    PRIMARY KEY (document_id, system_index, connection),
    FOREIGN KEY (document_id, system_index) REFERENCES systems(document_id, system_index) ON DELETE CASCADE
  );
  INSERT INTO system_connections_new SELECT * FROM system_connections;

  CREATE TABLE file_boxes_new (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    file_index  INTEGER NOT NULL,
    box_group   TEXT NOT NULL CHECK (box_group IN ('main_items', 'acquisition_sources', 'acquisition_methods', 'sharing_status')),
    label       TEXT NOT NULL,
    checked     INTEGER NOT NULL CHECK (checked IN (0, 1)),
    detail      TEXT,
    PRIMARY KEY (document_id, file_index, box_group, label),
    FOREIGN KEY (document_id, file_index) REFERENCES files(document_id, file_index) ON DELETE CASCADE
  );
  INSERT INTO file_boxes_new SELECT * FROM file_boxes;

  CREATE TABLE outsourcing_items_new (
    document_id              INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    file_index               INTEGER NOT NULL,
    item_index               INTEGER NOT NULL,
    item_no                  INTEGER NOT NULL,
    title                    TEXT,
    content                  TEXT,
    handler_count            TEXT,
    handler_min              INTEGER,
    handler_max              INTEGER,
    contractor               TEXT,
    subcontracting_status    TEXT,
    subcontracting_permission TEXT,
    subcontracting_matters   TEXT,
    PRIMARY KEY (document_id, file_index, item_index),
    FOREIGN KEY (document_id, file_index) REFERENCES files(document_id, file_index) ON DELETE CASCADE
  );
  INSERT INTO outsourcing_items_new SELECT * FROM outsourcing_items;

  CREATE TABLE recipients_new (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    file_index    INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('provision', 'transfer')),
    recipient_index INTEGER NOT NULL,
    recipient_no  INTEGER NOT NULL,
    name          TEXT,
    legal_basis   TEXT,
    purpose       TEXT,
    info          TEXT,
    subject_count TEXT,
    subject_min   INTEGER,
    subject_max   INTEGER,
    scope         TEXT,
    methods       TEXT,
    timing        TEXT,
    PRIMARY KEY (document_id, file_index, kind, recipient_index),
    FOREIGN KEY (document_id, file_index) REFERENCES files(document_id, file_index) ON DELETE CASCADE
  );
  INSERT INTO recipients_new SELECT * FROM recipients;

  CREATE TABLE record_items_new (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    file_index  INTEGER NOT NULL,
    item_index  INTEGER NOT NULL,
    item_group  TEXT,
    item        TEXT NOT NULL,
    PRIMARY KEY (document_id, file_index, item_index),
    FOREIGN KEY (document_id, file_index) REFERENCES files(document_id, file_index) ON DELETE CASCADE
  );
  INSERT INTO record_items_new SELECT * FROM record_items;

  CREATE TABLE risks_new (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_index INTEGER NOT NULL,
    section_no    INTEGER NOT NULL,
    risk_index    INTEGER NOT NULL,
    risk_no       INTEGER,
    name          TEXT NOT NULL,
    measures      TEXT,
    rating        TEXT,
    rating_option INTEGER,
    PRIMARY KEY (document_id, section_index, risk_index),
    FOREIGN KEY (document_id, section_index) REFERENCES risk_sections(document_id, section_index) ON DELETE CASCADE
  );
  INSERT INTO risks_new SELECT * FROM risks;

  CREATE TABLE risk_items_new (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_index INTEGER NOT NULL,
    risk_index    INTEGER NOT NULL,
    item_index    INTEGER NOT NULL,
    label         TEXT NOT NULL,
    choice        TEXT,
    choice_option INTEGER,
    text          TEXT,
    PRIMARY KEY (document_id, section_index, risk_index, item_index),
    FOREIGN KEY (document_id, section_index, risk_index) REFERENCES risks(document_id, section_index, risk_index) ON DELETE CASCADE
  );
  INSERT INTO risk_items_new SELECT * FROM risk_items;

  -- fields: its rowid becomes a declared key, so the full-text index's rowids keep their rows.
  CREATE TABLE fields_new (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    section     TEXT,
    label       TEXT,
    value       TEXT,
    line        INTEGER,
    page        INTEGER,
    UNIQUE (document_id, path)
  );
  INSERT INTO fields_new (id, document_id, path, section, label, value, line, page)
    SELECT rowid, document_id, path, section, label, value, line, page FROM fields;

  CREATE TABLE crawl_urls_new (
    url           TEXT PRIMARY KEY,
    final_url     TEXT,
    found_via     TEXT NOT NULL,
    kind          TEXT CHECK (kind IN ('index', 'filing', 'other')),
    status        INTEGER,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT,
    document_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    first_seen    TEXT NOT NULL,
    last_checked  TEXT,
    last_changed  TEXT,
    withdrawn_at  TEXT,
    failure       TEXT
  );
  INSERT INTO crawl_urls_new SELECT * FROM crawl_urls;

  CREATE TABLE crawl_events_new (
    run_id      INTEGER NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('new', 'new-version', 'withdrawn', 'restored', 'failed', 'skipped')),
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    reason      TEXT,
    at          TEXT NOT NULL
  );
  INSERT INTO crawl_events_new SELECT * FROM crawl_events;

  DROP TABLE system_connections; DROP TABLE file_boxes; DROP TABLE outsourcing_items; DROP TABLE recipients;
  DROP TABLE record_items; DROP TABLE risk_items; DROP TABLE risks; DROP TABLE fields; DROP TABLE crawl_events;
  DROP TABLE crawl_urls; DROP TABLE documents;
  ALTER TABLE documents_new RENAME TO documents;
  ALTER TABLE system_connections_new RENAME TO system_connections;
  ALTER TABLE file_boxes_new RENAME TO file_boxes;
  ALTER TABLE outsourcing_items_new RENAME TO outsourcing_items;
  ALTER TABLE recipients_new RENAME TO recipients;
  ALTER TABLE record_items_new RENAME TO record_items;
  ALTER TABLE risks_new RENAME TO risks;
  ALTER TABLE risk_items_new RENAME TO risk_items;
  ALTER TABLE fields_new RENAME TO fields;
  ALTER TABLE crawl_urls_new RENAME TO crawl_urls;
  ALTER TABLE crawl_events_new RENAME TO crawl_events;

  CREATE INDEX documents_version ON documents(version_id);
  CREATE INDEX documents_fingerprint ON documents(fingerprint);
  CREATE INDEX documents_org_code ON documents(org_code);
  CREATE INDEX documents_org_name ON documents(org_prefecture, org_name);
  CREATE INDEX documents_form ON documents(form);
  CREATE INDEX document_sources_source ON document_sources(source);
  CREATE INDEX system_connections_connection ON system_connections(connection, checked);
  CREATE INDEX file_boxes_label ON file_boxes(box_group, label, checked);
  CREATE INDEX outsourcing_items_contractor ON outsourcing_items(contractor);
  CREATE INDEX recipients_name ON recipients(name);
  CREATE INDEX record_items_item ON record_items(item);
  CREATE INDEX risks_rating ON risks(rating_option);
  CREATE INDEX risk_items_label ON risk_items(label, choice_option);
  CREATE INDEX fields_label ON fields(label);
  CREATE INDEX crawl_urls_found_via ON crawl_urls(found_via);
  CREATE INDEX crawl_urls_document ON crawl_urls(document_id);
  CREATE INDEX crawl_events_run ON crawl_events(run_id);
  CREATE INDEX crawl_events_url ON crawl_events(url);
  CREATE INDEX crawl_events_document ON crawl_events(document_id);

  -- The index rows of fields that a DELETE through another tool left behind.
  DELETE FROM fields_fts WHERE rowid NOT IN (SELECT id FROM fields);
`;

/**
 * What SQLite keeps in step by itself, whatever tool writes:
 * - a version's record (`versions.document_id`): the rendering read most completely
 *   (quality.coverage), then with the fewest warnings, then the most values, then one that no
 *   other rendering replaced at its path or URL (a file that went back to earlier bytes gives
 *   those again), then the first stored — so renderings from different places that tie do not
 *   swap when they are seen again;
 * - a filing's current version: its latest dated full assessment (a 変更箇所一覧, or a version
 *   without a 公表日, only where there is nothing else);
 * - versions and filings that lose their last document go (by DELETE or by UPDATE);
 * - a deleted row's children go even with foreign keys off (sqlite3 and Datasette leave them
 *   off), and the full-text index loses the rows of fields that go.
 */
/** Whether another rendering of its version was seen after it at one of its paths or URLs (it was replaced there). */
const REPLACED_WHERE_SEEN = `EXISTS (SELECT 1 FROM document_sources s
    JOIN document_sources o ON o.source = s.source AND o.document_id <> s.document_id AND o.last_seen > s.last_seen
    JOIN documents od ON od.id = o.document_id AND od.version_id = d.version_id
    WHERE s.document_id = d.id)`;
const CHOSEN_ORDER = `d.coverage IS NULL, d.coverage DESC, d.warning_count, d.filled_fields DESC, ${REPLACED_WHERE_SEEN}, d.id`;
const CURRENT_ORDER = `d.form = 'changes', v.published_on IS NULL, coalesce(v.published_on, substr(v.first_seen, 1, 10)) DESC, v.first_seen DESC, v.id DESC`;

const CHOOSE = (where: string) => `
  UPDATE versions SET document_id = (SELECT d.id FROM documents d WHERE d.version_id = versions.id ORDER BY ${CHOSEN_ORDER} LIMIT 1)
  WHERE ${where};`;
const MAKE_CURRENT = (where: string) => `
  UPDATE filing_keys SET current_version_id = (
    SELECT v.id FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.filing_id = filing_keys.id ORDER BY ${CURRENT_ORDER} LIMIT 1)
  WHERE ${where};`;
const DROP_EMPTY_VERSION = (version: string) => `DELETE FROM versions WHERE id = ${version} AND NOT EXISTS (SELECT 1 FROM documents WHERE version_id = ${version});`;
const DROP_EMPTY_FILING = (filing: string) => `DELETE FROM filing_keys WHERE id = ${filing} AND NOT EXISTS (SELECT 1 FROM versions WHERE filing_id = ${filing});`;
/** The versions of the documents a path or URL has given: one of them may no longer be what it gives. */
const VERSIONS_SEEN_AT = (source: string) => `id IN (SELECT d.version_id FROM document_sources s JOIN documents d ON d.id = s.document_id WHERE s.source = ${source})`;

const CHILD_TABLES = [
  "systems", "system_connections", "files", "file_boxes", "outsourcing_items", "recipients", "record_items",
  "risk_sections", "risks", "risk_items", "changes", "fields", "warnings", "document_sources",
];

const KEEP_IN_STEP = `
  CREATE TRIGGER documents_choose_after_insert AFTER INSERT ON documents BEGIN ${CHOOSE("id = NEW.version_id")} END;
  CREATE TRIGGER documents_choose_after_update AFTER UPDATE OF version_id, coverage, warning_count, filled_fields, form ON documents BEGIN
    ${CHOOSE("id IN (OLD.version_id, NEW.version_id)")}
    ${DROP_EMPTY_VERSION("OLD.version_id")}
  END;
  CREATE TRIGGER documents_choose_after_delete AFTER DELETE ON documents BEGIN
    ${CHILD_TABLES.map((t) => `DELETE FROM ${t} WHERE document_id = OLD.id;`).join(" ")}
    UPDATE crawl_urls SET document_id = NULL WHERE document_id = OLD.id;
    UPDATE crawl_events SET document_id = NULL WHERE document_id = OLD.id;
    ${CHOOSE("id = OLD.version_id")}
    ${DROP_EMPTY_VERSION("OLD.version_id")}
  END;
  CREATE TRIGGER document_sources_choose_after_insert AFTER INSERT ON document_sources BEGIN ${CHOOSE(VERSIONS_SEEN_AT("NEW.source"))} END;
  CREATE TRIGGER document_sources_choose_after_update AFTER UPDATE OF last_seen, source, document_id ON document_sources BEGIN
    ${CHOOSE(VERSIONS_SEEN_AT("NEW.source"))}
  END;
  CREATE TRIGGER versions_current_after_insert AFTER INSERT ON versions BEGIN ${MAKE_CURRENT("id = NEW.filing_id")} END;
  CREATE TRIGGER versions_current_after_update AFTER UPDATE OF filing_id, document_id, published_on, first_seen ON versions BEGIN
    ${MAKE_CURRENT("id IN (OLD.filing_id, NEW.filing_id)")}
    ${DROP_EMPTY_FILING("OLD.filing_id")}
  END;
  CREATE TRIGGER versions_current_after_delete AFTER DELETE ON versions BEGIN
    DELETE FROM documents WHERE version_id = OLD.id;
    ${MAKE_CURRENT("id = OLD.filing_id")}
    ${DROP_EMPTY_FILING("OLD.filing_id")}
  END;
  CREATE TRIGGER filing_keys_after_delete AFTER DELETE ON filing_keys BEGIN DELETE FROM versions WHERE filing_id = OLD.id; END;
  CREATE TRIGGER fields_fts_after_delete AFTER DELETE ON fields BEGIN DELETE FROM fields_fts WHERE rowid = OLD.id; END;
  -- A value changed by hand is taken out of the index rather than left findable by its old words.
  CREATE TRIGGER fields_fts_after_update AFTER UPDATE OF id, value ON fields BEGIN DELETE FROM fields_fts WHERE rowid = OLD.id; END;

  ${CHOOSE("1")}
  ${MAKE_CURRENT("1")}
`;

/** The research surface: filings, their current versions, and the views over them. */
const VIEWS = `
  CREATE VIEW filings AS
    SELECT k.id, k.filing_key, d.org_name, d.org_prefecture, d.org_code, k.form, d.assessment_number, d.title, d.affair_name,
      (SELECT count(*) FROM versions v WHERE v.filing_id = k.id) AS version_count,
      (SELECT count(*) FROM versions v JOIN documents vd ON vd.version_id = v.id WHERE v.filing_id = k.id) AS document_count,
      k.current_version_id, d.id AS current_document_id,
      (SELECT min(v.published_on) FROM versions v WHERE v.filing_id = k.id) AS first_published_on,
      (SELECT max(v.published_on) FROM versions v WHERE v.filing_id = k.id) AS last_published_on,
      (SELECT CASE WHEN count(*) > 0 AND count(CASE WHEN u.withdrawn_at IS NULL AND u.document_id IN (SELECT id FROM documents WHERE version_id = k.current_version_id) THEN 1 END) = 0
                   THEN max(coalesce(u.withdrawn_at, u.last_changed)) END
       FROM document_sources s JOIN documents sd ON sd.id = s.document_id JOIN crawl_urls u ON u.url = s.source
       WHERE sd.version_id = k.current_version_id) AS withdrawn_at,
      k.first_seen
    FROM filing_keys k
    JOIN versions cv ON cv.id = k.current_version_id
    JOIN documents d ON d.id = cv.document_id;

  CREATE VIEW current_filings AS
    SELECT f.id AS filing_id, f.filing_key, f.version_count, f.withdrawn_at, d.*
    FROM filings f JOIN documents d ON d.id = f.current_document_id;

  CREATE VIEW contractors AS
    SELECT o.document_id, v.filing_id, d.org_code, d.org_name, d.org_prefecture, d.affair_name, o.file_index, o.item_no, o.title,
           o.contractor,
           replace(replace(replace(replace(replace(replace(replace(o.contractor,
             '株式会社', ''), '(株)', ''), '（株）', ''), '有限会社', ''), ' ', ''), '　', ''), '・', '') AS contractor_key
    FROM outsourcing_items o
    JOIN documents d ON d.id = o.document_id
    JOIN versions v ON v.document_id = d.id
    JOIN filing_keys k ON k.current_version_id = v.id
    WHERE o.contractor IS NOT NULL;

  CREATE VIEW risk_ratings AS
    SELECT r.document_id, v.filing_id, d.org_code, d.org_name, d.org_prefecture, d.form, d.affair_name,
           s.section_no, s.title AS section_title, r.section_index, r.risk_index, r.risk_no, r.name AS risk, r.rating, r.rating_option
    FROM risks r
    JOIN risk_sections s ON s.document_id = r.document_id AND s.section_index = r.section_index
    JOIN documents d ON d.id = r.document_id
    JOIN versions v ON v.document_id = d.id
    JOIN filing_keys k ON k.current_version_id = v.id;
`;

interface StoredRow {
  id: number;
  imported_at: string;
  record: string;
}

/**
 * Every stored document placed in its filing and version by the rule new imports follow, in the
 * order they were imported (foreign keys are off while version_id is still 0).
 */
function placeStoredDocuments(db: DB): void {
  // One record in memory at a time (better-sqlite3 cannot write while a statement iterates).
  const ids = db.prepare("SELECT id FROM documents ORDER BY id").pluck().all() as number[];
  const read = db.prepare("SELECT id, imported_at, record FROM documents WHERE id = ?");
  const fill = db.prepare("UPDATE documents SET coverage = ?, filled_fields = ?, fingerprint = ? WHERE id = ?");
  const place = db.prepare("UPDATE documents SET version_id = ? WHERE id = ?");
  for (const id of ids) {
    const row = read.get(id) as StoredRow;
    const record = JSON.parse(row.record) as PiaRecord;
    const fingerprint = contentFingerprint(record);
    // Records of schemaVersion 1 say nothing of their quality.
    fill.run((record as Partial<PiaRecord>).quality?.coverage ?? null, filledFields(record), fingerprint, row.id);
    const placement = placeDocument(db, filingIdentity(record), versionKey(record), publishedOn(record), fingerprint, row.imported_at);
    place.run(placement.versionId, row.id);
  }
}

export function migration3(db: DB): void {
  db.exec(CREATE_IDENTITY);
  db.exec(REBUILD);
  placeStoredDocuments(db);
  db.exec(KEEP_IN_STEP);
  db.exec(VIEWS);
}

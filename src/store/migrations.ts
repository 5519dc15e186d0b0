import type { DB } from "./db.js";
import { migration3 } from "./migration3.js";
import { migration4 } from "./migration4.js";

/** A migration: SQL, or code where the data must be read to move it (keys computed from records). */
export type Migration = string | ((db: DB) => void);

/**
 * The database schema as numbered migrations. `PRAGMA user_version` holds the number of the
 * last one applied; opening an older database applies the rest, each in its own transaction.
 * A migration is never edited once released: a change is a new migration.
 */
export const MIGRATIONS: Migration[] = [
  // 1: the record's projection into typed tables (keyed by position; the document's own numbers
  // are columns, since a filing can print one twice), the generic fields table, warnings, errors,
  // the full-text index over the fields, and views for the common questions.
  `
  CREATE TABLE documents (
    id                    INTEGER PRIMARY KEY,
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
    imported_at           TEXT NOT NULL,
    schema_version        INTEGER NOT NULL,
    supersedes            INTEGER REFERENCES documents(id),
    superseded_by         INTEGER REFERENCES documents(id),
    record                TEXT NOT NULL
  );
  CREATE INDEX documents_org_code ON documents(org_code);
  CREATE INDEX documents_org_name ON documents(org_prefecture, org_name);
  CREATE INDEX documents_form ON documents(form);
  CREATE INDEX documents_source ON documents(source);

  CREATE TABLE systems (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    system_index INTEGER NOT NULL,
    system_no    INTEGER NOT NULL,
    name         TEXT,
    functions    TEXT,
    PRIMARY KEY (document_id, system_index)
  );

  CREATE TABLE system_connections (
    document_id  INTEGER NOT NULL,
    system_index INTEGER NOT NULL,
    connection   TEXT NOT NULL,
    checked      INTEGER NOT NULL CHECK (checked IN (0, 1)),
    detail       TEXT,
    PRIMARY KEY (document_id, system_index, connection),
    FOREIGN KEY (document_id, system_index) REFERENCES systems(document_id, system_index) ON DELETE CASCADE
  );
  CREATE INDEX system_connections_connection ON system_connections(connection, checked);

  CREATE TABLE files (
    document_id          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    file_index           INTEGER NOT NULL,
    name                 TEXT,
    file_type            TEXT,
    file_type_option     INTEGER,
    subject_count        TEXT,
    subject_min          INTEGER,
    subject_max          INTEGER,
    subject_scope        TEXT,
    subject_necessity    TEXT,
    item_count           TEXT,
    item_min             INTEGER,
    item_max             INTEGER,
    items_rationale      TEXT,
    holding_start        TEXT,
    department           TEXT,
    use_purpose          TEXT,
    use_departments      TEXT,
    user_count           TEXT,
    user_min             INTEGER,
    user_max             INTEGER,
    use_method           TEXT,
    use_matching         TEXT,
    use_start            TEXT,
    outsourcing_status   TEXT,
    outsourcing_count    INTEGER,
    provision_count      INTEGER,
    transfer_count       INTEGER,
    storage              TEXT,
    notes                TEXT,
    PRIMARY KEY (document_id, file_index)
  );

  CREATE TABLE file_boxes (
    document_id INTEGER NOT NULL,
    file_index  INTEGER NOT NULL,
    box_group   TEXT NOT NULL CHECK (box_group IN ('main_items', 'acquisition_sources', 'acquisition_methods', 'sharing_status')),
    label       TEXT NOT NULL,
    checked     INTEGER NOT NULL CHECK (checked IN (0, 1)),
    detail      TEXT,
    PRIMARY KEY (document_id, file_index, box_group, label),
    FOREIGN KEY (document_id, file_index) REFERENCES files(document_id, file_index) ON DELETE CASCADE
  );
  CREATE INDEX file_boxes_label ON file_boxes(box_group, label, checked);

  CREATE TABLE outsourcing_items (
    document_id              INTEGER NOT NULL,
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
  CREATE INDEX outsourcing_items_contractor ON outsourcing_items(contractor);

  CREATE TABLE recipients (
    document_id   INTEGER NOT NULL,
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
  CREATE INDEX recipients_name ON recipients(name);

  CREATE TABLE record_items (
    document_id INTEGER NOT NULL,
    file_index  INTEGER NOT NULL,
    item_index  INTEGER NOT NULL,
    item_group  TEXT,
    item        TEXT NOT NULL,
    PRIMARY KEY (document_id, file_index, item_index),
    FOREIGN KEY (document_id, file_index) REFERENCES files(document_id, file_index) ON DELETE CASCADE
  );
  CREATE INDEX record_items_item ON record_items(item);

  CREATE TABLE risk_sections (
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_index   INTEGER NOT NULL,
    section_no      INTEGER NOT NULL,
    title           TEXT NOT NULL,
    not_applicable  TEXT,
    other_measures  TEXT,
    PRIMARY KEY (document_id, section_index)
  );

  CREATE TABLE risks (
    document_id   INTEGER NOT NULL,
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
  CREATE INDEX risks_rating ON risks(rating_option);

  CREATE TABLE risk_items (
    document_id   INTEGER NOT NULL,
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
  CREATE INDEX risk_items_label ON risk_items(label, choice_option);

  CREATE TABLE changes (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    change_index INTEGER NOT NULL,
    changed_on   TEXT,
    changed_on_raw TEXT,
    item         TEXT,
    before       TEXT,
    after        TEXT,
    submission   TEXT,
    explanation  TEXT,
    page         TEXT,
    reason       TEXT,
    PRIMARY KEY (document_id, change_index)
  );

  CREATE TABLE fields (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    section     TEXT,
    label       TEXT,
    value       TEXT,
    line        INTEGER,
    page        INTEGER,
    PRIMARY KEY (document_id, path)
  );
  CREATE INDEX fields_label ON fields(label);

  CREATE TABLE warnings (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    warning_index INTEGER NOT NULL,
    code          TEXT NOT NULL,
    path          TEXT NOT NULL,
    message       TEXT NOT NULL,
    line          INTEGER,
    page          INTEGER,
    PRIMARY KEY (document_id, warning_index)
  );
  CREATE INDEX warnings_code ON warnings(code);

  CREATE TABLE import_errors (
    id     INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
  );
  CREATE INDEX import_errors_source ON import_errors(source);

  CREATE VIRTUAL TABLE fields_fts USING fts5(words, tokenize = "unicode61 separators '⁣'");

  CREATE VIEW current_documents AS
    SELECT * FROM documents WHERE superseded_by IS NULL;

  CREATE VIEW contractors AS
    SELECT o.document_id, d.org_code, d.org_name, d.org_prefecture, d.affair_name, o.file_index, o.item_no, o.title,
           o.contractor,
           replace(replace(replace(replace(replace(replace(replace(o.contractor,
             '株式会社', ''), '(株)', ''), '（株）', ''), '有限会社', ''), ' ', ''), '　', ''), '・', '') AS contractor_key
    FROM outsourcing_items o JOIN documents d ON d.id = o.document_id
    WHERE d.superseded_by IS NULL AND o.contractor IS NOT NULL;

  CREATE VIEW risk_ratings AS
    SELECT r.document_id, d.org_code, d.org_name, d.org_prefecture, d.form, d.affair_name,
           s.section_no, s.title AS section_title, r.section_index, r.risk_index, r.risk_no, r.name AS risk, r.rating, r.rating_option
    FROM risks r
    JOIN risk_sections s ON s.document_id = r.document_id AND s.section_index = r.section_index
    JOIN documents d ON d.id = r.document_id
    WHERE d.superseded_by IS NULL;
  `,
  // 2: the crawl (pia crawl): what each URL last answered, the runs, and what each run changed.
  // A URL's filing stays in documents when it is withdrawn; current_documents says so.
  `
  CREATE TABLE crawl_urls (
    url           TEXT PRIMARY KEY,
    final_url     TEXT,
    found_via     TEXT NOT NULL,
    kind          TEXT CHECK (kind IN ('index', 'filing', 'other')),
    status        INTEGER,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT,
    document_id   INTEGER REFERENCES documents(id),
    first_seen    TEXT NOT NULL,
    last_checked  TEXT,
    last_changed  TEXT,
    withdrawn_at  TEXT,
    failure       TEXT
  );
  CREATE INDEX crawl_urls_found_via ON crawl_urls(found_via);
  CREATE INDEX crawl_urls_document ON crawl_urls(document_id);

  CREATE TABLE crawl_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    start_urls   TEXT NOT NULL,
    checked      INTEGER,
    unchanged    INTEGER,
    new          INTEGER,
    new_versions INTEGER,
    withdrawn    INTEGER,
    restored     INTEGER,
    failed       INTEGER,
    skipped      INTEGER
  );

  CREATE TABLE crawl_events (
    run_id      INTEGER NOT NULL REFERENCES crawl_runs(id),
    url         TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('new', 'new-version', 'withdrawn', 'restored', 'failed', 'skipped')),
    document_id INTEGER REFERENCES documents(id),
    reason      TEXT,
    at          TEXT NOT NULL
  );
  CREATE INDEX crawl_events_run ON crawl_events(run_id);
  CREATE INDEX crawl_events_url ON crawl_events(url);

  -- A filing is withdrawn when every crawled URL that gave it (its source, or another URL
  -- serving the same bytes, such as the address it moved to) answers 404/410.
  DROP VIEW current_documents;
  CREATE VIEW current_documents AS
    SELECT d.*,
      (SELECT CASE WHEN count(*) > 0 AND count(*) = count(u.withdrawn_at) THEN max(u.withdrawn_at) END
       FROM crawl_urls u WHERE u.url = d.source OR u.document_id = d.id) AS withdrawn_at
    FROM documents d
    WHERE d.superseded_by IS NULL;
  `,
  // 3: filings, not files (src/store/migration3.ts).
  migration3,
  // 4: a trigram index over the fields, with their notation variants folded (src/store/migration4.ts).
  migration4,
];

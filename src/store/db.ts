import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations.js";

export type DB = Database.Database;

/** The default database: data/pia.sqlite under the working directory. */
export const DEFAULT_DB_PATH = "data/pia.sqlite";

export interface OpenOptions {
  /** Open without write access (pia show, pia query). */
  readonly?: boolean;
}

/**
 * Open (or create) the database: WAL, foreign keys on, migrations applied. A database written
 * by an older pia is upgraded; one written by a newer pia is refused rather than misread.
 */
export class NoDatabaseError extends Error {}

export function openDatabase(path: string = DEFAULT_DB_PATH, options: OpenOptions = {}): DB {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  else if (!existsSync(path)) throw new NoDatabaseError(`no database at ${path}: run pia import first (or name one with --db)`);
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma("foreign_keys = ON");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
  }
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(`${path}: written by a newer pia (schema ${version}, this pia knows ${MIGRATIONS.length})`);
  }
  if (version < MIGRATIONS.length) {
    if (options.readonly) {
      db.close();
      throw new Error(`${path}: needs an upgrade (schema ${version} → ${MIGRATIONS.length}); run pia import once`);
    }
    migrate(db, version);
  }
  return db;
}

/**
 * Apply the migrations after `from`, each in its own exclusive transaction that first reads the
 * version again (another process may have just applied it). Foreign keys are off while a
 * migration rebuilds tables (SQLite's documented procedure) and checked before it commits.
 */
function migrate(db: DB, from: number): void {
  db.pragma("foreign_keys = OFF");
  try {
    for (let i = from; i < MIGRATIONS.length; i++) {
      db.transaction(() => {
        if ((db.pragma("user_version", { simple: true }) as number) !== i) return;
        const migration = MIGRATIONS[i]!;
        if (typeof migration === "string") db.exec(migration);
        else migration(db);
        const broken = db.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0]!;
          throw new Error(`migration ${i + 1} left ${broken.length} rows without their parent (first: ${first.table} row ${first.rowid} → ${first.parent})`);
        }
        db.pragma(`user_version = ${i + 1}`);
      }).exclusive();
    }
  } finally {
    db.pragma("foreign_keys = ON");
  }
}

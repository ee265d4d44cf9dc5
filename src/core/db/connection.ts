import Database from 'better-sqlite3';
import { latestVersion, migrations, type Migration } from './migrations';

export type Db = Database.Database;

export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export interface OpenOptions {
  /** Migrations to apply (tests pass their own list). */
  migrations?: Migration[];
  readonly?: boolean;
}

/**
 * Opens (creating if needed) a Brief Studio database and brings its schema up to date.
 * A database written by a newer app is refused rather than touched.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const list = options.migrations ?? migrations;
  const db = new Database(path, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!options.readonly && path !== ':memory:') db.pragma('journal_mode = WAL');
    migrate(db, list);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration together with its version bump in one transaction. */
export function migrate(db: Db, list: Migration[] = migrations): number {
  const current = schemaVersion(db);
  const newest = list.length ? list[list.length - 1].version : 0;
  if (current > newest) {
    throw new DatabaseError(
      `数据库版本（${current}）比本程序支持的版本（${newest}）新：请升级简报工坊后再打开此数据库。`,
    );
  }
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

export { latestVersion };

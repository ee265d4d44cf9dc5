import Database from 'better-sqlite3';
import { latestVersion, migrations, type Migration } from './migrations';

export type Db = Database.Database;

/** What went wrong, for hosts that offer a way out (restore from a backup for 'corrupt'). */
export type DatabaseErrorCode = 'corrupt' | 'newer' | 'open' | 'backup' | 'restore' | 'other';

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: DatabaseErrorCode = 'other',
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** SQLite's codes for a file that is not (or no longer) a readable database. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** The message for a damaged database file, naming the way out (DESIGN §3, issue 9). */
export function corruptMessage(path: string, detail: string): string {
  return (
    `数据库文件已损坏（${detail.slice(0, 200)}）：${path}。` +
    '可运行 brief restore --latest 从备份恢复（brief restore --list 列出全部备份），' +
    '桌面应用启动时也会提示从备份恢复；损坏的文件会改名保留，不会删除。'
  );
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
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
  } catch (err) {
    throw new DatabaseError(`无法打开数据库文件：${path}（${(err as Error).message}）`, 'open');
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!options.readonly && path !== ':memory:') db.pragma('journal_mode = WAL');
    migrate(db, list);
    return db;
  } catch (err) {
    db.close();
    if (isCorruptionError(err))
      throw new DatabaseError(corruptMessage(path, (err as Error).message), 'corrupt');
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
      'newer',
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

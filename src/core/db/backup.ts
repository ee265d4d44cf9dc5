/**
 * Nothing lost (issue 9): backups with SQLite's online backup API, a check of the file before every
 * open, and a way back from a damaged file.
 *
 * - `prepareDatabase(path)` is what the hosts (CLI, browser-mode server, Electron main) run before
 *   opening: PRAGMA quick_check (the full integrity_check when a WAL was left behind, the sign of a
 *   crash), a backup before a migration (user_version older than the app), and a daily backup (at most
 *   one per calendar day). A damaged file becomes a DatabaseError('corrupt') whose message names the
 *   way out (`brief restore`), never a crash.
 * - Backups live in `<db dir>/backups/<db name>-YYYYMMDD-HHMMSS-<kind>[-vN][-n].db`: single files in
 *   rollback-journal mode, checked (quick_check) before they get their final name, so a crash during
 *   a backup leaves only a `.…tmp` file, never a half backup that looks whole.
 * - Kept: the newest 10 daily backups; pre-migration, pre-restore and manual ones for 90 days; the
 *   newest backup always.
 * - `restoreBackup` checks the backup in full first. A healthy current database is itself backed up
 *   (pre-restore) and then overwritten page by page through the backup API, which SQLite coordinates
 *   with other connections (the running app's included). A damaged one is moved aside as
 *   `<db>.broken-YYYYMMDD-HHMMSS` (with its -wal and -shm) and the backup copied into its place.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  corruptMessage,
  DatabaseError,
  isCorruptionError,
  migrate,
  schemaVersion,
  type Db,
} from './connection';
import { latestVersion } from './migrations';

export type BackupKind = 'daily' | 'pre-migration' | 'pre-restore' | 'manual';
export const BACKUP_KINDS: readonly BackupKind[] = ['daily', 'pre-migration', 'pre-restore', 'manual'];

export interface BackupInfo {
  /** The file name inside the backups folder: what the UI and `brief restore --from` name. */
  file: string;
  path: string;
  /** When it was made (local time, from the name), ISO 8601 without zone: 2025-01-31T09:30:00. */
  created: string;
  kind: BackupKind;
  /** The schema version (user_version) of the backed-up database; null if unreadable. */
  schemaVersion: number | null;
  size: number;
}

export interface RetentionPolicy {
  /** Daily backups kept (newest first). */
  keepDaily: number;
  /** Days other backups are kept. */
  keepDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepDaily: 10, keepDays: 90 };

export interface PrepareOptions {
  now?: Date;
  /** The schema version the app will migrate to (tests pass their own). */
  latest?: number;
  retention?: RetentionPolicy;
  /** Run the full integrity_check whatever the state of the WAL. */
  full?: boolean;
}

export interface PrepareResult {
  /** Which check ran: null for a database that does not exist yet. */
  checked: 'quick' | 'full' | null;
  /** Why the full check ran, when it did. */
  reason: string | null;
  backups: BackupInfo[];
  pruned: string[];
}

export interface CheckResult {
  ok: boolean;
  full: boolean;
  /** SQLite's own words for each problem (at most 100). */
  problems: string[];
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The backup of the current database made before it was overwritten (healthy case). */
  safetyBackup: BackupInfo | null;
  /** Where the damaged file was moved (damaged case). */
  keptAside: string | null;
  schemaVersion: number;
}

// ---------------------------------------------------------------------------------------------
// Names

export function backupsDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), 'backups');
}

function stem(dbPath: string): string {
  return basename(dbPath).replace(/\.(db|sqlite3?)$/i, '');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 20250131-093000, local time. */
export function stamp(d: Date): string {
  return (
    `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-` +
    `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`
  );
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function namePattern(dbPath: string): RegExp {
  return new RegExp(
    `^${escapeRe(stem(dbPath))}-(\\d{8})-(\\d{6})-(daily|pre-migration|pre-restore|manual)(?:-v(\\d+))?(?:-(\\d+))?\\.db$`,
  );
}

/** Whether a string is a backup file name of this database (no folders, nothing else). */
export function isBackupName(dbPath: string, name: string): boolean {
  return namePattern(dbPath).test(name);
}

function readHeader(path: string): { ok: boolean; version: number | null } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, 'r');
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n < 100 || buf.toString('latin1', 0, 16) !== 'SQLite format 3\0') return { ok: false, version: null };
    return { ok: true, version: buf.readUInt32BE(60) };
  } catch {
    return { ok: false, version: null };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function infoOf(dbPath: string, dir: string, file: string): BackupInfo | null {
  const m = namePattern(dbPath).exec(file);
  if (!m) return null;
  const [, day, time, kind] = m;
  const path = join(dir, file);
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch {
    return null;
  }
  const created =
    `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T` +
    `${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}`;
  return { file, path, created, kind: kind as BackupKind, schemaVersion: readHeader(path).version, size };
}

/** This database's backups, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupsDir(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((f) => infoOf(dbPath, dir, f))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0))
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Checks

function rows(db: Db, pragma: string): string[] {
  return (db.pragma(pragma) as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
}

/** PRAGMA quick_check (or integrity_check with `full`) and foreign_key_check, as a result, not a throw. */
export function checkDatabase(db: Db, full = false): CheckResult {
  try {
    const problems = rows(db, full ? 'integrity_check(100)' : 'quick_check(100)').filter((r) => r !== 'ok');
    if (full && problems.length === 0) {
      const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      for (const f of fk.slice(0, 100))
        problems.push(`外键不一致：${f.table} 第 ${f.rowid} 行引用的 ${f.parent} 不存在`);
    }
    return { ok: problems.length === 0, full, problems };
  } catch (err) {
    if (isCorruptionError(err)) return { ok: false, full, problems: [(err as Error).message] };
    throw err;
  }
}

/** A WAL file with content while nobody has the database open is what a crash leaves behind. */
function walLeftBehind(path: string): boolean {
  try {
    return fs.statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function openRaw(path: string, readonly = false): Db {
  try {
    const db = new Database(path, { readonly, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    if (isCorruptionError(err))
      throw new DatabaseError(corruptMessage(path, (err as Error).message), 'corrupt');
    throw new DatabaseError(`无法打开数据库文件：${path}（${(err as Error).message}）`, 'open');
  }
}

function corrupt(path: string, detail: string): DatabaseError {
  const latest = listBackups(path)[0];
  const hint = latest ? `最近的备份是 ${latest.file}（${latest.created.replace('T', ' ')}）。` : '';
  return new DatabaseError(corruptMessage(path, detail) + hint, 'corrupt');
}

// ---------------------------------------------------------------------------------------------
// Backups

function fsyncPath(path: string): void {
  try {
    const fd = fs.openSync(path, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* directories cannot be opened on Windows; best effort */
  }
}

function freeName(dbPath: string, dir: string, now: Date, kind: BackupKind, version: number | null): string {
  const base = `${stem(dbPath)}-${stamp(now)}-${kind}${version !== null ? `-v${version}` : ''}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.db` : `${base}-${n}.db`;
    if (!fs.existsSync(join(dir, name))) return name;
  }
}

/**
 * Backs up an open database (SQLite's online backup API: consistent even while others write) into
 * its backups folder. The copy is checked and made a self-contained single file before it gets its
 * name; on any failure nothing is left but an error.
 */
export async function backupDatabase(
  db: Db,
  dbPath: string,
  kind: BackupKind,
  options: { now?: Date } = {},
): Promise<BackupInfo> {
  const dir = backupsDir(dbPath);
  const now = options.now ?? new Date();
  const version = kind === 'pre-migration' ? schemaVersion(db) : null;
  let tmp: string | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const name = freeName(dbPath, dir, now, kind, version);
    tmp = join(dir, `.${name}.${process.pid}.tmp`);
    await db.backup(tmp);
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const check = checkDatabase(copy);
      if (!check.ok) throw new Error(`备份副本未通过检查：${check.problems[0]}`);
    } finally {
      copy.close();
    }
    fsyncPath(tmp);
    fs.renameSync(tmp, join(dir, name));
    tmp = undefined;
    fsyncPath(dir);
    return infoOf(dbPath, dir, name)!;
  } catch (err) {
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`无法备份数据库到 ${dir}：${(err as Error).message}`, 'backup');
  } finally {
    if (tmp) for (const f of [tmp, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  }
}

/** Backs up the database file at `dbPath` (opened for the purpose). */
export async function backupFile(
  dbPath: string,
  kind: BackupKind = 'manual',
  now?: Date,
): Promise<BackupInfo> {
  const db = openRaw(dbPath);
  try {
    return await backupDatabase(db, dbPath, kind, { now });
  } finally {
    db.close();
  }
}

const DAY = 24 * 60 * 60 * 1000;

function createdAt(b: BackupInfo): number {
  return new Date(b.created).getTime();
}

/** Deletes the backups the retention policy no longer keeps; returns their names. */
export function pruneBackups(
  dbPath: string,
  options: { now?: Date; retention?: RetentionPolicy } = {},
): string[] {
  const now = (options.now ?? new Date()).getTime();
  const { keepDaily, keepDays } = options.retention ?? DEFAULT_RETENTION;
  const all = listBackups(dbPath);
  const drop = new Set<BackupInfo>();
  all.filter((b) => b.kind === 'daily').forEach((b, i) => i >= keepDaily && drop.add(b));
  for (const b of all) if (b.kind !== 'daily' && now - createdAt(b) > keepDays * DAY) drop.add(b);
  if (all.length) drop.delete(all[0]);
  const removed: string[] = [];
  for (const b of drop) {
    try {
      fs.rmSync(b.path);
      removed.push(b.file);
    } catch {
      /* a backup in use elsewhere stays until next time */
    }
  }
  return removed;
}

function sameDay(a: Date, created: string): boolean {
  return created.slice(0, 10) === `${a.getFullYear()}-${pad(a.getMonth() + 1)}-${pad(a.getDate())}`;
}

/**
 * What the hosts run before opening a database (it is async: the backup API is). A missing database
 * is left to be created. Throws DatabaseError('corrupt') for a damaged file, with the way out.
 */
export async function prepareDatabase(path: string, options: PrepareOptions = {}): Promise<PrepareResult> {
  const result: PrepareResult = { checked: null, reason: null, backups: [], pruned: [] };
  if (path === ':memory:' || !fs.existsSync(path)) return result;
  const now = options.now ?? new Date();
  const latest = options.latest ?? latestVersion;
  const crashed = walLeftBehind(path);
  const full = Boolean(options.full) || crashed;
  const db = openRaw(path);
  try {
    const check = checkDatabase(db, full);
    result.checked = full ? 'full' : 'quick';
    if (crashed) result.reason = '上次未正常关闭（留有 WAL 日志），已做完整检查';
    if (!check.ok) throw corrupt(path, check.problems.slice(0, 3).join('；'));
    let version: number;
    try {
      version = schemaVersion(db);
    } catch (err) {
      if (isCorruptionError(err)) throw corrupt(path, (err as Error).message);
      throw err;
    }
    if (version === 0) return result; // an empty file: nothing to keep yet
    if (version < latest) {
      result.backups.push(await backupDatabase(db, path, 'pre-migration', { now }));
    } else if (version === latest && !listBackups(path).some((b) => sameDay(now, b.created))) {
      result.backups.push(await backupDatabase(db, path, 'daily', { now }));
    }
  } finally {
    db.close();
  }
  result.pruned = pruneBackups(path, { now, retention: options.retention });
  return result;
}

/** The full check on demand (`brief integrity`, the app's 检查数据库). */
export function integrityCheck(path: string): CheckResult {
  const db = openRaw(path);
  try {
    return checkDatabase(db, true);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

/** A backup given by name (from the list) or by path (`brief restore --from FILE`). */
export function findBackup(dbPath: string, from: string): BackupInfo {
  const byName = listBackups(dbPath).find((b) => b.file === from);
  if (byName) return byName;
  if (/[\\/]/.test(from) || fs.existsSync(from)) {
    const path = resolve(from);
    let size: number;
    try {
      const st = fs.statSync(path);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      throw new DatabaseError(`找不到备份文件：${path}`, 'restore');
    }
    const created = fs.statSync(path).mtime.toISOString().slice(0, 19);
    return {
      file: basename(path),
      path,
      created,
      kind: 'manual',
      schemaVersion: readHeader(path).version,
      size,
    };
  }
  throw new DatabaseError(`没有名为「${from}」的备份（brief restore --list 列出全部备份）`, 'restore');
}

/** Checks a backup in full before anything is overwritten with it. */
function verifyBackup(b: BackupInfo, latest: number): number {
  if (!readHeader(b.path).ok)
    throw new DatabaseError(`${b.file} 不是 SQLite 数据库文件，不能用来恢复`, 'restore');
  let db: Db;
  try {
    db = new Database(b.path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new DatabaseError(`无法打开备份 ${b.file}：${(err as Error).message}`, 'restore');
  }
  try {
    const check = checkDatabase(db, true);
    if (!check.ok)
      throw new DatabaseError(`备份 ${b.file} 本身已损坏（${check.problems[0]}），请换一个备份`, 'restore');
    const version = schemaVersion(db);
    const tables = db
      .prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('observations', 'indicators')",
      )
      .pluck()
      .get() as number;
    if (version < 1 || tables < 2)
      throw new DatabaseError(`${b.file} 不是简报工坊的数据库，不能用来恢复`, 'restore');
    if (version > latest)
      throw new DatabaseError(
        `备份 ${b.file} 来自更新版本的简报工坊（版本 ${version}），请先升级`,
        'restore',
      );
    return version;
  } catch (err) {
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`备份 ${b.file} 无法读取（${(err as Error).message}），请换一个备份`, 'restore');
  } finally {
    db.close();
  }
}

function healthy(path: string): boolean {
  if (!fs.existsSync(path)) return false;
  try {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return checkDatabase(db).ok && schemaVersion(db) >= 0;
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof Error && /SQLITE_BUSY|database is locked/i.test(err.message)) throw err;
    return false;
  }
}

/** Copies a file into place: temp beside it, fsync, rename (the old file is gone already). */
function copyInto(from: string, to: string): void {
  const tmp = `${to}.${process.pid}.restore.tmp`;
  try {
    fs.copyFileSync(from, tmp);
    fsyncPath(tmp);
    fs.renameSync(tmp, to);
    fsyncPath(dirname(to));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Restores `from` (a backup name or path) over the database at `dbPath`. `live` is the caller's own
 * open connection to it (the app's service), brought up to the current schema afterwards.
 */
export async function restoreBackup(
  dbPath: string,
  from: string | BackupInfo,
  options: { live?: Db; now?: Date; latest?: number } = {},
): Promise<RestoreResult> {
  const path = resolve(dbPath);
  const now = options.now ?? new Date();
  const latest = options.latest ?? latestVersion;
  const backup = typeof from === 'string' ? findBackup(path, from) : from;
  if (resolve(backup.path) === path) throw new DatabaseError('不能用数据库自身来恢复', 'restore');
  const version = verifyBackup(backup, latest);

  if (options.live || healthy(path)) {
    const safetyBackup = options.live
      ? await backupDatabase(options.live, path, 'pre-restore', { now })
      : await backupFile(path, 'pre-restore', now);
    const src = new Database(backup.path, { readonly: true, fileMustExist: true });
    try {
      // All pages in one step: no write of ours can interleave with a half-restored file.
      await src.backup(path, { progress: () => 0x7fffffff });
    } catch (err) {
      throw new DatabaseError(
        /BUSY|locked/i.test((err as Error).message)
          ? '数据库正被其他程序使用（如正在运行的简报工坊），请关闭后再恢复'
          : `恢复失败：${(err as Error).message}；数据库未改动，恢复前的备份是 ${safetyBackup.file}`,
        'restore',
      );
    } finally {
      src.close();
    }
    if (options.live) migrate(options.live);
    return { restored: backup, safetyBackup, keptAside: null, schemaVersion: version };
  }

  // Damaged (or missing): keep it aside with its WAL, then put the backup in its place.
  let keptAside: string | null = null;
  if (fs.existsSync(path)) {
    keptAside = `${path}.broken-${stamp(now)}`;
    for (let n = 2; fs.existsSync(keptAside); n++) keptAside = `${path}.broken-${stamp(now)}-${n}`;
    fs.renameSync(path, keptAside);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (!fs.existsSync(path + suffix)) continue;
    if (keptAside) fs.renameSync(path + suffix, keptAside + suffix);
    else fs.rmSync(path + suffix, { force: true });
  }
  fs.mkdirSync(dirname(path), { recursive: true });
  copyInto(backup.path, path);
  return { restored: backup, safetyBackup: null, keptAside, schemaVersion: version };
}

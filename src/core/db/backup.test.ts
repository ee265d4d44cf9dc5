import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api';
import { createService } from '../service';
import {
  backupFile,
  backupsDir,
  integrityCheck,
  listBackups,
  prepareDatabase,
  pruneBackups,
  restoreBackup,
} from './backup';
import { DatabaseError, openDatabase, schemaVersion, type Db } from './connection';
import { latestVersion, migrations } from './migrations';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'brief-backup-')), 'brief.db');
const day = (d: number, h = 9) => new Date(2025, 0, d, h, 30, 0);

function withRows(path: string, n = 2000): void {
  const db = openDatabase(path);
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, text TEXT)');
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`第${i}行 ${'数据'.repeat(20)}`);
  })();
  db.close();
}

const count = (db: Db) => db.prepare('SELECT COUNT(*) FROM filler').pluck().get() as number;

/** Overwrites a page in the middle of the file with garbage, as a failing disk would. */
function damage(path: string): void {
  const bytes = readFileSync(path);
  const page = 4096;
  const at = Math.floor(bytes.length / page / 2) * page;
  bytes.fill(0xa5, at, at + page);
  writeFileSync(path, bytes);
}

describe('prepareDatabase', () => {
  it('leaves a missing database to be created, and backs up nothing', async () => {
    const path = tmp();
    expect(await prepareDatabase(path)).toEqual({ checked: null, reason: null, backups: [], pruned: [] });
    expect(existsSync(backupsDir(path))).toBe(false);
  });

  it('quick-checks on open and makes at most one daily backup per day, a single self-contained file', async () => {
    const path = tmp();
    withRows(path);
    const first = await prepareDatabase(path, { now: day(1) });
    expect(first.checked).toBe('quick');
    expect(first.backups.map((b) => b.file)).toEqual(['brief-20250101-093000-daily.db']);
    expect((await prepareDatabase(path, { now: day(1, 17) })).backups).toEqual([]);
    expect((await prepareDatabase(path, { now: day(2) })).backups.map((b) => b.kind)).toEqual(['daily']);
    // Only finished backups: no temp files, no -wal/-journal beside them.
    expect(readdirSync(backupsDir(path)).sort()).toEqual([
      'brief-20250101-093000-daily.db',
      'brief-20250102-093000-daily.db',
    ]);
    const b = listBackups(path)[0];
    expect(b).toMatchObject({ created: '2025-01-02T09:30:00', kind: 'daily', schemaVersion: latestVersion });
    const copy = openDatabase(b.path, { readonly: true });
    expect(count(copy)).toBe(2000);
    copy.close();
  });

  it('backs up before a migration, keeping the old schema version in the backup', async () => {
    const path = tmp();
    const old = openDatabase(path, { migrations: migrations.slice(0, 1) });
    old.close();
    const r = await prepareDatabase(path, { now: day(3) });
    expect(r.backups.map((b) => [b.file, b.kind, b.schemaVersion])).toEqual([
      ['brief-20250103-093000-pre-migration-v1.db', 'pre-migration', 1],
    ]);
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(latestVersion);
    db.close();
  });

  it('runs the full integrity check when a crash left a WAL behind', async () => {
    const path = tmp();
    withRows(path);
    const db = openDatabase(path);
    db.prepare('INSERT INTO filler (text) VALUES (?)').run('未检查点的一行');
    // A copy taken while the connection is open is what a killed process leaves: db + non-empty WAL.
    const crashed = join(mkdtempSync(join(tmpdir(), 'brief-crashed-')), 'brief.db');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    db.close();
    const r = await prepareDatabase(crashed, { now: day(4) });
    expect(r.checked).toBe('full');
    expect(r.reason).toContain('上次未正常关闭');
    const reopened = openDatabase(crashed);
    expect(count(reopened)).toBe(2001);
    reopened.close();
  });

  it('a damaged file is a DatabaseError naming the way out, not a crash; so is a file that is no database', async () => {
    const path = tmp();
    withRows(path);
    await prepareDatabase(path, { now: day(5) });
    damage(path);
    const err = await prepareDatabase(path, { now: day(6) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('corrupt');
    expect((err as Error).message).toMatch(/^数据库文件已损坏/);
    expect((err as Error).message).toContain('brief restore --latest');
    expect((err as Error).message).toContain('最近的备份是 brief-20250105-093000-daily.db');

    const junk = tmp();
    writeFileSync(junk, '指标,地区\n'.repeat(500));
    await expect(prepareDatabase(junk)).rejects.toMatchObject({ name: 'DatabaseError', code: 'corrupt' });
    expect(() => openDatabase(junk)).toThrow(/数据库文件已损坏.*brief restore/);
  });
});

describe('pruneBackups', () => {
  it('keeps the newest 10 daily backups and the others for 90 days, and always the newest', async () => {
    const path = tmp();
    withRows(path, 10);
    for (let d = 1; d <= 12; d++) await backupFile(path, 'daily', day(d));
    await backupFile(path, 'pre-migration', new Date(2024, 8, 1));
    await backupFile(path, 'manual', new Date(2024, 11, 20));
    const removed = pruneBackups(path, { now: day(12, 12) });
    expect(removed.sort()).toEqual([
      'brief-20240901-000000-pre-migration-v' + latestVersion + '.db',
      'brief-20250101-093000-daily.db',
      'brief-20250102-093000-daily.db',
    ]);
    expect(listBackups(path).map((b) => b.kind)).toEqual([...Array(10).fill('daily'), 'manual']);
    // Even an old one stays while it is the only one.
    const lone = tmp();
    withRows(lone, 10);
    await backupFile(lone, 'manual', new Date(2020, 0, 1));
    expect(pruneBackups(lone, { now: day(1) })).toEqual([]);
  });
});

describe('restoreBackup', () => {
  it('over a healthy database in use: the app’s own connection sees the backup, and the state before is kept', async () => {
    const path = tmp();
    withRows(path, 100);
    const live = openDatabase(path);
    const before = await backupFile(path, 'manual', day(7));
    live.prepare('DELETE FROM filler WHERE id > 10').run();
    expect(count(live)).toBe(10);
    const r = await restoreBackup(path, before.file, { live, now: day(8) });
    expect(count(live)).toBe(100);
    expect(r.safetyBackup?.kind).toBe('pre-restore');
    expect(r.keptAside).toBeNull();
    const safety = openDatabase(r.safetyBackup!.path, { readonly: true });
    expect(count(safety)).toBe(10);
    safety.close();
    live.prepare('INSERT INTO filler (text) VALUES (?)').run('恢复后写入');
    expect(integrityCheck(path).ok).toBe(true);
    live.close();
  });

  it('over a damaged database: the damaged file is kept aside as .broken-…, the backup takes its place', async () => {
    const path = tmp();
    withRows(path);
    await prepareDatabase(path, { now: day(9) });
    damage(path);
    expect(integrityCheck(path).ok).toBe(false);
    const r = await restoreBackup(path, listBackups(path)[0], { now: day(10) });
    expect(r.keptAside).toBe(`${path}.broken-20250110-093000`);
    expect(existsSync(r.keptAside!)).toBe(true);
    expect(integrityCheck(path)).toEqual({ ok: true, full: true, problems: [] });
    const db = openDatabase(path);
    expect(count(db)).toBe(2000);
    db.close();
  });

  it('refuses a damaged backup, a file that is not a Brief Studio database, and names it does not know', async () => {
    const path = tmp();
    withRows(path);
    const b = await backupFile(path, 'manual', day(11));
    damage(b.path);
    await expect(restoreBackup(path, b.file)).rejects.toThrow(/本身已损坏/);
    const other = join(mkdtempSync(join(tmpdir(), 'brief-other-')), 'other.db');
    openDatabase(other, { migrations: [] }).close();
    await expect(restoreBackup(path, other)).rejects.toThrow(/不是简报工坊的数据库/);
    await expect(restoreBackup(path, 'brief-20990101-000000-daily.db')).rejects.toThrow(/没有名为/);
    const db = openDatabase(path);
    expect(count(db)).toBe(2000);
    db.close();
  });
});

describe('the API (listBackups, backupDatabase, restoreBackup, checkDatabase)', () => {
  it('backs up, lists by name, restores by name over the live connection, and refuses paths', async () => {
    const path = tmp();
    withRows(path, 50);
    const db = openDatabase(path);
    const api = createService(db);
    const made = (await dispatch(api, 'backupDatabase', {})) as { backup: { file: string } };
    expect(made.backup.file).toMatch(/^brief-\d{8}-\d{6}-manual\.db$/);
    const list = (await dispatch(api, 'listBackups', {})) as { backups: { file: string }[] };
    expect(list.backups.map((b) => b.file)).toEqual([made.backup.file]);
    expect(JSON.stringify(list)).not.toContain(path); // names only, never paths
    db.prepare('DELETE FROM filler').run();
    const r = (await dispatch(api, 'restoreBackup', { file: made.backup.file })) as { safetyBackup: unknown };
    expect(r.safetyBackup).toMatchObject({ kind: 'pre-restore' });
    expect(count(db)).toBe(50);
    expect(await dispatch(api, 'checkDatabase', {})).toEqual({ ok: true, full: true, problems: [] });
    await expect(dispatch(api, 'restoreBackup', { file: '../brief.db' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    await expect(dispatch(api, 'restoreBackup', { file: 'brief-20990101-000000-daily.db' })).rejects.toThrow(
      /没有名为/,
    );
    db.close();
  });
});

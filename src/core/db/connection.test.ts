import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { DatabaseError, openDatabase, schemaVersion } from './connection';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'brief-db-')), 'test.db');

describe('openDatabase', () => {
  it('creates a real SQLite file at the latest schema version, in WAL mode with foreign keys', () => {
    const path = tmp();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1].version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'indicators',
        'indicator_aliases',
        'regions',
        'periods',
        'observations',
        'sources',
        'revisions',
      ]),
    );
    db.close();
  });

  it('applies each migration with its version bump in one transaction: a failing one changes nothing', () => {
    const path = tmp();
    const broken = [
      ...migrations,
      {
        version: 99,
        name: 'broken',
        sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
      },
    ];
    expect(() => openDatabase(path, { migrations: broken })).toThrow();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1].version);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer version of the app, with a clear message, and leaves it alone', () => {
    const path = tmp();
    const db = openDatabase(path);
    db.pragma('user_version = 42');
    db.close();
    expect(() => openDatabase(path)).toThrow(DatabaseError);
    expect(() => openDatabase(path)).toThrow(/数据库版本（42）比本程序支持的版本（\d+）新/);
    const again = openDatabase(path, {
      migrations: [...migrations, { version: 42, name: 'future', sql: '' }],
    });
    expect(schemaVersion(again)).toBe(42);
    again.close();
  });
});

// `brief backup`, `brief restore`, `brief integrity` and the check every command runs on open, as a user
// runs them: the built bin under plain Node (rebuild with node scripts/build-cli.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/brief.js');

function brief(db: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function damage(path: string): void {
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 4096 / 2) * 4096;
  bytes.fill(0xa5, at, at + 4096);
  writeFileSync(path, bytes);
}

describe('brief backup / restore / integrity', () => {
  it('a damaged database: every command exits 1 naming brief restore; restore --latest brings it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-restore-'));
    const db = join(dir, 'brief.db');
    expect(brief(db, ['query', 'GDP']).code).toBe(0); // created with the demo data
    expect(brief(db, ['query', 'GDP']).code).toBe(0); // the day's backup
    expect(readdirSync(join(dir, 'backups'))).toEqual([
      expect.stringMatching(/^brief-\d{8}-\d{6}-daily\.db$/),
    ]);
    const good = brief(db, ['query', 'GDP', '--json']).out;

    damage(db);
    for (const args of [['query', 'GDP'], ['export-data', '--out', join(dir, 'x.csv')], ['integrity']]) {
      const r = brief(db, args);
      expect(r.code).toBe(1);
      expect(r.err).toContain('数据库文件已损坏');
      expect(r.err).toContain('brief restore --latest');
      expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
    }
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);

    const r = brief(db, ['restore', '--latest', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.keptAside).toMatch(/brief\.db\.broken-\d{8}-\d{6}$/);
    expect(existsSync(out.keptAside)).toBe(true);
    expect(brief(db, ['integrity']).code).toBe(0);
    expect(brief(db, ['query', 'GDP', '--json']).out).toBe(good);
  });

  it('backup makes a manual backup; restore --from undoes a change and keeps the state before it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-restore-'));
    const db = join(dir, 'brief.db');
    expect(brief(db, ['init', '--demo']).code).toBe(0);
    const made = brief(db, ['backup']);
    expect(made.code).toBe(0);
    const file = made.out.trim();
    expect(file).toMatch(/backups[\\/]brief-\d{8}-\d{6}-manual\.db$/);
    const before = brief(db, ['query', 'GDP', '--json']).out;
    const csv = join(dir, 'change.csv');
    writeFileSync(csv, '指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,1,亿元\n');
    expect(brief(db, ['import', csv]).code).toBe(0);
    expect(brief(db, ['query', 'GDP', '--json']).out).not.toBe(before);

    const list = JSON.parse(brief(db, ['restore', '--list', '--json']).out);
    expect(list.backups.map((b: { kind: string }) => b.kind)).toContain('manual');
    const r = brief(db, ['restore', '--from', file]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('恢复前的数据库已备份为');
    expect(brief(db, ['query', 'GDP', '--json']).out).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('broken'))).toEqual([]);

    expect(brief(db, ['restore']).code).toBe(2);
    expect(brief(db, ['restore', '--latest', '--from', file]).code).toBe(2);
    const missing = brief(db, ['restore', '--from', 'brief-20000101-000000-daily.db']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('没有名为');
  });
});

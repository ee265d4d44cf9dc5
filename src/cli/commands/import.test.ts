// `brief import` and `brief export-data` as a user runs them: the built bin under plain Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/brief.js');
const FIXTURES = resolve('tests/fixtures/import');
const dir = mkdtempSync(join(tmpdir(), 'brief-import-cli-'));

function brief(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BRIEF_DB: join(dir, 'unused-default.db') },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function seriesJson(db: string, indicator: string) {
  const r = brief(['query', indicator, '--json', '--db', db]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out).series;
}

describe('brief import', () => {
  it('a broken file exits 1, names file, row and column for every problem, and changes nothing', () => {
    const db = join(dir, 'broken.db');
    const before = seriesJson(db, '全口径税收收入');
    const r = brief(['import', join(FIXTURES, 'broken.csv'), '--db', db]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('broken.csv 第12行「数值」列：「12,3.4」不是数字');
    expect(r.err).toContain('broken.csv 第13行「时间」列：「2008年度」不是可识别的时间');
    expect(r.err).toContain('导入失败：共 6 处错误，数据库未作任何改动。');
    expect(seriesJson(db, '全口径税收收入')).toEqual(before);
  });

  it('--dry-run --json reports added, revised (old → new), unchanged and new names, and writes nothing', () => {
    const db = join(dir, 'dry.db');
    const csv = join(dir, '修订.csv');
    writeFileSync(
      csv,
      '指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,1600,亿元\n粮食产量,咸宁市,2019,20,万吨\n新指标,新县,2019,1,亿元\n',
    );
    const before = seriesJson(db, 'GDP');
    const r = brief(['import', csv, '--dry-run', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({
      dryRun: true,
      added: 2,
      unchanged: 0,
      revised: [{ indicator: '地区生产总值', region: '咸宁市', period: '2019', old: 1594.98, new: 1600 }],
      newIndicators: [{ name: '新指标', unit: '亿元' }],
      newRegions: [{ name: '新县' }],
    });
    expect(seriesJson(db, 'GDP')).toEqual(before);

    const real = brief(['import', csv, '--db', db]);
    expect(real.code).toBe(0);
    expect(real.out).toBe('');
    expect(real.err).toContain('修订.csv：已新增 2 条，修订 1 条，未变 0 条');
    expect(real.err).toContain('地区生产总值 咸宁市 2019：1594.98 → 1600 亿元');
    expect(seriesJson(db, 'GDP')).toContainEqual(expect.objectContaining({ period: '2019', value: 1600 }));
  });

  it('--strict refuses names not in the catalogue (exit 1); usage mistakes exit 2; a missing file exits 1', () => {
    const db = join(dir, 'strict.db');
    const strict = brief(['import', join(FIXTURES, 'new-names.csv'), '--strict', '--db', db]);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(
      'new-names.csv 第2行「指标」列：指标「数字经济核心产业增加值」不在指标目录中',
    );
    expect(brief(['import', '--db', db]).code).toBe(2);
    expect(brief(['import', 'a.csv', 'b.csv', '--db', db]).code).toBe(2);
    expect(brief(['import', 'a.csv', '--bogus', '--db', db]).code).toBe(2);
    const missing = brief(['import', join(dir, '没有这个文件.csv'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('没有这个文件.csv 找不到文件');
  });

  it('imports a GBK CSV and a wide XLSX', () => {
    const db = join(dir, 'files.db');
    expect(brief(['init', '--db', db]).code).toBe(0);
    const gbk = brief(['import', join(FIXTURES, 'gbk-long.csv'), '--json', '--db', db]);
    expect(gbk.code).toBe(0);
    expect(JSON.parse(gbk.out)).toMatchObject({ added: 7, encoding: 'gb18030' });
    const wide = brief(['import', join(FIXTURES, 'wide.xlsx'), '--db', db]);
    expect(wide.code).toBe(0);
    expect(wide.err).toContain('wide.xlsx：已新增 10 条');
    expect(seriesJson(db, '常住人口城镇化率')).toContainEqual(
      expect.objectContaining({ period: '2018', value: 53.5 }),
    );
  });
});

describe('brief export-data', () => {
  for (const ext of ['csv', 'xlsx']) {
    it(`--out FILE.${ext} then import into an empty database gives back the same series`, () => {
      const source = join(dir, `source-${ext}.db`);
      const out = join(dir, `数据.${ext}`);
      const r = brief(['export-data', '--out', out, '--db', source]);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/已导出 \d+ 条数据/);
      if (ext === 'csv') expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const target = join(dir, `target-${ext}.db`);
      expect(brief(['init', '--db', target]).code).toBe(0);
      const imported = brief(['import', out, '--json', '--db', target]);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.out)).toMatchObject({ revised: [], unchanged: 0 });
      for (const name of ['地区生产总值', '三次产业结构比', '森林覆盖率'])
        expect(seriesJson(target, name)).toEqual(seriesJson(source, name));
    });
  }

  it('usage errors exit 2; an unwritable destination exits 1', () => {
    const db = join(dir, 'usage.db');
    expect(brief(['export-data', '--db', db]).code).toBe(2);
    expect(brief(['export-data', '--out', join(dir, 'a.txt'), '--db', db]).code).toBe(2);
    const r = brief(['export-data', '--out', join(dir, 'no-such-dir', 'a.csv'), '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('保存位置不存在');
  });
});

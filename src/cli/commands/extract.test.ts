// `brief extract FILE.txt [--json]` as a user runs it: the built bin under plain Node (DESIGN §3).
// Rebuild the bundle after changing src/: node scripts/build-cli.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/brief.js');
const SEED = resolve('tests/fixtures/seeds/003_e824224675ae437f.txt');
const dir = mkdtempSync(join(tmpdir(), 'brief-extract-'));
const db = join(dir, 'extract.db');

function brief(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, BRIEF_DB: join(dir, 'unused-default.db') },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Candidate {
  indicator: string;
  region: string | null;
  period: string | null;
  value: number | string;
  unit: string;
  relation: string | null;
  text: string;
  start: number;
  end: number;
  confidence: number;
  indicatorMatch: string;
}

const json = (args: string[]) => {
  const r = brief([...args, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { candidates: Candidate[] };
};

describe('brief extract', () => {
  it('prints the JSON shape of DESIGN §3, with exact words and UTF-16 offsets into the decoded file', () => {
    const text = readFileSync(SEED, 'utf8');
    const { candidates } = json(['extract', SEED]);
    expect(candidates.length).toBe(56);
    for (const c of candidates) {
      for (const key of [
        'indicator',
        'region',
        'period',
        'value',
        'unit',
        'relation',
        'text',
        'start',
        'end',
        'confidence',
      ])
        expect(c).toHaveProperty(key);
      expect(text.slice(c.start, c.end)).toBe(c.text);
    }
    expect(candidates).toContainEqual(
      expect.objectContaining({
        indicator: '减贫',
        period: '2014',
        value: 30010,
        unit: '人',
        region: '咸宁市',
        text: '减贫30010人',
      }),
    );
    expect(candidates).toContainEqual(
      expect.objectContaining({ value: 1.2, unit: '万元', qualifier: '余', region: '咸安区' }),
    );
  });

  it('maps names to the catalogue of the database (--db)', () => {
    const file = join(dir, 'gdp.txt');
    writeFileSync(file, '2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。');
    const { candidates } = json(['extract', file]);
    expect(candidates.map((c) => [c.indicator, c.indicatorMatch, c.value, c.unit, c.relation])).toEqual([
      ['地区生产总值', 'catalogue', 1594.98, '亿元', null],
      ['地区生产总值增速', 'catalogue', 8.1, '%', '比上年增长'],
    ]);
  });

  it('reads UTF-8 with a BOM and GBK alike; offsets are into the text after decoding, BOM removed', () => {
    const text = readFileSync(SEED, 'utf8');
    const bom = join(dir, 'bom.txt');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const gbk = join(dir, 'gbk.txt');
    writeFileSync(gbk, iconv.encode(text, 'gbk'));
    const plain = join(dir, 'plain.txt');
    copyFileSync(SEED, plain);
    const expected = json(['extract', plain]).candidates;
    expect(json(['extract', bom]).candidates).toEqual(expected);
    expect(json(['extract', gbk]).candidates).toEqual(expected);
  });

  it('prints a table for people, one figure a line, and a summary on stderr', () => {
    const r = brief(['extract', SEED]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0].split('\t')).toEqual([
      '行',
      '指标',
      '匹配',
      '地区',
      '时间',
      '数值',
      '关系',
      '置信度',
      '原文',
    ]);
    expect(lines).toHaveLength(57);
    expect(lines).toContain('11\t可户平增收\t新\t咸安区\t2014\t1.2万余元\t-\t0.55\t可户平增收1.2万余元');
    expect(r.err).toContain('共找到 56 个数字');
  });

  it('a missing file is bad input (exit 1, naming the file); no file is a usage error (exit 2)', () => {
    const missing = brief(['extract', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.txt');
    expect(brief(['extract']).code).toBe(2);
  });

  it('an empty file has no figures', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(json(['extract', empty]).candidates).toEqual([]);
  });
});

// `brief check` as a user runs it: the built bin under plain Node (rebuild with node scripts/build-cli.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/brief.js');
const dir = mkdtempSync(join(tmpdir(), 'brief-check-'));
const DB = join(dir, 'demo.db');

function brief(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', DB], {
    encoding: 'utf8',
    env: { ...process.env, BRIEF_DB: join(dir, 'unused-default.db') },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonFinding {
  severity: string;
  message: string;
  values: {
    indicator: string;
    region: string;
    period: string;
    value: number | string | null;
    unit: string;
    source: string | null;
  }[];
}

describe('brief check', () => {
  it('--all --json: the JSON shape of DESIGN §3, the 196/976 disagreement with both sides and their sources', () => {
    const r = brief(['check', '--all', '--json']);
    expect(r.code).toBe(0);
    const { findings } = JSON.parse(r.out) as { findings: JsonFinding[] };
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['message', 'severity', 'values']);
      for (const v of f.values)
        expect(Object.keys(v).sort()).toEqual(['indicator', 'period', 'region', 'source', 'unit', 'value']);
    }
    const order = ['error', 'warning', 'info'];
    const ranks = findings.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const f = findings.find((x) => x.values[0].indicator === '建有科创平台规上企业占比')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('陈述值 20.6%');
    expect(f.message).toContain('196家 ÷ 976家 计算得 20.1%');
    expect(f.values).toEqual([
      expect.objectContaining({
        indicator: '建有科创平台规上企业占比',
        region: '咸宁市',
        period: '2019',
        value: 20.6,
        unit: '%',
      }),
      expect.objectContaining({ indicator: '建有市级以上科技创新平台的规上企业数', value: 196, unit: '家' }),
      expect.objectContaining({ indicator: '规上工业企业数', value: 976, unit: '家' }),
    ]);
    for (const v of f.values) expect(v.source).toContain('关于我市工业转型发展的思考');
    expect(findings.map((x) => x.values[0].indicator)).not.toContain('工业税收占比');
  });

  it('prints findings for people on stdout, a summary on stderr, exits 0 and leaves the database file unchanged', () => {
    brief(['query', 'GDP']); // creates the demo database
    const hash = () => createHash('sha256').update(readFileSync(DB)).digest('hex');
    const before = hash();
    const r = brief(['check', '--all']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('【错误】建有科创平台规上企业占比（咸宁市，2019年）：陈述值 20.6%');
    expect(r.out).toContain(
      '陈述：建有科创平台规上企业占比 · 咸宁市 · 2019 · 20.6% · 咸宁日报·关于我市工业转型发展的思考（2020）「仅占规上企业总数的20.6%」',
    );
    expect(r.out).toContain('依据：规上工业企业数 · 咸宁市 · 2019 · 976家');
    expect(r.out).toContain('【提示】城镇化率较2020年提升');
    expect(r.err).toMatch(/全部数据：核对了 \d+ 组数字关系，发现 错误 4 处、提示 1 处/);
    expect(hash()).toBe(before);
  });

  it('a template file: the checks that involve figures it states; --year changes which figures those are', () => {
    const tpl = join(dir, 'uses.tpl');
    writeFileSync(
      tpl,
      '@name 测试\n@period 2019\n@region 咸宁市\np: 占比{v(建有科创平台规上企业占比)}，税收占比{v(工业税收占比)}。\n',
    );
    const r = brief(['check', tpl, '--json']);
    expect(r.code).toBe(0);
    const { findings } = JSON.parse(r.out) as { findings: JsonFinding[] };
    expect(findings.map((f) => f.values[0].indicator)).toEqual(['建有科创平台规上企业占比']);
    expect(r.err).toContain('「测试」（2019，用到数据 2 个）');
    const y2020 = brief(['check', tpl, '--year', '2020', '--json']);
    expect(y2020.code).toBe(0);
    expect(JSON.parse(y2020.out)).toEqual({ findings: [] });
  });

  it('a built-in template by name', () => {
    const r = brief(['check', '政府工作报告解读', '--json']);
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(r.out).findings)).toBe(true);
    expect(r.err).toContain('「政府工作报告解读」（2020');
  });

  it('调研报告: finds the source report’s disagreements once the template exists, else says it is not found', () => {
    const r = brief(['check', '调研报告', '--json']);
    if (existsSync(resolve('resources/templates/调研报告.tpl'))) {
      expect(r.code).toBe(0);
      const { findings } = JSON.parse(r.out) as { findings: JsonFinding[] };
      const f = findings.find((x) => x.values[0].indicator === '建有科创平台规上企业占比');
      expect(f?.values.map((v) => v.value)).toEqual([20.6, 196, 976]);
    } else {
      expect(r.code).toBe(1);
      expect(r.err).toContain('未找到模板「调研报告」');
    }
  });

  it('bad input exits 1, usage errors exit 2', () => {
    const missing = brief(['check', '没有这个模板']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('未找到模板「没有这个模板」');
    expect(brief(['check', join(dir, 'nope.tpl')]).code).toBe(1);
    expect(brief(['check']).code).toBe(2);
    expect(brief(['check', '--all', '政府工作报告解读']).code).toBe(2);
    const year = brief(['check', '--all', '--year', '19']);
    expect(year.code).toBe(2);
    expect(year.err).toContain('--year 应是四位年份');
  });
});

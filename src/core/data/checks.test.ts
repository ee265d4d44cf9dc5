import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import { openDatabase } from '../db/connection';
import { openStore } from '../db/store';
import { Catalogue } from './catalogue';
import { checkTemplate, runChecks, type Finding } from './checks';
import { decimalsOf } from './derive';
import { ObservationStore, type Status } from './observations';
import { parsePeriod } from './periods';
import { Relations } from './relations';

const SEED_000 = '关于我市工业转型发展的思考';
const SEED_004 = '第十五个五年规划纲要';
const demo = () => openStore(':memory:').db;
const tmp = mkdtempSync(join(tmpdir(), 'brief-checks-'));

function find(findings: Finding[], indicator: string): Finding | undefined {
  return findings.find((f) => f.values[0]?.indicator === indicator);
}

/** Every row of every table, for "checking changes nothing". */
function dump(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
}

/** Changes a stored figure behind the app's back (tests only). */
function setValue(
  db: Db,
  indicator: string,
  period: string,
  value: number | string,
  qualifier?: string | null,
): void {
  const id = new Catalogue(db).indicator(indicator).id;
  const col = typeof value === 'string' ? 'text_value' : 'value';
  const q = qualifier === undefined ? '' : ', qualifier = @qualifier';
  const changed = db
    .prepare(`UPDATE observations SET ${col} = @value${q} WHERE indicator_id = @id AND period = @period`)
    .run({ value, id, period, qualifier: qualifier ?? null }).changes;
  expect(changed).toBe(1);
}

describe('brief check on the demo data', () => {
  it('finds 196 of 976 firms stated as 20.6%, showing both sides with their sources', () => {
    const { findings } = runChecks(demo());
    const f = find(findings, '建有科创平台规上企业占比')!;
    expect(f).toBeDefined();
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      '建有科创平台规上企业占比（咸宁市，2019年）：陈述值 20.6%，由 196家 ÷ 976家 计算得 20.1%，相差 0.5 个百分点',
    );
    expect(f.values.map((v) => [v.indicator, v.region, v.period, v.value, v.unit])).toEqual([
      ['建有科创平台规上企业占比', '咸宁市', '2019', 20.6, '%'],
      ['建有市级以上科技创新平台的规上企业数', '咸宁市', '2019', 196, '家'],
      ['规上工业企业数', '咸宁市', '2019', 976, '家'],
    ]);
    for (const v of f.values) expect(v.source).toContain(SEED_000);
    expect(f.values[0].sourceText).toContain('20.6%');
    expect(f.values[1].sourceText).toContain('196');
  });

  it('reports exactly the disagreements of the source reports, errors first', () => {
    const { findings, checked } = runChecks(demo());
    expect(findings.map((f) => [f.severity, f.values[0].indicator])).toEqual([
      ['error', '建有科创平台规上企业占比'], // 196 ÷ 976 = 20.1%, stated 20.6%
      ['error', '营收5亿元以上企业科创平台覆盖率'], // 28 ÷ any whole number ≠ 31.9%
      ['error', '户贷量'], // 16.4亿元 ÷ 2.18万户 = 7.52万元, stated 7.46万元
      ['error', '社会消费品零售总额年均增速'], // 600 → 980 over 5 years = 10.3%, stated 10.2%
      ['info', '城镇化率较2020年提升'], // 60.96 − 56左右 = 4.96, stated 4.22: 56 is approximate
    ]);
    expect(checked).toBeGreaterThanOrEqual(15);
    const cagr = find(findings, '社会消费品零售总额年均增速')!;
    expect(cagr.message).toContain('2020年 600亿元 至 2025年 980亿元，按 5 年 计算得 10.3%');
    expect(cagr.values.map((v) => v.period)).toEqual(['2021—2025', '2020', '2025']);
    for (const v of cagr.values) expect(v.source).toContain(SEED_004);
    const urban = find(findings, '城镇化率较2020年提升')!;
    expect(urban.message).toContain('56%左右（2020年，预计）');
    expect(urban.message).toContain('4.96 个百分点');
    expect(urban.message).toContain('2020年常住人口城镇化率应为 56.74%');
    expect(find(findings, '户贷量')!.message).toContain('计算得 7.52万元');
    expect(find(findings, '营收5亿元以上企业科创平台覆盖率')!.message).toContain(
      '28家 ÷ 87 = 32.2%，28家 ÷ 88 = 31.8%',
    );
  });

  it('raises no false alarm on consistent figures (40.1% = 49.18 ÷ 122.64, GDP = Σ industries, 12.5:44.2:43.3…)', () => {
    const { findings } = runChecks(demo());
    const flagged = findings.map((f) => f.values[0].indicator);
    for (const ok of [
      '工业税收占比',
      '地区生产总值',
      '三次产业结构比',
      '六大传统主导产业规上企业占比',
      '六大传统主导产业营收占规上工业比重',
      '六大高能耗行业营收占规上工业比重',
      '化工钢铁冶金火电等行业营收占比',
      '平均每家规上企业营业收入',
      '规上企业数全省排位',
      '规上企业数占全省比重',
      '省级科创平台占全省比重',
      '集体经济收入10万元以上村占比',
      '排查农户',
    ]) {
      expect(flagged).not.toContain(ok);
    }
  });

  it('changes nothing: every row is the same after checking, and a database file is byte-identical', () => {
    const db = demo();
    const before = dump(db);
    runChecks(db);
    runChecks(db, { year: 2019 });
    expect(dump(db)).toEqual(before);

    const path = join(tmp, 'unchanged.db');
    const { db: file } = openStore(path);
    file.pragma('wal_checkpoint(TRUNCATE)');
    file.close();
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const h = hash();
    const again = openDatabase(path);
    runChecks(again);
    again.close();
    expect(hash()).toBe(h);
  });
});

describe('what a check catches, and at what severity', () => {
  it('a changed share, a sum that does not add up and a structure that disagrees with its parts are errors', () => {
    const db = demo();
    setValue(db, '工业税收占比', '2019', 40.3);
    setValue(db, '地区生产总值', '2019', 1596.1);
    setValue(db, '三次产业结构比', '2019', '12.5:44.4:43.1');
    const { findings } = runChecks(db);
    const tax = find(findings, '工业税收占比')!;
    expect(tax.severity).toBe('error');
    expect(tax.message).toContain('陈述值 40.3%，由 49.18亿元 ÷ 122.64亿元 计算得 40.1%，相差 0.2 个百分点');
    const gdp = find(findings, '地区生产总值')!;
    expect(gdp.severity).toBe('error');
    expect(gdp.message).toContain('由 200亿元 + 704.9亿元 + 690.08亿元 计算得 1594.98亿元，相差 1.12亿元');
    const structure = findings.filter((f) => f.values[0].indicator === '三次产业结构比');
    expect(structure.map((f) => f.kind)).toEqual(['structure']); // still adds up to 100
    expect(structure[0].message).toContain(
      '计算得 12.5:44.2:43.3，第2项相差 0.2 个百分点，第3项相差 0.2 个百分点',
    );
  });

  it('a gap within the operands’ rounding passes: 200亿元 may be anything in [199.5, 200.5]', () => {
    const db = demo();
    setValue(db, '地区生产总值', '2019', 1595.5);
    expect(find(runChecks(db).findings, '地区生产总值')).toBeUndefined();
    setValue(db, '地区生产总值', '2019', 1595.6);
    expect(find(runChecks(db).findings, '地区生产总值')?.severity).toBe('error');
  });

  it('structure ratios must add up to 100 within rounding', () => {
    const db = demo();
    setValue(db, '三次产业结构比', '2015', '15.9:46.5:37.9');
    const f = runChecks(db).findings.find((x) => x.kind === 'structure-total')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('15.9:46.5:37.9 各项之和为 100.3，应为 100');
    setValue(db, '三次产业结构比', '2015', '15.9:46.5:37.7'); // 100.1: within 3 × 0.05
    expect(runChecks(db).findings.find((x) => x.kind === 'structure-total')).toBeUndefined();
  });

  it('an approximate figure beyond rounding is info while within what 左右 allows, else a warning', () => {
    const db = demo();
    setValue(db, '工业税收占比', '2019', 40.6, '左右');
    expect(find(runChecks(db).findings, '工业税收占比')?.severity).toBe('info');
    setValue(db, '工业税收占比', '2019', 45, '左右');
    const far = find(runChecks(db).findings, '工业税收占比')!;
    expect(far.severity).toBe('warning');
    expect(far.message).toContain('为约数或预计数，但差异超出约数允许的范围');
    // 以上 is a bound: 39%以上 agrees with 40.1%, 41%以上 does not.
    setValue(db, '工业税收占比', '2019', 39, '以上');
    expect(find(runChecks(db).findings, '工业税收占比')).toBeUndefined();
    setValue(db, '工业税收占比', '2019', 41, '以上');
    expect(find(runChecks(db).findings, '工业税收占比')?.severity).toBe('warning');
  });

  it('relations whose definitions may differ give warnings, not errors', () => {
    const db = demo();
    new Relations(db).add({
      kind: 'per_capita',
      target: '户贷量',
      operands: ['扶贫贷款余额', '获贷贫困户'],
      definitions: 'may-differ',
      note: '余额不是发放额',
    });
    const f = runChecks(db).findings.filter((x) => x.values[0].indicator === '户贷量');
    expect(f.map((x) => x.severity)).toEqual(['error', 'warning']);
    expect(f[1].message).toContain('两者口径可能不同（余额不是发放额）');
  });

  it('a rank better than the known values allow is an error that names the regions ahead', () => {
    const db = demo();
    setValue(db, '规上企业数全省排位', '2019', 3);
    const f = find(runChecks(db).findings, '规上企业数全省排位')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain(
      '陈述值 第3位，但已知 黄冈市 1365家、荆州市 1181家、孝感市 1160家、荆门市 1063家 均高于咸宁市 976家，至少应为第5位',
    );
    expect(f.values.map((v) => v.region)).toEqual([
      '咸宁市',
      '咸宁市',
      '黄冈市',
      '荆州市',
      '孝感市',
      '荆门市',
    ]);
  });

  it('a stated growth against its levels; a comparable-price growth is not compared with them', () => {
    const db = demo();
    const catalogue = new Catalogue(db);
    const store = new ObservationStore(db);
    const city = catalogue.region('咸宁市');
    const add = (indicator: string, period: string, value: number, unit: string, sourceText = '') =>
      store.upsert({
        indicatorId: catalogue.indicator(indicator).id,
        regionId: city.id,
        period: parsePeriod(period),
        status: '' as Status,
        value,
        unit,
        source: '测试',
        sourceText,
      });
    add('地区生产总值', '2018', 1475.5, '亿元');
    catalogue.addIndicator({
      code: 'GDP_NOM',
      name: '地区生产总值现价增速',
      unit: '%',
      category: null,
      definition: null,
      decimals: 1,
      kind: 'rate',
      formula: null,
      aliases: [],
    });
    add('地区生产总值现价增速', '2019', 8.3, '%');
    new Relations(db).add({ kind: 'growth', target: '地区生产总值现价增速', operands: ['地区生产总值'] });
    const f = find(runChecks(db).findings, '地区生产总值现价增速')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('由 2018年 1475.5亿元 至 2019年 1594.98亿元 计算得 8.1%，相差 0.2 个百分点');
    add('地区生产总值现价增速', '2019', 8.1, '%');
    expect(find(runChecks(db).findings, '地区生产总值现价增速')).toBeUndefined();
    // A growth stated at comparable prices stays data of its own: not compared with current-price levels.
    add('地区生产总值现价增速', '2019', 7.5, '%', '按可比价格计算，比上年增长7.5%');
    const r = runChecks(db);
    expect(find(r.findings, '地区生产总值现价增速')).toBeUndefined();
    expect(r.skipped).toContainEqual({
      relation: expect.stringContaining('地区生产总值现价增速（咸宁市，2019年）'),
      reason: expect.stringContaining('可比价'),
    });
  });

  it('property: figures rounded from exact data never raise a finding; a share 5 units off always does', () => {
    const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000_000, max: 9_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        (raw, dp, shareDp) => {
          const db = openDatabase(':memory:');
          const catalogue = new Catalogue(db);
          const store = new ObservationStore(db);
          const region = catalogue.addRegion({ code: 'X', name: '某市', parentId: null, level: 'city' });
          const indicator = (name: string, unit: string) =>
            catalogue.addIndicator({
              code: name,
              name,
              unit,
              category: null,
              definition: null,
              decimals: null,
              kind: unit === '%' ? 'share' : 'level',
              formula: null,
              aliases: [],
            });
          const put = (name: string, value: number, unit = '亿元') =>
            store.upsert({
              indicatorId: catalogue.indicator(name).id,
              regionId: region.id,
              period: parsePeriod('2019'),
              status: '',
              value,
              unit,
            });
          for (const n of ['A', 'B', 'C', 'T']) indicator(n, '亿元');
          indicator('S', '%');
          // Exact values (4 decimals), stated rounded to dp decimals as reports do.
          const exact = raw.map((r) => r / 10000);
          ['A', 'B', 'C'].forEach((n, i) => put(n, round(exact[i], dp)));
          const sum = exact.reduce((a, b) => a + b, 0);
          put('T', round(sum, dp));
          const share = round((exact[0] / sum) * 100, shareDp);
          put('S', share, '%');
          const rel = new Relations(db);
          rel.add({ kind: 'sum', target: 'T', operands: ['A', 'B', 'C'] });
          rel.add({ kind: 'share', target: 'S', operands: ['A', 'T'] });
          const clean = runChecks(db).findings;
          const shifted = round(share + 5 * 10 ** -shareDp, shareDp);
          put('S', shifted, '%');
          const off = runChecks(db).findings;
          db.close();
          // A stored 100.0 reads as 100 (stated to whole numbers), which allows more: only when every
          // operand keeps its decimals must the check catch the shifted share.
          const precise =
            [...exact.map((v) => round(v, dp)), round(sum, dp)].every((v) => decimalsOf(v) === dp) &&
            decimalsOf(shifted) === shareDp;
          return (
            clean.length === 0 &&
            (!precise || off.some((f) => f.values[0].indicator === 'S' && f.severity === 'error'))
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('scope', () => {
  it('by indicators: only relations whose target or operands are among them', () => {
    const { findings } = runChecks(demo(), { indicators: ['规上工业企业数'] });
    expect(findings.map((f) => f.values[0].indicator)).toEqual(['建有科创平台规上企业占比']);
    expect(runChecks(demo(), { indicators: ['TAX'] }).findings).toEqual([]);
  });

  it('by year: checks involving a figure of that year (a plan period counts for each of its years)', () => {
    const y2019 = runChecks(demo(), { year: 2019 }).findings.map((f) => f.values[0].indicator);
    expect(y2019).toEqual(['建有科创平台规上企业占比', '营收5亿元以上企业科创平台覆盖率']);
    const y2023 = runChecks(demo(), { year: 2023 }).findings.map((f) => f.values[0].indicator);
    expect(y2023).toEqual(['社会消费品零售总额年均增速', '城镇化率较2020年提升']);
  });

  it('by the figures a template states: a .tpl that states 20.6% gets the finding, one that does not gets none', () => {
    const db = demo();
    const uses = join(tmp, 'uses.tpl');
    writeFileSync(
      uses,
      '@name 测试\n@period 2019\n@region 咸宁市\np: 占比{v(建有科创平台规上企业占比)}，税收占比{v(工业税收占比)}。\n',
    );
    const r = checkTemplate(db, uses);
    expect(r.template).toBe('测试');
    expect(r.figures).toBe(2);
    expect(r.findings.map((f) => [f.severity, f.values[0].indicator])).toEqual([
      ['error', '建有科创平台规上企业占比'],
    ]);
    expect(r.checked).toBe(2);

    const other = join(tmp, 'other.tpl');
    writeFileSync(
      other,
      '@name 其他\n@period 2019\n@region 咸宁市\np: 税收占比{v(工业税收占比)}，GDP{v(GDP)}。\n',
    );
    expect(checkTemplate(db, other).findings).toEqual([]);
    // --year: the same template for 2020 states no 2019 figures.
    expect(checkTemplate(db, uses, { year: 2020 }).findings).toEqual([]);
  });

  it('a built-in template: 政府工作报告解读 is checked against the figures it uses', () => {
    const r = checkTemplate(demo(), '政府工作报告解读');
    expect(r.template).toBe('政府工作报告解读');
    expect(r.figures).toBeGreaterThan(20);
    expect(r.checked).toBeGreaterThan(0);
    for (const f of r.findings) expect(f.values.length).toBeGreaterThan(0);
  });
});

describe('the runChecks API method', () => {
  it('answers in the shape the contract declares, for a template or for every relation', async () => {
    const { createService } = await import('../service');
    const { schemas } = await import('../../shared/api');
    const service = createService(demo());
    const all = schemas.runChecks.output.parse(service.runChecks({}));
    expect(all.findings[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('20.6%') });
    expect(all.findings[0].values[1]).toMatchObject({
      value: 196,
      sourceText: expect.stringContaining('196'),
    });
    expect(all.skipped).toBeGreaterThan(0);
    const one = schemas.runChecks.output.parse(
      service.runChecks({ template: '政府工作报告解读', year: 2020 }),
    );
    expect(one.checked).toBeGreaterThan(0);
    expect(schemas.runChecks.input.parse({})).toEqual({});
  });
});

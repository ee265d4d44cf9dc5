import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { NotFoundError } from './catalogue';
import {
  decimalsOf,
  deriveCagr,
  deriveDifference,
  deriveGrowth,
  deriveRatio,
  deriveShare,
  deriveStructure,
  deriveSum,
  deriveValue,
  operandPeriod,
  parseStructure,
  qualifierClass,
  rankAmong,
  statedNumber,
  wholeTotalsFor,
} from './derive';
import { parsePeriod } from './periods';

const n = (v: number, unit = '亿元', exact = false) => statedNumber(v, unit, { exact });

describe('stated numbers', () => {
  it('stand for the interval their decimals allow; counts of whole things are exact', () => {
    expect(decimalsOf(60.96)).toBe(2);
    expect(decimalsOf(600)).toBe(0);
    expect(decimalsOf(1e-7)).toBe(7);
    const s = statedNumber(20.6, '%');
    expect(s.strict.lo).toBeCloseTo(20.55, 12);
    expect(s.strict.hi).toBeCloseTo(20.65, 12);
    expect(s.approximate).toBe(false);
    expect(statedNumber(196, '家', { exact: true }).strict).toEqual({ lo: 196, hi: 196 });
    expect(statedNumber(40.1, '%', { decimals: 2 }).strict.hi).toBeCloseTo(40.105, 12);
  });

  it('read the qualifier: 左右 wider, 以上/突破 no upper end, 以内 no lower end, 余 a little more', () => {
    expect(qualifierClass('左右')).toBe('about');
    expect(qualifierClass('稳定在…左右')).toBe('about');
    expect(qualifierClass('突破')).toBe('at-least');
    expect(qualifierClass('超过')).toBe('at-least');
    expect(qualifierClass('以内')).toBe('at-most');
    expect(qualifierClass('不超过')).toBe('at-most');
    expect(qualifierClass('余')).toBe('a-bit-more');
    expect(qualifierClass('累计')).toBe('exact');
    expect(qualifierClass('比全省平均水平低')).toBe('exact');

    const about = statedNumber(56, '%', { qualifier: '左右' });
    expect(about.approximate).toBe(true);
    expect(about.strict).toEqual({ lo: 55.5, hi: 56.5 });
    expect(about.wide.lo).toBeLessThanOrEqual(55);
    expect(about.wide.hi).toBeGreaterThanOrEqual(57);
    expect(statedNumber(2000, '亿元', { qualifier: '突破' }).strict).toEqual({ lo: 1999.5, hi: Infinity });
    expect(statedNumber(4.5, '%', { qualifier: '以内' }).strict).toEqual({ lo: -Infinity, hi: 4.55 });
    const more = statedNumber(6500, '万元', { qualifier: '余' });
    expect(more.strict.lo).toBe(6499.5);
    expect(more.strict.hi).toBe(6600.5);
    expect(statedNumber(14, '%', { forecast: true }).approximate).toBe(true);
  });
});

describe('pure derivations', () => {
  it('share: 196家 ÷ 976家 = 20.08%, and the interval of exact counts is a point', () => {
    const d = deriveShare(n(196, '家', true), n(976, '家', true));
    expect(d.unit).toBe('%');
    expect(d.value).toBeCloseTo(20.0819672, 6);
    expect(d.strict.lo).toBeCloseTo(d.value, 10);
    expect(d.strict.hi).toBeCloseTo(d.value, 10);
    const tax = deriveShare(n(49.18), n(122.64));
    expect(tax.value).toBeCloseTo(40.1011, 4);
    expect(tax.strict.lo).toBeLessThan(40.1011);
    expect(tax.strict.hi).toBeGreaterThan(40.1011);
  });

  it('sum exactly on decimals, across scales: 200 + 704.9 + 690.08 = 1594.98; 1亿元 + 5000万元 = 1.5亿元', () => {
    const s = deriveSum([n(200), n(704.9), n(690.08)]);
    expect(s.value).toBe(1594.98);
    expect(s.strict.lo).toBeCloseTo(1594.98 - 0.5 - 0.05 - 0.005, 9);
    expect(deriveSum([n(1), n(5000, '万元')]).value).toBe(1.5);
    expect(deriveSum([n(1), n(5000, '万元')], '万元')).toMatchObject({ value: 15000, unit: '万元' });
  });

  it('growth and average annual growth from two levels', () => {
    expect(deriveGrowth(n(100), n(108.1)).value).toBeCloseTo(8.1, 10);
    const c = deriveCagr(n(600), n(980), 5);
    expect(c.value).toBeCloseTo(10.31, 2);
    // 600 and 980 stated to whole 亿元 cannot give 10.2%
    expect(c.strict.lo).toBeGreaterThan(10.25);
    expect(c.strict.hi).toBeLessThan(10.4);
  });

  it('difference of rates is in 个百分点; of amounts in their unit', () => {
    const d = deriveDifference(n(60.96, '%'), n(56.74, '%'));
    expect(d).toMatchObject({ value: 4.22, unit: '个百分点' });
    expect(deriveDifference(n(3), n(5000, '万元'))).toMatchObject({ value: 2.5, unit: '亿元' });
  });

  it('ratio and per-capita values convert scales: 16.4亿元 ÷ 2.18万户 = 7.52万元', () => {
    expect(deriveRatio(n(16.4), n(2.18, '万户'), '万元').value).toBeCloseTo(7.5229, 4);
    expect(deriveRatio(n(1862.28), n(976, '家', true), '亿元').value).toBeCloseTo(1.908, 3);
    expect(deriveRatio(n(920, '家', true), n(270, '家', true), '倍').value).toBeCloseTo(3.407, 3);
    expect(() => deriveRatio(n(1), n(2, '万户'), '万人')).toThrow(/单位不兼容/);
  });

  it('structure ratio: 200 : 704.9 : 690.08 → 12.5:44.2:43.3', () => {
    const s = deriveStructure([n(200), n(704.9), n(690.08)]);
    expect(s.text(1)).toBe('12.5:44.2:43.3');
    expect(s.values.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(parseStructure('14:42:44')).toEqual({ parts: [14, 42, 44], decimals: 0 });
    expect(parseStructure('12.5：44.2：43.3')).toEqual({ parts: [12.5, 44.2, 43.3], decimals: 1 });
    expect(parseStructure('12.5')).toBeNull();
  });

  it('rank among regions: the largest is 第1位; with regions missing it is only a lower bound', () => {
    const entries = [
      { region: '甲', value: 10 },
      { region: '乙', value: 30 },
      { region: '丙', value: 20 },
      { region: '丁', value: 20 },
    ];
    expect(rankAmong(entries, '乙')).toMatchObject({ rank: 1, worst: 1 });
    expect(rankAmong(entries, '丙')).toMatchObject({ rank: 2, worst: 3 });
    expect(rankAmong(entries, '甲', { order: 'asc' })).toMatchObject({ rank: 1 });
    expect(rankAmong(entries, '甲', { complete: false })).toMatchObject({ rank: 4, worst: Infinity });
    expect(rankAmong(entries, '丙').ahead.map((e) => e.region)).toEqual(['乙']);
  });

  it('whole-number totals: 28 firms cannot be 31.9% of any whole number; 21 can be 1.9%', () => {
    const s = statedNumber(31.9, '%').strict;
    expect(wholeTotalsFor(28, s)).toEqual({ fits: null, below: 87, above: 88 });
    expect(wholeTotalsFor(21, statedNumber(1.9, '%').strict).fits).not.toBeNull();
    expect(wholeTotalsFor(63, statedNumber(32.8, '%').strict).fits).toBe(192);
  });

  it('operand periods: 基期 is the year before the target period, 末期 its last year', () => {
    expect(operandPeriod(parsePeriod('2021—2025'), 'base')?.key).toBe('2020');
    expect(operandPeriod(parsePeriod('2021—2025'), 'end')?.key).toBe('2025');
    expect(operandPeriod(parsePeriod('2019'), 'base')?.key).toBe('2018');
    expect(operandPeriod(parsePeriod('2020年上半年'), 'base')?.key).toBe('2019H1');
    expect(operandPeriod(parsePeriod('2020年3月'), 'base')?.key).toBe('2019-03');
    expect(operandPeriod(parsePeriod('2019'), '2015')?.key).toBe('2015');
  });

  it('property: a share rounded from its parts always lies in the interval the parts allow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (a, b, dp, dShare) => {
          const part = Math.min(a, b) / 10 ** dp;
          const total = Math.max(a, b) / 10 ** dp;
          const d = deriveShare(
            statedNumber(part, '亿元', { decimals: dp }),
            statedNumber(total, '亿元', { decimals: dp }),
          );
          const shown = Number(d.value.toFixed(dShare));
          const s = statedNumber(shown, '%', { decimals: dShare });
          return d.strict.lo <= s.strict.hi + 1e-9 && s.strict.lo <= d.strict.hi + 1e-9;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('deriveValue (from the demo database)', () => {
  const { db } = openStore(':memory:');

  it('a share with the provenance of both operands', () => {
    const r = deriveValue(db, {
      kind: 'share',
      operands: ['建有市级以上科技创新平台的规上企业数', '规上工业企业数'],
      region: '咸宁市',
      period: '2019',
    });
    expect(r.unit).toBe('%');
    expect(r.value).toBeCloseTo(20.08, 2);
    expect(r.operands.map((o) => [o.indicator, o.value, o.period])).toEqual([
      ['建有市级以上科技创新平台的规上企业数', 196, '2019'],
      ['规上工业企业数', 976, '2019'],
    ]);
    expect(r.operands[0].source).toContain('关于我市工业转型发展的思考');
    expect(r.operands[0].sourceText).toContain('196');
  });

  it('average annual growth over a plan period, from the levels at its base and end', () => {
    const r = deriveValue(db, {
      kind: '年均增速',
      operands: ['社会消费品零售总额'],
      region: '咸宁',
      period: '十四五',
    });
    expect(r.value).toBeCloseTo(10.31, 2);
    expect(r.operands.map((o) => o.period)).toEqual(['2020', '2025']);
  });

  it('difference over time, structure, per-capita value and rank', () => {
    const urban = deriveValue(db, {
      kind: 'difference',
      operands: ['城镇化率@末期', '城镇化率@基期'],
      region: '咸宁市',
      period: '2021—2025',
    });
    expect(urban).toMatchObject({ value: 4.96, unit: '个百分点' });
    expect(urban.operands[1]).toMatchObject({ period: '2020', status: '预计', qualifier: '左右' });
    const s = deriveValue(db, {
      kind: 'structure',
      operands: ['VA1', 'VA2', 'VA3'],
      region: '咸宁市',
      period: '2019',
    });
    expect(s.text).toBe('12.5:44.2:43.3');
    const avg = deriveValue(db, {
      kind: 'per_capita',
      operands: ['规上工业营业收入', '规上工业企业数'],
      region: '咸宁市',
      period: '2019',
      unit: '亿元',
    });
    expect(avg.value).toBeCloseTo(1.908, 3);
    const rank = deriveValue(db, {
      kind: 'rank',
      operands: ['规上工业企业数'],
      region: '咸宁市',
      period: '2019',
    });
    // 黄冈 1365, 荆州 1181, 孝感 1160, 荆门 1063 are ahead; 岳阳 and 九江 are not in 湖北省.
    expect(rank.value).toBe(5);
    expect(rank.operands.map((o) => o.region)).toEqual(['咸宁市', '黄冈市', '荆州市', '孝感市', '荆门市']);
  });

  it('a missing operand is a NotFoundError that names it', () => {
    expect(() =>
      deriveValue(db, { kind: 'growth', operands: ['地区生产总值'], region: '咸宁市', period: '2019' }),
    ).toThrow(NotFoundError);
    expect(() =>
      deriveValue(db, { kind: 'growth', operands: ['地区生产总值'], region: '咸宁市', period: '2019' }),
    ).toThrow(/地区生产总值（2018）/);
  });
});

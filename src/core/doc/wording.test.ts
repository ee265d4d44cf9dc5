import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as wording from './wording';
import {
  UnitError,
  WordingError,
  averageAnnualGrowth,
  changePhrase,
  comparePhrase,
  convertUnit,
  deltaPhrase,
  exactDifference,
  formatAmount,
  formatNumber,
  formatPercent,
  growthPhrase,
  growthRate,
  multiplePhrase,
  normalizePunctuation,
  parseUnit,
  percentShare,
  pointsPhrase,
  rangePhrase,
  rankPhrase,
  roundHalfUp,
  sharePhrase,
  structureRatio,
  sumExact,
  withQualifier,
} from './wording';
import { fiveYearPlanName, toChineseNumeral } from './numerals';

const RUNS = { numRuns: 1000 };

function expectWordingError(f: () => unknown, code?: string): WordingError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WordingError);
    if (code !== undefined) expect((e as WordingError).code).toBe(code);
    return e as WordingError;
  }
  throw new Error('expected a WordingError');
}

/** True if f returns, or throws a WordingError (UnitError is one); false for any other throw. */
function onlyTyped(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    return e instanceof WordingError;
  }
}

// ---------------------------------------------------------------------------------------------
// style-spec §B.2: every verbatim sentence, composed from data. `seed` is the sentence exactly as
// in the seed (spaces and half-width punctuation kept); `target` is the normalized form the exporter
// must produce; `compose` builds it from numbers and the wording functions.

interface SeedSentence {
  n: number;
  seed: string;
  target: string;
  compose: () => string;
}

// Data of the sentences (values in the unit the database would hold them).
const GDP_2019_YUAN = 159498000000; // 元
const SECTORS_2019 = [
  { name: '第一产业', value: 200, growth: 3.3 }, // 亿元, %
  { name: '第二产业', value: 704.9, growth: 8.9 },
  { name: '第三产业', value: 690.08, growth: 8.8 },
];
const RELIEF_H1_WAN = [
  { name: '城市低保金', value: 6207.5, unit: '万元' }, // 万元
  { name: '农村低保金', value: 11800, unit: '亿元' },
  { name: '特困供养金', value: 5420.5, unit: '万元' },
];

const SENTENCES: SeedSentence[] = [
  {
    n: 1,
    seed: '2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。',
    target: '2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。',
    compose: () => {
      const year = 2019;
      const region = '咸宁市';
      return `${year}年，${region}实现GDP${formatAmount(GDP_2019_YUAN, '元', { scaleTo: '亿元' })}，${growthPhrase(8.1, { than: '上年' })}。`;
    },
  },
  {
    n: 2,
    seed: '其中，第一产业增加值200亿元，增长3.3%；第二产业增加值704.9 亿元，增长 8.9%；第三产业增加值690.08亿元，增长8.8%,三次产业结构比为12.5:44.2:43.3。',
    target:
      '其中，第一产业增加值200亿元，增长3.3%；第二产业增加值704.9亿元，增长8.9%；第三产业增加值690.08亿元，增长8.8%，三次产业结构比为12.5:44.2:43.3。',
    compose: () => {
      const total = sumExact(SECTORS_2019.map((s) => s.value));
      const parts = SECTORS_2019.map(
        (s) => `${s.name}增加值${formatAmount(s.value, '亿元')}，${growthPhrase(s.growth)}`,
      );
      const shares = SECTORS_2019.map((s) => roundHalfUp(percentShare(s.value, total), 1));
      return `其中，${parts.join('；')}，三次产业结构比为${structureRatio(shares, 1)}。`;
    },
  },
  {
    n: 3,
    seed: '2019年全市全口径税收收入122.64 亿元，工业企业完成税收49.18 亿元，占比40.1%。',
    target: '2019年全市全口径税收收入122.64亿元，工业企业完成税收49.18亿元，占比40.1%。',
    compose: () => {
      const [tax, industry] = [122.64, 49.18];
      const share = sharePhrase(percentShare(industry, tax), undefined, { decimals: 1 });
      return `2019年全市全口径税收收入${formatAmount(tax, '亿元')}，工业企业完成税收${formatAmount(industry, '亿元')}，${share}。`;
    },
  },
  {
    n: 4,
    seed: '2019 年，规模以上工业实现营业收入1862.28 亿元，占全省的4.1%，占比居全省第9位。',
    target: '2019年，规模以上工业实现营业收入1862.28亿元，占全省的4.1%，占比居全省第9位。',
    compose: () =>
      `${2019}年，规模以上工业实现营业收入${formatAmount(1862.28, '亿元')}，${sharePhrase(4.1, '全省')}，占比${rankPhrase(9)}。`,
  },
  {
    n: 5,
    seed: '我市平均每家规上企业实现营业收入1.91亿元，比全省平均水平低0.99亿元，居全省第13位。',
    target: '我市平均每家规上企业实现营业收入1.91亿元，比全省平均水平低0.99亿元，居全省第13位。',
    compose: () => {
      const [city, province] = [1.91, 2.9]; // 亿元 per enterprise
      return `我市平均每家规上企业实现营业收入${formatAmount(city, '亿元')}，${comparePhrase(exactDifference(city, province), '亿元', '全省平均水平')}，${rankPhrase(13, '全省')}。`;
    },
  },
  {
    n: 6,
    seed: '全市规上企业中属于六大高能耗行业的企业达285家，营业收入达到649.5亿元，占规上工业的34.9%，比全省水平高6.6个百分点。',
    target:
      '全市规上企业中属于六大高能耗行业的企业达285家，营业收入达到649.5亿元，占规上工业的34.9%，比全省水平高6.6个百分点。',
    compose: () => {
      const [revenue, allIndustry] = [649.5, 1862.28];
      const share = percentShare(revenue, allIndustry); // 34.876…
      return `全市规上企业中属于${toChineseNumeral(6)}大高能耗行业的企业达${formatAmount(285, '家')}，营业收入达到${formatAmount(revenue, '亿元')}，${sharePhrase(share, '规上工业', { decimals: 1 })}，${comparePhrase(6.6, '个百分点', '全省水平')}。`;
    },
  },
  {
    n: 7,
    seed: '截止9月底，累计向2.18万户贫困户发放小额扶贫贷款16.4亿元，户贷率25.18%，户贷量7.46万元，贷款余额3.75亿元。',
    target:
      '截至9月底，累计向2.18万户贫困户发放小额扶贫贷款16.4亿元，户贷率25.18%，户贷量7.46万元，贷款余额3.75亿元。',
    compose: () =>
      `截至${9}月底，累计向${formatAmount(21800, '户', { scaleTo: '万户' })}贫困户发放小额扶贫贷款${formatAmount(16.4, '亿元')}，户贷率${formatPercent(25.18)}，户贷量${formatAmount(74600, '元', { scaleTo: '万元' })}，贷款余额${formatAmount(375000000, '元', { scaleTo: '亿元' })}。`,
  },
  {
    n: 8,
    seed: '经过5年的整体推进，截止2018年底，全市存量贫困人口减少到2.3万人，贫困发生率从17.63%下降到1.06%；贫困村减少到12个',
    target:
      '经过5年的整体推进，截至2018年底，全市存量贫困人口减少到2.3万人，贫困发生率从17.63%下降到1.06%；贫困村减少到12个',
    compose: () =>
      `经过${5}年的整体推进，截至${2018}年底，全市存量贫困人口减少到${formatAmount(23000, '人', { scaleTo: '万人' })}，贫困发生率${changePhrase(17.63, 1.06, '%', { down: '下降', to: '到' })}；贫困村减少到${formatAmount(12, '个')}`,
  },
  {
    n: 9,
    seed: '今年上半年，全市共发放社会救助资金2.34亿元，其中城市低保金6207.5万元，农村低保金1.18亿元，特困供养金5420.5万元。',
    target:
      '今年上半年，全市共发放社会救助资金2.34亿元，其中城市低保金6207.5万元，农村低保金1.18亿元，特困供养金5420.5万元。',
    compose: () => {
      const total = sumExact(RELIEF_H1_WAN.map((p) => p.value)); // 23428 万元
      const parts = RELIEF_H1_WAN.map(
        (p) => `${p.name}${formatAmount(p.value, '万元', { scaleTo: p.unit })}`,
      );
      return `今年上半年，全市共发放社会救助资金${formatAmount(total, '万元', { scaleTo: '亿元', decimals: 2 })}，其中${parts.join('，')}。`;
    },
  },
  {
    n: 10,
    seed: '1—8月份累计发生精准扶贫赔付150663人次，实际总医疗费用5.56亿元，…合计报销5.08亿元，实际报销比例达到91.17%。',
    target:
      '1—8月份累计发生精准扶贫赔付150663人次，实际总医疗费用5.56亿元，…合计报销5.08亿元，实际报销比例达到91.17%。',
    compose: () =>
      `${rangePhrase(1, 8, '月份')}累计发生精准扶贫赔付${formatAmount(150663, '人次')}，实际总医疗费用${formatAmount(5.56, '亿元')}，…合计报销${formatAmount(5.08, '亿元')}，实际报销比例达到${formatPercent(91.17)}。`,
  },
  {
    n: 11,
    seed: '●银行金融机构各项贷款同比增长16.4%,普惠型小微企业贷款利率较年初下降1.34个百分点。',
    target: '●银行金融机构各项贷款同比增长16.4%，普惠型小微企业贷款利率较年初下降1.34个百分点。',
    compose: () =>
      `●银行金融机构各项贷款同比${growthPhrase(16.4)}，普惠型小微企业贷款利率${pointsPhrase(-1.34, { than: '年初', thanWord: '较' })}。`,
  },
  {
    n: 12,
    seed: '●全年空气质量优良天数比例94%,在全国168个重点城市排名第18位。',
    target: '●全年空气质量优良天数比例94%，在全国168个重点城市排名第18位。',
    compose: () =>
      `●全年空气质量优良天数比例${formatPercent(94)}，${rankPhrase(18, `全国${formatAmount(168, '个')}重点城市`, 'arabic', { before: '在', after: '排名' })}。`,
  },
  {
    n: 13,
    seed: '●预计三次产业结构由15.9:46.5:37.6优化为14:42:44。',
    target: '●预计三次产业结构由15.9:46.5:37.6优化为14:42:44。',
    compose: () =>
      `●预计三次产业结构由${structureRatio([15.9, 46.5, 37.6])}优化为${structureRatio([14, 42, 44])}。`,
  },
  {
    n: 14,
    seed: '2021年全市经济社会发展主要预期目标是:地区生产总值增长10.5%以上;全社会固定资产投资增长11%;…城镇登记失业率控制在4.5%以内;居民消费价格涨幅控制在3%左右;粮食产量117万吨;完成省定节能减排任务。',
    target:
      '2021年全市经济社会发展主要预期目标是：地区生产总值增长10.5%以上；全社会固定资产投资增长11%；…城镇登记失业率控制在4.5%以内；居民消费价格涨幅控制在3%左右；粮食产量117万吨；完成省定节能减排任务。',
    compose: () => {
      const targets = [
        `地区生产总值${growthPhrase(10.5, { qualifier: '以上' })}`,
        `全社会固定资产投资${growthPhrase(11)}`,
        `…城镇登记失业率控制在${withQualifier(4.5, '%', '以内')}`,
        `居民消费价格涨幅控制在${withQualifier(3, '%', '左右')}`,
        `粮食产量${formatAmount(1170000, '吨', { scaleTo: '万吨' })}`,
        '完成省定节能减排任务',
      ];
      return `${2021}年全市经济社会发展主要预期目标是：${targets.join('；')}。`;
    },
  },
  {
    n: 15,
    seed: '●全域推进自然生态公园城市建设,森林覆盖率53.01%,比“十二五”期末提高3.69个百分点,…',
    target: '●全域推进自然生态公园城市建设，森林覆盖率53.01%，比“十二五”期末提高3.69个百分点，…',
    compose: () => {
      const [now, then] = [53.01, 49.32]; // 2020 and end of the 12th plan (2015), %
      return `●全域推进自然生态公园城市建设，森林覆盖率${formatPercent(now)}，${pointsPhrase(exactDifference(now, then), { than: `${fiveYearPlanName(12)}期末` })}，…`;
    },
  },
  {
    n: 16,
    seed: '在第六届国际温泉文化旅游节期间,…片区三县共签订汽车零部件生产、装备制造、新材料等各类合同项目15个,总投资114.8亿元。其中,通城县签订项目5个,总投资41.2亿元,10亿元以上项目2个;…',
    target:
      '在第六届国际温泉文化旅游节期间，…片区三县共签订汽车零部件生产、装备制造、新材料等各类合同项目15个，总投资114.8亿元。其中，通城县签订项目5个，总投资41.2亿元，10亿元以上项目2个；…',
    compose: () =>
      `在第${toChineseNumeral(6)}届国际温泉文化旅游节期间，…片区${toChineseNumeral(3)}县共签订汽车零部件生产、装备制造、新材料等各类合同项目${formatAmount(15, '个')}，总投资${formatAmount(114.8, '亿元')}。其中，通城县签订项目${formatAmount(5, '个')}，总投资${formatAmount(41.2, '亿元')}，${withQualifier(10, '亿元', '以上')}项目${formatAmount(2, '个')}；…`,
  },
  {
    n: 17,
    seed: '地区生产总值突破 2000 亿元关口，年均增长 6.1%。',
    target: '地区生产总值突破2000亿元关口，年均增长6.1%。',
    compose: () => `地区生产总值${withQualifier(2000, '亿元', '突破')}关口，年均${growthPhrase(6.1)}。`,
  },
  {
    n: 18,
    seed: '社会消费品零售总额从 600 亿元提高至 980 亿元，年均增长 10.2%，消费潜力充分释放。',
    target: '社会消费品零售总额从600亿元提高至980亿元，年均增长10.2%，消费潜力充分释放。',
    // 10.2 is the stated figure; recomputed from 600 → 980 over five years it is 10.3 (see below).
    compose: () =>
      `社会消费品零售总额${changePhrase(600, 980, '亿元')}，年均${growthPhrase(10.2)}，消费潜力充分释放。`,
  },
  {
    n: 19,
    seed: '常住人口城镇化率达 60.96%，较 2020 年提升 4.22 个百分点。',
    target: '常住人口城镇化率达60.96%，较2020年提升4.22个百分点。',
    compose: () => {
      const [y2025, y2020] = [60.96, 56.74];
      return `常住人口城镇化率达${formatPercent(y2025)}，${pointsPhrase(exactDifference(y2025, y2020), { verb: '提升', than: `${2020}年`, thanWord: '较' })}。`;
    },
  },
  {
    n: 20,
    seed: '高新技术企业突破 920 家，是 2020 年的 3.3 倍。',
    target: '高新技术企业突破920家，是2020年的3.3倍。',
    compose: () => `高新技术企业${withQualifier(920, '家', '突破')}，${multiplePhrase(3.3, 2020)}。`,
  },
  {
    n: 21,
    seed: '国家级绿色工厂 21 家，全省第 5。',
    target: '国家级绿色工厂21家，全省第5。',
    compose: () =>
      `国家级绿色工厂${formatAmount(21, '家')}，${rankPhrase(5, '全省', 'arabic', { before: '', suffix: '' })}。`,
  },
  {
    n: 22,
    seed: '到 2030 年，茶园面积稳定在 55 万亩，茶叶总产量达 13 万吨，全产业链综合产值突破 300 亿元。',
    target: '到2030年，茶园面积稳定在55万亩，茶叶总产量达13万吨，全产业链综合产值突破300亿元。',
    compose: () =>
      `到${2030}年，茶园面积稳定在${formatAmount(550000, '亩', { scaleTo: '万亩' })}，茶叶总产量达${formatAmount(130000, '吨', { scaleTo: '万吨' })}，全产业链综合产值${withQualifier(3000000, '万元', '突破', { scaleTo: '亿元' })}。`,
  },
];

describe('style-spec §B.2: the 22 verbatim sentences', () => {
  it('covers all 22', () => {
    expect(SENTENCES.map((s) => s.n)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it.each(SENTENCES)('#$n composed from data equals the normalized sentence', ({ compose, target }) => {
    expect(compose()).toBe(target);
  });

  it.each(SENTENCES)('#$n normalizePunctuation(seed text) gives the same sentence', ({ seed, target }) => {
    expect(normalizePunctuation(seed)).toBe(target);
    expect(normalizePunctuation(target)).toBe(target);
  });

  it('#1/#2: sector values add up to GDP, structure shares add up to 100', () => {
    expect(sumExact(SECTORS_2019.map((s) => s.value))).toBe(convertUnit(GDP_2019_YUAN, '元', '亿元'));
    expect(sumExact([12.5, 44.2, 43.3])).toBe(100);
    expect(sumExact([15.9, 46.5, 37.6])).toBe(100);
    expect(sumExact([14, 42, 44])).toBe(100);
  });

  it('#9: the 其中 parts add up to the stated total', () => {
    const total = sumExact(RELIEF_H1_WAN.map((p) => p.value));
    expect(total).toBe(23428);
    expect(roundHalfUp(convertUnit(total, '万元', '亿元'), 2)).toBe(2.34);
  });

  it('#10 and #18: seed figures that fail the arithmetic check (compute, don’t copy)', () => {
    // 5.08 / 5.56 = 91.37%, not the stated 91.17%; not even the rounding range of the inputs reaches it.
    expect(roundHalfUp(percentShare(5.08, 5.56), 2)).toBe(91.37);
    expect(percentShare(5.085, 5.555)).toBeGreaterThan(91.17);
    // (980 / 600)^(1/5) − 1 = 10.31%, stated 10.2%.
    expect(roundHalfUp(averageAnnualGrowth(600, 980, 5), 1)).toBe(10.3);
  });
});

// ---------------------------------------------------------------------------------------------

describe('roundHalfUp', () => {
  it.each([
    [1.005, 2, 1.01],
    [1.015, 2, 1.02],
    [1.045, 2, 1.05],
    [2.675, 2, 2.68],
    [8.05, 1, 8.1],
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [-0.004, 2, 0],
    [34.876, 1, 34.9],
    [1e21, 2, 1e21],
    [123.456, 0, 123],
    [5e-324, 2, 0],
  ])('roundHalfUp(%d, %i) = %d', (v, d, r) => {
    expect(roundHalfUp(v, d)).toBe(r);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfUp(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundHalfUp(-0, 0), 0)).toBe(true);
  });

  it('rejects NaN, Infinity and bad decimals', () => {
    expectWordingError(() => roundHalfUp(NaN, 1), 'not-a-number');
    expectWordingError(() => roundHalfUp(Infinity, 1), 'not-a-number');
    expectWordingError(() => roundHalfUp(1, -1), 'bad-decimals');
    expectWordingError(() => roundHalfUp(1, 1.5), 'bad-decimals');
    expectWordingError(() => roundHalfUp(1, 21), 'bad-decimals');
  });

  it('property: x.dd…d5 rounds up at the last place, whatever the binary error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 6 }),
        fc.boolean(),
        (i, frac, negative) => {
          const d = frac.length;
          const v = Number(`${negative ? '-' : ''}${i}.${frac}5`);
          const up = BigInt(`${i}${frac}`) + 1n;
          const s = up.toString().padStart(d + 1, '0');
          const expected = Number(
            `${negative ? '-' : ''}${s.slice(0, s.length - d)}.${s.slice(s.length - d) || '0'}`,
          );
          return roundHalfUp(v, d) === expected;
        },
      ),
      RUNS,
    );
  });
});

describe('formatNumber', () => {
  it.each([
    [1594.98, undefined, '1594.98'],
    [514596, undefined, '514596'],
    [20141.97, undefined, '20141.97'],
    [0.1 + 0.2, undefined, '0.3'],
    [1e21, undefined, '1000000000000000000000'],
    [1.5e-7, undefined, '0.00000015'],
    [-0, undefined, '0'],
    [-3.2, undefined, '-3.2'],
    [8.1, 1, '8.1'],
    [14, 1, '14.0'],
    [1.005, 2, '1.01'],
    [-0.04, 1, '0.0'],
    [-0.05, 1, '-0.1'],
    [2.5, 0, '3'],
    [1e-7, 2, '0.00'],
  ])('formatNumber(%d, %s) = %s', (v, d, s) => {
    expect(formatNumber(v, d)).toBe(s);
  });

  it('trims zeros only on request', () => {
    expect(formatNumber(11, 1, { trim: true })).toBe('11');
    expect(formatNumber(11.04, 1, { trim: true })).toBe('11');
    expect(formatNumber(11.06, 1, { trim: true })).toBe('11.1');
  });

  it('rejects NaN/Infinity/non-numbers with WordingError', () => {
    expectWordingError(() => formatNumber(NaN), 'not-a-number');
    expectWordingError(() => formatNumber(-Infinity), 'not-a-number');
    expectWordingError(() => formatNumber('8.1' as unknown as number), 'not-a-number');
    expectWordingError(() => formatNumber(1, 2.5), 'bad-decimals');
    expectWordingError(() => formatNumber(1, 1, null as unknown as { trim: boolean }), 'bad-options');
  });

  it('property: never throws anything but WordingError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (v, d, o) =>
        onlyTyped(() => formatNumber(v as number, d as number, o as { trim?: boolean })),
      ),
      RUNS,
    );
  });

  it('property: plain ASCII decimal, no grouping, no exponent, never -0', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.option(fc.integer({ min: 0, max: 20 })),
        (v, d) => {
          const s = formatNumber(v, d ?? undefined);
          return /^-?\d+(\.\d+)?$/.test(s) && !/^-0(\.0*)?$/.test(s) && !s.includes('e');
        },
      ),
      RUNS,
    );
  });

  it('property: with decimals it is the text of roundHalfUp, with exactly that many places', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
        fc.integer({ min: 0, max: 6 }),
        (v, d) => {
          const s = formatNumber(v, d);
          const places = s.includes('.') ? (s.split('.')[1] as string).length : 0;
          return Number(s) === roundHalfUp(v, d) && places === d;
        },
      ),
      RUNS,
    );
  });
});

describe('units and amounts', () => {
  it.each([
    [159498000000, '元', '亿元', '1594.98亿元'],
    [15949800, '万元', '亿元', '1594.98亿元'],
    [1594.98, '亿元', '万元', '15949800万元'],
    [383000, '人', '万人', '38.3万人'],
    [2055, '人', '人', '2055人'],
    [1170000, '吨', '万吨', '117万吨'],
    [550000, '亩', '万亩', '55万亩'],
    [514596, '户', '万户', '51.4596万户'],
    [8000000, '千瓦', '万千瓦', '800万千瓦'],
  ])('formatAmount(%d, %s, {scaleTo: %s}) = %s', (v, from, to, s) => {
    expect(formatAmount(v, from, { scaleTo: to })).toBe(s);
  });

  it('rounds after scaling, keeps units as given without scaleTo', () => {
    expect(formatAmount(159498000000, '元', { scaleTo: '亿元', decimals: 1 })).toBe('1595.0亿元');
    expect(formatAmount(20141.97, '万元')).toBe('20141.97万元');
    expect(formatAmount(5, '㎡')).toBe('5平方米');
    expect(formatAmount(40.1, '%')).toBe('40.1%');
    expect(formatAmount(12, '')).toBe('12');
  });

  it("scaleTo 'auto' picks 亿/万/none by size", () => {
    expect(formatAmount(159498000000, '元', { scaleTo: 'auto' })).toBe('1594.98亿元');
    expect(formatAmount(383000, '人', { scaleTo: 'auto' })).toBe('38.3万人');
    expect(formatAmount(2055, '人', { scaleTo: 'auto' })).toBe('2055人');
    expect(formatAmount(0.5, '万人', { scaleTo: 'auto' })).toBe('5000人');
    expect(formatAmount(12, '个', { scaleTo: 'auto' })).toBe('12个');
  });

  it('convertUnit is exact and refuses incompatible units with a Chinese message', () => {
    expect(convertUnit(159498000000, '元', '亿元')).toBe(1594.98);
    expect(convertUnit(0.3, '亿元', '万元')).toBe(3000);
    expect(convertUnit(7.46, '万元', '元')).toBe(74600);
    const e = expectWordingError(() => convertUnit(1, '亿元', '万人'), 'incompatible-units');
    expect(e).toBeInstanceOf(UnitError);
    expect(e.message).toBe('单位不兼容：“亿元”（金额）不能换算为“万人”（人数）');
    expectWordingError(() => formatAmount(1, '亿元', { scaleTo: '万吨' }), 'incompatible-units');
    expect(expectWordingError(() => convertUnit(1, '亿元', 5 as unknown as string))).toBeInstanceOf(
      UnitError,
    );
    expectWordingError(() => convertUnit(1e308, '亿元', '元'), 'not-a-number');
  });

  it('parseUnit splits scale and base, and refuses what is not a unit', () => {
    expect(parseUnit('亿元')).toEqual({ unit: '亿元', base: '元', scale: '亿', power: 8 });
    expect(parseUnit('万千瓦')).toEqual({ unit: '万千瓦', base: '千瓦', scale: '万', power: 4 });
    expect(parseUnit('万亿元')).toMatchObject({ base: '元', power: 12 });
    expect(parseUnit('万㎡')).toMatchObject({ unit: '万平方米', base: '平方米' });
    expect(parseUnit('个')).toEqual({ unit: '个', base: '个', scale: '', power: 0 });
    for (const bad of ['10亿元', '亿 元', '万%', 'x'.repeat(21)]) {
      expect(expectWordingError(() => parseUnit(bad), 'bad-unit')).toBeInstanceOf(UnitError);
    }
  });

  it('formatPercent', () => {
    expect(formatPercent(40.1)).toBe('40.1%');
    expect(formatPercent(percentShare(49.18, 122.64), { decimals: 1 })).toBe('40.1%');
  });

  it('property: formatAmount never throws anything but WordingError/UnitError', () => {
    const unit = fc.oneof(
      fc.constantFrom('元', '万元', '亿元', '人', '万人', '吨', '%', '个', 'auto', '㎡', '万'),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.anything()),
        unit,
        fc.oneof(
          fc.record({ scaleTo: unit, decimals: fc.anything(), trim: fc.anything() }, { requiredKeys: [] }),
          fc.anything(),
        ),
        (v, u, o) => onlyTyped(() => formatAmount(v as number, u as string, o as wording.AmountOptions)),
      ),
      RUNS,
    );
  });

  it('property: scaling round-trips exactly for decimal inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), (i, d) => {
        const v = i / 10 ** d;
        return convertUnit(convertUnit(v, '亿元', '元'), '元', '亿元') === v;
      }),
      RUNS,
    );
  });
});

describe('growth, points, change and comparison phrases', () => {
  it.each([
    [8.1, undefined, '增长8.1%'],
    [-3.2, undefined, '下降3.2%'],
    [0, undefined, '持平'],
    [-0, undefined, '持平'],
    [0.04, { decimals: 1 }, '持平'],
    [-0.04, { decimals: 1 }, '持平'],
    [-0.05, { decimals: 1 }, '下降0.1%'],
    [10, { decimals: 1 }, '增长10.0%'],
    [8.1, { verb: '提高' }, '提高8.1%'],
    [-8.1, { verb: '提高', down: '降低' }, '降低8.1%'],
    [8.1, { than: '上年' }, '比上年增长8.1%'],
    [0, { than: '上年' }, '与上年持平'],
    [-2, { than: '上年', thanWord: '较' }, '较上年下降2%'],
    [10.5, { qualifier: '以上' }, '增长10.5%以上'],
    [10, { qualifier: '超过' }, '增长超过10%'],
    [29.6, { than: '“十二五”期末' }, '比“十二五”期末增长29.6%'],
  ] as const)('growthPhrase(%d, %j) = %s', (g, o, s) => {
    expect(growthPhrase(g, o as wording.SignedPhraseOptions | undefined)).toBe(s);
  });

  it('growthPhrase refuses 余/多 with percentages and bad options', () => {
    expectWordingError(() => growthPhrase(10, { qualifier: '余' }), 'bad-argument');
    expectWordingError(() => growthPhrase(10, { verb: '下降' as '增长' }), 'bad-options');
    expectWordingError(() => growthPhrase(NaN), 'not-a-number');
  });

  it.each([
    [4.22, undefined, '提高4.22个百分点'],
    [-1.34, undefined, '下降1.34个百分点'],
    [0, undefined, '持平'],
    [4.22, { verb: '提升', than: '2020年', thanWord: '较' }, '较2020年提升4.22个百分点'],
    [7.1, { decimals: 1 }, '提高7.1个百分点'],
    [12, undefined, '提高12个百分点'],
  ] as const)('pointsPhrase(%d, %j) = %s', (g, o, s) => {
    expect(pointsPhrase(g, o as wording.SignedPhraseOptions | undefined)).toBe(s);
  });

  it('pointsPhrase of a computed difference has no float noise', () => {
    expect(60.96 - 56.74).not.toBe(4.22);
    expect(pointsPhrase(60.96 - 56.74)).toBe('提高4.22个百分点');
    expect(pointsPhrase(exactDifference(60.96, 56.74))).toBe('提高4.22个百分点');
  });

  it('changePhrase words a level moving', () => {
    expect(changePhrase(600, 980, '亿元')).toBe('从600亿元提高至980亿元');
    expect(changePhrase(17.63, 1.06, '%', { down: '下降', to: '到' })).toBe('从17.63%下降到1.06%');
    expect(changePhrase(5, 3, '个')).toBe('从5个降低至3个');
    expect(changePhrase(600.04, 600, '亿元', { decimals: 1 })).toBe('保持在600.0亿元');
    expect(changePhrase(15.9, 14, '%', { from: '由', to: '为', down: '下降' })).toBe('由15.9%下降为14%');
  });

  it('deltaPhrase words an absolute change and refuses %', () => {
    expect(deltaPhrase(2.3, '亿元')).toBe('增加2.3亿元');
    expect(deltaPhrase(-3, '个', { than: '上年' })).toBe('比上年减少3个');
    expect(deltaPhrase(0, '个')).toBe('持平');
    expectWordingError(() => deltaPhrase(2, '%'), 'rate-difference');
  });

  it('comparePhrase', () => {
    expect(comparePhrase(6.6, '个百分点', '全省水平')).toBe('比全省水平高6.6个百分点');
    expect(comparePhrase(-0.99, '亿元', '全省平均水平')).toBe('比全省平均水平低0.99亿元');
    expect(comparePhrase(exactDifference(1.91, 2.9), '亿元', '全省平均水平')).toBe(
      '比全省平均水平低0.99亿元',
    );
    expect(comparePhrase(0.001, '个百分点', '全省水平', { decimals: 1 })).toBe('与全省水平持平');
    expectWordingError(() => comparePhrase(6.6, '%', '全省水平'), 'rate-difference');
    expectWordingError(() => comparePhrase(6.6, '个百分点', ''), 'bad-argument');
  });

  const phraseOpts = fc.oneof(
    fc.record(
      {
        decimals: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.anything()),
        trim: fc.oneof(fc.boolean(), fc.anything()),
        verb: fc.oneof(fc.constantFrom('增长', '提高', '提升'), fc.anything()),
        down: fc.oneof(fc.constantFrom('下降', '降低'), fc.anything()),
        than: fc.oneof(fc.constantFrom('上年', ''), fc.anything()),
        thanWord: fc.oneof(fc.constantFrom('比', '较'), fc.anything()),
        qualifier: fc.oneof(fc.constantFrom(...wording.QUALIFIERS), fc.anything()),
      },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );

  it('property: growthPhrase/pointsPhrase never throw anything but WordingError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.anything()),
        phraseOpts,
        (g, o) =>
          onlyTyped(() => growthPhrase(g as number, o as wording.SignedPhraseOptions)) &&
          onlyTyped(() => pointsPhrase(g as number, o as wording.SignedPhraseOptions)),
      ),
      RUNS,
    );
  });

  it('property: growthPhrase never contains "-" (no "增长-x%") and is well formed', () => {
    const validOpts = fc.record(
      {
        decimals: fc.integer({ min: 0, max: 20 }),
        trim: fc.boolean(),
        verb: fc.constantFrom('增长', '提高') as fc.Arbitrary<'增长' | '提高'>,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), validOpts, (g, o) => {
        const s = growthPhrase(g, o);
        return (
          !s.includes('-') && !s.includes('增长-') && /^(?:(?:增长|提高|下降)\d+(?:\.\d+)?%|持平)$/.test(s)
        );
      }),
      RUNS,
    );
  });

  it('property: the sign of the phrase follows the rounded value', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 3 }),
        (g, d) => {
          const r = roundHalfUp(g, d);
          const s = pointsPhrase(g, { decimals: d });
          if (r === 0) return s === '持平';
          return s === `${r > 0 ? '提高' : '下降'}${formatNumber(Math.abs(r), d)}个百分点`;
        },
      ),
      RUNS,
    );
  });
});

describe('shares, ranks, multiples, ratios, qualifiers, ranges', () => {
  it('sharePhrase', () => {
    expect(sharePhrase(40.1)).toBe('占比40.1%');
    expect(sharePhrase(4.1, '全省')).toBe('占全省的4.1%');
    expect(sharePhrase(69.8, '规上企业总数')).toBe('占规上企业总数的69.8%');
    expect(sharePhrase(percentShare(649.5, 1862.28), '规上工业', { decimals: 1 })).toBe('占规上工业的34.9%');
    expectWordingError(() => sharePhrase(-1), 'bad-argument');
    expectWordingError(() => sharePhrase(1, ''), 'bad-argument');
  });

  it('rankPhrase', () => {
    expect(rankPhrase(9)).toBe('居全省第9位');
    expect(rankPhrase(13, '全省')).toBe('居全省第13位');
    expect(rankPhrase(3, '全省', 'chinese')).toBe('全省第三');
    expect(rankPhrase(13, '全国', 'chinese', { before: '位列', suffix: '位' })).toBe('位列全国第十三位');
    expect(rankPhrase(1, '全省', 'arabic', { before: '连年排名', suffix: '' })).toBe('连年排名全省第1');
    expect(rankPhrase(4, '', 'chinese', { before: '综合排名' })).toBe('综合排名第四');
    expectWordingError(() => rankPhrase(0), 'bad-argument');
    expectWordingError(() => rankPhrase(1.5), 'bad-argument');
    expectWordingError(() => rankPhrase(1, '全省', 'roman' as 'arabic'), 'bad-argument');
  });

  it('multiplePhrase', () => {
    expect(multiplePhrase(3.3, 2020)).toBe('是2020年的3.3倍');
    expect(multiplePhrase(2.3, '“十二五”期末')).toBe('是“十二五”期末的2.3倍');
    expect(multiplePhrase(920 / 279, 2020, { decimals: 1 })).toBe('是2020年的3.3倍');
    expectWordingError(() => multiplePhrase(0, 2020), 'bad-argument');
    expectWordingError(() => multiplePhrase(2, 20.5), 'bad-argument');
  });

  it('structureRatio', () => {
    expect(structureRatio([12.5, 44.2, 43.3])).toBe('12.5:44.2:43.3');
    expect(structureRatio([15.9, 46.5, 37.6], 1)).toBe('15.9:46.5:37.6');
    expect(structureRatio([14, 42, 44])).toBe('14:42:44');
    expect(structureRatio([14.5, 42, 43.5])).toBe('14.5:42.0:43.5');
    expect(structureRatio([12.54, 44.19, 43.27], 1)).toBe('12.5:44.2:43.3');
    expectWordingError(() => structureRatio([1]), 'bad-argument');
    expectWordingError(() => structureRatio([1, -2]), 'bad-argument');
    expectWordingError(() => structureRatio([1, NaN]), 'not-a-number');
  });

  it('withQualifier places 余/多 between number and 万/unit, 左右/以上/以内 after, 超过/突破/近/约 before', () => {
    expect(withQualifier(3, '万人', '余')).toBe('3万余人');
    expect(withQualifier(2, '亿元', '多')).toBe('2亿多元');
    expect(withQualifier(6500, '万元', '余')).toBe('6500余万元');
    expect(withQualifier(4.33, '万人', '余')).toBe('4.33万余人');
    expect(withQualifier(5700, '人', '多')).toBe('5700多人');
    expect(withQualifier(30000, '人', '余', { scaleTo: '万人' })).toBe('3万余人');
    expect(withQualifier(30, '万人', '余', { position: 'after-scale' })).toBe('30万余人');
    expect(withQualifier(8, '万元', '左右')).toBe('8万元左右');
    expect(withQualifier(6, '', '左右')).toBe('6左右');
    expect(withQualifier(10.5, '%', '以上')).toBe('10.5%以上');
    expect(withQualifier(4.5, '%', '以内')).toBe('4.5%以内');
    expect(withQualifier(800, '万千瓦', '超')).toBe('超800万千瓦');
    expect(withQualifier(120, '亿元', '超过')).toBe('超过120亿元');
    expect(withQualifier(920, '家', '突破')).toBe('突破920家');
    expect(withQualifier(4000, '元', '约')).toBe('约4000元');
    expect(withQualifier(1, '万亩', '近')).toBe('近1万亩');
    expectWordingError(() => withQualifier(5.5, '人', '多'), 'bad-argument');
    expectWordingError(() => withQualifier(10, '%', '余'), 'bad-argument');
    expectWordingError(() => withQualifier(0, '万人', '余'), 'bad-argument');
    expectWordingError(() => withQualifier(-3, '万人', '余'), 'bad-argument');
    expectWordingError(() => withQualifier(10, '人', '大约' as '约'), 'bad-argument');
  });

  it('rangePhrase uses U+2014 and repeats % and 万/亿 units', () => {
    expect(rangePhrase(30, 40, '%')).toBe('30%—40%');
    expect(rangePhrase(1, 3, '家')).toBe('1—3家');
    expect(rangePhrase(10, 30, '人')).toBe('10—30人');
    expect(rangePhrase(2026, 2030, '年')).toBe('2026—2030年');
    expect(rangePhrase(5, 10, '万元')).toBe('5万元—10万元');
    expect(rangePhrase(1, 2, '小时', { dash: '～' })).toBe('1～2小时');
    expect(rangePhrase(1, 2, '所', { repeatUnit: true })).toBe('1所—2所');
    expect(rangePhrase(1, 3, '家')).toContain('\u2014');
    expectWordingError(() => rangePhrase(3, 1, '家'), 'bad-argument');
  });
});

describe('arithmetic helpers', () => {
  it('growthRate, percentShare, averageAnnualGrowth, exactDifference, sumExact', () => {
    expect(growthRate(100, 108.1)).toBe(8.1);
    expect(growthRate(100, 100.05)).toBe(0.05);
    expect(roundHalfUp(growthRate(100, 100.05), 1)).toBe(0.1); // float (100.05-100)/100*100 would give 0.0
    expect(growthRate(200, 150)).toBe(-25);
    expect(percentShare(49.18, 122.64)).toBeCloseTo(40.1011, 4);
    expect(percentShare(1, 8)).toBe(12.5);
    expect(roundHalfUp(averageAnnualGrowth(100, 200, 1), 6)).toBe(100);
    expect(roundHalfUp(averageAnnualGrowth(600, 980, 5), 2)).toBe(10.31);
    expect(averageAnnualGrowth(100, 0, 2)).toBe(-100);
    expect(exactDifference(0.3, 0.1)).toBe(0.2);
    expect(sumExact([0.1, 0.2])).toBe(0.3);
    expect(sumExact([])).toBe(0);
    expectWordingError(() => growthRate(0, 5), 'division-by-zero');
    expectWordingError(() => growthRate(-5, 5), 'bad-argument');
    expectWordingError(() => percentShare(5, 0), 'division-by-zero');
    expectWordingError(() => averageAnnualGrowth(0, 5, 5), 'bad-argument');
    expectWordingError(() => averageAnnualGrowth(1, 5, 0), 'bad-argument');
    expectWordingError(() => sumExact([1, Infinity]), 'not-a-number');
    expectWordingError(() => percentShare(1e308, 1e-308), 'not-a-number');
  });
});

describe('normalizePunctuation', () => {
  it.each([
    ['增长8.8%,三次产业', '增长8.8%，三次产业'],
    ['目标是:地区生产总值', '目标是：地区生产总值'],
    ['(一)全力开展专项扶贫开发。', '（一）全力开展专项扶贫开发。'],
    ['(本报综合）', '（本报综合）'],
    ['为什么?因为!', '为什么？因为！'],
    ['（2026—2030年)', '（2026—2030年）'],
    ['比上年增长8.1%(按可比价计算)', '比上年增长8.1%（按可比价计算）'],
    ['结构比为12.5:44.2:43.3。', '结构比为12.5:44.2:43.3。'],
    ['时间:10:30', '时间：10:30'],
    ['f(x) = 1', 'f(x) = 1'],
    ['“十四五”,规划', '“十四五”，规划'],
    ['704.9 亿元，增长 8.9%', '704.9亿元，增长8.9%'],
    ['实现 GDP 1594.98 亿元', '实现GDP 1594.98亿元'],
    ['增长 8.9 %', '增长8.9%'],
    ['增长8.8% , 三次', '增长8.8%，三次'],
    ['庄严承诺 世纪工程', '庄严承诺 世纪工程'],
    ['专栏 1：“十五五”时期', '专栏 1：“十五五”时期'],
    ['排放量 54.78* 万吨', '排放量54.78*万吨'],
    ['PM2.5 浓度 35 微克/立方米', 'PM2.5浓度35微克/立方米'],
    ['截止9月底', '截至9月底'],
    ['截止到2013年', '截至2013年'],
    ['截止 2020年9月', '截至2020年9月'],
    ['截止目前，已完成', '截至目前，已完成'],
    ['报名截止日期为5月1日', '报名截止日期为5月1日'],
    ['截止时间', '截止时间'],
    ['增长１６．４％', '增长16．4%'],
    ['Hello, world; ok?', 'Hello, world; ok?'],
    ['5G,4G', '5G,4G'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(normalizePunctuation(input)).toBe(output);
  });

  it('refuses non-strings with WordingError', () => {
    expectWordingError(() => normalizePunctuation(42 as unknown as string), 'bad-argument');
  });

  const textArb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom(
        ...'增长比上年三次（）()，,;；:：?!  \u00a0%.*/1234567890GDP截止至到月底年“”—…专栏'.split(''),
      ),
      maxLength: 40,
    }),
  );

  it('property: never throws anything but WordingError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), textArb), (t) =>
        onlyTyped(() => normalizePunctuation(t as string)),
      ),
      RUNS,
    );
  });

  it('property: idempotent', () => {
    fc.assert(
      fc.property(textArb, (t) => {
        const once = normalizePunctuation(t);
        return normalizePunctuation(once) === once;
      }),
      RUNS,
    );
  });

  it('property: no ASCII , ; ? ! next to a Han character, no space between Han and a digit', () => {
    fc.assert(
      fc.property(textArb, (t) => {
        const out = normalizePunctuation(t);
        return (
          !/\p{Script=Han}[,;?!]|[,;?!]\p{Script=Han}/u.test(out) &&
          !/\p{Script=Han}[ \u00a0]+[0-9]|[0-9][ \u00a0]+\p{Script=Han}/u.test(
            out.replace(/专栏 (?=[0-9])/gu, '专栏'),
          )
        );
      }),
      RUNS,
    );
  });
});

describe('every exported function throws only WordingError on odd input', () => {
  const fns = Object.entries(wording).filter(
    ([, v]) => typeof v === 'function' && !/Error$/.test(v.name),
  ) as [string, (...args: unknown[]) => unknown][];

  it('exports the expected functions', () => {
    expect(fns.map(([k]) => k).sort()).toEqual(
      [
        'averageAnnualGrowth',
        'changePhrase',
        'comparePhrase',
        'convertUnit',
        'deltaPhrase',
        'exactDifference',
        'formatAmount',
        'formatNumber',
        'formatPercent',
        'growthPhrase',
        'growthRate',
        'multiplePhrase',
        'normalizePunctuation',
        'parseUnit',
        'percentShare',
        'pointsPhrase',
        'rangePhrase',
        'rankPhrase',
        'roundHalfUp',
        'sharePhrase',
        'structureRatio',
        'sumExact',
        'withQualifier',
      ].sort(),
    );
  });

  it.each(fns.map(([k, f]) => [k, f] as const))('property: %s', (_name, f) => {
    const arg = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.constantFrom('亿元', '万人', '%', '个百分点', '全省', '余', '左右', '突破', ''),
      fc.array(fc.oneof(fc.double(), fc.anything()), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 5 }), (args) => onlyTyped(() => f(...args))),
      RUNS,
    );
  });
});

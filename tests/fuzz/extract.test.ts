// The text extractor against hostile and broken input (issue 9), property-based: 10,000 generated
// report-like texts, from plausible sentences to garbage. No exception, bounded time, and every candidate
// keeps the contract of DESIGN §3: `text` is exactly the input between `start` and `end`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/core/extract';
import { trickyString } from './arbitraries';

const RUNS = 10_000;

const fragment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '全市',
      '我市',
      '咸安区',
      '嘉鱼县',
      '全省',
      '地区生产总值',
      '规上工业增加值',
      '城镇化率',
      '实现',
      '完成',
      '达到',
      '比上年',
      '同比',
      '较年初',
      '年均',
      '增长',
      '下降',
      '提高',
      '回落',
      '持平',
      '个百分点',
      '亿元',
      '万元',
      '万人',
      '家',
      '%',
      '％',
      '居全省第',
      '位',
      '年',
      '月',
      '上半年',
      '一季度',
      '十三五',
      '十四五',
      '期间',
      '余',
      '以上',
      '约',
      '近',
      '突破',
      '，',
      '。',
      '；',
      '、',
      '：',
      '（',
      '）',
      '“',
      '”',
      '\n',
      '\n\n',
      '\t',
      ' ',
      '—',
      '-',
      '~',
      '1.',
      '一、',
      '（一）',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.integer({ min: 1949, max: 2100 }).map(String),
      fc.double({ min: -1e6, max: 1e9, noNaN: true }).map((v) => String(Math.round(v * 100) / 100)),
      fc.constantFrom(
        '1594.98',
        '8.1',
        '−17.5',
        '１２．５',
        '12.5:44.2:43.3',
        '1,234.5',
        '3万余',
        '二〇二〇',
        '〇',
      ),
    ),
  },
  { weight: 1, arbitrary: trickyString(8) },
);

const num = fc.oneof(
  fc.double({ min: 0, max: 1e5, noNaN: true }).map((v) => String(Math.round(v * 100) / 100)),
  fc.constantFrom('1594.98', '8.1', '12.5', '３８．３', '1,234.5'),
);
/** Sentences the way the reports write them, so that most texts have figures to find. */
const sentence = fc
  .tuple(
    fc.constantFrom('', '2019年，', '2020年上半年，', '“十三五”期间，', '去年'),
    fc.constantFrom('全市', '咸安区', '嘉鱼县', ''),
    fc.constantFrom(
      '实现地区生产总值',
      '完成规上工业增加值',
      '常住人口城镇化率达到',
      '新增市场主体',
      '粮食产量',
    ),
    num,
    fc.constantFrom('亿元', '万元', '%', '万人', '家', '万吨', '户'),
    fc.constantFrom('，比上年增长', '，同比下降', '，提高', '，居全省第', '，年均增长', ''),
    num,
    fc.constantFrom('%', '个百分点', '位', ''),
    fc.constantFrom('。', '；', '，', '\n'),
  )
  .map((parts) => parts.join(''));

const report = fc
  .array(fc.oneof({ weight: 2, arbitrary: sentence }, { weight: 3, arbitrary: fragment }), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('text extractor, fuzzed', () => {
  it(`${RUNS} generated texts: no exception, bounded time, every span exactly the input’s words`, () => {
    let found = 0;
    let slowest = 0;
    const started = performance.now();
    fc.assert(
      fc.property(report, fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: null }), (text, year) => {
        const t = performance.now();
        const candidates = extractFigures(text, {
          year,
          homeRegion: '咸宁市',
          regions: [{ name: '咸安区' }],
        });
        for (const c of candidates) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeGreaterThan(c.start);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(c.text).toBe(text.slice(c.start, c.end));
          expect(typeof c.value === 'string' || Number.isFinite(c.value)).toBe(true);
          expect(c.confidence).toBeGreaterThanOrEqual(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
        }
        found += candidates.length;
        const ms = performance.now() - t;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(1_000);
      }),
      { numRuns: RUNS },
    );
    console.info(
      `extract fuzz: ${RUNS} texts in ${Math.round(performance.now() - started)} ms, slowest ${slowest.toFixed(1)} ms, ${found} candidates`,
    );
    expect(found).toBeGreaterThan(20_000);
  }, 300_000);

  it('enormous and pathological texts are answered within seconds', () => {
    const cases = [
      '增长'.repeat(200_000),
      '1'.repeat(500_000),
      '1.'.repeat(200_000),
      '（'.repeat(100_000),
      '“'.repeat(100_000),
      '地区生产总值1594.98亿元，比上年增长7.9%。'.repeat(5_000),
      '\t1\t2\t3\n'.repeat(50_000),
      '\uD800'.repeat(100_000),
    ];
    for (const text of cases) {
      const t = performance.now();
      const r = extractFigures(text, { year: 2020 });
      for (const c of r.slice(0, 1000)) expect(c.text).toBe(text.slice(c.start, c.end));
      expect(performance.now() - t, text.slice(0, 20)).toBeLessThan(10_000);
    }
  }, 120_000);
});

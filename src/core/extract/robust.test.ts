// The extractor never throws, never returns a span that is not the input's, and never hangs:
// property tests over arbitrary strings and mutated seed text, and 1 MB inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../data/catalogue';
import type { Db } from '../db/connection';
import { openStore } from '../db/store';
import { extractFigures, homeRegionOf, normalise, type ExtractOptions } from '.';

const SEEDS = [
  '000_615068624d0b989b',
  '001_2561f150b456e7c9',
  '002_e46ff4a2c385bd0d',
  '003_e824224675ae437f',
  '004_6d3ef805cadc91a0',
].map((name) => readFileSync(join(__dirname, '../../../tests/fixtures/seeds', `${name}.txt`), 'utf8'));

let db: Db;
let options: ExtractOptions;
beforeAll(() => {
  db = openStore(':memory:').db;
  const catalogue = new Catalogue(db);
  const regions = catalogue.regions();
  options = { indicators: catalogue.indicators(), regions, homeRegion: homeRegionOf(regions) };
});
afterAll(() => db.close());

/** Everything a caller may rely on, whatever the input. */
function wellFormed(input: string): true {
  const out = extractFigures(input, options);
  let last = -1;
  for (const c of out) {
    if (!(c.start >= 0 && c.start <= c.end && c.end <= input.length))
      throw new Error(`bad span ${c.start}–${c.end}`);
    if (input.slice(c.start, c.end) !== c.text)
      throw new Error(`text is not the input's: ${JSON.stringify(c.text)}`);
    if (c.start < last) throw new Error('not in text order');
    last = c.start;
    if (typeof c.value === 'number' ? !Number.isFinite(c.value) : typeof c.value !== 'string')
      throw new Error(`bad value ${String(c.value)}`);
    if (!(c.confidence >= 0 && c.confidence <= 1)) throw new Error(`bad confidence ${c.confidence}`);
    if (!c.indicator || !c.unit) throw new Error('empty indicator or unit');
    if (c.period !== null && !/^\d{4}(—\d{4})?$/.test(c.period)) throw new Error(`bad period ${c.period}`);
  }
  const n = normalise(input);
  if (n.toInput.length !== n.text.length + 1) throw new Error('offset map has the wrong length');
  return true;
}

/** Characters the extractor treats specially, so that random strings reach its rules. */
const ALPHABET = [
  ...'0123456789.,:%‰—-～~至到余多万亿千百十一二三四五六七八九两〇第位名个家户人亩元吨年月日号',
  ...'，。；：、！？（）“”《》●*#_{} \t\n\r\u3000\uFEFF',
  ...'增长下降比上年同比年均提高个百分点占比居全省全国全市我市咸宁通城县镇乡以上左右突破超近约',
  ...'億萬增長佔髙０１２３％',
  '𠀀',
  'GDP',
  'PM2.5',
  '“1331”',
  '2019年',
  '2030 年',
  '十四五',
  '五年来',
  '目前',
  '每户',
  '按照',
  '的标准',
];

interface Mutation {
  seed: number;
  from: number;
  length: number;
  edits: { at: number; remove: number; insert: string }[];
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 500 }),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 5 }),
      insert: fc.constantFrom(...ALPHABET, ''),
    }),
    { maxLength: 8 },
  ),
});

function mutate(m: Mutation): string {
  const text = SEEDS[m.seed];
  const from = m.from % text.length;
  let s = text.slice(from, from + m.length);
  for (const e of m.edits) {
    const at = s.length ? e.at % (s.length + 1) : 0;
    s = s.slice(0, at) + e.insert + s.slice(at + e.remove);
  }
  return s;
}

describe('never throws, spans are the input’s (fast-check, 10,000+ cases)', () => {
  it('arbitrary Unicode strings (4,000 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), wellFormed), { numRuns: 4000 });
  });

  it('strings over the characters and words the rules look at (3,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((a) => a.join('')),
        wellFormed,
      ),
      { numRuns: 3000 },
    );
  });

  it('excerpts of the seed reports with random insertions and deletions (3,000 cases)', () => {
    fc.assert(fc.property(mutation.map(mutate), wellFormed), { numRuns: 3000 });
  });

  it('odd but possible inputs', () => {
    for (const s of [
      '',
      '\uFEFF',
      '\uD800',
      '\uDC00abc',
      '1'.repeat(400),
      '.'.repeat(50) + '5%',
      '第'.repeat(30) + '1位',
      '“'.repeat(20) + '5个',
      '\t\t\t\n\t\t',
      '2019年'.repeat(40),
    ])
      expect(wellFormed(s)).toBe(true);
  });
});

describe('no hang on large inputs (no catastrophic backtracking, no quadratic scans)', () => {
  const MB = 1 << 20;
  const fill = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
  const cases: Record<string, () => string> = {
    'the seeds, repeated to 1 MB': () => fill(SEEDS.join('\n')),
    'the seeds without line breaks': () => fill(SEEDS.join('').replace(/\n/g, '')),
    'one figure after another, no punctuation': () => fill('产值8.1亿元'),
    'figures and relations': () => fill('比上年增长8.1%，占全省的4.1%，居全省第9位；'),
    'opening quotes and brackets that never close': () => fill('“《（'),
    'digits only': () => fill('1234567890'),
    'spaces between words': () => fill('增长 '),
    'years and now-words': () => fill('2019年今年目前'),
    'table rows': () => fill('指标\t2025 年\t2030 年\n人口（万人）\t1\t2\n'),
  };
  for (const [name, make] of Object.entries(cases))
    it(`${name}: 1 MB in well under 20 s`, () => {
      const text = make();
      expect(text.length).toBe(MB);
      const started = performance.now();
      const out = extractFigures(text, options);
      const ms = performance.now() - started;
      console.log(`${name}: ${out.length} candidates in ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(20_000);
    });
});

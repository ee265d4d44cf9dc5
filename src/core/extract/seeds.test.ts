// Precision and recall of `brief extract` on the seed reports: hand-labelled gold for 001 and 003
// (tests/fixtures/extract), and the demo TSV (figures of 000, 002 and 004 with their source words).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../data/catalogue';
import { normaliseDemoName, parseDemoTsv } from '../data/demo';
import type { Db } from '../db/connection';
import { openStore } from '../db/store';
import {
  extractFigures,
  homeRegionOf,
  parseGold,
  scaled,
  score,
  type ExtractOptions,
  type FigureCandidate,
} from '.';

const FIXTURES = join(__dirname, '../../../tests/fixtures');
const seed = (name: string) => readFileSync(join(FIXTURES, 'seeds', `${name}.txt`), 'utf8');

let db: Db;
let options: ExtractOptions;
beforeAll(() => {
  db = openStore(':memory:').db;
  const catalogue = new Catalogue(db);
  const regions = catalogue.regions();
  options = { indicators: catalogue.indicators(), regions, homeRegion: homeRegionOf(regions) };
});
afterAll(() => db.close());

describe('gold figures of seeds 001 and 003 (labelled before tuning; see tests/fixtures/extract/README.md)', () => {
  for (const name of ['001_2561f150b456e7c9', '003_e824224675ae437f']) {
    it(`${name}: precision ≥ 0.9 and recall ≥ 0.8 on (indicator, period, value, unit)`, () => {
      const gold = parseGold(readFileSync(join(FIXTURES, 'extract', `${name}.gold.tsv`), 'utf8'));
      const s = score(extractFigures(seed(name), options), gold);
      console.log(
        `${name}: ${s.candidates} candidates, ${s.gold} gold, ${s.matched} matched — precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`,
      );
      expect(s.precision).toBeGreaterThanOrEqual(0.9);
      expect(s.recall).toBeGreaterThanOrEqual(0.8);
      // What the README reports (so a change in either direction is noticed).
      expect(s.precision).toBeGreaterThanOrEqual(name.startsWith('001') ? 0.97 : 0.99);
      expect(s.recall).toBeGreaterThanOrEqual(name.startsWith('001') ? 0.97 : 0.99);
    });
  }

  it('the gold files parse: every row has a value, a unit and a period column', () => {
    for (const name of ['001_2561f150b456e7c9', '003_e824224675ae437f']) {
      const gold = parseGold(readFileSync(join(FIXTURES, 'extract', `${name}.gold.tsv`), 'utf8'));
      expect(gold.length).toBeGreaterThan(50);
      for (const g of gold) {
        expect(Number.isFinite(g.value)).toBe(true);
        expect(g.units[0]).not.toBe('');
        expect(g.periods.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('recall on the demo TSV (figures stated in seeds 000, 002 and 004)', () => {
  it('finds ≥ 95% of the rows (value and unit at the place of the source words), ≥ 85% with their period', () => {
    const rows = parseDemoTsv(
      readFileSync(join(__dirname, '../../../resources/demo/indicators-from-seeds.tsv'), 'utf8'),
    );
    let found = 0;
    let withPeriod = 0;
    let mapped = 0;
    for (const name of ['000_615068624d0b989b', '002_e46ff4a2c385bd0d', '004_6d3ef805cadc91a0']) {
      const text = seed(name);
      const candidates = extractFigures(text, options);
      // Where a snippet occurs, ignoring whitespace (000 is hard-wrapped; 004 has spaces around numbers).
      let squashed = '';
      const at: number[] = [];
      for (let i = 0; i < text.length; i++)
        if (!/\s/.test(text[i])) {
          squashed += text[i];
          at.push(i);
        }
      for (const r of rows.filter((row) => row.seed === `${name}.txt`)) {
        const snippet = r.sourceSnippet.replace(/\s/g, '');
        const k = squashed.indexOf(snippet);
        const span = k >= 0 ? [at[k] - 12, at[k + snippet.length - 1] + 13] : null;
        const same = (c: FigureCandidate) => {
          if (typeof c.value === 'string' || r.value.includes(':')) return String(c.value) === r.value;
          const a = scaled(c.value, c.unit);
          const b = scaled(Number(r.value), r.unit);
          return a.unit === b.unit && Math.abs(a.value - b.value) <= 1e-6 * Math.max(1, b.value);
        };
        const hits = candidates.filter((c) => same(c) && (!span || (c.start < span[1] && c.end > span[0])));
        if (hits.length) found++;
        if (hits.some((c) => c.period === r.year)) withPeriod++;
        if (hits.some((c) => c.indicator === normaliseDemoName(r.indicator, r.kind).name)) mapped++;
      }
    }
    const n = rows.length;
    console.log(
      `demo TSV: ${n} rows — found ${(found / n).toFixed(3)}, with period ${(withPeriod / n).toFixed(3)}, mapped to the same catalogue indicator ${(mapped / n).toFixed(3)}`,
    );
    expect(found / n).toBeGreaterThanOrEqual(0.95);
    expect(withPeriod / n).toBeGreaterThanOrEqual(0.85);
    expect(mapped / n).toBeGreaterThanOrEqual(0.55);
  });

  it('reads 专栏1 of seed 004 as a table: rows shifted by merged cells, * years from the note, 年均 columns', () => {
    const text = seed('004_6d3ef805cadc91a0');
    const c = extractFigures(text, options);
    const find = (indicator: string, period: string) =>
      c.find((x) => x.indicator === indicator && x.period === period);
    expect(find('常住人口城镇化率', '2030')).toMatchObject({ value: 65, unit: '%', qualifier: '左右' });
    expect(find('全员劳动生产率增速', '2024')).toMatchObject({ value: 6.4, text: '6.4*' });
    expect(find('地区生产总值年均增速', '2026—2030')).toMatchObject({
      value: 6,
      qualifier: '左右',
      relation: '年均增长',
    });
    expect(find('每千人口注册护士数', '2030')).toMatchObject({
      value: 5.1,
      unit: '人',
      indicatorMatch: 'catalogue',
    });
    expect(find('人均预期寿命', '2025')).toMatchObject({ value: 81.7, unit: '岁' });
    expect(find('3岁以下婴幼儿入托率提高', '2026—2030')).toMatchObject({ value: 10, unit: '个百分点' });
    expect(find('能源综合生产能力', '2025')).toMatchObject({ value: 106, unit: '万吨标准煤' });
    for (const x of c) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
});

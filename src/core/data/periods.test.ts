import { describe, expect, it } from 'vitest';
import { parsePeriod, PeriodError } from './periods';

describe('parsePeriod', () => {
  it.each([
    ['2019', '2019', 'year'],
    ['2019年', '2019', 'year'],
    ['2020年上半年', '2020H1', 'half'],
    ['2020H2', '2020H2', 'half'],
    ['2020年一季度', '2020Q1', 'quarter'],
    ['2020Q4', '2020Q4', 'quarter'],
    ['2020年3月', '2020-03', 'month'],
    ['2020-03', '2020-03', 'month'],
    ['2026—2030', '2026-2030', 'plan'],
    ['2026-2030年', '2026-2030', 'plan'],
    ['十五五', '2026-2030', 'plan'],
    ['“十三五”时期', '2016-2020', 'plan'],
  ])('%s → %s', (input, key, kind) => {
    const p = parsePeriod(input);
    expect(p.key).toBe(key);
    expect(p.kind).toBe(kind);
  });

  it('writes labels the way the reports do', () => {
    expect(parsePeriod('2020H1').label).toBe('2020年上半年');
    expect(parsePeriod('十四五').label).toBe('2021—2025');
    expect(parsePeriod(2019).label).toBe('2019');
  });

  it.each(['19', '2020年13月', '2030—2026', 'abc', '', '2020Q5'])(
    'rejects %j with the forms it expects',
    (bad) => {
      expect(() => parsePeriod(bad)).toThrow(PeriodError);
      expect(() => parsePeriod(bad)).toThrow(/应写作 2019、2020年上半年/);
    },
  );
});

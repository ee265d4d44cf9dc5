import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NumeralError,
  ORDINAL_KINDS,
  chineseDigitsYear,
  chineseOrdinalLabel,
  coverDate,
  documentDate,
  fiveYearPlanName,
  fiveYearPlanYears,
  parseChineseNumeral,
  parseFiveYearPlan,
  parseOrdinalLabel,
  toChineseNumeral,
} from './numerals';

const RUNS = { numRuns: 1000 };

function expectNumeralError(f: () => unknown, code?: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NumeralError);
    if (code !== undefined) expect((e as NumeralError).code).toBe(code);
    return;
  }
  throw new Error('expected a NumeralError');
}

describe('toChineseNumeral', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [14, '十四'],
    [15, '十五'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [55, '五十五'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [103, '一百零三'],
    [110, '一百一十'],
    [111, '一百一十一'],
    [156, '一百五十六'],
    [200, '二百'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [1100, '一千一百'],
    [2026, '二千零二十六'],
    [9999, '九千九百九十九'],
  ])('%i → %s', (n, s) => {
    expect(toChineseNumeral(n)).toBe(s);
  });

  it('rejects what is not an integer 0…9999 with NumeralError', () => {
    expectNumeralError(() => toChineseNumeral(-1), 'out-of-range');
    expectNumeralError(() => toChineseNumeral(10000), 'out-of-range');
    expectNumeralError(() => toChineseNumeral(1.5), 'not-integer');
    expectNumeralError(() => toChineseNumeral(NaN), 'not-integer');
    expectNumeralError(() => toChineseNumeral(Infinity), 'not-integer');
    expectNumeralError(() => toChineseNumeral('3' as unknown as number), 'not-integer');
  });
});

describe('chineseOrdinalLabel', () => {
  it.each([
    ['h1', 1, '一、'],
    ['h1', 10, '十、'],
    ['h2', 1, '（一）'],
    ['h2', 12, '（十二）'],
    ['h3', 1, '1.'],
    ['h3', 12, '12.'],
    ['h4', 1, '（1）'],
    ['h4', 3, '（3）'],
    ['chapter', 1, '第一章'],
    ['chapter', 13, '第十三章'],
    ['section', 1, '第一节'],
    ['section', 55, '第五十五节'],
    ['item', 1, '一、'],
    ['lead', 1, '一是'],
    ['lead', 3, '三是'],
    ['must', 1, '一要'],
    ['note', 1, '①'],
    ['note', 20, '⑳'],
    ['note', 21, '㉑'],
    ['note', 36, '㊱'],
    ['note', 50, '㊿'],
  ] as const)('%s %i → %s', (kind, n, s) => {
    expect(chineseOrdinalLabel(kind, n)).toBe(s);
  });

  it('rejects bad kinds and numbers', () => {
    expectNumeralError(() => chineseOrdinalLabel('h9' as 'h1', 1), 'bad-kind');
    expectNumeralError(() => chineseOrdinalLabel('h1', 0), 'out-of-range');
    expectNumeralError(() => chineseOrdinalLabel('note', 51), 'out-of-range');
    expectNumeralError(() => chineseOrdinalLabel('h2', 2.5), 'not-integer');
  });

  it('reads every label back with parseOrdinalLabel', () => {
    for (const kind of ORDINAL_KINDS) {
      for (const n of [1, 2, 9, 10, 11, 20, 50]) {
        const parsed = parseOrdinalLabel(chineseOrdinalLabel(kind, n));
        expect(parsed).toEqual({ kind: kind === 'item' ? 'h1' : kind, n });
      }
    }
    expect(parseOrdinalLabel('(一)')).toEqual({ kind: 'h2', n: 1 }); // seed 003 half-width
    expect(parseOrdinalLabel('第十三章')).toEqual({ kind: 'chapter', n: 13 });
    expectNumeralError(() => parseOrdinalLabel('第零章'));
    expectNumeralError(() => parseOrdinalLabel('一二三'));
    expectNumeralError(() => parseOrdinalLabel(''));
  });
});

describe('years and dates', () => {
  it('writes years digit by digit with U+3007', () => {
    expect(chineseDigitsYear(2026)).toBe('二〇二六');
    expect(chineseDigitsYear(2026)).toContain('\u3007');
    expect(chineseDigitsYear(2026)).not.toMatch(/[零O０o]/);
    expect(chineseDigitsYear(1998)).toBe('一九九八');
    expect(chineseDigitsYear(2000)).toBe('二〇〇〇');
    expectNumeralError(() => chineseDigitsYear(0));
    expectNumeralError(() => chineseDigitsYear(2026.5));
  });

  it('cover dates (seed 004 L7)', () => {
    expect(coverDate(2026, 5)).toBe('二〇二六年五月');
    expect(coverDate(2025, 12)).toBe('二〇二五年十二月');
    expect(coverDate(2012, 5, 18)).toBe('二〇一二年五月十八日');
    expect(coverDate(2020, 10, 31)).toBe('二〇二〇年十月三十一日');
    expectNumeralError(() => coverDate(2026, 13), 'out-of-range');
    expectNumeralError(() => coverDate(2026, 0), 'out-of-range');
    expectNumeralError(() => coverDate(2026, 2, 29), 'bad-date');
    expect(coverDate(2024, 2, 29)).toBe('二〇二四年二月二十九日');
  });

  it('成文日期 in Arabic digits without padding (§G.7)', () => {
    expect(documentDate(2026, 5, 8)).toBe('2026年5月8日');
    expect(documentDate(2020, 9)).toBe('2020年9月');
    expectNumeralError(() => documentDate(2026, 4, 31), 'bad-date');
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['零', 0],
    ['〇', 0],
    ['十', 10],
    ['十四', 14],
    ['十五', 15],
    ['一十五', 15],
    ['二十', 20],
    ['一百零三', 103],
    ['一百〇三', 103],
    ['两百', 200],
    ['两千零五', 2005],
    ['九千九百九十九', 9999],
    ['二〇二六', 2026],
    ['一九九八', 1998],
    [' 十三 ', 13],
  ])('%s → %i', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each(['', '十十', '一百百', '十四五', '百', '一千千', '三十〇', 'abc', '12', '十一百', '零十'])(
    'rejects %j with NumeralError',
    (s) => {
      expectNumeralError(() => parseChineseNumeral(s), 'bad-numeral');
    },
  );

  it('round-trips every number 0…9999 exhaustively', () => {
    for (let n = 0; n <= 9999; n++) {
      const s = toChineseNumeral(n);
      if (parseChineseNumeral(s) !== n) throw new Error(`${n} → ${s}`);
      if (toChineseNumeral(parseChineseNumeral(s)) !== s) throw new Error(s);
    }
  });

  it('property: toChineseNumeral ∘ parse round-trips 0…9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (n) => {
        const s = toChineseNumeral(n);
        return parseChineseNumeral(s) === n && toChineseNumeral(parseChineseNumeral(s)) === s;
      }),
      RUNS,
    );
  });

  it('property: years round-trip through chineseDigitsYear', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (y) => parseChineseNumeral(chineseDigitsYear(y)) === y),
      RUNS,
    );
  });

  it('property: never throws anything but NumeralError on arbitrary input', () => {
    const chars = fc.constantFrom(...'〇零一二两三四五六七八九十百千万五 x1'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.string({ unit: chars, maxLength: 8 })), (s) => {
        try {
          const n = parseChineseNumeral(s as string);
          return Number.isInteger(n) && n >= 0;
        } catch (e) {
          return e instanceof NumeralError;
        }
      }),
      RUNS,
    );
  });

  it('property: whatever parses as positional also prints back canonically', () => {
    const chars = fc.constantFrom(...'零一二三四五六七八九十百千'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, minLength: 1, maxLength: 7 }), (s) => {
        let n: number;
        try {
          n = parseChineseNumeral(s);
        } catch (e) {
          return e instanceof NumeralError;
        }
        // positional forms parse only when canonical (the one variant in this alphabet: 一十五 = 十五)
        return !/[十百千]/.test(s) || toChineseNumeral(n) === s.replace(/^一十/, '十');
      }),
      RUNS,
    );
  });
});

describe('five-year plans', () => {
  it('names, parses and dates them', () => {
    expect(fiveYearPlanName(14)).toBe('“十四五”');
    expect(fiveYearPlanName(15, { quoted: false })).toBe('十五五');
    expect(parseFiveYearPlan('十四五')).toBe(14);
    expect(parseFiveYearPlan('“十五五”')).toBe(15);
    expect(parseFiveYearPlan('“十二五”期末')).toBe(12);
    expect(parseFiveYearPlan('十三五规划')).toBe(13);
    expect(fiveYearPlanYears(15)).toEqual({ start: 2026, end: 2030 });
    expect(fiveYearPlanYears(14)).toEqual({ start: 2021, end: 2025 });
    expect(fiveYearPlanYears(13)).toEqual({ start: 2016, end: 2020 });
    expect(fiveYearPlanYears(1)).toEqual({ start: 1953, end: 1957 });
    expect(fiveYearPlanYears(3)).toEqual({ start: 1966, end: 1970 });
    expectNumeralError(() => parseFiveYearPlan('五'), 'bad-numeral');
    expectNumeralError(() => parseFiveYearPlan('十四'), 'bad-numeral');
    expectNumeralError(() => parseFiveYearPlan('十十五'), 'bad-numeral');
    expectNumeralError(() => fiveYearPlanName(0), 'out-of-range');
  });
});

/**
 * Periods as the reports write them, and their storage keys:
 *   2019 → "2019"; 2020年上半年 / 2020H1 → "2020H1"; 2020年一季度 / 2020Q1 → "2020Q1";
 *   2020年3月 / 2020-03 → "2020-03"; 2026—2030 / 十五五 → "2026-2030".
 */
import { DIGIT_VALUE } from '../doc/numerals';
export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'plan';

export interface Period {
  key: string;
  kind: PeriodKind;
  startYear: number;
  endYear: number;
  /** Half (1–2), quarter (1–4) or month (1–12). */
  sub: number | null;
  /** How the reports write it: 2019, 2020年上半年, 2026—2030. */
  label: string;
}

export class PeriodError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'PeriodError';
  }
}

const PLAN_NAMES: Record<string, number> = {
  十一五: 2006,
  十二五: 2011,
  十三五: 2016,
  十四五: 2021,
  十五五: 2026,
  十六五: 2031,
};

function year(y: number): number {
  if (!Number.isInteger(y) || y < 1949 || y > 2100) throw new RangeError('year');
  return y;
}

function make(kind: PeriodKind, startYear: number, endYear: number, sub: number | null): Period {
  switch (kind) {
    case 'year':
      return { key: `${startYear}`, kind, startYear, endYear, sub, label: `${startYear}` };
    case 'half':
      return {
        key: `${startYear}H${sub}`,
        kind,
        startYear,
        endYear,
        sub,
        label: `${startYear}年${sub === 1 ? '上' : '下'}半年`,
      };
    case 'quarter':
      return {
        key: `${startYear}Q${sub}`,
        kind,
        startYear,
        endYear,
        sub,
        label: `${startYear}年${'一二三四'[sub! - 1]}季度`,
      };
    case 'month':
      return {
        key: `${startYear}-${String(sub).padStart(2, '0')}`,
        kind,
        startYear,
        endYear,
        sub,
        label: `${startYear}年${sub}月`,
      };
    case 'plan':
      return {
        key: `${startYear}-${endYear}`,
        kind,
        startYear,
        endYear,
        sub,
        label: `${startYear}—${endYear}`,
      };
  }
}

/** Parses a period as written in a file or on the command line; throws PeriodError with the expected forms. */
export function parsePeriod(input: string | number): Period {
  const raw = String(input)
    .trim()
    .replace(/\s+/g, '')
    .replace(/[“”"'‘’]/g, '');
  try {
    let m: RegExpMatchArray | null;
    if ((m = raw.match(/^(\d{4})(?:\.0+)?年?$/))) return make('year', year(+m[1]), +m[1], null);
    if ((m = raw.match(/^(\d{4})(?:年)?(?:H([12])|([上下])半年)$/i))) {
      const h = m[2] ? +m[2] : m[3] === '上' ? 1 : 2;
      return make('half', year(+m[1]), +m[1], h);
    }
    if ((m = raw.match(/^(\d{4})(?:年)?(?:Q([1-4])|(?:第)?([一二三四1-4])季度)$/i))) {
      const q = m[2] ? +m[2] : (DIGIT_VALUE[m[3]] ?? +m[3]);
      return make('quarter', year(+m[1]), +m[1], q);
    }
    if ((m = raw.match(/^(\d{4})(?:-|年)(\d{1,2})月?$/))) {
      const mo = +m[2];
      if (mo < 1 || mo > 12) throw new RangeError('month');
      return make('month', year(+m[1]), +m[1], mo);
    }
    if ((m = raw.match(/^(\d{4})(?:年)?[-—–~～至](\d{4})年?$/))) {
      const a = year(+m[1]);
      const b = year(+m[2]);
      if (b <= a) throw new RangeError('plan');
      return make('plan', a, b, null);
    }
    if ((m = raw.match(/^(十[一二三四五六]五)(?:时期|期间|规划)?$/))) {
      const start = PLAN_NAMES[m[1]];
      return make('plan', start, start + 4, null);
    }
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  throw new PeriodError(
    `「${String(input)}」不是可识别的时间：应写作 2019、2020年上半年、2020年一季度、2020年3月或 2026—2030（十五五）`,
    String(input),
  );
}

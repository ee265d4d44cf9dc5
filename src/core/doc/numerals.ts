/**
 * Chinese numerals as the house style uses them (style-spec §A.0, §B.1, §G.7):
 * ordinals in heading labels (一、 （一） 第一章 第一节 一是), "〇"-style years for covers
 * (二〇二六年五月), five-year-plan names (“十四五”), and the inverse parsers.
 *
 * Pure TypeScript. Every function throws only {@link NumeralError}.
 */

export type NumeralErrorCode = 'out-of-range' | 'not-integer' | 'bad-numeral' | 'bad-kind' | 'bad-date';

/** The only error this module throws. `input` is the offending value (for messages and logs). */
export class NumeralError extends Error {
  readonly code: NumeralErrorCode;
  readonly input: unknown;
  constructor(code: NumeralErrorCode, message: string, input?: unknown) {
    super(message);
    this.name = 'NumeralError';
    this.code = code;
    this.input = input;
  }
}

/** A short, never-throwing description of any value, for error messages (shared with wording.ts). */
export function describe(v: unknown): string {
  if (typeof v === 'string') return `“${v.length > 40 ? v.slice(0, 40) + '…' : v}”`;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'symbol') return 'symbol';
  if (typeof v === 'function') return '函数';
  return Array.isArray(v) ? '数组' : '对象';
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
/** Digit-by-digit forms used for years: zero is U+3007 "〇", never 零, O or ０. */
const YEAR_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const PLACE = ['千', '百', '十', ''] as const;

function requireInt(n: unknown, min: number, max: number, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new NumeralError('not-integer', `${what}必须是整数，收到 ${describe(n)}`, n);
  }
  if (!Number.isInteger(n))
    throw new NumeralError('not-integer', `${what}必须是整数，收到 ${describe(n)}`, n);
  if (n < min || n > max) {
    throw new NumeralError('out-of-range', `${what}超出范围 ${min}…${max}：${describe(n)}`, n);
  }
  return n;
}

/**
 * 0…9999 in Chinese ordinal wording: 零, 五, 十, 十一, 二十, 九十九, 一百, 一百零三, 一百一十,
 * 一千零一, 一千零一十. Ten to nineteen drop the leading 一 (十一, not 一十一), as headings do.
 */
export function toChineseNumeral(n: number): string {
  requireInt(n, 0, 9999, '中文数字');
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return '十' + (n % 10 === 0 ? '' : DIGITS[n % 10]);
  const ds = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let started = false;
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = ds[i] as number;
    if (d === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + PLACE[i];
    started = true;
  }
  return out;
}

/** The kinds of sequence label the house style writes (style-spec §A.0). */
export type OrdinalKind =
  | 'h1' // 一、
  | 'h2' // （一）
  | 'h3' // 1.
  | 'h4' // （1）
  | 'chapter' // 第一章
  | 'section' // 第一节
  | 'item' // 一、 (under 第X节)
  | 'lead' // 一是
  | 'must' // 一要 (4th level of the 调研报告 ladder)
  | 'note'; // ① (notes under tables, 1…50)

export const ORDINAL_KINDS: readonly OrdinalKind[] = [
  'h1',
  'h2',
  'h3',
  'h4',
  'chapter',
  'section',
  'item',
  'lead',
  'must',
  'note',
];

/** ① … ㊿ (U+2460–2473, U+3251–325F, U+32B1–32BF). */
function circled(n: number): string {
  if (n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  return String.fromCodePoint(0x32b1 + n - 36);
}

/**
 * The literal label of the n-th item of a ladder level: ('h1', 1) → "一、", ('h2', 3) → "（三）",
 * ('h3', 2) → "2.", ('h4', 2) → "（2）", ('chapter', 12) → "第十二章", ('section', 1) → "第一节",
 * ('item', 4) → "四、", ('lead', 2) → "二是", ('must', 1) → "一要", ('note', 1) → "①".
 * n is 1…9999 (1…50 for notes).
 */
export function chineseOrdinalLabel(kind: OrdinalKind, n: number): string {
  if (typeof kind !== 'string' || !(ORDINAL_KINDS as readonly string[]).includes(kind)) {
    throw new NumeralError('bad-kind', `未知的序号类型 ${describe(kind)}`, kind);
  }
  requireInt(n, 1, kind === 'note' ? 50 : 9999, '序号');
  switch (kind) {
    case 'h1':
    case 'item':
      return `${toChineseNumeral(n)}、`;
    case 'h2':
      return `（${toChineseNumeral(n)}）`;
    case 'h3':
      return `${n}.`;
    case 'h4':
      return `（${n}）`;
    case 'chapter':
      return `第${toChineseNumeral(n)}章`;
    case 'section':
      return `第${toChineseNumeral(n)}节`;
    case 'lead':
      return `${toChineseNumeral(n)}是`;
    case 'must':
      return `${toChineseNumeral(n)}要`;
    case 'note':
      return circled(n);
  }
}

/** A year digit by digit with 〇 (U+3007): 2026 → "二〇二六", 1998 → "一九九八". Year 1…9999. */
export function chineseDigitsYear(year: number): string {
  requireInt(year, 1, 9999, '年份');
  return Array.from(String(year), (d) => YEAR_DIGITS[Number(d)]).join('');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkDate(year: number, month: number, day: number | undefined): void {
  requireInt(year, 1, 9999, '年份');
  requireInt(month, 1, 12, '月份');
  if (day !== undefined) {
    requireInt(day, 1, 31, '日期');
    if (day > daysInMonth(year, month)) {
      throw new NumeralError('bad-date', `${year}年${month}月没有${day}日`, day);
    }
  }
}

/**
 * Cover / signature date of plan-type documents in Chinese numerals (style-spec §B.1, §G.7):
 * (2026, 5) → "二〇二六年五月"; (2012, 5, 18) → "二〇一二年五月十八日".
 */
export function coverDate(year: number, month: number, day?: number): string {
  checkDate(year, month, day);
  const ym = `${chineseDigitsYear(year)}年${toChineseNumeral(month)}月`;
  return day === undefined ? ym : `${ym}${toChineseNumeral(day)}日`;
}

/**
 * 成文日期 in Arabic digits, year in full, no padding (GB/T 9704-2012 7.3.5.4, style-spec §G.7):
 * (2026, 5, 8) → "2026年5月8日"; without a day → "2026年5月".
 */
export function documentDate(year: number, month: number, day?: number): string {
  checkDate(year, month, day);
  return day === undefined ? `${year}年${month}月` : `${year}年${month}月${day}日`;
}

let canonical: Map<string, number> | null = null;
function canonicalMap(): Map<string, number> {
  if (canonical === null) {
    canonical = new Map();
    for (let n = 0; n <= 9999; n++) canonical.set(toChineseNumeral(n), n);
  }
  return canonical;
}

/** Value of each Chinese digit (〇/零 and 两 included); shared with the text extractor. */
export const DIGIT_VALUE: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Inverse of {@link toChineseNumeral} and {@link chineseDigitsYear}: "十四" → 14, "一百零三" → 103,
 * "二〇二六" → 2026. Accepts the common variants 两 (两百), 〇 for 零 (一百〇三) and 一十 (一十五).
 * Anything else (十十, 一百百, 十四五, empty) throws NumeralError 'bad-numeral'; for five-year-plan
 * names use {@link parseFiveYearPlan}.
 */
export function parseChineseNumeral(s: string): number {
  if (typeof s !== 'string') throw new NumeralError('bad-numeral', `不是中文数字：${describe(s)}`, s);
  const t = s.trim();
  if (t === '') throw new NumeralError('bad-numeral', '中文数字为空', s);
  const map = canonicalMap();
  const direct = map.get(t);
  if (direct !== undefined) return direct;
  if (/[十百千]/.test(t)) {
    let v = t.replace(/〇/g, '零').replace(/两/g, '二');
    if (v.startsWith('一十')) v = v.slice(1);
    const n = map.get(v);
    if (n !== undefined) return n;
  } else if (t.length <= 15 && /^[〇零一二三四五六七八九]+$/.test(t)) {
    let n = 0;
    for (const ch of t) n = n * 10 + (DIGIT_VALUE[ch] as number);
    return n;
  }
  throw new NumeralError('bad-numeral', `无法识别的中文数字：${describe(s)}`, s);
}

/** The numeral part of a label: Chinese (一, 十四) or ASCII digits. */
function labelNumber(body: string, s: string): number {
  if (/^\d{1,4}$/.test(body)) return Number(body);
  try {
    return parseChineseNumeral(body);
  } catch {
    throw new NumeralError('bad-numeral', `无法识别的序号：${describe(s)}`, s);
  }
}

/**
 * Reads a heading / sequence label back: "第十二章" → {kind:'chapter', n:12}, "（三）" → h2, "2." → h3,
 * "（2）" → h4, "四、" → h1 (item labels read as h1: the text is the same), "二是" → lead, "一要" → must,
 * "①" → note. Half-width brackets as in seeds 002/003 ("(一)") are accepted.
 */
export function parseOrdinalLabel(s: string): { kind: OrdinalKind; n: number } {
  if (typeof s !== 'string') throw new NumeralError('bad-numeral', `不是序号：${describe(s)}`, s);
  const t = s.trim();
  const cn = '[〇零一二两三四五六七八九十百千]+';
  let m: RegExpExecArray | null;
  const fail = (): never => {
    throw new NumeralError('bad-numeral', `无法识别的序号：${describe(s)}`, s);
  };
  const pos = (n: number): number => (n >= 1 ? n : fail());
  if ((m = new RegExp(`^第(${cn})章$`).exec(t)))
    return { kind: 'chapter', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = new RegExp(`^第(${cn})节$`).exec(t)))
    return { kind: 'section', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = new RegExp(`^[（(](${cn})[)）]$`).exec(t)))
    return { kind: 'h2', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = /^[（(](\d{1,4})[)）]$/.exec(t))) return { kind: 'h4', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = /^(\d{1,4})[.．]$/.exec(t))) return { kind: 'h3', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = new RegExp(`^(${cn})、$`).exec(t))) return { kind: 'h1', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = new RegExp(`^(${cn})是$`).exec(t)))
    return { kind: 'lead', n: pos(labelNumber(m[1] as string, s)) };
  if ((m = new RegExp(`^(${cn})要$`).exec(t)))
    return { kind: 'must', n: pos(labelNumber(m[1] as string, s)) };
  const cp = t.length <= 2 ? t.codePointAt(0) : undefined;
  if (cp !== undefined && String.fromCodePoint(cp) === t) {
    if (cp >= 0x2460 && cp <= 0x2473) return { kind: 'note', n: cp - 0x2460 + 1 };
    if (cp >= 0x3251 && cp <= 0x325f) return { kind: 'note', n: cp - 0x3251 + 21 };
    if (cp >= 0x32b1 && cp <= 0x32bf) return { kind: 'note', n: cp - 0x32b1 + 36 };
  }
  return fail();
}

/**
 * Name of the n-th five-year plan: 14 → "“十四五”", 15 → "“十五五”" (quoted with “ ” as the seeds
 * write it, style-spec §B.1); `{ quoted: false }` → "十五五".
 */
export function fiveYearPlanName(n: number, opts?: { quoted?: boolean }): string {
  requireInt(n, 1, 99, '五年规划序号');
  const quoted = typeof opts === 'object' && opts !== null && opts.quoted === false ? false : true;
  const name = `${toChineseNumeral(n)}五`;
  return quoted ? `“${name}”` : name;
}

/** "十四五" / "“十五五”" / "十五五规划" / "“十四五”时期" → 14 / 15. */
export function parseFiveYearPlan(s: string): number {
  if (typeof s !== 'string') throw new NumeralError('bad-numeral', `不是五年规划名称：${describe(s)}`, s);
  const m = /^[“"]?([〇零一二两三四五六七八九十]+)五[”"]?(?:规划|时期|期间|期末|期初)?$/.exec(s.trim());
  if (m) {
    let n: number | undefined;
    try {
      n = parseChineseNumeral(m[1] as string);
    } catch {
      n = undefined;
    }
    if (n !== undefined && n >= 1 && n <= 99) return n;
  }
  throw new NumeralError('bad-numeral', `无法识别的五年规划名称：${describe(s)}`, s);
}

/**
 * Years of the n-th five-year plan: 14 → 2021–2025, 15 → 2026–2030, 1 → 1953–1957, 2 → 1958–1962
 * (1963–1965 was an adjustment period, so the 3rd plan starts in 1966).
 */
export function fiveYearPlanYears(n: number): { start: number; end: number } {
  requireInt(n, 1, 99, '五年规划序号');
  const start = n === 1 ? 1953 : n === 2 ? 1958 : 1966 + 5 * (n - 3);
  return { start, end: start + 4 };
}

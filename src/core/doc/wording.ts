/**
 * Number wording for templates: how the house style writes data-bound numbers in prose
 * (style-spec §B.1/§B.2): "1594.98亿元", "比上年增长8.1%", "下降1.34个百分点", "居全省第9位",
 * "是2020年的3.3倍", "12.5:44.2:43.3", "3万余人", "30%—40%", and the text hygiene of §B.1
 * (full-width CJK punctuation, no spaces around numbers, 截至 not 截止).
 *
 * All rounding and unit scaling is done in exact decimal arithmetic on the shortest decimal form
 * of a number (what `String(v)` prints), so 1.005 rounds to 1.01 and 159498000000元 is exactly
 * 1594.98亿元. Every function throws only {@link WordingError} (or its subclass {@link UnitError}).
 *
 * Pure TypeScript: no node, DOM or I/O.
 */
import { describe, toChineseNumeral } from './numerals';

// ---------------------------------------------------------------------------------------------
// Errors

export type WordingErrorCode =
  | 'not-a-number' // not a finite number
  | 'bad-decimals' // decimals not an integer 0…20
  | 'bad-argument' // an argument of the wrong type or out of its domain
  | 'bad-options' // an options object that is not an object or has a bad field
  | 'division-by-zero'
  | 'rate-difference' // a difference of rates worded with % instead of 个百分点
  | 'bad-unit' // a unit string that is not a unit
  | 'incompatible-units'; // 亿元 → 万人

/** The only error class the wording functions throw. */
export class WordingError extends Error {
  readonly code: WordingErrorCode;
  /** The offending value. */
  readonly input: unknown;
  constructor(code: WordingErrorCode, message: string, input?: unknown) {
    super(message);
    this.name = 'WordingError';
    this.code = code;
    this.input = input;
  }
}

/** Unit problems: a unit string that is not a unit, or two units that cannot be converted. */
export class UnitError extends WordingError {
  readonly from: string | undefined;
  readonly to: string | undefined;
  constructor(code: 'bad-unit' | 'incompatible-units', message: string, from?: string, to?: string) {
    super(code, message, to === undefined ? from : { from, to });
    this.name = 'UnitError';
    this.from = from;
    this.to = to;
  }
}

// ---------------------------------------------------------------------------------------------
// Exact decimals: value = (neg ? -1 : 1) × coef × 10^exp

interface Dec {
  neg: boolean;
  coef: bigint;
  exp: number;
}

const ZERO: Dec = { neg: false, coef: 0n, exp: 0 };

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

function norm(d: Dec): Dec {
  if (d.coef === 0n) return ZERO;
  let { coef, exp } = d;
  while (coef % 10n === 0n) {
    coef /= 10n;
    exp++;
  }
  return { neg: d.neg, coef, exp };
}

/** The shortest decimal form of a finite double (as String(v) prints it), exactly. */
function decOf(v: number): Dec {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(v)));
  if (m === null) throw new WordingError('not-a-number', `不是有限数：${describe(v)}`, v);
  const int = m[1] as string;
  const frac = m[2] ?? '';
  const e = m[3] === undefined ? 0 : Number(m[3]);
  return norm({ neg: v < 0, coef: BigInt(int + frac), exp: e - frac.length });
}

/** Round half away from zero ("四舍五入") to `decimals` places (may be negative: tens, hundreds). */
function decRound(d: Dec, decimals: number): Dec {
  if (d.exp >= -decimals) return d;
  const p = pow10(-decimals - d.exp);
  let q = d.coef / p;
  if ((d.coef % p) * 2n >= p) q += 1n;
  return norm({ neg: d.neg, coef: q, exp: -decimals });
}

function digitCount(c: bigint): number {
  return c === 0n ? 1 : c.toString().length;
}

/** Default clean-up of binary noise: at most 15 significant digits and 10 decimal places. */
function decClean(d: Dec): Dec {
  const n = digitCount(d.coef);
  const s = n > 15 ? decRound(d, -(d.exp + n - 15)) : d;
  return decRound(s, 10);
}

/** Plain decimal text, never exponent notation, never "-0". `fixed` pads to that many decimals. */
function decText(d: Dec, fixed?: number): string {
  let { coef, exp } = d;
  if (fixed !== undefined && exp > -fixed) {
    coef *= pow10(exp + fixed);
    exp = -fixed;
  }
  let digits = coef.toString();
  let out: string;
  if (exp >= 0) out = coef === 0n ? '0' : digits + '0'.repeat(exp);
  else {
    const k = -exp;
    if (digits.length <= k) digits = '0'.repeat(k - digits.length + 1) + digits;
    out = `${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`;
  }
  return (d.neg && coef !== 0n ? '-' : '') + out;
}

function decNumber(d: Dec): number {
  const v = Number(`${d.neg ? '-' : ''}${d.coef.toString()}e${d.exp}`);
  return v === 0 ? 0 : v; // never -0
}

/** decNumber for results of arithmetic: refuses to overflow to Infinity. */
function finite(d: Dec): number {
  const v = decNumber(d);
  if (!Number.isFinite(v))
    throw new WordingError('not-a-number', '计算结果超出可表示的范围', decText(d).slice(0, 40));
  return v;
}

function decSigned(d: Dec, exp: number): bigint {
  const c = d.coef * pow10(d.exp - exp);
  return d.neg ? -c : c;
}

function decAdd(a: Dec, b: Dec): Dec {
  const exp = Math.min(a.exp, b.exp);
  const s = decSigned(a, exp) + decSigned(b, exp);
  return norm({ neg: s < 0n, coef: s < 0n ? -s : s, exp });
}

function decNeg(d: Dec): Dec {
  return d.coef === 0n ? ZERO : { ...d, neg: !d.neg };
}

function decShift(d: Dec, k: number): Dec {
  return d.coef === 0n ? ZERO : { ...d, exp: d.exp + k };
}

/** a / b to about 21 significant digits (b ≠ 0), rounded half up. */
function decDiv(a: Dec, b: Dec): Dec {
  if (a.coef === 0n) return ZERO;
  const k = Math.max(0, 22 - (digitCount(a.coef) - digitCount(b.coef)));
  const num = a.coef * pow10(k);
  let q = num / b.coef;
  if ((num % b.coef) * 2n >= b.coef) q += 1n;
  return norm({ neg: a.neg !== b.neg, coef: q, exp: a.exp - b.exp - k });
}

function decCmp(a: Dec, b: Dec): number {
  const exp = Math.min(a.exp, b.exp);
  const x = decSigned(a, exp);
  const y = decSigned(b, exp);
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Argument checks

function num(v: unknown, what = '数值'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new WordingError('not-a-number', `${what}必须是有限数，收到 ${describe(v)}`, v);
  }
  return v;
}

function decimalsArg(d: unknown): number {
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 20) {
    throw new WordingError('bad-decimals', `小数位数必须是 0…20 的整数，收到 ${describe(d)}`, d);
  }
  return d;
}

type Opts = Record<string, unknown>;

function readOpts(o: unknown, fn: string): Opts {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new WordingError('bad-options', `${fn}：选项必须是对象，收到 ${describe(o)}`, o);
  }
  return o as Opts;
}

function optDecimals(o: Opts): number | undefined {
  return o.decimals === undefined ? undefined : decimalsArg(o.decimals);
}

function optBool(o: Opts, key: string, fn: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || typeof v === 'boolean') return v;
  throw new WordingError('bad-options', `${fn}：选项 ${key} 必须是布尔值，收到 ${describe(v)}`, v);
}

function optEnum<T extends string>(o: Opts, key: string, allowed: readonly T[], dflt: T, fn: string): T {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new WordingError(
    'bad-options',
    `${fn}：选项 ${key} 只能是 ${allowed.map((a) => `“${a}”`).join('、')}，收到 ${describe(v)}`,
    v,
  );
}

function optString(o: Opts, key: string, fn: string): string | undefined {
  const v = o[key];
  if (v === undefined || typeof v === 'string') return v;
  throw new WordingError('bad-options', `${fn}：选项 ${key} 必须是字符串，收到 ${describe(v)}`, v);
}

function textArg(v: unknown, what: string, allowEmpty = false): string {
  if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) {
    throw new WordingError('bad-argument', `${what}必须是非空字符串，收到 ${describe(v)}`, v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Options shared by the phrase functions. */
export interface NumberOptions {
  /** Fixed number of decimals (rounded half up). Without it the value prints as given. */
  decimals?: number;
  /** With `decimals`: drop trailing zeros after rounding (11.0 → "11"). */
  trim?: boolean;
}

function fmtDec(d: Dec, decimals: number | undefined, trim: boolean | undefined): string {
  if (decimals === undefined) return decText(decClean(d));
  const r = decRound(d, decimals);
  return trim === true ? decText(r) : decText(r, decimals);
}

/** Rounded value used to decide 增长/下降/持平 (the same rounding the text shows). */
function shown(d: Dec, decimals: number | undefined): Dec {
  return decimals === undefined ? decClean(d) : decRound(d, decimals);
}

/**
 * Round half away from zero ("四舍五入") on the decimal form of v, so binary float errors do not
 * leak: roundHalfUp(1.005, 2) = 1.01, roundHalfUp(-2.5, 0) = -3. Never returns -0.
 */
export function roundHalfUp(v: number, decimals: number): number {
  num(v);
  return decNumber(decRound(decOf(v), decimalsArg(decimals)));
}

/**
 * ASCII digits, no grouping, never exponent notation, never "-0".
 * Without `decimals`: the value as given (binary noise beyond 15 significant digits or 10 decimal
 * places is dropped: 0.1 + 0.2 → "0.3"). With `decimals`: exactly that many places, rounded half up
 * (formatNumber(14, 1) → "14.0"; with `{ trim: true }` → "14").
 */
export function formatNumber(v: number, decimals?: number, opts?: { trim?: boolean }): string {
  num(v);
  const o = readOpts(opts, 'formatNumber');
  const d = decimals === undefined ? undefined : decimalsArg(decimals);
  return fmtDec(decOf(v), d, optBool(o, 'trim', 'formatNumber'));
}

/** "40.1%": a percentage value with the ASCII % sign. */
export function formatPercent(x: number, opts?: NumberOptions): string {
  num(x);
  const o = readOpts(opts, 'formatPercent');
  return `${fmtDec(decOf(x), optDecimals(o), optBool(o, 'trim', 'formatPercent'))}%`;
}

// ---------------------------------------------------------------------------------------------
// Units

export type ScalePrefix = '' | '万' | '亿' | '万亿';

export interface ParsedUnit {
  /** The unit as it prints (aliases resolved: ㎡ → 平方米, ％ → %). */
  unit: string;
  /** The unit without its 万/亿 scale: 元 for 亿元. */
  base: string;
  scale: ScalePrefix;
  /** Power of ten of the scale: 8 for 亿. */
  power: number;
}

const SCALES: readonly [Exclude<ScalePrefix, ''>, number][] = [
  ['万亿', 12],
  ['亿', 8],
  ['万', 4],
];

const UNIT_ALIASES: Readonly<Record<string, string>> = { '㎡': '平方米', 平米: '平方米', '％': '%' };

/** Units that never take a 万/亿 scale. */
const UNSCALABLE = new Set(['%', '‰', '个百分点', '倍']);

/** Bases that the house style scales with 万/亿 (for `scaleTo: 'auto'`). */
const AUTO_SCALABLE = new Set([
  '元',
  '人',
  '人次',
  '名',
  '户',
  '吨',
  '亩',
  '斤',
  '头',
  '羽',
  '只',
  '千瓦',
  '千瓦时',
]);

/** What each base measures, for error messages. */
const DIMENSION: Readonly<Record<string, string>> = {
  元: '金额',
  人: '人数',
  名: '人数',
  人次: '人次',
  户: '户数',
  吨: '重量',
  斤: '重量',
  亩: '面积',
  平方米: '面积',
  平方公里: '面积',
  公里: '长度',
  千瓦: '功率',
  千瓦时: '电量',
  '%': '百分比',
  个百分点: '百分点',
};

function unitLabel(p: ParsedUnit): string {
  const dim = DIMENSION[p.base];
  return dim === undefined ? `“${p.unit}”` : `“${p.unit}”（${dim}）`;
}

/**
 * Splits a unit into scale and base: "亿元" → {base:'元', scale:'亿', power:8}; "万千瓦" → base 千瓦;
 * "个" → {base:'个', scale:''}. An empty unit is a bare number. Throws UnitError for non-strings,
 * units with digits or spaces, and scaled percentages (万%).
 */
export function parseUnit(unit: string): ParsedUnit {
  if (typeof unit !== 'string') throw new UnitError('bad-unit', `单位必须是字符串，收到 ${describe(unit)}`);
  const u = unit.trim();
  if (u.length > 20 || /[0-9\s]/u.test(u))
    throw new UnitError('bad-unit', `不是有效的单位：${describe(unit)}`, unit);
  let scale: ScalePrefix = '';
  let power = 0;
  let base = u;
  for (const [prefix, p] of SCALES) {
    if (u.startsWith(prefix)) {
      scale = prefix;
      power = p;
      base = u.slice(prefix.length);
      break;
    }
  }
  base = UNIT_ALIASES[base] ?? base;
  if (scale !== '' && UNSCALABLE.has(base)) {
    throw new UnitError('bad-unit', `单位“${base}”不能加“${scale}”：${describe(unit)}`, unit);
  }
  return { unit: scale + base, base, scale, power };
}

function unitArg(unit: unknown): ParsedUnit {
  return parseUnit(unit as string);
}

function convertDec(d: Dec, from: ParsedUnit, to: ParsedUnit): Dec {
  if (from.base !== to.base) {
    throw new UnitError(
      'incompatible-units',
      `单位不兼容：${unitLabel(from)}不能换算为${unitLabel(to)}`,
      from.unit,
      to.unit,
    );
  }
  return decShift(d, from.power - to.power);
}

/**
 * Converts between scales of one base unit, exactly: (159498000000, '元', '亿元') → 1594.98.
 * Throws UnitError 'incompatible-units' for different bases (亿元 → 万人).
 */
export function convertUnit(value: number, from: string, to: string): number {
  num(value);
  return finite(convertDec(decOf(value), unitArg(from), unitArg(to)));
}

export interface AmountOptions extends NumberOptions {
  /** Print in this unit ("亿元"), or 'auto': the largest of 亿/万/— that keeps the number ≥ 1. */
  scaleTo?: string;
}

function scaledAmount(value: number, unit: unknown, o: Opts, fn: string): { text: string; unit: ParsedUnit } {
  num(value);
  const from = unitArg(unit);
  const scaleTo = optString(o, 'scaleTo', fn);
  let d = decOf(value);
  let to = from;
  if (scaleTo === 'auto') {
    if (AUTO_SCALABLE.has(from.base) && d.coef !== 0n) {
      const magnitude = digitCount(d.coef) - 1 + d.exp + from.power; // floor(log10 |value in base|)
      const power = magnitude >= 8 ? 8 : magnitude >= 4 ? 4 : 0;
      to = parseUnit((power === 8 ? '亿' : power === 4 ? '万' : '') + from.base);
      d = convertDec(d, from, to);
    }
  } else if (scaleTo !== undefined) {
    to = parseUnit(scaleTo);
    d = convertDec(d, from, to);
  }
  return { text: fmtDec(d, optDecimals(o), optBool(o, 'trim', fn)), unit: to };
}

/**
 * A value with its unit: (1594.98, '亿元') → "1594.98亿元"; (159498000000, '元', {scaleTo:'亿元'})
 * → "1594.98亿元"; (21800, '户', {scaleTo:'万户'}) → "2.18万户"; (5, '㎡') → "5平方米".
 */
export function formatAmount(value: number, unit: string, opts?: AmountOptions): string {
  const o = readOpts(opts, 'formatAmount');
  const a = scaledAmount(value, unit, o, 'formatAmount');
  return a.text + a.unit.unit;
}

// ---------------------------------------------------------------------------------------------
// Qualifiers

/** 余/多 go between the number and 万/亿 or the unit: "3万余人", "2亿多元", "6500余万元", "5700多人". */
export type InnerQualifier = '余' | '多';
/** After the unit: "8万元左右", "10.5%以上", "4.5%以内". */
export type AfterQualifier = '左右' | '上下' | '以上' | '以内' | '以下';
/** Before the number: "超过120亿元", "突破920家", "近1万亩", "约4000元". */
export type BeforeQualifier = '超过' | '超' | '突破' | '近' | '将近' | '接近' | '约' | '逾' | '不足' | '不到';
export type Qualifier = InnerQualifier | AfterQualifier | BeforeQualifier;

const INNER_Q: readonly string[] = ['余', '多'];
const AFTER_Q: readonly string[] = ['左右', '上下', '以上', '以内', '以下'];
const BEFORE_Q: readonly string[] = ['超过', '超', '突破', '近', '将近', '接近', '约', '逾', '不足', '不到'];
export const QUALIFIERS: readonly Qualifier[] = [...INNER_Q, ...AFTER_Q, ...BEFORE_Q] as Qualifier[];

function qualifierArg(q: unknown): Qualifier {
  if (typeof q === 'string' && (QUALIFIERS as readonly string[]).includes(q)) return q as Qualifier;
  throw new WordingError('bad-argument', `未知的约数限定词 ${describe(q)}`, q);
}

/** Places a qualifier around an already formatted number and unit. */
function qualify(numText: string, unit: ParsedUnit, q: Qualifier | undefined, position: string): string {
  if (q === undefined) return numText + unit.unit;
  if (BEFORE_Q.includes(q)) return q + numText + unit.unit;
  if (AFTER_Q.includes(q)) return numText + unit.unit + q;
  // 余 / 多
  if (unit.base === '%' || unit.base === '‰' || unit.base === '个百分点') {
    throw new WordingError('bad-argument', `“${q}”不能用于百分数：${numText}${unit.unit}`, numText);
  }
  const integer = /^\d+$/.test(numText);
  if (numText.startsWith('-') || /^[0.]+$/.test(numText)) {
    throw new WordingError('bad-argument', `“${q}”只能跟在正数后：${numText}${unit.unit}`, numText);
  }
  if (unit.scale === '') {
    if (!integer)
      throw new WordingError('bad-argument', `“${q}”只能跟在整数后：${numText}${unit.unit}`, numText);
    return numText + q + unit.unit;
  }
  const before =
    position === 'before-scale' ||
    (position === 'auto' && integer && numText !== '0' && numText.endsWith('0'));
  return before ? numText + q + unit.unit : numText + unit.scale + q + unit.base;
}

export interface QualifierOptions extends AmountOptions {
  /**
   * For 余/多 with a 万/亿 unit: 'after-scale' "3万余人", 'before-scale' "6500余万元".
   * 'auto' (default): before the scale when the number is an integer ending in 0 (30余万人,
   * 6500余万元), after it otherwise (3万余人, 4.33万余人, 2亿多元).
   */
  position?: 'auto' | 'before-scale' | 'after-scale';
}

/**
 * An approximate amount (style-spec §B.1): (3, '万人', '余') → "3万余人"; (2, '亿元', '多') → "2亿多元";
 * (6500, '万元', '余') → "6500余万元"; (8, '万元', '左右') → "8万元左右"; (920, '家', '突破') → "突破920家".
 */
export function withQualifier(
  value: number,
  unit: string,
  qualifier: Qualifier,
  opts?: QualifierOptions,
): string {
  const o = readOpts(opts, 'withQualifier');
  const q = qualifierArg(qualifier);
  const position = optEnum(
    o,
    'position',
    ['auto', 'before-scale', 'after-scale'] as const,
    'auto',
    'withQualifier',
  );
  const a = scaledAmount(value, unit, o, 'withQualifier');
  return qualify(a.text, a.unit, q, position);
}

// ---------------------------------------------------------------------------------------------
// Growth, change and comparison phrases

export type UpVerb = '增长' | '提高' | '提升' | '上升' | '上涨' | '增加';
export type DownVerb = '下降' | '降低' | '减少' | '下滑' | '回落' | '下跌';
const UP_VERBS = ['增长', '提高', '提升', '上升', '上涨', '增加'] as const;
const DOWN_VERBS = ['下降', '降低', '减少', '下滑', '回落', '下跌'] as const;

export interface SignedPhraseOptions extends NumberOptions {
  /** Word for a rise. */
  verb?: UpVerb;
  /** Word for a fall (default 下降). */
  down?: DownVerb;
  /** What it is compared with: '上年' → "比上年增长8.1%", or "与上年持平" when flat. */
  than?: string;
  thanWord?: '比' | '较';
  /** "增长10.5%以上"; 余/多 are not allowed with percentages. */
  qualifier?: Qualifier;
}

function signedPhrase(
  x: number,
  unitText: string,
  opts: unknown,
  fn: string,
  defaults: { verb: UpVerb; down: DownVerb },
): string {
  num(x);
  const o = readOpts(opts, fn);
  const decimals = optDecimals(o);
  const trim = optBool(o, 'trim', fn);
  const verb = optEnum(o, 'verb', UP_VERBS, defaults.verb, fn);
  const down = optEnum(o, 'down', DOWN_VERBS, defaults.down, fn);
  const than = optString(o, 'than', fn);
  const thanWord = optEnum(o, 'thanWord', ['比', '较'] as const, '比', fn);
  const q = o.qualifier === undefined ? undefined : qualifierArg(o.qualifier);
  const d = decOf(x);
  const s = shown(d, decimals);
  if (s.coef === 0n) return than === undefined || than === '' ? '持平' : `与${than}持平`;
  const text = fmtDec(s.neg ? decNeg(d) : d, decimals, trim);
  const phrase = (s.neg ? down : verb) + qualify(text, parseUnit(unitText), q, 'auto');
  return than === undefined || than === '' ? phrase : `${thanWord}${than}${phrase}`;
}

/**
 * Growth rate in percent: 8.1 → "增长8.1%", -3.2 → "下降3.2%", 0 (after rounding) → "持平".
 * Never "增长-x%". `{ than: '上年' }` → "比上年增长8.1%" / "与上年持平"; `{ verb: '提高' }` → "提高8.1%".
 */
export function growthPhrase(g: number, opts?: SignedPhraseOptions): string {
  return signedPhrase(g, '%', opts, 'growthPhrase', { verb: '增长', down: '下降' });
}

/**
 * A difference of two rates, always in 个百分点 (style-spec §B.1): 4.22 → "提高4.22个百分点",
 * -1.34 → "下降1.34个百分点", 0 → "持平". `{ verb: '提升', than: '2020年', thanWord: '较' }` →
 * "较2020年提升4.22个百分点".
 */
export function pointsPhrase(diff: number, opts?: SignedPhraseOptions): string {
  return signedPhrase(diff, '个百分点', opts, 'pointsPhrase', { verb: '提高', down: '下降' });
}

function nonRateUnit(unit: unknown, fn: string): ParsedUnit {
  const u = unitArg(unit);
  if (u.base === '%' || u.base === '‰') {
    throw new WordingError('rate-difference', `${fn}：两个比率之差要用“个百分点”，不能用“${u.base}”`, unit);
  }
  return u;
}

/**
 * An absolute change of an amount: (2.3, '亿元') → "增加2.3亿元", (-3, '个') → "减少3个", 0 → "持平".
 * For differences of rates use {@link pointsPhrase}; a '%' unit throws 'rate-difference'.
 */
export function deltaPhrase(diff: number, unit: string, opts?: SignedPhraseOptions): string {
  const u = nonRateUnit(unit, 'deltaPhrase');
  return signedPhrase(diff, u.unit, opts, 'deltaPhrase', { verb: '增加', down: '减少' });
}

export interface ChangeOptions extends NumberOptions {
  /** Rise verb, default 提高. */
  up?: UpVerb;
  /** Fall verb, default 降低. */
  down?: DownVerb;
  /** "从" (default) or "由". */
  from?: '从' | '由';
  /** "至" (default), "到" or "为". */
  to?: '至' | '到' | '为';
}

/**
 * A level moving from a to b: (600, 980, '亿元', {to:'至'}) → "从600亿元提高至980亿元";
 * (17.63, 1.06, '%', {down:'下降', to:'到'}) → "从17.63%下降到1.06%"; equal after rounding →
 * "保持在600亿元". The unit is repeated on both numbers.
 */
export function changePhrase(from: number, to: number, unit: string, opts?: ChangeOptions): string {
  num(from);
  num(to);
  const u = unitArg(unit);
  const o = readOpts(opts, 'changePhrase');
  const decimals = optDecimals(o);
  const trim = optBool(o, 'trim', 'changePhrase');
  const up = optEnum(o, 'up', UP_VERBS, '提高', 'changePhrase');
  const down = optEnum(o, 'down', DOWN_VERBS, '降低', 'changePhrase');
  const fromWord = optEnum(o, 'from', ['从', '由'] as const, '从', 'changePhrase');
  const toWord = optEnum(o, 'to', ['至', '到', '为'] as const, '至', 'changePhrase');
  const a = decOf(from);
  const b = decOf(to);
  const cmp = decCmp(shown(b, decimals), shown(a, decimals));
  const bText = fmtDec(b, decimals, trim) + u.unit;
  if (cmp === 0) return `保持在${bText}`;
  return `${fromWord}${fmtDec(a, decimals, trim)}${u.unit}${cmp > 0 ? up : down}${toWord}${bText}`;
}

export interface CompareOptions extends NumberOptions {
  up?: '高' | '多' | '快';
  down?: '低' | '少' | '慢';
  thanWord?: '比' | '较';
}

/**
 * How a value compares with a reference, given the difference: (6.6, '个百分点', '全省水平') →
 * "比全省水平高6.6个百分点"; (-0.99, '亿元', '全省平均水平') → "比全省平均水平低0.99亿元";
 * 0 → "与全省水平持平". A '%' unit throws 'rate-difference' (use 个百分点).
 */
export function comparePhrase(diff: number, unit: string, than: string, opts?: CompareOptions): string {
  num(diff);
  const u = nonRateUnit(unit, 'comparePhrase');
  const ref = textArg(than, '比较对象');
  const o = readOpts(opts, 'comparePhrase');
  const decimals = optDecimals(o);
  const trim = optBool(o, 'trim', 'comparePhrase');
  const up = optEnum(o, 'up', ['高', '多', '快'] as const, '高', 'comparePhrase');
  const down = optEnum(o, 'down', ['低', '少', '慢'] as const, '低', 'comparePhrase');
  const thanWord = optEnum(o, 'thanWord', ['比', '较'] as const, '比', 'comparePhrase');
  const d = decOf(diff);
  const s = shown(d, decimals);
  if (s.coef === 0n) return `与${ref}持平`;
  return `${thanWord}${ref}${s.neg ? down : up}${fmtDec(s.neg ? decNeg(d) : d, decimals, trim)}${u.unit}`;
}

// ---------------------------------------------------------------------------------------------
// Shares, ranks, multiples, ratios, ranges

/**
 * A share in percent: (40.1) → "占比40.1%"; (4.1, '全省') → "占全省的4.1%";
 * (34.9, '规上工业') → "占规上工业的34.9%". Negative shares throw.
 */
export function sharePhrase(x: number, base?: string, opts?: NumberOptions): string {
  num(x);
  const o = readOpts(opts, 'sharePhrase');
  const d = decOf(x);
  if (d.neg) throw new WordingError('bad-argument', `占比不能为负：${describe(x)}`, x);
  const text = `${fmtDec(d, optDecimals(o), optBool(o, 'trim', 'sharePhrase'))}%`;
  if (base === undefined) return `占比${text}`;
  return `占${textArg(base, '占比的基数')}的${text}`;
}

export type RankStyle = 'arabic' | 'chinese';

export interface RankOptions {
  /** Before the scope: default "居" (arabic) or "" (chinese); "在", "位列", "排名" also seen. */
  before?: string;
  /** Between scope and 第: "排名" in "在全国168个重点城市排名第18位". Default "". */
  after?: string;
  /** After the ordinal: default "位" (arabic) or "" (chinese). */
  suffix?: string;
}

/**
 * A rank: (9) → "居全省第9位"; (3, '全省', 'chinese') → "全省第三"; (5, '全省', 'arabic',
 * {before:'', suffix:''}) → "全省第5"; (18, '全国168个重点城市', 'arabic', {before:'在', after:'排名'})
 * → "在全国168个重点城市排名第18位". n is an integer 1…9999.
 */
export function rankPhrase(
  n: number,
  scope = '全省',
  style: RankStyle = 'arabic',
  opts?: RankOptions,
): string {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 9999) {
    throw new WordingError('bad-argument', `名次必须是 1…9999 的整数，收到 ${describe(n)}`, n);
  }
  const sc = textArg(scope, '排名范围', true);
  if (style !== 'arabic' && style !== 'chinese') {
    throw new WordingError(
      'bad-argument',
      `排名写法只能是 arabic 或 chinese，收到 ${describe(style)}`,
      style,
    );
  }
  const o = readOpts(opts, 'rankPhrase');
  const arabic = style === 'arabic';
  const before = optString(o, 'before', 'rankPhrase') ?? (arabic ? '居' : '');
  const after = optString(o, 'after', 'rankPhrase') ?? '';
  const suffix = optString(o, 'suffix', 'rankPhrase') ?? (arabic ? '位' : '');
  return `${before}${sc}${after}第${arabic ? String(n) : toChineseNumeral(n)}${suffix}`;
}

/**
 * A multiple of a base period: (3.3, 2020) → "是2020年的3.3倍"; (2.3, '“十二五”期末') →
 * "是“十二五”期末的2.3倍". A numeric base is a year (1…9999).
 */
export function multiplePhrase(x: number, base: number | string, opts?: NumberOptions): string {
  num(x, '倍数');
  const o = readOpts(opts, 'multiplePhrase');
  const d = decOf(x);
  if (d.neg || d.coef === 0n) throw new WordingError('bad-argument', `倍数必须为正：${describe(x)}`, x);
  let ref: string;
  if (typeof base === 'number') {
    if (!Number.isInteger(base) || base < 1 || base > 9999) {
      throw new WordingError('bad-argument', `基期年份无效：${describe(base)}`, base);
    }
    ref = `${base}年`;
  } else ref = textArg(base, '基期');
  return `是${ref}的${fmtDec(d, optDecimals(o), optBool(o, 'trim', 'multiplePhrase'))}倍`;
}

/**
 * A structure ratio with ASCII colons and no spaces: ([12.5, 44.2, 43.3]) → "12.5:44.2:43.3".
 * If every part is an integer they stay integers ("14:42:44"); otherwise every part gets
 * `decimals` places (default 1).
 */
export function structureRatio(parts: readonly number[], decimals = 1): string {
  if (!Array.isArray(parts) || parts.length < 2 || parts.length > 20) {
    throw new WordingError('bad-argument', `结构比需要 2…20 个数，收到 ${describe(parts)}`, parts);
  }
  const dp = decimalsArg(decimals);
  const decs = parts.map((p: unknown) => {
    const d = decOf(num(p, '结构比的分项'));
    if (d.neg) throw new WordingError('bad-argument', `结构比的分项不能为负：${describe(p)}`, p);
    return d;
  });
  const integers = decs.every((d) => d.exp >= 0);
  return decs.map((d) => (integers ? decText(d) : fmtDec(d, dp, false))).join(':');
}

export interface RangeOptions extends NumberOptions {
  /** "—" U+2014 (default, as seed 004) or "～" U+FF5E. */
  dash?: '—' | '～';
  /** Repeat the unit on the lower bound. Default: for %, ‰ and 万/亿 units ("30%—40%", "5万元—10万元"). */
  repeatUnit?: boolean;
}

/** A range: (1, 3, '家') → "1—3家"; (30, 40, '%') → "30%—40%"; (2026, 2030, '年') → "2026—2030年". */
export function rangePhrase(a: number, b: number, unit: string, opts?: RangeOptions): string {
  num(a);
  num(b);
  const u = unitArg(unit);
  const o = readOpts(opts, 'rangePhrase');
  const decimals = optDecimals(o);
  const trim = optBool(o, 'trim', 'rangePhrase');
  const dash = optEnum(o, 'dash', ['—', '～'] as const, '—', 'rangePhrase');
  const repeat =
    optBool(o, 'repeatUnit', 'rangePhrase') ?? (u.base === '%' || u.base === '‰' || u.scale !== '');
  const da = decOf(a);
  const db = decOf(b);
  if (decCmp(da, db) > 0) throw new WordingError('bad-argument', `范围下限大于上限：${a}—${b}`, [a, b]);
  return `${fmtDec(da, decimals, trim)}${repeat ? u.unit : ''}${dash}${fmtDec(db, decimals, trim)}${u.unit}`;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic for derived values (exact on the decimal forms; round with roundHalfUp when wording)

/** a − b exactly on the decimal forms: exactDifference(60.96, 56.74) = 4.22 (not 4.219999…). */
export function exactDifference(a: number, b: number): number {
  num(a);
  num(b);
  return finite(decAdd(decOf(a), decNeg(decOf(b))));
}

/** Sum of values exactly on their decimal forms (for "其中" parts and structure checks). */
export function sumExact(values: readonly number[]): number {
  if (!Array.isArray(values))
    throw new WordingError('bad-argument', `需要数值数组，收到 ${describe(values)}`, values);
  let s = ZERO;
  for (const v of values as unknown[]) s = decAdd(s, decOf(num(v)));
  return finite(s);
}

/** Growth rate in percent, (cur − prev) / prev × 100. prev must be > 0. */
export function growthRate(prev: number, cur: number): number {
  num(prev, '基期值');
  num(cur, '报告期值');
  if (prev === 0) throw new WordingError('division-by-zero', '基期值为 0，无法计算增速', prev);
  if (prev < 0) throw new WordingError('bad-argument', `基期值为负（${prev}），增速没有意义`, prev);
  const p = decOf(prev);
  return finite(decDiv(decShift(decAdd(decOf(cur), decNeg(p)), 2), p));
}

/** Share in percent, part / total × 100. total must be > 0. */
export function percentShare(part: number, total: number): number {
  num(part, '分子');
  num(total, '总数');
  if (total === 0) throw new WordingError('division-by-zero', '总数为 0，无法计算占比', total);
  if (total < 0) throw new WordingError('bad-argument', `总数为负（${total}），占比没有意义`, total);
  return finite(decDiv(decShift(decOf(part), 2), decOf(total)));
}

/**
 * Average annual growth in percent (CAGR): ((end / start)^(1 / years) − 1) × 100.
 * start > 0, end ≥ 0, years > 0. averageAnnualGrowth(600, 980, 5) ≈ 10.31.
 */
export function averageAnnualGrowth(start: number, end: number, years: number): number {
  num(start, '起始值');
  num(end, '末期值');
  num(years, '年数');
  if (start <= 0) throw new WordingError('bad-argument', `起始值必须为正，收到 ${start}`, start);
  if (end < 0) throw new WordingError('bad-argument', `末期值不能为负，收到 ${end}`, end);
  if (years <= 0) throw new WordingError('bad-argument', `年数必须为正，收到 ${years}`, years);
  const ratio = decNumber(decDiv(decOf(end), decOf(start)));
  const r = (Math.pow(ratio, 1 / years) - 1) * 100;
  if (!Number.isFinite(r))
    throw new WordingError('not-a-number', '年均增速超出可表示范围', [start, end, years]);
  return decNumber(decClean(decOf(r)));
}

// ---------------------------------------------------------------------------------------------
// Text hygiene

const HAN = /\p{Script=Han}/u;
const ASCII_CANDIDATES = new Set([',', ';', ':', '?', '!', '(', ')']);
const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** Han characters and CJK punctuation: the context in which ASCII punctuation must be full-width. */
function isCjkLike(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (HAN.test(ch)) return true;
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp > 0x3000 && cp <= 0x303f) || // 、。〈〉《》「」【】〔〕〖〗〇…
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms ，；：（）！？
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    cp === 0x2014 || // —
    cp === 0x2026 || // …
    (cp >= 0x2018 && cp <= 0x201d) // ‘ ’ “ ”
  );
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\u00a0';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9' && ch.length === 1;
}

function isAsciiWordish(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9A-Za-z%*]$/.test(ch);
}

/** One simultaneous pass of ASCII → full-width decisions; returns whether anything changed. */
function convertPass(cs: string[]): boolean {
  const n = cs.length;
  const skip = (c: string | undefined): boolean => isSpace(c) || (c !== undefined && ASCII_CANDIDATES.has(c));
  // nearest "solid" neighbour left and right, skipping spaces and ASCII candidates
  const left: (string | undefined)[] = new Array<string | undefined>(n);
  const right: (string | undefined)[] = new Array<string | undefined>(n);
  let last: string | undefined;
  for (let i = 0; i < n; i++) {
    left[i] = last;
    if (!skip(cs[i])) last = cs[i];
  }
  last = undefined;
  for (let i = n - 1; i >= 0; i--) {
    right[i] = last;
    if (!skip(cs[i])) last = cs[i];
  }
  const cjkBefore: number[] = new Array<number>(n + 1);
  cjkBefore[0] = 0;
  for (let i = 0; i < n; i++) cjkBefore[i + 1] = (cjkBefore[i] as number) + (isCjkLike(cs[i]) ? 1 : 0);

  const convert = new Set<number>();
  const context = (i: number): boolean => isCjkLike(left[i]) || isCjkLike(right[i]);

  // parentheses: pairs (ASCII or full-width on either side), then the unpaired ones
  const stack: number[] = [];
  const paired = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = cs[i];
    if (c === '(' || c === '（') stack.push(i);
    else if ((c === ')' || c === '）') && stack.length > 0) {
      const o = stack.pop() as number;
      paired.add(o);
      paired.add(i);
      if (cs[o] !== '(' && c !== ')') continue;
      const yes =
        cs[o] === '（' ||
        c === '）' ||
        (cjkBefore[i] as number) - (cjkBefore[o + 1] as number) > 0 ||
        isCjkLike(left[o]) ||
        isCjkLike(right[i]);
      if (yes) {
        if (cs[o] === '(') convert.add(o);
        if (c === ')') convert.add(i);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const c = cs[i] as string;
    if (!ASCII_CANDIDATES.has(c)) continue;
    if (c === '(' || c === ')') {
      if (!paired.has(i) && context(i)) convert.add(i);
    } else if (c === ':' && isDigit(cs[i - 1]) && isDigit(cs[i + 1])) {
      // ratio or time "12.5:44.2", "10:30": keep ASCII
    } else if (context(i)) convert.add(i);
  }
  for (const i of convert) cs[i] = FULL_WIDTH[cs[i] as string] as string;
  return convert.size > 0;
}

function removeSpaces(cs: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < cs.length) {
    if (!isSpace(cs[i])) {
      out.push(cs[i] as string);
      i++;
      continue;
    }
    let j = i;
    while (j < cs.length && isSpace(cs[j])) j++;
    const p = cs[i - 1];
    const nx = cs[j];
    let remove = false;
    if (p !== undefined && nx !== undefined && !/\s/u.test(p) && !/\s/u.test(nx)) {
      const boxLabel = cs[i - 2] === '专' && p === '栏' && isDigit(nx); // "专栏 1" keeps its space (§A.5)
      remove =
        !boxLabel &&
        ((isCjkLike(p) && isAsciiWordish(nx)) ||
          (isAsciiWordish(p) && isCjkLike(nx)) ||
          (isCjkLike(p) && !isHan(p)) ||
          (isCjkLike(nx) && !isHan(nx)) ||
          (isDigit(p) && nx === '%'));
    }
    if (!remove) for (let k = i; k < j; k++) out.push(cs[k] as string);
    i = j;
  }
  return out;
}

const JIEZHI =
  /截[止至](?:到|至)?(?=[0-9]|[〇零一二两三四五六七八九十]+(?:年|月|日|季度)|目前|当前|现在|今年|去年|上年|本年|当年|年底|年末|年初|上半年|下半年|本月|上月|当月|月底|月末|今天|今日|昨天|昨日|本周|上周|本季度|前三季度|第[一二三四]季度|发稿|报告期)/gu;

/**
 * Text hygiene of style-spec §B.1, for body prose:
 * - ASCII , ; : ? ! ( ) in CJK context become ，；：？！（）; ASCII stays inside numbers and codes
 *   ("12.5:44.2", "10:30", "f(x)", "8.1%", "微克/立方米", "6.4*");
 * - spaces between CJK and digits/Latin, around CJK punctuation and before % are removed
 *   ("704.9 亿元" → "704.9亿元"); spaces between two Han characters are kept, and so is the one
 *   in "专栏 1";
 * - full-width digits and ％ become ASCII;
 * - 截止 (also 截止到/截至到) before a date or time becomes 截至 ("截止9月底" → "截至9月底");
 *   "截止日期" is left alone.
 * Idempotent.
 */
export function normalizePunctuation(text: string): string {
  if (typeof text !== 'string')
    throw new WordingError('bad-argument', `需要文本，收到 ${describe(text)}`, text);
  let cs = Array.from(text, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    if (cp >= 0xff10 && cp <= 0xff19) return String.fromCharCode(cp - 0xff10 + 0x30);
    return c === '％' ? '%' : c;
  });
  while (convertPass(cs));
  cs = removeSpaces(cs);
  return cs.join('').replace(JIEZHI, '截至');
}

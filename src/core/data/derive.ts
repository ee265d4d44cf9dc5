/**
 * Derived values: computed from the data where the data allows, never typed. Growth from two levels
 * (比上年增长), average annual growth over a plan period (年均增长), shares (占比), differences
 * (个百分点), per-capita values and ratios, structure ratios (12.5:44.2:43.3) and ranks among regions
 * (居全省第9位).
 *
 * Two layers:
 * - pure functions over numbers. Point values use the exact-decimal helpers of doc/wording; each result
 *   also carries the interval the operands' rounding allows (200亿元 stated to 0 decimals is anything
 *   in [199.5, 200.5]; "56%左右" is wider; "突破2000亿元" has no upper end), which is what `brief check`
 *   compares a stated figure against;
 * - `deriveValue(db, …)`: reads the operands from the database and returns the value with the
 *   operands' provenance.
 */
import type { Db } from '../db/connection';
import {
  averageAnnualGrowth,
  convertUnit,
  exactDifference,
  growthRate,
  parseUnit,
  percentShare,
  roundHalfUp,
  structureRatio,
  sumExact,
  UnitError,
} from '../doc/wording';
import { Catalogue, NotFoundError, type Indicator, type Region } from './catalogue';
import { ObservationStore, type Observation, type Status } from './observations';
import { parsePeriod, type Period } from './periods';
import {
  KIND_LABELS,
  parseAt,
  parseKind,
  type OperandAt,
  type OperandInput,
  type RelationKind,
  type RelationOptions,
} from './relations';

// ---------------------------------------------------------------------------------------------
// Stated numbers and their intervals

/** A closed interval; either end may be infinite. */
export interface Bounds {
  lo: number;
  hi: number;
}

/** A stated figure as a number, with what its wording allows. */
export interface StatedNumber {
  value: number;
  unit: string;
  /** Decimals it was stated to. */
  decimals: number;
  /** What rounding to `decimals` allows, or the bound a qualifier states (以上: no upper end). */
  strict: Bounds;
  /** Wider, for approximate figures ("56%左右"); the same as `strict` for exact ones. */
  wide: Bounds;
  /** 左右, 约, 以上, 突破, 余, 预计…: not meant to be exact. */
  approximate: boolean;
}

export type QualifierClass = 'exact' | 'about' | 'at-least' | 'at-most' | 'a-bit-more' | 'nearly';

/**
 * What a qualifier says about the number it goes with: 左右/约/冲刺 about, 以上/突破/超过 at least,
 * 以内/以下/不足 at most, 余/多 a bit more, 近 nearly. Words that are not about precision (累计, 比全省
 * 平均水平低, 较年初下降) are exact.
 */
export function qualifierClass(qualifier: string | null | undefined): QualifierClass {
  const q = (qualifier ?? '').trim();
  if (q === '') return 'exact';
  if (/不超过|以内|以下|不足|不到|低于|控制在/.test(q)) return 'at-most';
  if (/左右|上下|约|冲刺|力争/.test(q)) return 'about';
  if (/以上|突破|超|逾|不低于|不少于/.test(q)) return 'at-least';
  if (/^[余多]$/.test(q)) return 'a-bit-more';
  if (/近/.test(q)) return 'nearly';
  return 'exact';
}

/** Decimal places of a number as written in its shortest form: 60.96 → 2, 600 → 0. */
export function decimalsOf(value: number): number {
  const s = String(Math.abs(value));
  const e = s.match(/e([+-]\d+)$/);
  const mantissa = e ? s.slice(0, s.length - e[0].length) : s;
  const frac = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, frac - (e ? Number(e[1]) : 0));
}

/** One unit of the last stated digit: 0.01 for 4.33, 1 for 56, 100 for 6500 (余/多 "6500余万元"). */
function lastDigitStep(value: number, decimals: number, countTrailingZeros: boolean): number {
  if (decimals > 0) return 10 ** -decimals;
  if (!countTrailingZeros || value === 0) return 1;
  let v = Math.abs(Math.round(value));
  let step = 1;
  while (v % 10 === 0 && v > 0) {
    v /= 10;
    step *= 10;
  }
  return step;
}

export interface StatedOptions {
  /** Decimals it was stated to (default: those of the value). */
  decimals?: number;
  qualifier?: string | null;
  /** A count of whole things (196家): no rounding at all. */
  exact?: boolean;
  /** A forecast (预计): approximate, though not widened. */
  forecast?: boolean;
}

/** The interval a stated figure stands for. */
export function statedNumber(value: number, unit: string, options: StatedOptions = {}): StatedNumber {
  const decimals = options.decimals ?? decimalsOf(value);
  const half = options.exact ? 0 : 0.5 * 10 ** -decimals;
  const cls = qualifierClass(options.qualifier);
  const strict: Bounds = { lo: value - half, hi: value + half };
  let wide = strict;
  switch (cls) {
    case 'about': {
      const w = Math.max(10 ** -decimals, Math.abs(value) * 0.02);
      wide = { lo: value - w, hi: value + w };
      break;
    }
    case 'at-least':
      strict.hi = Infinity;
      break;
    case 'at-most':
      strict.lo = -Infinity;
      break;
    case 'a-bit-more':
      strict.hi = value + lastDigitStep(value, decimals, true) + half;
      break;
    case 'nearly':
      strict.lo = value - Math.max(lastDigitStep(value, decimals, true), Math.abs(value) * 0.05);
      break;
    case 'exact':
      break;
  }
  if (cls !== 'about') wide = { ...strict };
  return { value, unit, decimals, strict, wide, approximate: cls !== 'exact' || options.forecast === true };
}

/** The same figure in another scale of its unit (亿元 → 万元): value exactly, bounds by the factor. */
export function inUnit(s: StatedNumber, unit: string): StatedNumber {
  const from = parseUnit(s.unit);
  const to = parseUnit(unit);
  if (from.unit === to.unit) return s;
  const value = convertUnit(s.value, s.unit, unit);
  const f = 10 ** (from.power - to.power);
  return {
    ...s,
    value,
    unit: to.unit,
    decimals: Math.max(0, s.decimals - (from.power - to.power)),
    strict: { lo: s.strict.lo * f, hi: s.strict.hi * f },
    wide: { lo: s.wide.lo * f, hi: s.wide.hi * f },
  };
}

// ---------------------------------------------------------------------------------------------
// Pure derivations

/** A derived value with the intervals its operands' rounding (strict) and approximations (wide) allow. */
export interface DerivedNumber {
  value: number;
  unit: string;
  strict: Bounds;
  wide: Bounds;
}

const nan = (b: Bounds): Bounds => ({
  lo: Number.isNaN(b.lo) ? -Infinity : b.lo,
  hi: Number.isNaN(b.hi) ? Infinity : b.hi,
});

/** a / b over intervals. */
function divBounds(a: Bounds, b: Bounds): Bounds {
  if (a.lo >= 0 && b.lo > 0) return { lo: a.lo / b.hi, hi: a.hi / b.lo };
  if (a.lo >= 0 && b.lo >= 0) return { lo: a.lo / b.hi, hi: Infinity };
  if (b.lo <= 0 && b.hi >= 0) return { lo: -Infinity, hi: Infinity };
  const c = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi].filter((x) => !Number.isNaN(x));
  return c.length === 4 ? { lo: Math.min(...c), hi: Math.max(...c) } : { lo: -Infinity, hi: Infinity };
}

function mapBounds(b: Bounds, f: (x: number) => number): Bounds {
  return nan({ lo: f(b.lo), hi: f(b.hi) });
}

function both(f: (s: 'strict' | 'wide') => Bounds): { strict: Bounds; wide: Bounds } {
  return { strict: f('strict'), wide: f('wide') };
}

function sameUnit(parts: StatedNumber[], unit: string): StatedNumber[] {
  return parts.map((p) => inUnit(p, unit));
}

/** Σ parts, in `unit` (default the first part's): 200 + 704.9 + 690.08 = 1594.98. */
export function deriveSum(parts: StatedNumber[], unit = parts[0].unit): DerivedNumber {
  const ps = sameUnit(parts, unit);
  const add = (k: 'strict' | 'wide'): Bounds =>
    nan({
      lo: ps.reduce((s, p) => s + p[k].lo, 0),
      hi: ps.reduce((s, p) => s + p[k].hi, 0),
    });
  return { value: sumExact(ps.map((p) => p.value)), unit: parseUnit(unit).unit, ...both(add) };
}

/** part ÷ total × 100, in %: 196家 ÷ 976家 = 20.08%. */
export function deriveShare(part: StatedNumber, total: StatedNumber): DerivedNumber {
  const p = inUnit(part, total.unit);
  return {
    value: percentShare(p.value, total.value),
    unit: '%',
    ...both((k) => mapBounds(divBounds(p[k], total[k]), (x) => x * 100)),
  };
}

/** (end ÷ base − 1) × 100, in %. */
export function deriveGrowth(base: StatedNumber, end: StatedNumber): DerivedNumber {
  const e = inUnit(end, base.unit);
  return {
    value: growthRate(base.value, e.value),
    unit: '%',
    ...both((k) => mapBounds(divBounds(e[k], base[k]), (x) => (x - 1) * 100)),
  };
}

/** ((end ÷ base)^(1/years) − 1) × 100, in %: 600亿元 → 980亿元 over 5 years = 10.31%. */
export function deriveCagr(base: StatedNumber, end: StatedNumber, years: number): DerivedNumber {
  const e = inUnit(end, base.unit);
  return {
    value: averageAnnualGrowth(base.value, e.value, years),
    unit: '%',
    ...both((k) =>
      mapBounds(divBounds(e[k], base[k]), (x) => (x < 0 ? NaN : (Math.pow(x, 1 / years) - 1) * 100)),
    ),
  };
}

/** a − b; two rates differ by 个百分点 (60.96% − 56.74% = 4.22个百分点). */
export function deriveDifference(a: StatedNumber, b: StatedNumber): DerivedNumber {
  const bb = inUnit(b, a.unit);
  const rate = parseUnit(a.unit).base === '%';
  return {
    value: exactDifference(a.value, bb.value),
    unit: rate ? '个百分点' : parseUnit(a.unit).unit,
    ...both((k) => nan({ lo: a[k].lo - bb[k].hi, hi: a[k].hi - bb[k].lo })),
  };
}

/**
 * numerator ÷ denominator in `unit`: per-capita values and multiples. 1862.28亿元 ÷ 976家 = 1.91亿元
 * (per firm); 16.4亿元 ÷ 2.18万户 = 7.52万元 (per household); 920家 ÷ 270家 = 3.41倍. Without `unit`
 * the result is in the numerator's unit per one denominator unit (亿元 per 户).
 */
export function deriveRatio(num: StatedNumber, den: StatedNumber, unit?: string): DerivedNumber {
  const n = parseUnit(num.unit);
  const d = parseUnit(den.unit);
  let factor: number; // result = num / den × 10^factor
  let out: string;
  if (unit === undefined || unit === '') {
    factor = -d.power;
    out = n.unit;
  } else {
    const u = parseUnit(unit);
    out = u.unit;
    if (u.base === n.base) factor = n.power - d.power - u.power;
    else if ((u.base === '倍' || u.base === '%') && n.base === d.base) {
      factor = n.power - d.power + (u.base === '%' ? 2 : 0);
    } else {
      throw new UnitError(
        'incompatible-units',
        `单位不兼容：${num.unit} ÷ ${den.unit} 不能得到“${unit}”`,
        num.unit,
        unit,
      );
    }
  }
  const scale = (x: number) => (factor >= 0 ? x * 10 ** factor : x / 10 ** -factor);
  // percentShare is the exact decimal division (× 100); undo its × 100 in the exponent.
  const exact = percentShare(num.value, den.value);
  const value = roundHalfUp(scale(exact) / 100, 12);
  return { value, unit: out, ...both((k) => mapBounds(divBounds(num[k], den[k]), scale)) };
}

/** Each part's share of their sum, in %, and the ratio as the reports write it. */
export interface DerivedStructure {
  values: number[];
  strict: Bounds[];
  wide: Bounds[];
  /** Rounded to `decimals`: "12.5:44.2:43.3". */
  text: (decimals: number) => string;
}

/** Structure ratio of parts: 200 : 704.9 : 690.08 → 12.5:44.2:43.3. */
export function deriveStructure(parts: StatedNumber[]): DerivedStructure {
  const ps = sameUnit(parts, parts[0].unit);
  const total = sumExact(ps.map((p) => p.value));
  const values = ps.map((p) => percentShare(p.value, total));
  const bounds = (k: 'strict' | 'wide') =>
    ps.map((p, i) => {
      const othersLo = ps.reduce((s, q, j) => (j === i ? s : s + q[k].lo), 0);
      const othersHi = ps.reduce((s, q, j) => (j === i ? s : s + q[k].hi), 0);
      return nan({ lo: (p[k].lo / (p[k].lo + othersHi)) * 100, hi: (p[k].hi / (p[k].hi + othersLo)) * 100 });
    });
  return {
    values,
    strict: bounds('strict'),
    wide: bounds('wide'),
    text: (decimals) =>
      structureRatio(
        values.map((v) => roundHalfUp(v, decimals)),
        decimals,
      ),
  };
}

/** Parses "12.5:44.2:43.3" (also with full-width colons) into its parts. */
export function parseStructure(text: string): { parts: number[]; decimals: number } | null {
  const cells = text.trim().split(/[:：]/);
  if (cells.length < 2 || !cells.every((c) => /^\d+(\.\d+)?$/.test(c.trim()))) return null;
  const parts = cells.map(Number);
  return { parts, decimals: Math.max(...cells.map((c) => c.trim().split('.')[1]?.length ?? 0)) };
}

export interface RankEntry {
  region: string;
  value: number;
}

export interface RankResult {
  /** Best rank the known values allow (1 + the regions known to be ahead). */
  rank: number;
  /** Worst rank: equal to `rank` unless there are ties, or Infinity when the list is not complete. */
  worst: number;
  /** Regions known to be ahead, best first. */
  ahead: RankEntry[];
  known: number;
}

/**
 * The rank of `region` among `entries` (which include it): "居全省第9位". With `complete: false`
 * (regions missing from the data) the rank is only a lower bound: regions without data may be ahead.
 */
export function rankAmong(
  entries: RankEntry[],
  region: string,
  options: { order?: 'desc' | 'asc'; complete?: boolean } = {},
): RankResult {
  const self = entries.find((e) => e.region === region);
  if (!self) throw new NotFoundError(`排位：没有「${region}」的数值`);
  const better = (a: number, b: number) => (options.order === 'asc' ? a < b : a > b);
  const ahead = entries
    .filter((e) => e.region !== region && better(e.value, self.value))
    .sort((a, b) => (better(a.value, b.value) ? -1 : better(b.value, a.value) ? 1 : 0));
  const ties = entries.filter((e) => e.region !== region && e.value === self.value).length;
  const rank = ahead.length + 1;
  return { rank, worst: options.complete === false ? Infinity : rank + ties, ahead, known: entries.length };
}

/**
 * Whole-number totals a stated share of a count allows: 28家 at 31.9% (±0.05) needs a total in
 * [87.6, 87.9], which holds no whole number. Returns the nearest totals on either side and whether
 * some whole total fits.
 */
export function wholeTotalsFor(
  part: number,
  share: Bounds,
): { fits: number | null; below: number; above: number } {
  const lo = share.hi === Infinity ? part : (part * 100) / share.hi; // larger share → smaller total
  const hi = share.lo <= 0 ? Infinity : (part * 100) / share.lo;
  const first = Math.max(Math.ceil(lo - 1e-9), Math.ceil(part));
  const fits = first <= hi + 1e-9 ? first : null;
  return { fits, below: Math.max(Math.floor(lo), 1), above: Math.ceil(hi === Infinity ? lo : hi) };
}

// ---------------------------------------------------------------------------------------------
// Figures from the database

/** An observation a derivation used, with its provenance. */
export interface Figure {
  indicator: string;
  indicatorCode: string;
  indicatorId: number;
  region: string;
  regionId: number;
  /** As the reports write it: 2019, 2021—2025. */
  period: string;
  periodKey: string;
  status: Status;
  value: number | null;
  text: string | null;
  unit: string;
  qualifier: string | null;
  source: string | null;
  sourceText: string | null;
  revision: number;
}

const UNIT_COUNTS = /^(家|个|人|名|户|所|座|艘|套|件|口|项|位|村|次|人次)$/;

/** Operand period for a target period (see OperandAt). Returns null when it cannot be formed. */
export function operandPeriod(target: Period, at: OperandAt): Period | null {
  if (at === 'same') return target;
  if (at === 'end') return target.kind === 'plan' ? parsePeriod(String(target.endYear)) : target;
  if (at === 'base') {
    const y = target.startYear - 1;
    try {
      switch (target.kind) {
        case 'year':
        case 'plan':
          return parsePeriod(String(y));
        case 'half':
          return parsePeriod(`${y}H${target.sub}`);
        case 'quarter':
          return parsePeriod(`${y}Q${target.sub}`);
        case 'month':
          return parsePeriod(`${y}-${String(target.sub).padStart(2, '0')}`);
      }
    } catch {
      return null;
    }
  }
  return parsePeriod(at);
}

/** Statuses to read an operand in, best first: a target's operands may be targets or actuals. */
export function statusOrder(target: Status): Status[] {
  const actual: Status[] = ['', '最终核实', '初步核算', '预计'];
  return target === '目标' ? ['目标', ...actual] : [target, ...actual.filter((s) => s !== target)];
}

/** Reads figures with provenance, and turns them into stated numbers. */
export class FigureReader {
  readonly catalogue: Catalogue;
  private readonly store: ObservationStore;
  private readonly indicators = new Map<number, Indicator>();

  constructor(db: Db) {
    this.catalogue = new Catalogue(db);
    this.store = new ObservationStore(db);
    for (const i of this.catalogue.indicators()) this.indicators.set(i.id, i);
  }

  indicator(id: number): Indicator {
    const i = this.indicators.get(id);
    if (!i) throw new NotFoundError(`未找到指标（编号 ${id}）`);
    return i;
  }

  /** The figure for an indicator, region and period, in the first status of `statuses` that has one. */
  read(indicatorId: number, regionId: number, period: string, statuses: Status[]): Figure | null {
    for (const s of statuses) {
      const o = this.store.find(indicatorId, regionId, period, s);
      if (o) return this.figure(o);
    }
    return null;
  }

  /** All figures of an indicator (optionally one region), period order. */
  series(indicatorId: number, regionId?: number): Figure[] {
    return this.store.series({ indicatorId, regionId }).map((o) => this.figure(o));
  }

  figure(o: Observation): Figure {
    return {
      indicator: o.indicator,
      indicatorCode: o.indicatorCode,
      indicatorId: o.indicatorId,
      region: o.region,
      regionId: o.regionId,
      period: o.periodLabel,
      periodKey: o.period,
      status: o.status,
      value: o.value,
      text: o.textValue,
      unit: o.unit,
      qualifier: o.qualifier,
      source: o.source,
      sourceText: o.sourceText,
      revision: o.revision,
    };
  }

  /** A figure as a stated number (null for text figures). Counts of whole things are exact. */
  stated(f: Figure, decimals?: number | null): StatedNumber | null {
    if (f.value === null) return null;
    const ind = this.indicator(f.indicatorId);
    let scale = '';
    try {
      scale = parseUnit(f.unit).scale;
    } catch {
      scale = '?';
    }
    const exact =
      (ind.kind === 'count' || ind.kind === 'rank' || UNIT_COUNTS.test(f.unit)) &&
      Number.isInteger(f.value) &&
      scale === '' &&
      (decimals ?? 0) === 0;
    return statedNumber(f.value, f.unit, {
      decimals: decimals ?? undefined,
      qualifier: f.qualifier,
      exact,
      forecast: f.status === '预计' || /预计/.test(f.qualifier ?? ''),
    });
  }

  /** Regions ranked with `region`: the listed ones, or those sharing its parent. */
  peers(region: Region, names?: string[]): Region[] {
    if (names && names.length) {
      const list = names.map((n) => this.catalogue.region(n));
      return list.some((r) => r.id === region.id) ? list : [region, ...list];
    }
    if (region.parentId === null) return [region];
    return this.catalogue.childrenOf(region.parentId);
  }
}

// ---------------------------------------------------------------------------------------------
// One relation for one target figure

export interface InstanceOperand {
  indicatorId: number;
  at: OperandAt;
  regionId: number | null;
}

export interface InstanceSpec {
  kind: RelationKind;
  operands: InstanceOperand[];
  /** Unit the result should be in (the target's). */
  unit?: string;
  options?: RelationOptions;
}

export type InstanceResult =
  | { kind: 'number'; derived: DerivedNumber; operands: Figure[]; stated: StatedNumber[]; years?: number }
  | { kind: 'structure'; derived: DerivedStructure; operands: Figure[]; stated: StatedNumber[] }
  | { kind: 'rank'; rank: RankResult; value: Figure; peers: Figure[] }
  | { kind: 'whole-total'; part: Figure; stated: StatedNumber }
  | { kind: 'missing'; what: string };

/** Computes a relation for a target region, period and status from the operands in the database. */
export function computeInstance(
  reader: FigureReader,
  spec: InstanceSpec,
  target: { regionId: number; period: Period; status: Status },
): InstanceResult {
  const statuses = statusOrder(target.status);
  const figures: Figure[] = [];
  for (const op of spec.operands) {
    const p = operandPeriod(target.period, op.at);
    const name = reader.indicator(op.indicatorId).name;
    if (!p) return { kind: 'missing', what: `${name}（${op.at}）` };
    if (spec.kind === 'rank') break;
    const f = reader.read(op.indicatorId, op.regionId ?? target.regionId, p.key, statuses);
    if (!f) return { kind: 'missing', what: `${name}（${p.label}）` };
    figures.push(f);
  }

  if (spec.kind === 'rank') {
    const op = spec.operands[0];
    const p = operandPeriod(target.period, op.at);
    if (!p) return { kind: 'missing', what: reader.indicator(op.indicatorId).name };
    const self = reader.catalogue.regions().find((r) => r.id === (op.regionId ?? target.regionId));
    if (!self) return { kind: 'missing', what: '地区' };
    const peers = reader
      .peers(self, spec.options?.regions)
      .map((r) => reader.read(op.indicatorId, r.id, p.key, statuses))
      .filter((f): f is Figure => f !== null && f.value !== null);
    const value = peers.find((f) => f.regionId === self.id);
    if (!value)
      return {
        kind: 'missing',
        what: `${reader.indicator(op.indicatorId).name}（${self.name}，${p.label}）`,
      };
    const entries = peers.map((f) => ({
      region: f.region,
      value: convertUnit(f.value!, f.unit, value.unit),
    }));
    const rank = rankAmong(entries, self.name, {
      order: spec.options?.order,
      complete: spec.options?.complete === true,
    });
    return { kind: 'rank', rank, value, peers: peers.filter((f) => f.regionId !== self.id) };
  }

  const stated = figures.map((f) => reader.stated(f));
  if (stated.some((s) => s === null)) return { kind: 'missing', what: '数值（文本型数据不能参与计算）' };
  const nums = stated as StatedNumber[];

  switch (spec.kind) {
    case 'sum':
      return {
        kind: 'number',
        derived: deriveSum(nums, sumUnit(nums, spec.unit)),
        operands: figures,
        stated: nums,
      };
    case 'share':
      if (nums.length === 1) return { kind: 'whole-total', part: figures[0], stated: nums[0] };
      return { kind: 'number', derived: deriveShare(nums[0], nums[1]), operands: figures, stated: nums };
    case 'growth':
      return { kind: 'number', derived: deriveGrowth(nums[0], nums[1]), operands: figures, stated: nums };
    case 'cagr': {
      const years = yearsBetween(figures[0].periodKey, figures[1].periodKey);
      if (years <= 0) return { kind: 'missing', what: '年数（基期应早于末期）' };
      return {
        kind: 'number',
        derived: deriveCagr(nums[0], nums[1], years),
        operands: figures,
        stated: nums,
        years,
      };
    }
    case 'difference':
      return { kind: 'number', derived: deriveDifference(nums[0], nums[1]), operands: figures, stated: nums };
    case 'ratio':
    case 'per_capita':
      return {
        kind: 'number',
        derived: deriveRatio(nums[0], nums[1], spec.unit),
        operands: figures,
        stated: nums,
      };
    case 'structure':
      return { kind: 'structure', derived: deriveStructure(nums), operands: figures, stated: nums };
  }
}

function sumUnit(nums: StatedNumber[], unit: string | undefined): string {
  if (!unit) return nums[0].unit;
  try {
    return parseUnit(unit).base === parseUnit(nums[0].unit).base ? unit : nums[0].unit;
  } catch {
    return nums[0].unit;
  }
}

function yearsBetween(baseKey: string, endKey: string): number {
  const a = parsePeriod(baseKey);
  const b = parsePeriod(endKey);
  return b.endYear - a.endYear;
}

// ---------------------------------------------------------------------------------------------
// deriveValue: one derived value, straight from the database

export interface DeriveRequest {
  kind: RelationKind | string;
  /** Indicator names (codes, aliases); `名称@基期`, `名称@2020` or {indicator, at, region}. */
  operands: OperandInput[];
  region: string;
  /** The period of the derived value: 2019 for 比上年增长, 2021—2025 for 年均增长. */
  period: string;
  status?: Status;
  /** Unit of the result for ratios and per-capita values (万元, 倍). */
  unit?: string;
  options?: RelationOptions;
}

export interface DeriveResult {
  kind: RelationKind;
  /** The value (a rank for 'rank'); for structures, each part's share. */
  value: number;
  values?: number[];
  /** Structures: "12.5:44.2:43.3" (1 decimal). */
  text: string | null;
  unit: string;
  strict: Bounds;
  /** The operands with their provenance (for ranks: the region's own value first, then its peers). */
  operands: Figure[];
}

/**
 * A derived value from the database with the provenance of every operand. Throws NotFoundError
 * when an operand's figure is missing.
 */
export function deriveValue(db: Db, req: DeriveRequest): DeriveResult {
  const kind = parseKind(req.kind);
  const reader = new FigureReader(db);
  const region = reader.catalogue.region(req.region);
  const period = parsePeriod(req.period);
  let operands: InstanceOperand[] = req.operands.map((o) => {
    const spec =
      typeof o === 'string'
        ? o.lastIndexOf('@') > 0
          ? { indicator: o.slice(0, o.lastIndexOf('@')), at: o.slice(o.lastIndexOf('@') + 1) }
          : { indicator: o }
        : o;
    return {
      indicatorId: reader.catalogue.indicator(spec.indicator).id,
      at: parseAt(spec.at),
      regionId: spec.region ? reader.catalogue.region(spec.region).id : null,
    };
  });
  if ((kind === 'growth' || kind === 'cagr') && operands.length === 1) {
    operands = [
      { ...operands[0], at: 'base' },
      { ...operands[0], at: 'end' },
    ];
  } else if (kind === 'growth' || kind === 'cagr') {
    operands = operands.map((o, i) => (o.at === 'same' ? { ...o, at: i === 0 ? 'base' : 'end' } : o));
  }
  const r = computeInstance(
    reader,
    { kind, operands, unit: req.unit, options: req.options },
    { regionId: region.id, period, status: req.status ?? '' },
  );
  switch (r.kind) {
    case 'missing':
      throw new NotFoundError(`无法计算${KIND_LABELS[kind]}：缺少${r.what}（${region.name}）`);
    case 'whole-total':
      throw new NotFoundError(`无法计算占比：缺少总数（${r.part.indicator}）`);
    case 'rank':
      return {
        kind,
        value: r.rank.rank,
        text: null,
        unit: '位',
        strict: { lo: r.rank.rank, hi: r.rank.worst },
        operands: [r.value, ...r.peers],
      };
    case 'structure':
      return {
        kind,
        value: r.derived.values[0],
        values: r.derived.values,
        text: r.derived.text(1),
        unit: '%',
        strict: r.derived.strict[0],
        operands: r.operands,
      };
    case 'number':
      return {
        kind,
        value: r.derived.value,
        text: null,
        unit: r.derived.unit,
        strict: r.derived.strict,
        operands: r.operands,
      };
  }
}

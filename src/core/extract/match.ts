/**
 * Maps the name a figure is stated under to the indicator catalogue: exact after folding (name, code or
 * alias; widths, quotes, 规模以上 → 规上, "(GDP)"), then exact once verbs inside the stated name are
 * dropped ("规模以上工业实现营业收入" → 规上工业营业收入). Deliberately no partial matching: a prefix
 * usually changes the meaning (城市低保金 is not 低保金, 未脱贫贫困人口 is not 脱贫贫困人口), and a
 * wrong mapping is worse than proposing a new indicator. Units must agree in kind (a % figure never
 * maps to an indicator counted in 家).
 */
import { nameKey } from '../data/catalogue';
import { COUNT_UNITS } from './lexicon';

/** What the matcher needs of a catalogue indicator (Catalogue.indicators() returns a superset). */
export interface IndicatorRef {
  code: string;
  name: string;
  unit: string;
  aliases: string[];
  /** 'rank' for ranks (unit 位); other kinds are not used. */
  kind?: string;
}

/** Folds a name for comparison: widths, spaces, quotes (nameKey), plus the reports' abbreviations. */
export function foldName(name: string): string {
  return nameKey(name)
    .replace(/规模以上/g, '规上')
    .replace(/\((GDP|PM2\.5)\)/g, '')
    .replace(/的/g, '');
}

/** Counted units (the finder's list) and the empty unit: a bare count. */
const COUNT = new Set<string>([...COUNT_UNITS, '']);

/** The kind of quantity a unit measures, so that 万元 and 亿元 agree and % and 家 do not. */
export function unitDimension(unit: string, rank = false): string {
  if (rank) return 'rank';
  const base = unit.replace(/^(万亿|千万|百万|万|亿)/, '');
  if (base === '%' || base === '‰') return 'pct';
  if (base === '个百分点' || base === '百分点') return 'pp';
  if (base === '元' || base === '美元') return 'money';
  if (['亩', '公顷', '平方公里', '平方千米', '平方米', '㎡'].includes(base)) return 'area';
  if (['吨', '公斤', '千克', '斤', '克'].includes(base)) return 'weight';
  if (['公里', '千米', '米'].includes(base)) return 'length';
  if (COUNT.has(base)) return 'count';
  return base;
}

export interface MatchResult {
  ref: IndicatorRef;
  how: 'exact';
}

export class IndicatorMatcher {
  private readonly exact = new Map<string, IndicatorRef>();

  constructor(refs: readonly IndicatorRef[]) {
    // Names win over codes, codes over aliases (as Catalogue.findIndicator).
    for (const r of refs) for (const a of r.aliases) this.exact.set(foldName(a), r);
    for (const r of refs) this.exact.set(foldName(r.code), r);
    for (const r of refs) this.exact.set(foldName(r.name), r);
  }

  get size(): number {
    return this.exact.size;
  }

  /** The first of `names` (in order of preference) that maps to an indicator of a compatible unit. */
  match(names: readonly string[], dimension: string): MatchResult | null {
    const ok = (r: IndicatorRef) => unitDimension(r.unit, r.kind === 'rank') === dimension;
    for (const n of names) {
      const hit = this.exact.get(foldName(n));
      if (hit && ok(hit)) return { ref: hit, how: 'exact' };
    }
    // Counts are catalogued as "…数" ("规上工业企业" 992家 → 规上工业企业数).
    if (dimension === 'count')
      for (const n of names) {
        const hit = this.exact.get(foldName(n) + '数');
        if (hit && ok(hit)) return { ref: hit, how: 'exact' };
      }
    // Verbs inside a stated name are not part of an indicator's name ("规上工业实现营业收入").
    for (const n of names) {
      const key = foldName(n).replace(/实现|完成|达到/g, '');
      const hit = this.exact.get(key);
      if (hit && ok(hit)) return { ref: hit, how: 'exact' };
    }
    return null;
  }
}

/**
 * Scores extracted figures against hand-labelled gold files (tests/fixtures/extract/*.gold.tsv).
 *
 * A candidate matches a gold figure when
 * - value and unit agree after the 万/亿 scale is folded in (38.3 万人 = 383000 人; signs ignored, as
 *   a fall may be written 17.5 with relation 下降 or −17.5),
 * - the period is one the gold row accepts ("2019|2018"; "-" for none),
 * - the candidate's indicator (or the words it was named from), folded, contains the gold name or one
 *   of its aliases (the gold lists the shortest names under which the figure counts as the same).
 * Matching is one-to-one, greedy in text order; precision = matched / candidates, recall = matched / gold.
 */
import { foldName } from './match';
import type { FigureCandidate } from './figures';

export interface GoldFigure {
  line: number;
  indicator: string;
  aliases: string[];
  periods: (string | null)[];
  value: number;
  units: string[];
  qualifier: string;
  relation: string;
  note: string;
}

/** Parses a gold TSV: comment lines start with #, the first other line is the header. */
export function parseGold(tsv: string): GoldFigure[] {
  const lines = tsv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const [header, ...rows] = lines;
  const cols = header.split('\t');
  const at = (name: string) => cols.indexOf(name);
  return rows.map((row) => {
    const c = row.split('\t');
    const get = (name: string) => (c[at(name)] ?? '').trim();
    return {
      line: Number(get('line')),
      indicator: get('indicator'),
      aliases: get('aliases') ? get('aliases').split('|') : [],
      periods: get('period')
        .split('|')
        .map((p) => (p === '-' || p === '' ? null : p)),
      value: Number(get('value')),
      units: get('unit').split('|'),
      qualifier: get('qualifier'),
      relation: get('relation'),
      note: get('note'),
    };
  });
}

const SCALE: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 万: 1e4, 亿: 1e8 };

/** A value and unit with the scale folded in: (38.3, 万人) → (383000, 人). */
export function scaled(value: number, unit: string): { value: number; unit: string } {
  let u = unit === '㎡' ? '平方米' : unit === '百分点' ? '个百分点' : unit;
  let v = Math.abs(value);
  for (const m of ['万亿', '千万', '百万', '万', '亿'])
    if (u.startsWith(m)) {
      v *= SCALE[m];
      u = u.slice(m.length);
      break;
    }
  return { value: v, unit: u };
}

function sameQuantity(c: FigureCandidate, g: GoldFigure): boolean {
  if (typeof c.value !== 'number') return false;
  const a = scaled(c.value, c.unit);
  return g.units.some((unit) => {
    const b = scaled(g.value, unit);
    return a.unit === b.unit && Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, b.value);
  });
}

function sameIndicator(c: FigureCandidate, g: GoldFigure): boolean {
  const names = [c.indicator, c.phrase].map(foldName);
  return [g.indicator, ...g.aliases].some((alias) => {
    const a = foldName(alias);
    return a !== '' && names.some((n) => n.includes(a));
  });
}

export interface Score {
  candidates: number;
  gold: number;
  matched: number;
  precision: number;
  recall: number;
  /** Candidates that matched nothing, and gold figures nobody found (for reading, not for scoring). */
  falsePositives: FigureCandidate[];
  misses: GoldFigure[];
}

export function score(candidates: readonly FigureCandidate[], gold: readonly GoldFigure[]): Score {
  const used = new Set<number>();
  const falsePositives: FigureCandidate[] = [];
  let matched = 0;
  for (const c of candidates) {
    const k = gold.findIndex(
      (g, i) => !used.has(i) && sameQuantity(c, g) && g.periods.includes(c.period) && sameIndicator(c, g),
    );
    if (k >= 0) {
      used.add(k);
      matched++;
    } else falsePositives.push(c);
  }
  const misses = gold.filter((_, i) => !used.has(i));
  return {
    candidates: candidates.length,
    gold: gold.length,
    matched,
    precision: candidates.length ? matched / candidates.length : 1,
    recall: gold.length ? matched / gold.length : 1,
    falsePositives,
    misses,
  };
}

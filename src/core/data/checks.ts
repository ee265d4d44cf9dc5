/**
 * `brief check`: where stated figures disagree with each other beyond rounding. Each declared relation
 * (relations.ts) is recomputed for every figure of its target from the operands in the database
 * (derive.ts) and compared with the stated figure, allowing for the rounding of both sides and for
 * approximate wording (左右, 以上, 突破, 余, 预计). Structure ratios are also checked to add up to 100.
 *
 * A finding shows both sides with their sources and never changes a figure: the database is only read.
 * Severity: 'error' beyond rounding, figures exact and definitions the same; 'warning' beyond rounding
 * where a figure is approximate or definitions may differ; 'info' beyond rounding but within what an
 * approximate figure allows.
 */
import type { Db } from '../db/connection';
import { collectValues, type Provenance } from '../doc/model';
import { evaluateTemplate, type DataSource } from '../doc/template/evaluate';
import { findTemplate } from '../doc/templates';
import { exactDifference, formatNumber, parseUnit, roundHalfUp, withQualifier } from '../doc/wording';
import {
  computeInstance,
  decimalsOf,
  FigureReader,
  parseStructure,
  wholeTotalsFor,
  type Bounds,
  type Figure,
  type InstanceResult,
  type StatedNumber,
} from './derive';
import { parsePeriod } from './periods';
import { Relations, type Relation, type RelationKind } from './relations';
import { DbDataSource } from './source';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** A figure shown in a finding (the JSON shape of DESIGN §3), plus its words for people. */
export interface FindingValue {
  indicator: string;
  region: string;
  period: string;
  value: number | string | null;
  unit: string;
  source: string | null;
  /** The words the figure came from, when known. */
  sourceText?: string | null;
  status?: string;
  qualifier?: string | null;
}

export interface Finding {
  severity: Severity;
  /** Chinese, both sides: "…：陈述值 20.6%，由 196家 ÷ 976家 计算得 20.1%，相差 0.5 个百分点". */
  message: string;
  /** The stated figure first, then the figures it was checked against. */
  values: FindingValue[];
  relationId: number | null;
  kind: RelationKind | 'structure-total';
}

/** A figure a briefing uses. */
export interface FigureRef {
  indicator: string;
  region: string;
  /** As written (2019, 2021—2025) or as a key. */
  period: string;
  status?: string | null;
}

export interface CheckOptions {
  /** Only relations whose target or operands are among these indicators (names, codes, aliases). */
  indicators?: Iterable<string>;
  /** Only checks that involve at least one of these figures (what a briefing states). */
  figures?: FigureRef[];
  /** Only checks that involve a figure of this year (a plan period counts for each of its years). */
  year?: number;
}

export interface CheckReport {
  findings: Finding[];
  /** Checks made (relation × figure, plus structure totals). */
  checked: number;
  /** Relations in scope that could not be computed, and why (usually a figure the data lacks). */
  skipped: { relation: string; reason: string }[];
}

const EPS = 1e-9;

function overlaps(a: Bounds, b: Bounds): boolean {
  const scale = Math.max(1, ...[a.lo, a.hi, b.lo, b.hi].filter(Number.isFinite).map(Math.abs));
  return a.lo <= b.hi + EPS * scale && b.lo <= a.hi + EPS * scale;
}

function widen(b: Bounds, t: number): Bounds {
  return t ? { lo: b.lo - t, hi: b.hi + t } : b;
}

function figureKey(indicatorId: number, regionId: number, periodKey: string, status: string): string {
  return `${indicatorId}|${regionId}|${periodKey}|${status}`;
}

function periodText(f: { period: string; periodKey: string }): string {
  return /^\d{4}$/.test(f.periodKey) ? `${f.period}年` : f.period.includes('—') ? `${f.period}年` : f.period;
}

function isRateUnit(unit: string): boolean {
  return unit === '%' || unit === '个百分点';
}

/** "20.6%", "1594.98亿元", "56%左右", "突破2000亿元", "3万余人", "稳定在55%左右". */
export function figureText(
  value: number,
  unit: string,
  qualifier?: string | null,
  decimals?: number,
): string {
  const n = decimals === undefined ? formatNumber(value) : formatNumber(value, decimals);
  const u = unit === '个百分点' ? ' 个百分点' : unit;
  const q = (qualifier ?? '').trim();
  if (!q) return n + u;
  if (q.includes('…')) return q.replace('…', n + u);
  if (/^(超过|超|突破|近|将近|接近|约|逾|不足|不到|冲刺|力争|预计)$/.test(q)) return q + n + u;
  if (/^(左右|上下|以上|以内|以下)$/.test(q)) return n + u + q;
  if (q === '余' || q === '多') {
    try {
      return withQualifier(value, unit, q);
    } catch {
      return n + q + u;
    }
  }
  return `${n}${u}（${q}）`;
}

function statedText(f: Figure, period?: string): string {
  const base = f.value === null ? (f.text ?? '') : figureText(f.value, f.unit, f.qualifier);
  const notes = [period, f.status && !(f.qualifier ?? '').includes(f.status) ? f.status : ''].filter(Boolean);
  return notes.length ? `${base}（${notes.join('，')}）` : base;
}

function findingValue(f: Figure): FindingValue {
  return {
    indicator: f.indicator,
    region: f.region,
    period: f.period,
    value: f.value ?? f.text,
    unit: f.unit,
    source: f.source,
    sourceText: f.sourceText,
    status: f.status,
    qualifier: f.qualifier,
  };
}

/** Rounds a computed value for display: to the stated decimals, with more if that would hide the gap. */
function shownDecimals(computed: number, stated: number, decimals: number): number {
  let d = decimals;
  while (d < decimals + 2 && roundHalfUp(computed, d) === roundHalfUp(stated, d)) d++;
  return d;
}

// ---------------------------------------------------------------------------------------------

interface Scope {
  indicatorIds: Set<number> | null;
  figures: Set<string> | null;
  year: number | null;
}

function inScope(scope: Scope, figures: Figure[]): boolean {
  if (
    scope.figures &&
    !figures.some((f) => scope.figures!.has(figureKey(f.indicatorId, f.regionId, f.periodKey, f.status)))
  ) {
    return false;
  }
  if (scope.year !== null) {
    const y = scope.year;
    if (
      !figures.some((f) => {
        const p = parsePeriod(f.periodKey);
        return p.startYear <= y && y <= p.endYear;
      })
    )
      return false;
  }
  return true;
}

function resolveScope(reader: FigureReader, options: CheckOptions): Scope {
  let indicatorIds: Set<number> | null = null;
  if (options.indicators) {
    indicatorIds = new Set([...options.indicators].map((n) => reader.catalogue.indicator(n).id));
  }
  let figures: Set<string> | null = null;
  if (options.figures) {
    figures = new Set();
    for (const f of options.figures) {
      const ind = reader.catalogue.findIndicator(f.indicator);
      const reg = reader.catalogue.findRegion(f.region);
      if (!ind || !reg) continue;
      let key: string;
      try {
        key = parsePeriod(f.period).key;
      } catch {
        continue;
      }
      figures.add(figureKey(ind.id, reg.id, key, f.status ?? ''));
    }
  }
  return { indicatorIds, figures, year: options.year ?? null };
}

/** Runs every relation in scope against the data. Reads only. */
export function runChecks(db: Db, options: CheckOptions = {}): CheckReport {
  const reader = new FigureReader(db);
  const scope = resolveScope(reader, options);
  let relations = new Relations(db).list();
  if (scope.indicatorIds) {
    const ids = scope.indicatorIds;
    relations = relations.filter(
      (r) => ids.has(r.targetId) || r.operands.some((o) => ids.has(o.indicatorId)),
    );
  }
  const findings: Finding[] = [];
  const skipped: CheckReport['skipped'] = [];
  let checked = 0;

  for (const relation of relations) {
    const targets = reader
      .series(relation.targetId, relation.regionId ?? undefined)
      .filter((f) => relation.period === null || f.periodKey === relation.period);
    for (const target of targets) {
      let result: InstanceResult;
      try {
        result = computeInstance(
          reader,
          { kind: relation.kind, operands: relation.operands, unit: target.unit, options: relation.options },
          { regionId: target.regionId, period: parsePeriod(target.periodKey), status: target.status },
        );
      } catch (err) {
        if (!inScope(scope, [target])) continue;
        findings.push({
          severity: 'info',
          message: `${label(target)}：无法按“${describeRelation(relation)}”核对：${(err as Error).message}`,
          values: [findingValue(target)],
          relationId: relation.id,
          kind: relation.kind,
        });
        continue;
      }
      const used = usedFigures(target, result);
      if (!inScope(scope, used)) continue;
      if (comparablePrice(relation, target)) {
        // A growth stated at comparable prices stays data of its own: levels are at current prices.
        skipped.push({
          relation: `${label(target)}（${describeRelation(relation)}）`,
          reason: '陈述的增速按可比价（不变价）计算，总量为现价，口径不同，不作比较',
        });
        continue;
      }
      if (result.kind === 'missing') {
        skipped.push({
          relation: `${label(target)}（${describeRelation(relation)}）`,
          reason: `缺少${result.what}`,
        });
        continue;
      }
      checked++;
      const finding = compare(reader, relation, target, result);
      if (finding) findings.push(finding);
    }
  }

  // Structure ratios add up to 100 (12.5 + 44.2 + 43.3).
  const structureIds = reader.catalogue
    .indicators()
    .filter((i) => i.kind === 'structure' && (!scope.indicatorIds || scope.indicatorIds.has(i.id)))
    .map((i) => i.id);
  for (const id of structureIds) {
    for (const f of reader.series(id)) {
      if (!inScope(scope, [f])) continue;
      const s = f.text ? parseStructure(f.text) : null;
      if (!s) continue;
      checked++;
      const finding = structureTotal(f, s.parts, s.decimals);
      if (finding) findings.push(finding);
    }
  }

  const order = (s: Severity) => SEVERITIES.indexOf(s);
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f.severity) - order(b.f.severity) || a.i - b.i);
  return { findings: sorted.map((x) => x.f), checked, skipped };
}

function usedFigures(target: Figure, r: InstanceResult): Figure[] {
  switch (r.kind) {
    case 'number':
    case 'structure':
      return [target, ...r.operands];
    case 'rank':
      return [target, r.value];
    case 'whole-total':
      return [target, r.part];
    case 'missing':
      return [target];
  }
}

function label(f: Figure): string {
  return `${f.indicator}（${f.region}，${periodText(f)}）`;
}

function describeRelation(r: Relation): string {
  const names = r.operands.map((o) => o.indicator);
  switch (r.kind) {
    case 'sum':
      return `${r.target} = ${names.join(' + ')}`;
    case 'share':
      return names.length === 1
        ? `${r.target} = ${names[0]} ÷ 总数`
        : `${r.target} = ${names[0]} ÷ ${names[1]}`;
    case 'growth':
    case 'cagr':
      return `${r.target} 由 ${names[0]} 的基期和末期计算`;
    case 'difference':
      return `${r.target} = ${names[0]} − ${names[1]}`;
    case 'ratio':
    case 'per_capita':
      return `${r.target} = ${names[0]} ÷ ${names[1]}`;
    case 'structure':
      return `${r.target} = ${names.join(' : ')}`;
    case 'rank':
      return `${r.target} 按 ${names[0]} 排序`;
  }
}

function operandText(f: Figure, target: Figure): string {
  return statedText(f, f.periodKey !== target.periodKey ? periodText(f) : undefined);
}

/** Converts a derived value's unit to the stated figure's; null when they measure different things. */
function unitFactor(from: string, to: string): number | null {
  if (from === to || (isRateUnit(from) && isRateUnit(to))) return 1;
  try {
    const a = parseUnit(from);
    const b = parseUnit(to);
    return a.base === b.base ? 10 ** (a.power - b.power) : null;
  } catch {
    return null;
  }
}

function approxNames(figures: { f: Figure; s: StatedNumber | null }[]): string[] {
  return figures.filter((x) => x.s?.approximate).map((x) => statedText(x.f));
}

function compare(
  reader: FigureReader,
  relation: Relation,
  target: Figure,
  r: InstanceResult,
): Finding | null {
  switch (r.kind) {
    case 'number':
      return compareNumber(reader, relation, target, r);
    case 'structure':
      return compareStructure(relation, target, r);
    case 'rank':
      return compareRank(relation, target, r);
    case 'whole-total':
      return compareWholeTotal(reader, relation, target, r);
    case 'missing':
      return null;
  }
}

/** A growth the source states at comparable prices (按可比价/不变价计算) is not comparable with levels. */
function comparablePrice(relation: Relation, target: Figure): boolean {
  return (
    (relation.kind === 'growth' || relation.kind === 'cagr') &&
    /不变价|可比价/.test(`${target.sourceText ?? ''}${target.qualifier ?? ''}`)
  );
}

function severityFor(
  relation: Relation,
  stated: StatedNumber,
  operands: StatedNumber[],
  wideAgree: boolean,
): { severity: Severity; note: string } {
  const approx = stated.approximate || operands.some((s) => s.approximate);
  const mayDiffer = relation.definitions === 'may-differ';
  if (!approx && !mayDiffer) return { severity: 'error', note: '' };
  const why = mayDiffer ? `两者口径可能不同${relation.note ? `（${relation.note}）` : ''}` : '';
  if (approx && wideAgree && !mayDiffer) return { severity: 'info', note: '' };
  return { severity: 'warning', note: why };
}

function compareNumber(
  reader: FigureReader,
  relation: Relation,
  target: Figure,
  r: Extract<InstanceResult, { kind: 'number' }>,
): Finding | null {
  const stated = reader.stated(target, relation.decimals);
  if (!stated) return null;
  const factor = unitFactor(r.derived.unit, target.unit);
  if (factor === null) {
    return {
      severity: 'info',
      message: `${label(target)}：计算结果的单位（${r.derived.unit}）与陈述值的单位（${target.unit}）不同，无法核对`,
      values: [target, ...r.operands].map(findingValue),
      relationId: relation.id,
      kind: relation.kind,
    };
  }
  const tol = relation.tolerance ?? 0;
  const value = factor === 1 ? r.derived.value : r.derived.value * factor;
  const strict = widen({ lo: r.derived.strict.lo * factor, hi: r.derived.strict.hi * factor }, tol);
  const wide = widen({ lo: r.derived.wide.lo * factor, hi: r.derived.wide.hi * factor }, tol);
  if (overlaps(strict, stated.strict)) return null;

  const { severity, note } = severityFor(relation, stated, r.stated, overlaps(wide, stated.wide));
  let d = shownDecimals(value, stated.value, stated.decimals);
  // Sums and differences are exact: show them as they come out (1594.98), within reason.
  if (relation.kind === 'sum' || relation.kind === 'difference')
    d = Math.max(d, Math.min(decimalsOf(value), stated.decimals + 2));
  const gap = Math.abs(exactDifference(roundHalfUp(value, d + 2), stated.value));
  const gapUnit = isRateUnit(target.unit) ? ' 个百分点' : target.unit;
  const operands = r.operands;
  let how: string;
  switch (relation.kind) {
    case 'sum':
      how = operands.map((f) => operandText(f, target)).join(' + ');
      break;
    case 'share':
    case 'ratio':
    case 'per_capita':
      how = `${operandText(operands[0], target)} ÷ ${operandText(operands[1], target)}`;
      break;
    case 'difference':
      how = `${operandText(operands[0], target)} − ${operandText(operands[1], target)}`;
      break;
    case 'growth':
    case 'cagr':
      how =
        `${periodText(operands[0])} ${statedText(operands[0])} 至 ${periodText(operands[1])} ${statedText(operands[1])}` +
        (relation.kind === 'cagr' ? `，按 ${r.years} 年` : '');
      break;
    default:
      how = operands.map((f) => operandText(f, target)).join('、');
  }
  const computedText = figureText(roundHalfUp(value, d), target.unit, null, d);
  let message =
    `${label(target)}：陈述值 ${statedText(target)}，由 ${how} 计算得 ${computedText}，` +
    `相差 ${formatNumber(roundHalfUp(gap, d))}${gapUnit}`;
  const approx = approxNames([{ f: target, s: stated }, ...operands.map((f, i) => ({ f, s: r.stated[i] }))]);
  const implied = impliedOperand(relation.kind, stated, r, target);
  if (severity === 'info') message += `；${approx.join('、')}为约数，差异在约数允许的范围内`;
  else if (severity === 'warning' && note) message += `；${note}`;
  else if (severity === 'warning')
    message += `；${approx.join('、')}为约数或预计数，但差异超出约数允许的范围`;
  if (implied) message += `（${implied}）`;
  return {
    severity,
    message,
    values: [target, ...operands].map(findingValue),
    relationId: relation.id,
    kind: relation.kind,
  };
}

/** When one operand is approximate: what the stated figure implies it was ("按…推算，2020年应为 56.74%"). */
function impliedOperand(
  kind: RelationKind,
  stated: StatedNumber,
  r: Extract<InstanceResult, { kind: 'number' }>,
  target: Figure,
): string | null {
  const approx = r.stated.map((s, i) => (s.approximate ? i : -1)).filter((i) => i >= 0);
  if (approx.length !== 1 || stated.approximate) return null;
  const i = approx[0];
  const f = r.operands[i];
  const other = r.stated[1 - i];
  let v: number | null = null;
  try {
    if (kind === 'difference' && r.stated.length === 2) {
      // target = a − b: b = a − target, a = b + target
      v = i === 1 ? exactDifference(other.value, stated.value) : exactDifference(other.value, -stated.value);
    } else if ((kind === 'cagr' || kind === 'growth') && r.stated.length === 2) {
      const n = kind === 'cagr' ? (r.years ?? 1) : 1;
      const g = Math.pow(1 + stated.value / 100, n);
      v = i === 0 ? other.value / g : other.value * g;
      v = roundHalfUp(v, r.stated[i].decimals + 1);
    }
  } catch {
    return null;
  }
  if (v === null) return null;
  const said = `${formatNumber(stated.value)}${isRateUnit(target.unit) && kind === 'difference' ? ' 个百分点' : target.unit}`;
  return `按陈述的 ${said}推算，${periodText(f)}${f.indicator}应为 ${figureText(v, f.unit)}`;
}

function compareStructure(
  relation: Relation,
  target: Figure,
  r: Extract<InstanceResult, { kind: 'structure' }>,
): Finding | null {
  const parsed = target.text ? parseStructure(target.text) : null;
  if (!parsed) return null;
  const decimals = relation.decimals ?? parsed.decimals;
  const values = [target, ...r.operands].map(findingValue);
  if (parsed.parts.length !== r.derived.values.length) {
    return {
      severity: 'info',
      message: `${label(target)}：陈述值 ${target.text} 有 ${parsed.parts.length} 项，关系中有 ${r.derived.values.length} 个分项，无法核对`,
      values,
      relationId: relation.id,
      kind: relation.kind,
    };
  }
  const forecast = target.status === '预计' || /预计|左右|约/.test(target.qualifier ?? '');
  const half = 0.5 * 10 ** -decimals;
  const off = parsed.parts
    .map((p, i) => ({ i, p, strict: { lo: p - half, hi: p + half } }))
    .filter((x) => !overlaps(r.derived.strict[x.i], x.strict));
  if (off.length === 0) return null;
  const approx = forecast || r.stated.some((s) => s.approximate) || relation.definitions === 'may-differ';
  const wideOk = parsed.parts.every((p, i) =>
    overlaps(r.derived.wide[i], forecast ? { lo: p - 1, hi: p + 1 } : { lo: p - half, hi: p + half }),
  );
  const severity: Severity = !approx
    ? 'error'
    : wideOk && relation.definitions !== 'may-differ'
      ? 'info'
      : 'warning';
  const computed = r.derived.text(decimals);
  const gaps = off
    .map((x) => {
      const c = r.derived.values[x.i];
      const d = shownDecimals(c, x.p, decimals);
      return `第${x.i + 1}项相差 ${formatNumber(Math.abs(exactDifference(roundHalfUp(c, d), x.p)))} 个百分点`;
    })
    .join('，');
  const how = r.operands.map((f) => `${f.indicator} ${statedText(f)}`).join('、');
  return {
    severity,
    message: `${label(target)}：陈述值 ${statedText(target)}，由 ${how} 计算得 ${computed}，${gaps}`,
    values,
    relationId: relation.id,
    kind: relation.kind,
  };
}

function compareRank(
  relation: Relation,
  target: Figure,
  r: Extract<InstanceResult, { kind: 'rank' }>,
): Finding | null {
  if (target.value === null) return null;
  const stated = target.value;
  const { rank, worst, ahead } = r.rank;
  if (stated >= rank && stated <= worst) return null;
  const self = r.value;
  const valueText = (f: Figure) => `${f.region} ${statedText(f)}`;
  const values = [target, self, ...r.peers.filter((p) => ahead.some((a) => a.region === p.region))].map(
    findingValue,
  );
  let message: string;
  if (stated < rank) {
    message =
      `${label(target)}：陈述值 第${stated}位，但已知 ${r.peers
        .filter((p) => ahead.some((a) => a.region === p.region))
        .map(valueText)
        .join(
          '、',
        )} 均${relation.options.order === 'asc' ? '低于' : '高于'}${self.region} ${statedText(self)}，` +
      `至少应为第${rank}位`;
  } else {
    message = `${label(target)}：陈述值 第${stated}位，按已知各地的${self.indicator}计算应为第${rank}位${worst > rank ? `至第${worst}位` : ''}`;
  }
  return { severity: 'error', message, values, relationId: relation.id, kind: 'rank' };
}

function compareWholeTotal(
  reader: FigureReader,
  relation: Relation,
  target: Figure,
  r: Extract<InstanceResult, { kind: 'whole-total' }>,
): Finding | null {
  const stated = reader.stated(target, relation.decimals);
  if (!stated || r.stated.strict.lo !== r.stated.strict.hi) return null; // only a count of whole things
  const part = r.stated.value;
  const fit = wholeTotalsFor(part, stated.strict);
  if (fit.fits !== null) return null;
  const share = (n: number) =>
    `${formatNumber(part)}${r.part.unit} ÷ ${n} = ${formatNumber(roundHalfUp((part / n) * 100, stated.decimals))}%`;
  return {
    severity: stated.approximate ? 'warning' : 'error',
    message:
      `${label(target)}：陈述值 ${statedText(target)}，但 ${r.part.indicator} ${statedText(r.part)} 除以任何整数都得不到 ` +
      `${figureText(stated.value, target.unit, null, stated.decimals)}（${share(fit.below)}，${share(fit.above)}）`,
    values: [target, r.part].map(findingValue),
    relationId: relation.id,
    kind: 'share',
  };
}

function structureTotal(f: Figure, parts: number[], decimals: number): Finding | null {
  const total = parts.reduce((s, p) => exactDifference(s, -p), 0);
  const allowed = parts.length * 0.5 * 10 ** -decimals;
  const gap = Math.abs(exactDifference(total, 100));
  if (gap <= allowed + EPS) return null;
  const approx = f.status === '预计' || /预计|左右|约/.test(f.qualifier ?? '');
  return {
    severity: approx ? 'warning' : 'error',
    message:
      `${label(f)}：陈述值 ${f.text} 各项之和为 ${formatNumber(total)}，应为 100` +
      `（按 ${decimals} 位小数四舍五入，最多相差 ${formatNumber(roundHalfUp(allowed, decimals + 1))}）`,
    values: [findingValue(f)],
    relationId: null,
    kind: 'structure-total',
  };
}

// ---------------------------------------------------------------------------------------------
// Briefings

/**
 * The figures a template uses for one period: every value its text and tables print and every figure
 * its charts read. The template is evaluated as for export (without drawing charts).
 */
export function templateFigures(
  db: Db,
  template: string,
  options: { year?: number; set?: Record<string, string> } = {},
): { name: string; period: string; figures: FigureRef[] } {
  const t = findTemplate(template);
  const source = new DbDataSource(db);
  const used: Provenance[] = [];
  const recording: DataSource = {
    indicatorName: (q) => source.indicatorName(q),
    lookup: (indicator, region, period, status) => {
      const d = source.lookup(indicator, region, period, status);
      if (d) used.push(d.provenance);
      return d;
    },
  };
  const doc = evaluateTemplate(t.parsed, recording, {
    year: options.year,
    set: options.set,
    file: t.file.split(/[\\/]/).pop() ?? null,
  });
  used.push(...collectValues(doc.blocks));
  const seen = new Set<string>();
  const figures: FigureRef[] = [];
  for (const p of used) {
    const key = `${p.indicator}|${p.region}|${p.period}|${p.status ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    figures.push({ indicator: p.indicator, region: p.region, period: p.period, status: p.status ?? '' });
  }
  return { name: t.info.name, period: doc.meta.period, figures };
}

/** `brief check TEMPLATE`: the checks that involve a figure the briefing states. */
export function checkTemplate(
  db: Db,
  template: string,
  options: { year?: number; set?: Record<string, string> } = {},
): CheckReport & { template: string; period: string; figures: number } {
  const used = templateFigures(db, template, options);
  const report = runChecks(db, { figures: used.figures });
  return { ...report, template: used.name, period: used.period, figures: used.figures.length };
}

/**
 * Turns a parsed template into a document for one period: expressions are bound to the database
 * through a DataSource and worded the way the reports write numbers (all wording comes from
 * ../wording). Loops repeat blocks and table rows; conditionals choose blocks by value; a value the
 * database lacks prints as a visible 【缺数：…】 marker and is listed, never as "" or "undefined".
 */
import type { ChartSpec, ChartType } from '../../chart/spec';
import { parsePeriod, PeriodError } from '../../data/periods';
import type { Block, BriefDocument, Inline, Provenance, TableBlock, TableCell } from '../model';
import {
  coverDate,
  documentDate,
  fiveYearPlanName,
  fiveYearPlanYears,
  NumeralError,
  toChineseNumeral,
} from '../numerals';
import {
  averageAnnualGrowth,
  changePhrase,
  comparePhrase,
  exactDifference,
  formatAmount,
  formatNumber,
  formatPercent,
  growthPhrase,
  growthRate,
  multiplePhrase,
  percentShare,
  pointsPhrase,
  QUALIFIERS,
  rankPhrase,
  sharePhrase,
  sumExact,
  withQualifier,
  WordingError,
  type Qualifier,
  type SignedPhraseOptions,
} from '../wording';
import { TemplateError } from './errors';
import { FUNCTIONS, type ParamType } from './functions';
import {
  eachPattern,
  type Call,
  type Condition,
  type Expr,
  type Node,
  type ParsedTemplate,
  type Part,
  type Segment,
} from './parse';

export interface Datum {
  value: number | null;
  text: string | null;
  unit: string;
  qualifier: string | null;
  decimals: number | null;
  /** 预期性 / 约束性 for plan targets. */
  attribute?: string | null;
  provenance: Provenance;
}

/** What templates read: the database, behind an interface so the evaluator stays testable. */
export interface DataSource {
  /** Resolves a name, code or alias to the catalogue name; throws a NotFoundError with a suggestion. */
  indicatorName(query: string): string;
  /** Resolves a region name or code; throws a NotFoundError with a suggestion. Without it, names pass as written. */
  regionName?(query: string): string;
  /** Names of the regions directly under `parent` (the counties of a city), in catalogue order. */
  regionsUnder?(parent: string): string[];
  lookup(indicator: string, region: string, period: string, status: string): Datum | null;
}

export interface EvaluateOptions {
  /** The year the briefing is about (default: the template's @period). */
  year?: number;
  /** `--set KEY=VALUE`: named values a template reads with {set(KEY)}. */
  set?: Record<string, string>;
  file?: string | null;
  today?: Date;
}

const CHART_TYPES: ChartType[] = ['bar', 'line', 'bar-line', 'stacked', 'percent', 'pie', 'ring', 'ranking'];

// ---------------------------------------------------------------------------------------------
// Values

type Val =
  | { t: 'num'; num: number; unit: string; text: string; provenance: Provenance[]; decimals?: number }
  | { t: 'str'; text: string; provenance: Provenance[]; bold?: boolean; subscript?: boolean }
  | { t: 'list'; items: Val[] }
  | { t: 'range'; from: number; to: number }
  /** Text with values in it (each()). */
  | { t: 'runs'; runs: Inline[] }
  | { t: 'missing'; text: string; reason: string };

type Missing = Extract<Val, { t: 'missing' }>;
type Num = Extract<Val, { t: 'num' }>;

const str = (text: string, provenance: Provenance[] = []): Val => ({ t: 'str', text, provenance });
const num = (n: number, text = formatNumber(n)): Num => ({
  t: 'num',
  num: n,
  unit: '',
  text,
  provenance: [],
});

interface Ctx {
  data: DataSource;
  vars: Map<string, Val>;
  region: string;
  set: Record<string, string>;
  file: string | null;
}

function fail(ctx: Ctx, message: string, at: { line: number; column: number }): never {
  throw new TemplateError(message, at.line, at.column, ctx.file);
}

/** Runs `fn`, turning the wording and numeral modules' errors into a template error at `at`. */
function guarded<T>(ctx: Ctx, at: { line: number; column: number }, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof WordingError || err instanceof NumeralError || err instanceof PeriodError) {
      fail(ctx, err.message, at);
    }
    throw err;
  }
}

function textOf(v: Val): string {
  switch (v.t) {
    case 'list':
      return v.items.map(textOf).join('、');
    case 'range':
      return `${v.from}—${v.to}`;
    case 'runs':
      return plain(v.runs);
    default:
      return v.text;
  }
}

function decimalsOf(n: number): number {
  const m = formatNumber(n).match(/\.(\d+)$/);
  return m ? m[1].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Arguments

function evalExpr(e: Expr, ctx: Ctx): Val {
  switch (e.kind) {
    case 'string':
      return str(e.value);
    case 'number':
      return num(e.value);
    case 'var': {
      const bound = ctx.vars.get(e.name);
      if (bound) {
        if (e.offset === 0) return bound;
        if (bound.t !== 'num') fail(ctx, `变量「${e.name}」不是数字，不能加减`, e);
        return num(bound.num + e.offset);
      }
      if (e.offset !== 0) fail(ctx, `未定义的变量「${e.name}」`, e);
      if (FUNCTIONS[e.name])
        return evalCall(
          { kind: 'call', name: e.name, args: [], named: {}, line: e.line, column: e.column },
          ctx,
        );
      return str(e.name);
    }
    case 'list':
      return { t: 'list', items: e.items.map((x) => evalExpr(x, ctx)) };
    case 'range': {
      const a = evalExpr(e.from, ctx);
      const b = evalExpr(e.to, ctx);
      if (a.t !== 'num' || b.t !== 'num' || !Number.isInteger(a.num) || !Number.isInteger(b.num)) {
        fail(ctx, '范围的两端应为年份，如 2016..year', e);
      }
      return { t: 'range', from: a.num, to: b.num };
    }
    case 'call':
      return evalCall(e, ctx);
  }
}

function regionName(ctx: Ctx, query: string): string {
  return ctx.data.regionName ? ctx.data.regionName(query) : query;
}

function notFound(ctx: Ctx, err: unknown, at: Expr): never {
  if (err instanceof Error && err.name === 'NotFoundError') fail(ctx, err.message, at);
  throw err;
}

function indicatorArg(ctx: Ctx, e: Expr): string {
  const v = evalExpr(e, ctx);
  if (v.t !== 'str') fail(ctx, `这里应为指标名称，如 地区生产总值`, e);
  try {
    return ctx.data.indicatorName(v.text);
  } catch (err) {
    return notFound(ctx, err, e);
  }
}

function regionArg(ctx: Ctx, e: Expr | undefined): string {
  if (!e) return ctx.region;
  const v = evalExpr(e, ctx);
  if (v.t !== 'str') fail(ctx, '这里应为地区名称，如 咸宁市', e);
  try {
    return regionName(ctx, v.text);
  } catch (err) {
    return notFound(ctx, err, e);
  }
}

function periodArg(ctx: Ctx, e: Expr | undefined): string {
  if (!e) return String(yearOf(ctx));
  const v = evalExpr(e, ctx);
  let text: string;
  if (v.t === 'num') text = formatNumber(v.num);
  else if (v.t === 'range') text = `${v.from}—${v.to}`;
  else if (v.t === 'str') text = v.text;
  else fail(ctx, '这里应为时期，如 2019、year-1、2026—2030', e);
  guarded(ctx, e, () => parsePeriod(text));
  return text;
}

function textArg(ctx: Ctx, e: Expr | undefined): string | undefined {
  return e ? textOf(evalExpr(e, ctx)) : undefined;
}

function numberArg(ctx: Ctx, e: Expr | undefined, what: string): number | undefined {
  if (!e) return undefined;
  const v = evalExpr(e, ctx);
  const n = v.t === 'num' ? v.num : v.t === 'str' ? Number(v.text) : NaN;
  if (!Number.isFinite(n)) fail(ctx, `${what}应为数字`, e);
  return n;
}

function yearOf(ctx: Ctx): number {
  const y = ctx.vars.get('year');
  return y?.t === 'num' ? y.num : new Date().getFullYear();
}

function yearOfPeriod(ctx: Ctx, period: string, at: Expr | Call): number {
  const p = guarded(ctx, at, () => parsePeriod(period));
  if (p.kind !== 'year') fail(ctx, `这里应为年份，「${period}」不是`, at);
  return p.startYear;
}

interface Binding {
  indicator: string;
  region: string;
  period: string;
  status: string;
}

/** Indicator, period and region of a single-value call: v(指标, 时期, 地区, status=…). */
function binding(ctx: Ctx, call: Call, indicatorExpr: Expr = call.args[0], defaultStatus = ''): Binding {
  return {
    indicator: indicatorArg(ctx, indicatorExpr),
    period: periodArg(ctx, call.named.period ?? call.args[1]),
    region: regionArg(ctx, call.named.region ?? call.args[2]),
    status: textArg(ctx, call.named.status) ?? defaultStatus,
  };
}

function missing(b: Binding, what = '缺数'): Missing {
  const where = `${b.indicator}·${b.region}·${b.period}${b.status ? `·${b.status}` : ''}`;
  return { t: 'missing', text: `【${what}：${where}】`, reason: `数据库中没有「${where}」的数值` };
}

function lookup(
  ctx: Ctx,
  b: Binding,
): { d: NonNullable<ReturnType<DataSource['lookup']>>; at: Binding } | Missing {
  const d = ctx.data.lookup(b.indicator, b.region, b.period, b.status);
  return d ? { d, at: b } : missing(b);
}

/** Qualifiers the wording module places (余 多 左右 以上 突破 …); "稳定在…左右" is a pattern. */
function qualified(
  value: number,
  unit: string,
  qualifier: string | null,
  decimals: number | undefined,
  scale?: string,
): string {
  const q =
    qualifier && (QUALIFIERS as readonly string[]).includes(qualifier) ? (qualifier as Qualifier) : undefined;
  const opts = { decimals, ...(scale ? { scaleTo: scale } : {}) };
  if (q) return withQualifier(value, unit, q, opts);
  const plain = formatAmount(value, unit, opts);
  if (qualifier && qualifier.includes('…')) return qualifier.replace('…', plain);
  return plain;
}

/** 以上/左右/以内 follow the unit, so they also follow a worded growth ("增长10.5%以上"). */
function afterUnit(q: string | null): Qualifier | undefined {
  return q && ['左右', '上下', '以上', '以内', '以下'].includes(q) ? (q as Qualifier) : undefined;
}

/** A number as a value: its provenance, unit and default wording. */
function datumVal(d: ReturnType<DataSource['lookup']> & object, text: string): Num {
  return {
    t: 'num',
    num: d.value as number,
    unit: d.unit,
    text,
    provenance: [d.provenance],
    decimals: d.decimals ?? undefined,
  };
}

/**
 * A 'value' argument: a nested call, a number, or an indicator name read at the outer call's
 * period, region and status.
 */
function valueArg(ctx: Ctx, e: Expr, outer: Call): Val {
  if (e.kind === 'call' || e.kind === 'number' || e.kind === 'list' || e.kind === 'range')
    return evalExpr(e, ctx);
  if (e.kind === 'var' && ctx.vars.has(e.name)) {
    const v = evalExpr(e, ctx);
    if (v.t !== 'str') return v;
  }
  const b = binding(ctx, { ...outer, args: [e] }, e);
  const r = lookup(ctx, b);
  if ('t' in r) return r;
  if (r.d.value === null) return r.d.text !== null ? str(r.d.text, [r.d.provenance]) : missing(b);
  return datumVal(r.d, qualified(r.d.value, r.d.unit, r.d.qualifier, undefined));
}

function numberVal(ctx: Ctx, v: Val, at: Expr | Call): Num | Missing {
  if (v.t === 'num' || v.t === 'missing') return v;
  fail(ctx, `这里需要一个数值，「${textOf(v)}」不是`, at);
}

function asForm(ctx: Ctx, call: Call): 'phrase' | 'percent' | 'number' {
  const as = textArg(ctx, call.named.as);
  if (as === undefined || as === 'phrase') return 'phrase';
  if (as === 'percent' || as === 'number') return as;
  fail(ctx, `as= 只能是 phrase、percent 或 number，这里是「${as}」`, call.named.as!);
}

function signedOpts(ctx: Ctx, call: Call, decimals: number | undefined): SignedPhraseOptions {
  const o: Record<string, unknown> = { decimals };
  for (const k of ['verb', 'down', 'than', 'thanWord'] as const) {
    const t = textArg(ctx, call.named[k]);
    if (t !== undefined) o[k] = t;
  }
  return o as SignedPhraseOptions;
}

/** A computed rate worded as asked: phrase (growth/points wording), percent, or number. */
function computed(
  ctx: Ctx,
  call: Call,
  x: number,
  provenance: Provenance[],
  phrase: (d: number | undefined) => string,
  unit = '%',
  defaultDecimals = 1,
): Num {
  const decimals = numberArg(ctx, call.named.decimals, 'decimals') ?? defaultDecimals;
  const form = asForm(ctx, call);
  const text = guarded(ctx, call, () =>
    form === 'number'
      ? formatNumber(x, decimals)
      : form === 'percent'
        ? formatPercent(x, { decimals })
        : phrase(decimals),
  );
  return { t: 'num', num: x, unit, text, provenance, decimals };
}

function firstMissing(...vals: Val[]): Missing | null {
  for (const v of vals) if (v.t === 'missing') return v;
  return null;
}

/** or=: what prints instead of a missing value ("—" for not applicable, or another expression). */
function withOr(ctx: Ctx, call: Call, v: Val): Val {
  if (v.t !== 'missing' || !call.named.or) return v;
  return evalExpr(call.named.or, ctx);
}

// ---------------------------------------------------------------------------------------------
// Functions

function evalCall(call: Call, ctx: Ctx): Val {
  const spec = FUNCTIONS[call.name];
  if (!spec) fail(ctx, `未知的函数「${call.name}」`, call);
  return withOr(
    ctx,
    call,
    guarded(ctx, call, () => callBody(call, ctx)),
  );
}

function callBody(call: Call, ctx: Ctx): Val {
  const a = call.args;
  switch (call.name) {
    case 'v':
    case 'n':
    case 'ratio': {
      const b = binding(ctx, call);
      const r = lookup(ctx, b);
      if ('t' in r) return r;
      const { d } = r;
      if (d.value === null || call.name === 'ratio')
        return d.text !== null ? str(d.text, [d.provenance]) : missing(b);
      const decimals = numberArg(ctx, call.named.decimals, 'decimals');
      if (call.name === 'n') return datumVal(d, formatNumber(d.value, decimals));
      const noUnit = textArg(ctx, call.named.unit) === 'no';
      const scale = noUnit ? undefined : textArg(ctx, call.named.scale);
      return datumVal(d, qualified(d.value, noUnit ? '' : d.unit, d.qualifier, decimals, scale));
    }
    case 'growth':
    case 'points': {
      const b = binding(ctx, call);
      const r = lookup(ctx, b);
      if ('t' in r) return r;
      const { d } = r;
      if (d.value === null) return d.text !== null ? str(d.text, [d.provenance]) : missing(b);
      const from = call.named.from;
      if (call.name === 'growth' && (from || !['%', '‰', '个百分点'].includes(d.unit))) {
        // A growth computed from two values of a level: this period against `from` (default: the year before).
        const fromPeriod = from ? periodArg(ctx, from) : String(yearOfPeriod(ctx, b.period, call) - 1);
        const base = lookup(ctx, { ...b, period: fromPeriod });
        if ('t' in base) return base;
        if (base.d.value === null) return missing({ ...b, period: fromPeriod });
        const g = growthRate(base.d.value, d.value);
        return computed(ctx, call, g, [base.d.provenance, d.provenance], (dec) =>
          growthPhrase(g, signedOpts(ctx, call, dec)),
        );
      }
      const decimals = numberArg(ctx, call.named.decimals, 'decimals');
      const form = asForm(ctx, call);
      const opts = { ...signedOpts(ctx, call, decimals), qualifier: afterUnit(d.qualifier) };
      const text =
        form === 'number'
          ? formatNumber(d.value, decimals)
          : form === 'percent'
            ? formatPercent(d.value, { decimals })
            : call.name === 'growth'
              ? growthPhrase(d.value, opts)
              : pointsPhrase(d.value, opts);
      return datumVal(d, text);
    }
    case 'rank': {
      const b = binding(ctx, call);
      const scope = textArg(ctx, call.named.scope);
      const style = textArg(ctx, call.named.style) === 'chinese' ? 'chinese' : 'arabic';
      const ro: Record<string, string> = {};
      for (const k of ['before', 'suffix'] as const) {
        const t = textArg(ctx, call.named[k]);
        if (t !== undefined) ro[k] = t;
      }
      const word = (n: number) =>
        asForm(ctx, call) === 'number'
          ? String(n)
          : scope !== undefined
            ? rankPhrase(n, scope, style, ro)
            : rankPhrase(n, '', style, { before: '', ...ro });
      if (call.named.among) {
        const among = evalExpr(call.named.among, ctx);
        if (among.t !== 'list')
          fail(
            ctx,
            'among= 应为地区列表，如 among=[咸宁市, 黄冈市] 或 among=regions(湖北省)',
            call.named.among,
          );
        const names = among.items.map((x) => {
          try {
            return regionName(ctx, textOf(x));
          } catch (err) {
            return notFound(ctx, err, call.named.among!);
          }
        });
        if (!names.includes(b.region)) names.push(b.region);
        const values: { region: string; value: number; p: Provenance }[] = [];
        for (const region of names) {
          const r = lookup(ctx, { ...b, region });
          if ('t' in r) return r;
          if (r.d.value === null) return missing({ ...b, region });
          values.push({ region, value: r.d.value, p: r.d.provenance });
        }
        const asc = textArg(ctx, call.named.order) === 'asc';
        const mine = values.find((x) => x.region === b.region)!.value;
        const n = 1 + values.filter((x) => (asc ? x.value < mine : x.value > mine)).length;
        return { t: 'num', num: n, unit: '位', text: word(n), provenance: values.map((x) => x.p) };
      }
      const r = lookup(ctx, b);
      if ('t' in r) return r;
      if (r.d.value === null) return missing(b);
      return datumVal(r.d, word(Math.round(r.d.value)));
    }
    case 'cagr':
    case 'change': {
      const indicator = indicatorArg(ctx, a[0]);
      const fromP = periodArg(ctx, a[1]);
      const toP = periodArg(ctx, a[2]);
      const region = regionArg(ctx, a[3]);
      const status = textArg(ctx, call.named.status) ?? '';
      const b0 = { indicator, region, period: fromP, status };
      const b1 = { ...b0, period: toP };
      const r0 = lookup(ctx, b0);
      if ('t' in r0) return r0;
      const r1 = lookup(ctx, b1);
      if ('t' in r1) return r1;
      if (r0.d.value === null) return missing(b0);
      if (r1.d.value === null) return missing(b1);
      const [v0, v1] = [r0.d.value, r1.d.value];
      const provenance = [r0.d.provenance, r1.d.provenance];
      if (call.name === 'change') {
        const decimals = numberArg(ctx, call.named.decimals, 'decimals');
        const o: Record<string, unknown> = { decimals };
        for (const k of ['up', 'down', 'to'] as const) {
          const t = textArg(ctx, call.named[k]);
          if (t !== undefined) o[k] = t;
        }
        return {
          t: 'num',
          num: v1 - v0,
          unit: r1.d.unit,
          text: changePhrase(v0, v1, r1.d.unit, o),
          provenance,
        };
      }
      const years = yearOfPeriod(ctx, toP, a[2]) - yearOfPeriod(ctx, fromP, a[1]);
      if (years <= 0) fail(ctx, `年均增长的末期应晚于起始时期：${fromP}—${toP}`, call);
      const g = averageAnnualGrowth(v0, v1, years);
      return computed(ctx, call, g, provenance, (dec) => growthPhrase(g, signedOpts(ctx, call, dec)));
    }
    case 'share': {
      const part = numberVal(ctx, valueArg(ctx, a[0], call), a[0]);
      const total = numberVal(ctx, valueArg(ctx, a[1], call), a[1]);
      const m = firstMissing(part, total);
      if (m) return m;
      const [p, t] = [part as Num, total as Num];
      const x = percentShare(p.num, t.num);
      const of = textArg(ctx, call.named.of);
      return computed(ctx, call, x, [...p.provenance, ...t.provenance], (dec) =>
        sharePhrase(x, of, { decimals: dec }),
      );
    }
    case 'diff': {
      const va = numberVal(ctx, valueArg(ctx, a[0], call), a[0]);
      const vb = numberVal(ctx, valueArg(ctx, a[1], call), a[1]);
      const m = firstMissing(va, vb);
      if (m) return m;
      const [x1, x2] = [va as Num, vb as Num];
      const x = exactDifference(x1.num, x2.num);
      const dec = Math.max(decimalsOf(x1.num), decimalsOf(x2.num));
      const than = textArg(ctx, call.named.than);
      const compare = than !== undefined && call.named.verb === undefined;
      return computed(
        ctx,
        call,
        x,
        [...x1.provenance, ...x2.provenance],
        (d) =>
          compare
            ? comparePhrase(x, '个百分点', than, {
                decimals: d,
                ...(call.named.thanWord
                  ? { thanWord: textArg(ctx, call.named.thanWord) as '比' | '较' }
                  : {}),
              })
            : pointsPhrase(x, signedOpts(ctx, call, d)),
        '个百分点',
        dec,
      );
    }
    case 'sum': {
      const parts: Val[] = [];
      const over = call.named.regions ?? call.named.years;
      if (over) {
        if (a.length !== 1) fail(ctx, 'sum(指标, regions=…) 只能有一个指标', call);
        const list = evalExpr(over, ctx);
        const items = list.t === 'range' ? rangeItems(list) : list.t === 'list' ? list.items : null;
        if (!items) fail(ctx, 'regions= / years= 应为列表', over);
        const key = call.named.regions ? 'region' : 'period';
        for (const item of items) {
          const named = {
            ...call.named,
            [key]:
              item.t === 'num'
                ? ({ kind: 'number', value: item.num, line: call.line, column: call.column } as Expr)
                : ({ kind: 'string', value: textOf(item), line: call.line, column: call.column } as Expr),
          };
          delete named.regions;
          delete named.years;
          parts.push(valueArg(ctx, a[0], { ...call, named }));
        }
      } else for (const e of a) parts.push(valueArg(ctx, e, call));
      const nums = parts.map((p, i) => numberVal(ctx, p, a[Math.min(i, a.length - 1)]));
      const m = firstMissing(...nums);
      if (m) return m;
      const ns = nums as Num[];
      const unit = ns[0]?.unit ?? '';
      if (ns.some((x) => x.unit !== unit))
        fail(ctx, `sum 的各项单位不同：${[...new Set(ns.map((x) => x.unit))].join('、')}`, call);
      const total = sumExact(ns.map((x) => x.num));
      const decimals =
        numberArg(ctx, call.named.decimals, 'decimals') ?? Math.max(0, ...ns.map((x) => decimalsOf(x.num)));
      return {
        t: 'num',
        num: total,
        unit,
        text: formatAmount(total, unit, { decimals }),
        provenance: ns.flatMap((x) => x.provenance),
      };
    }
    case 'multiple': {
      const x = numberVal(ctx, valueArg(ctx, a[0], call), a[0]);
      const second = evalExpr(a[1], ctx);
      let base: Val;
      let baseWord: string | number;
      const periodLike =
        a[1].kind === 'number' ||
        a[1].kind === 'range' ||
        (a[1].kind === 'var' && (second.t === 'num' || second.t === 'range'));
      if (periodLike) {
        // same indicator at a base period: multiple(高新技术企业总数, 2020)
        const period = periodArg(ctx, a[1]);
        base = valueArg(ctx, a[0], {
          ...call,
          named: {
            ...call.named,
            period: { kind: 'string', value: period, line: call.line, column: call.column },
          },
        });
        baseWord = second.t === 'num' ? second.num : `${period}年`;
      } else {
        base = valueArg(ctx, a[1], call);
        baseWord = textArg(ctx, call.named.base) ?? (a[1].kind === 'string' ? a[1].value : textOf(second));
      }
      const bv = numberVal(ctx, base, a[1]);
      const m = firstMissing(x, bv);
      if (m) return m;
      const [n1, n2] = [x as Num, bv as Num];
      if (n2.num === 0) fail(ctx, '基数为 0，无法计算倍数', a[1]);
      const ratio = n1.num / n2.num;
      const bw = textArg(ctx, call.named.base) ?? baseWord;
      return computed(
        ctx,
        call,
        ratio,
        [...n1.provenance, ...n2.provenance],
        (d) => multiplePhrase(ratio, bw, { decimals: d }),
        '倍',
      );
    }
    case 'updown': {
      const x = numberVal(ctx, valueArg(ctx, a[0], call), a[0]);
      if (x.t === 'missing') return x;
      const up = textArg(ctx, a[1]) ?? '';
      const down = textArg(ctx, a[2]) ?? '';
      const flat = textArg(ctx, a[3]) ?? '持平';
      const at = numberArg(ctx, call.named.at, 'at') ?? 0;
      const shown = x.decimals !== undefined ? Number(formatNumber(x.num, x.decimals)) : x.num;
      return str(shown > at ? up : shown < at ? down : flat, x.provenance);
    }
    case 'compare': {
      const than = textArg(ctx, call.named.than);
      if (than === undefined) fail(ctx, 'compare 需要比较对象，如 than=全省平均水平', call);
      const x1 = numberVal(ctx, valueArg(ctx, a[0], call), a[0]);
      const x2 = a[1] ? numberVal(ctx, valueArg(ctx, a[1], call), a[1]) : null;
      const m = firstMissing(x1, ...(x2 ? [x2] : []));
      if (m) return m;
      const n1 = x1 as Num;
      const n2 = x2 as Num | null;
      const diff = n2 ? exactDifference(n1.num, n2.num) : n1.num;
      const unit = n2 && (n1.unit === '%' || n1.unit === '‰') ? '个百分点' : n1.unit;
      const o: Record<string, unknown> = { decimals: numberArg(ctx, call.named.decimals, 'decimals') };
      for (const k of ['up', 'down', 'thanWord'] as const) {
        const t = textArg(ctx, call.named[k]);
        if (t !== undefined) o[k] = t;
      }
      const provenance = [...n1.provenance, ...(n2?.provenance ?? [])];
      return { t: 'num', num: diff, unit, text: comparePhrase(diff, unit, than, o), provenance };
    }
    case 'each': {
      const list = evalExpr(a[0], ctx);
      const items = list.t === 'list' ? list.items : list.t === 'range' ? rangeItems(list) : null;
      if (!items) fail(ctx, 'each 的第一个参数应为列表', a[0]);
      const pattern = eachPattern(a[1] as Expr & { kind: 'string' }, ctx.file);
      const sep = textArg(ctx, call.named.sep) ?? '、';
      const runs: Inline[] = [];
      items.forEach((item, i) => {
        const inner = child(ctx);
        inner.vars.set('it', item);
        if (i > 0 && sep) runs.push({ type: 'text', text: sep });
        runs.push(...evalSegments(pattern, inner));
      });
      return { t: 'runs', runs };
    }
    case 'br':
      return str('\n');
    case 'cn': {
      const n = numberArg(ctx, a[0], '整数')!;
      return str(toChineseNumeral(n));
    }
    case 'has': {
      const b = binding(ctx, call);
      return num(ctx.data.lookup(b.indicator, b.region, b.period, b.status) ? 1 : 0);
    }
    case 'attr': {
      const b = binding(ctx, call, a[0], '目标');
      const r = lookup(ctx, b);
      if ('t' in r) return r;
      return r.d.attribute ? str(r.d.attribute, [r.d.provenance]) : missing(b, '缺属性');
    }
    case 'set': {
      const key = textArg(ctx, a[0]) ?? '';
      const v = ctx.set[key];
      if (v !== undefined) return str(v);
      const fallback = textArg(ctx, a[1]);
      if (fallback !== undefined) return str(fallback);
      return { t: 'missing', text: `【未设置：${key}】`, reason: `模板需要 --set ${key}=…` };
    }
    case 'b':
      return { t: 'str', text: textArg(ctx, a[0]) ?? '', provenance: [], bold: true };
    case 'sub':
      return { t: 'str', text: textArg(ctx, a[0]) ?? '', provenance: [], subscript: true };
    case 'cndate':
    case 'date': {
      const y = numberArg(ctx, a[0], '年')!;
      const mo = numberArg(ctx, a[1], '月')!;
      const d = numberArg(ctx, a[2], '日');
      return str(call.name === 'cndate' ? coverDate(y, mo, d) : documentDate(y, mo, d));
    }
    case 'plan':
    case 'planno': {
      const y = numberArg(ctx, a[0], '年份')!;
      let n = 1;
      while (n < 99 && fiveYearPlanYears(n).end < y) n++;
      if (call.name === 'planno') return str(fiveYearPlanName(n, { quoted: false }).slice(0, -1));
      return str(fiveYearPlanName(n, { quoted: textArg(ctx, call.named.quoted) !== 'no' }));
    }
    case 'regions': {
      const parent = regionArg(ctx, a[0]);
      if (!ctx.data.regionsUnder) fail(ctx, '这个数据源不能列出下级地区', call);
      return { t: 'list', items: ctx.data.regionsUnder(parent).map((r) => str(r)) };
    }
    case 'years': {
      const first = evalExpr(a[0], ctx);
      if (first.t === 'range') return { t: 'list', items: rangeItems(first) };
      const from = numberArg(ctx, a[0], '起始年份')!;
      const to = numberArg(ctx, a[1], '末年') ?? from;
      return { t: 'list', items: rangeItems({ from, to }) };
    }
    case 'indicators':
      return { t: 'list', items: a.map((e) => str(indicatorArg(ctx, e))) };
    default:
      return fail(ctx, `未知的函数「${call.name}」`, call);
  }
}

function rangeItems(r: { from: number; to: number }): Val[] {
  const out: Val[] = [];
  const step = r.from <= r.to ? 1 : -1;
  for (let y = r.from; step > 0 ? y <= r.to : y >= r.to; y += step) out.push(num(y, String(y)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text

function toInlines(v: Val): Inline[] {
  switch (v.t) {
    case 'missing':
      return [{ type: 'missing', text: v.text, reason: v.reason }];
    case 'num':
      return [
        v.provenance.length
          ? { type: 'value', text: v.text, provenance: v.provenance }
          : { type: 'text', text: v.text },
      ];
    case 'str':
      if (v.provenance.length) return [{ type: 'value', text: v.text, provenance: v.provenance }];
      return [
        {
          type: 'text',
          text: v.text,
          ...(v.bold ? { bold: true } : {}),
          ...(v.subscript ? { subscript: true } : {}),
        },
      ];
    case 'runs':
      return v.runs;
    default:
      return [{ type: 'text', text: textOf(v) }];
  }
}

function evalSegments(segments: Segment[], ctx: Ctx): Inline[] {
  const runs: Inline[] = [];
  const plainRun = (r: Inline) => r.type === 'text' && !r.bold && !r.subscript;
  for (const s of segments) {
    const produced: Inline[] =
      s.kind === 'text' ? [{ type: 'text', text: s.text }] : toInlines(evalExpr(s.expr, ctx));
    for (const run of produced) {
      const last = runs[runs.length - 1];
      if (plainRun(run) && last && plainRun(last)) last.text += run.text;
      else runs.push(run.type === 'text' ? { ...run } : run);
    }
  }
  return runs.filter((r) => r.type !== 'text' || r.text !== '');
}

function plain(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}

/** Runs worth keeping beside a plain-text field: those with values or missing markers. */
function boundRuns(runs: Inline[]): { runs?: Inline[] } {
  return runs.some((r) => r.type !== 'text') ? { runs } : {};
}

// ---------------------------------------------------------------------------------------------
// Figures

/** `figure: type=bar-line; indicators=A,B; from=2016; to={year}; caption=…` */
function figureBlock(text: string, at: { line: number; column: number }, ctx: Ctx): Block {
  const fields: Record<string, string> = {};
  for (const part of text.split(/[;；]/)) {
    const m = part.match(/^\s*(\w+)\s*=\s*(.*?)\s*$/);
    if (!m) {
      if (part.trim()) fail(ctx, `图表参数「${part.trim()}」应写作 键=值（如 type=bar）`, at);
      continue;
    }
    fields[m[1]] = m[2];
  }
  const type = (fields.type ?? 'bar') as ChartType;
  if (!CHART_TYPES.includes(type))
    fail(ctx, `未知的图表类型「${fields.type}」：可用 ${CHART_TYPES.join(' ')}`, at);
  const list = (s: string | undefined) =>
    (s ?? '')
      .split(/[,，、]/)
      .map((x) => x.trim())
      .filter(Boolean);
  const resolve = (name: string, fn: (q: string) => string) => {
    try {
      return fn(name);
    } catch (err) {
      if (err instanceof Error && err.name === 'NotFoundError') fail(ctx, err.message, at);
      throw err;
    }
  };
  const indicators = list(fields.indicators).map((n) => resolve(n, (q) => ctx.data.indicatorName(q)));
  if (indicators.length === 0) fail(ctx, '图表缺少 indicators=…', at);
  const status = fields.status ?? '';
  const region = fields.region ? resolve(fields.region, (q) => regionName(ctx, q)) : ctx.region;
  const year = yearOf(ctx);
  if (fields.by === 'indicator') {
    // One series across indicators at one period (e.g. the year's targets).
    const period = fields.period ?? String(year);
    const data = indicators.map((name) => ctx.data.lookup(name, region, period, status));
    const unit = data.find((d) => d)?.unit ?? '';
    const chart: ChartSpec = {
      type,
      title: fields.title ?? '',
      categories: indicators.map((n) => n.replace(/(增速|增长)$/, '')),
      series: [{ name: fields.name ?? period, values: data.map((d) => d?.value ?? null), unit }],
      axisNames: [unit],
      source: fields.source,
    };
    return { type: 'figure', chart, caption: fields.caption ?? indicators.join('、') };
  }
  const regions = list(fields.regions).map((n) => resolve(n, (q) => regionName(ctx, q)));
  const from = Number(fields.from ?? year - 4);
  const to = Number(fields.to ?? year);
  const byRegion = regions.length > 0;
  const categories = byRegion ? regions : Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  const period = fields.period ?? String(year);
  const series = indicators.map((indicator, idx) => {
    let unit = '';
    const values = categories.map((cat) => {
      const d = byRegion
        ? ctx.data.lookup(indicator, cat, period, status)
        : ctx.data.lookup(indicator, region, cat, status);
      if (d) unit = d.unit;
      return d?.value ?? null;
    });
    const asLine = type === 'bar-line' && idx > 0;
    return {
      name: indicator,
      values,
      unit,
      axis: (asLine ? 1 : 0) as 0 | 1,
      as: (asLine ? 'line' : 'bar') as 'line' | 'bar',
    };
  });
  const chart: ChartSpec = {
    type,
    title: fields.title ?? '',
    categories: byRegion ? categories : categories.map((c) => `${c}年`),
    series,
    axisNames: series.map((s) => s.unit).filter((u, i, arr) => arr.indexOf(u) === i),
    source: fields.source,
  };
  return { type: 'figure', chart, caption: fields.caption ?? indicators.join('、') };
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface TableAcc {
  widths?: number[];
  rules?: 'grid' | 'three-line';
  compact?: boolean;
  header: TableCell[][];
  rows: TableCell[][];
  notes: Inline[];
}

interface Out {
  blocks: Block[];
  table?: TableAcc;
}

function cellOf(p: Part, ctx: Ctx): TableCell {
  const cell: TableCell = { runs: evalSegments(p.segments, ctx) };
  if (p.rowSpan !== undefined) cell.rowSpan = p.rowSpan;
  if (p.colSpan !== undefined) cell.colSpan = p.colSpan;
  if (p.align !== undefined) cell.align = p.align;
  if (p.bold) cell.bold = true;
  return cell;
}

function truth(ctx: Ctx, c: Condition, at: { line: number; column: number }): boolean | Missing {
  const left = evalExpr(c.left, ctx);
  if (left.t === 'missing') return left;
  if (!c.op || !c.right) {
    if (left.t === 'num') return left.num !== 0;
    if (left.t === 'list') return left.items.length > 0;
    return textOf(left) !== '';
  }
  const right = evalExpr(c.right, ctx);
  if (right.t === 'missing') return right;
  const n = (v: Val) => (v.t === 'num' ? v.num : Number(textOf(v)));
  if (c.op === '==' || c.op === '!=') {
    const same =
      left.t === 'num' || right.t === 'num' ? n(left) === n(right) : textOf(left) === textOf(right);
    return c.op === '==' ? same : !same;
  }
  const [x, y] = [n(left), n(right)];
  if (!Number.isFinite(x) || !Number.isFinite(y)) fail(ctx, '比较的两边应为数值', at);
  return c.op === '>=' ? x >= y : c.op === '<=' ? x <= y : c.op === '>' ? x > y : x < y;
}

function child(ctx: Ctx): Ctx {
  return { ...ctx, vars: new Map(ctx.vars) };
}

function evalNodes(nodes: Node[], ctx: Ctx, out: Out): void {
  for (const node of nodes) evalNode(node, ctx, out);
}

function pushMissing(out: Out, m: Missing): void {
  const run: Inline = { type: 'missing', text: m.text, reason: m.reason };
  if (out.table) out.table.notes.push(run);
  else out.blocks.push({ type: 'paragraph', runs: [run] });
}

function evalNode(node: Node, ctx: Ctx, out: Out): void {
  const push = (b: Block) => out.blocks.push(b);
  switch (node.kind) {
    case 'blank':
    case 'comment':
    case 'header':
      return;
    case 'let':
      ctx.vars.set(node.name, evalExpr(node.value, ctx));
      return;
    case 'for': {
      const src = evalExpr(node.source, ctx);
      const items = src.t === 'list' ? src.items : src.t === 'range' ? rangeItems(src) : null;
      if (!items) fail(ctx, 'for 需要一个列表：[…]、regions(…)、years(…) 或 indicators(…)', node.source);
      for (const item of items) {
        if (item.t === 'missing') {
          pushMissing(out, item);
          continue;
        }
        const inner = child(ctx);
        inner.vars.set(node.variable, item);
        evalNodes(node.body, inner, out);
      }
      return;
    }
    case 'if': {
      for (const b of node.branches) {
        const ok = b.cond === null ? true : truth(ctx, b.cond, b);
        if (typeof ok === 'object') {
          pushMissing(out, ok);
          return;
        }
        if (ok) {
          evalNodes(b.body, child(ctx), out);
          return;
        }
      }
      return;
    }
    case 'box': {
      const inner: Out = { blocks: [] };
      evalNodes(node.body, child(ctx), inner);
      push({
        type: 'box',
        title: plain(evalSegments(node.title, ctx)),
        ...(node.numbered === false ? { numbered: false } : {}),
        blocks: inner.blocks,
      });
      return;
    }
    case 'table': {
      const acc: TableAcc = { header: [], rows: [], notes: [] };
      evalNodes(node.body, child(ctx), { blocks: out.blocks, table: acc });
      const first = acc.header[0] ?? acc.rows[0] ?? [];
      const columns = first.reduce((n, c) => n + (c.colSpan ?? 1), 0) || 1;
      let widthsMm =
        acc.widths ?? Array.from({ length: columns }, () => Math.round((156 / columns) * 10) / 10);
      if (widthsMm.length !== columns)
        fail(ctx, `widths 有 ${widthsMm.length} 列，表格有 ${columns} 列`, node);
      widthsMm = widthsMm.slice();
      const title = plain(evalSegments(node.title, ctx));
      const table: TableBlock = {
        type: 'table',
        ...(title ? { title } : {}),
        widthsMm,
        header: acc.header,
        rows: acc.rows,
        ...(acc.notes.length ? { notes: acc.notes } : {}),
        rules: acc.rules ?? 'grid',
        ...(acc.compact ? { compact: true } : {}),
      };
      push(table);
      return;
    }
    case 'parts': {
      const t = out.table;
      switch (node.keyword) {
        case 'head':
        case 'row':
          (node.keyword === 'head' ? t!.header : t!.rows).push(node.parts.map((p) => cellOf(p, ctx)));
          return;
        case 'lead':
        case 'runin': {
          const head = plain(evalSegments(node.parts[0].segments, ctx));
          const runs = evalSegments(node.parts[1].segments, ctx);
          push(
            node.keyword === 'lead'
              ? { type: 'paragraph', lead: head, runs }
              : { type: 'paragraph', runInHeading: head, runs },
          );
          return;
        }
        case 'cover': {
          const [titles, issuer, date] = node.parts.map((p) => plain(evalSegments(p.segments, ctx)));
          push({
            type: 'cover',
            titleLines: (titles ?? '')
              .split('/')
              .map((s) => s.trim())
              .filter(Boolean),
            issuer: issuer ?? '',
            date: date ?? '',
          });
          return;
        }
      }
      return;
    }
    case 'line': {
      const runs = () => evalSegments(node.segments, ctx);
      const t = out.table;
      switch (node.keyword) {
        case 'title':
        case 'subtitle':
        case 'byline':
        case 'kicker': {
          const r = runs();
          push({ type: node.keyword, text: plain(r), ...boundRuns(r) });
          return;
        }
        case 'h1':
        case 'h2':
        case 'h3':
        case 'h4':
        case 'chapter':
        case 'section':
        case 'item':
        case 'question':
        case 'theme':
        case 'part': {
          const r = runs();
          push({ type: 'heading', kind: node.keyword, text: plain(r), ...boundRuns(r) });
          return;
        }
        case 'p':
          push({ type: 'paragraph', runs: runs() });
          return;
        case 'note':
          if (t) t.notes.push(...runs());
          else push({ type: 'paragraph', runs: runs(), noIndent: true });
          return;
        case 'bullet':
          push({ type: 'paragraph', runs: runs(), bullet: true });
          return;
        case 'figure':
          push(figureBlock(plain(runs()), node, ctx));
          return;
        case 'toc':
          push({ type: 'toc', title: plain(runs()) || '目　录' });
          return;
        case 'pagebreak':
          push({ type: 'pageBreak' });
          return;
        case 'widths': {
          const ws = plain(runs())
            .split(/[,，\s]+/)
            .filter(Boolean)
            .map(Number);
          if (ws.length === 0 || ws.some((w) => !Number.isFinite(w) || w <= 0)) {
            fail(ctx, 'widths 应为各列宽度（毫米），如 widths: 40, 58, 58', node);
          }
          t!.widths = ws;
          return;
        }
        case 'style':
          for (const w of plain(runs())
            .split(/[,，\s]+/)
            .filter(Boolean)) {
            if (w === 'grid' || w === 'three-line') t!.rules = w;
            else if (w === 'compact') t!.compact = true;
            else fail(ctx, `未知的表格样式「${w}」：可用 grid three-line compact`, node);
          }
          return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks before evaluation: every indicator and region a template names exists, in every branch.

function boundNames(nodes: Node[], into: Set<string>): Set<string> {
  for (const n of nodes) {
    if (n.kind === 'let') into.add(n.name);
    if (n.kind === 'for') into.add(n.variable);
    if (n.kind === 'for' || n.kind === 'box' || n.kind === 'table') boundNames(n.body, into);
    if (n.kind === 'if') for (const b of n.branches) boundNames(b.body, into);
  }
  return into;
}

function checkNames(nodes: Node[], ctx: Ctx, vars: Set<string>): void {
  const literal = (e: Expr): string | null =>
    e.kind === 'string'
      ? e.value
      : e.kind === 'var' && e.offset === 0 && !vars.has(e.name) && !FUNCTIONS[e.name]
        ? e.name
        : null;
  const check = (e: Expr, type: ParamType | 'regionList') => {
    if (type === 'regionList' && e.kind === 'list') {
      for (const item of e.items) check(item, 'region');
      return;
    }
    const name = literal(e);
    if (name === null) return walk(e);
    try {
      if (type === 'indicator' || type === 'value' || type === 'any') ctx.data.indicatorName(name);
      else if (type === 'region') regionName(ctx, name);
      else if (type === 'period') guarded(ctx, e, () => parsePeriod(name));
    } catch (err) {
      notFound(ctx, err, e);
    }
  };
  const walk = (e: Expr): void => {
    if (e.kind === 'list') e.items.forEach(walk);
    if (e.kind === 'range') [e.from, e.to].forEach(walk);
    if (e.kind !== 'call') return;
    const spec = FUNCTIONS[e.name];
    if (!spec) return;
    e.args.forEach((arg, i) => {
      const p = spec.params[Math.min(i, spec.params.length - 1)];
      if (p) check(arg, e.name === 'multiple' && i === 1 && arg.kind !== 'string' ? 'period' : p.type);
    });
    for (const [key, arg] of Object.entries(e.named)) {
      const type = key === 'among' || key === 'regions' ? 'regionList' : spec.named[key];
      if (type === 'region' || type === 'period' || type === 'regionList') check(arg, type);
      else walk(arg);
    }
    const pattern = e.args[1];
    if (e.name === 'each' && pattern?.kind === 'string') segs(eachPattern(pattern, ctx.file));
  };
  function segs(s: Segment[]): void {
    s.forEach((x) => x.kind === 'expr' && walk(x.expr));
  }
  for (const n of nodes) {
    switch (n.kind) {
      case 'line':
        segs(n.segments);
        break;
      case 'parts':
        n.parts.forEach((p) => segs(p.segments));
        break;
      case 'let':
        walk(n.value);
        break;
      case 'for':
        walk(n.source);
        checkNames(n.body, ctx, vars);
        break;
      case 'if':
        for (const b of n.branches) {
          if (b.cond) [b.cond.left, b.cond.right].forEach((e) => e && walk(e));
          checkNames(b.body, ctx, vars);
        }
        break;
      case 'box':
      case 'table':
        segs(n.title);
        checkNames(n.body, ctx, vars);
        break;
      default:
        break;
    }
  }
}

export function evaluateTemplate(
  tpl: ParsedTemplate,
  data: DataSource,
  options: EvaluateOptions = {},
): BriefDocument {
  const defaultYear = Number.parseInt(tpl.header.period, 10);
  const year = options.year ?? (Number.isFinite(defaultYear) ? defaultYear : new Date().getFullYear());
  const ctx: Ctx = {
    data,
    vars: new Map(),
    region: '咸宁市',
    set: options.set ?? {},
    file: options.file ?? null,
  };
  if (tpl.header.region) {
    try {
      ctx.region = regionName(ctx, tpl.header.region);
    } catch (err) {
      const at = tpl.nodes.find((n) => n.kind === 'header' && n.key === 'region') ?? { line: 1, column: 1 };
      if (err instanceof Error && err.name === 'NotFoundError') fail(ctx, err.message, at);
      throw err;
    }
  }
  ctx.vars.set('year', num(year, String(year)));
  ctx.vars.set('region', str(ctx.region));
  checkNames(tpl.nodes, ctx, boundNames(tpl.nodes, new Set(['year', 'region', 'it'])));
  const out: Out = { blocks: [] };
  evalNodes(tpl.nodes, ctx, out);
  const today = options.today ?? new Date();
  return {
    meta: {
      title: tpl.header.title || tpl.header.name,
      author: tpl.header.author,
      date: today.toISOString().slice(0, 10),
      template: tpl.header.name,
      period: String(year),
    },
    blocks: out.blocks,
  };
}

/**
 * Turns a parsed template into a document for one period: expressions are bound to the database
 * through a DataSource and worded the way the reports write numbers.
 */
import type { ChartSpec, ChartType } from '../../chart/spec';
import type { Block, BriefDocument, Inline, Provenance } from '../model';
import { formatAmount, formatNumber, growthPhrase, pointsPhrase, QUALIFIERS, withQualifier, type Qualifier } from '../wording';
import { TemplateError } from './errors';
import type { Arg, Call, ParsedTemplate, Segment, TemplateLine } from './parse';

export interface Datum {
  value: number | null;
  text: string | null;
  unit: string;
  qualifier: string | null;
  decimals: number | null;
  provenance: Provenance;
}

/** What templates read: the database, behind an interface so the evaluator stays testable. */
export interface DataSource {
  /** Resolves a name, code or alias to the catalogue name; throws a NotFoundError with a suggestion. */
  indicatorName(query: string): string;
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

interface Ctx {
  data: DataSource;
  year: number;
  region: string;
  set: Record<string, string>;
  file: string | null;
}

function argText(arg: Arg, ctx: Ctx): string {
  if (arg.kind === 'year') return String(ctx.year + arg.offset);
  return String(arg.value);
}

function fail(ctx: Ctx, message: string, line: number, column: number): never {
  throw new TemplateError(message, line, column, ctx.file);
}

function resolveIndicator(ctx: Ctx, arg: Arg | undefined, call: Call): string {
  if (!arg) fail(ctx, `${call.name}() 需要指标名称，如 ${call.name}(地区生产总值)`, call.line, call.column);
  try {
    return ctx.data.indicatorName(argText(arg, ctx));
  } catch (err) {
    if (err instanceof Error && err.name === 'NotFoundError') fail(ctx, err.message, call.line, arg.column);
    throw err;
  }
}

interface Binding {
  indicator: string;
  region: string;
  period: string;
  status: string;
}

function binding(ctx: Ctx, call: Call): Binding {
  const indicator = resolveIndicator(ctx, call.args[0], call);
  const period = call.named.period ?? call.args[1];
  const region = call.named.region ?? call.args[2];
  const status = call.named.status;
  return {
    indicator,
    period: period ? argText(period, ctx) : String(ctx.year),
    region: region ? argText(region, ctx) : ctx.region,
    status: status ? argText(status, ctx) : '',
  };
}

function missing(b: Binding, what = '缺数'): Inline {
  const where = `${b.indicator}·${b.region}·${b.period}${b.status ? `·${b.status}` : ''}`;
  return { type: 'missing', text: `【${what}：${where}】`, reason: `数据库中没有「${where}」的数值` };
}

/** Qualifiers the wording module places (余 多 左右 以上 突破 …); other notes stay out of the number. */
function knownQualifier(q: string | null): Qualifier | undefined {
  return q && (QUALIFIERS as readonly string[]).includes(q) ? (q as Qualifier) : undefined;
}

/** 以上/左右/以内 follow the unit, so they also follow a worded growth ("增长10.5%以上"). */
function afterUnit(q: Qualifier | undefined): Qualifier | undefined {
  return q && ['左右', '上下', '以上', '以内', '以下'].includes(q) ? q : undefined;
}

function amount(value: number, unit: string, qualifier: Qualifier | undefined, decimals: number | undefined): string {
  return qualifier ? withQualifier(value, unit, qualifier, { decimals }) : formatAmount(value, unit, { decimals });
}

function decimalsArg(ctx: Ctx, call: Call): number | undefined {
  const d = call.named.decimals;
  return d ? Number(argText(d, ctx)) : undefined;
}

/** Evaluates one expression to inline runs. */
function evalCall(call: Call, ctx: Ctx): Inline {
  switch (call.name) {
    case 'year': {
      const off = call.args[0] ? Number(argText(call.args[0], ctx)) : 0;
      return { type: 'text', text: String(ctx.year + off) };
    }
    case 'set': {
      const key = call.args[0] ? argText(call.args[0], ctx) : '';
      const v = ctx.set[key];
      if (v === undefined) {
        const fallback = call.args[1] ? argText(call.args[1], ctx) : undefined;
        if (fallback !== undefined) return { type: 'text', text: fallback };
        return { type: 'missing', text: `【未设置：${key}】`, reason: `模板需要 --set ${key}=…` };
      }
      return { type: 'text', text: v };
    }
    case 'v':
    case 'n':
    case 'growth':
    case 'points':
    case 'rank':
    case 'ratio': {
      const b = binding(ctx, call);
      const d = ctx.data.lookup(b.indicator, b.region, b.period, b.status);
      if (!d) return missing(b);
      // Values print as stored unless the template fixes the decimals ({v(x, decimals=1)}).
      const decimals = decimalsArg(ctx, call);
      const provenance = [d.provenance];
      if (call.name === 'ratio' || d.value === null) {
        return d.text !== null ? { type: 'value', text: d.text, provenance } : missing(b);
      }
      const qualifier = knownQualifier(d.qualifier);
      let text: string;
      if (call.name === 'n') text = formatNumber(d.value, decimals);
      else if (call.name === 'growth') text = growthPhrase(d.value, { decimals, qualifier: afterUnit(qualifier) });
      else if (call.name === 'points') text = pointsPhrase(d.value, { decimals, qualifier: afterUnit(qualifier) });
      else if (call.name === 'rank') text = `第${formatNumber(d.value, 0)}位`;
      else text = amount(d.value, d.unit, qualifier, decimals);
      return { type: 'value', text, provenance };
    }
    default:
      return fail(
        ctx,
        `未知的函数「${call.name}」：可用 v n growth points rank ratio year set`,
        call.line,
        call.column,
      );
  }
}

function evalSegments(segments: Segment[], ctx: Ctx): Inline[] {
  const runs: Inline[] = [];
  for (const s of segments) {
    const run = s.kind === 'text' ? ({ type: 'text', text: s.text } as Inline) : evalCall(s.call, ctx);
    const last = runs[runs.length - 1];
    if (run.type === 'text' && last?.type === 'text' && !last.bold) last.text += run.text;
    else runs.push(run);
  }
  return runs;
}

function plain(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}

/** `figure: type=bar-line; indicators=A,B; from=2016; to={year}; caption=…` */
function figureBlock(line: TemplateLine, ctx: Ctx): Block {
  const text = plain(evalSegments(line.segments, ctx));
  const fields: Record<string, string> = {};
  for (const part of text.split(/[;；]/)) {
    const m = part.match(/^\s*(\w+)\s*=\s*(.*?)\s*$/);
    if (!m) {
      if (part.trim()) fail(ctx, `图表参数「${part.trim()}」应写作 键=值（如 type=bar）`, line.line, line.column);
      continue;
    }
    fields[m[1]] = m[2];
  }
  const type = (fields.type ?? 'bar') as ChartType;
  if (!CHART_TYPES.includes(type)) {
    fail(ctx, `未知的图表类型「${fields.type}」：可用 ${CHART_TYPES.join(' ')}`, line.line, line.column);
  }
  const list = (s: string | undefined) => (s ?? '').split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
  const indicators = list(fields.indicators).map((name) => {
    try {
      return ctx.data.indicatorName(name);
    } catch (err) {
      return fail(ctx, (err as Error).message, line.line, line.column);
    }
  });
  if (indicators.length === 0) fail(ctx, '图表缺少 indicators=…', line.line, line.column);
  const status = fields.status ?? '';
  if (fields.by === 'indicator') {
    // One series across indicators at one period (e.g. the year's targets).
    const period = fields.period ?? String(ctx.year);
    const data = indicators.map((name) => ctx.data.lookup(name, fields.region ?? ctx.region, period, status));
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
  const regions = list(fields.regions);
  const from = Number(fields.from ?? ctx.year - 4);
  const to = Number(fields.to ?? ctx.year);
  const byRegion = regions.length > 0;
  const categories = byRegion ? regions : Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  const period = fields.period ?? String(ctx.year);
  const series = indicators.map((indicator, idx) => {
    let unit = '';
    const values = categories.map((cat) => {
      const d = byRegion
        ? ctx.data.lookup(indicator, cat, period, status)
        : ctx.data.lookup(indicator, fields.region ?? ctx.region, cat, status);
      if (d) unit = d.unit;
      return d?.value ?? null;
    });
    const asLine = type === 'bar-line' && idx > 0;
    return { name: indicator, values, unit, axis: (asLine ? 1 : 0) as 0 | 1, as: (asLine ? 'line' : 'bar') as 'line' | 'bar' };
  });
  const categoryLabels = byRegion ? categories : categories.map((c) => `${c}年`);
  const chart: ChartSpec = {
    type,
    title: fields.title ?? '',
    categories: categoryLabels,
    series,
    axisNames: series.map((s) => s.unit).filter((u, i, a) => a.indexOf(u) === i),
    source: fields.source,
  };
  return { type: 'figure', chart, caption: fields.caption ?? indicators.join('、') };
}

function evalLines(lines: TemplateLine[], ctx: Ctx): Block[] {
  const blocks: Block[] = [];
  const stack: { title: string; blocks: Block[] }[] = [];
  const push = (b: Block) => (stack.length ? stack[stack.length - 1].blocks : blocks).push(b);
  for (const line of lines) {
    const runs = () => evalSegments(line.segments, ctx);
    const text = () => plain(runs());
    switch (line.keyword) {
      case 'title':
      case 'subtitle':
      case 'byline':
      case 'kicker':
        push({ type: line.keyword, text: text() });
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'chapter':
      case 'section':
      case 'item':
      case 'question':
      case 'theme':
      case 'part':
        push({ type: 'heading', kind: line.keyword, text: text() });
        break;
      case 'p':
        push({ type: 'paragraph', runs: runs() });
        break;
      case 'note':
        push({ type: 'paragraph', runs: runs(), noIndent: true });
        break;
      case 'bullet':
        push({ type: 'paragraph', runs: runs(), bullet: true });
        break;
      case 'lead':
      case 'runin': {
        // lead: 一是严守生态红线。| body…   (the part before "|" is the bold run-in)
        const all = runs();
        const firstText = all[0]?.type === 'text' ? all[0].text : '';
        const bar = firstText.indexOf('|');
        if (bar < 0) fail(ctx, `「${line.keyword}:」应写作 引导语|正文，如 一是严守生态红线。|…`, line.line, line.column);
        const head = firstText.slice(0, bar).trim();
        const rest: Inline[] = [{ type: 'text', text: firstText.slice(bar + 1).trimStart() }, ...all.slice(1)];
        push(
          line.keyword === 'lead'
            ? { type: 'paragraph', lead: head, runs: rest }
            : { type: 'paragraph', runInHeading: head, runs: rest },
        );
        break;
      }
      case 'figure':
        push(figureBlock(line, ctx));
        break;
      case 'box':
        stack.push({ title: text(), blocks: [] });
        break;
      case 'end': {
        const box = stack.pop()!;
        push({ type: 'box', title: box.title, blocks: box.blocks });
        break;
      }
      case 'toc':
        push({ type: 'toc', title: text() || '目　录' });
        break;
      case 'pagebreak':
        push({ type: 'pageBreak' });
        break;
      case 'cover': {
        // cover: 标题第一行 / 标题第二行 | 发文机关 | 日期
        const [titles, issuer, date] = text().split('|').map((s) => s.trim());
        push({ type: 'cover', titleLines: (titles ?? '').split('/').map((s) => s.trim()), issuer: issuer ?? '', date: date ?? '' });
        break;
      }
    }
  }
  return blocks;
}

export function evaluateTemplate(tpl: ParsedTemplate, data: DataSource, options: EvaluateOptions = {}): BriefDocument {
  const defaultYear = Number.parseInt(tpl.header.period, 10);
  const year = options.year ?? (Number.isFinite(defaultYear) ? defaultYear : new Date().getFullYear());
  const ctx: Ctx = { data, year, region: tpl.header.region || '咸宁市', set: options.set ?? {}, file: options.file ?? null };
  const blocks = evalLines(tpl.lines, ctx);
  const today = options.today ?? new Date();
  return {
    meta: {
      title: tpl.header.title || tpl.header.name,
      author: tpl.header.author,
      date: today.toISOString().slice(0, 10),
      template: tpl.header.name,
      period: String(year),
    },
    blocks,
  };
}

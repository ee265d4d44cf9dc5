/**
 * ChartSpec → ECharts option, in the house print style.
 *
 * PURE: no node imports. The renderer imports this for the live preview and render.ts uses it for
 * the SVG/PNG that go into Word, so the preview is the print (WYSIWYG); `forPrint` only drops the
 * interactive bits (tooltips).
 *
 * The house style is built to survive a black-and-white office printer: series differ by grey level
 * *and* by hatching (bars, slices) or by marker shape and dash (lines); text is black; sizes are in
 * CSS px at 96 dpi of the placed size, so 14 px prints as 10.5 pt (五号) whatever the figure width.
 */
import type {
  BarSeriesOption,
  DefaultLabelFormatterCallbackParams,
  EChartsOption,
  GraphicComponentOption,
  LegendComponentOption,
  LineSeriesOption,
  PieSeriesOption,
  TitleComponentOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts';
import type { ChartSeries, ChartSpec } from './spec';

// ------------------------------------------------------------------------------------------ sizes

export const DEFAULT_WIDTH_MM = 150;
export const DEFAULT_HEIGHT_MM = 90;
/** Word's body width on A4 with 公文 margins; wider figures are clamped to it. */
export const MAX_WIDTH_MM = 156;
/** CSS px per millimetre (96 dpi): chart px ≡ print size, so font px map to pt (× 0.75). */
export const PX_PER_MM = 96 / 25.4;

export function figureSizeMm(spec: Pick<ChartSpec, 'widthMm' | 'heightMm'>): {
  widthMm: number;
  heightMm: number;
} {
  const w = positive(spec.widthMm) ?? DEFAULT_WIDTH_MM;
  const h =
    positive(spec.heightMm) ??
    (spec.widthMm ? w * (DEFAULT_HEIGHT_MM / DEFAULT_WIDTH_MM) : DEFAULT_HEIGHT_MM);
  return { widthMm: Math.min(w, MAX_WIDTH_MM), heightMm: h };
}

/** Pixel size (96 dpi CSS px) the chart is laid out at. */
export function chartPixelSize(spec: Pick<ChartSpec, 'widthMm' | 'heightMm'>): {
  width: number;
  height: number;
} {
  const { widthMm, heightMm } = figureSizeMm(spec);
  return { width: Math.round(widthMm * PX_PER_MM), height: Math.round(heightMm * PX_PER_MM) };
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

// ------------------------------------------------------------------------------------------ theme

/**
 * Font families, first match wins. 'Noto Sans CJK SC' is the family of the bundled subset the PNG
 * path uses (resources/fonts) and of fonts-noto-cjk; the Windows/mac names cover Word opening the SVG.
 */
export const CHART_FONT_FAMILIES = [
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'Source Han Sans CN',
  '黑体',
  'SimHei',
  'Microsoft YaHei',
  'PingFang SC',
  'sans-serif',
];

export function fontFamilyCss(families: readonly string[] = CHART_FONT_FAMILIES): string {
  return families.map((f) => (/^(sans-serif|serif|monospace)$/.test(f) ? f : `'${f}'`)).join(', ');
}

/** Font sizes in px (96 dpi of the placed size): 14 px = 10.5 pt 五号, 16 px = 12 pt 小四. */
export const FONT_PX = { title: 16, axis: 14, axisName: 14, legend: 14, label: 13.5, source: 13 } as const;

const INK = '#000000';
const GRID_LINE = '#bfbfbf';

interface Fill {
  color: string;
  /** Label colour inside this fill. */
  ink: string;
  decal?: Decal;
}
interface Decal {
  symbol: string;
  symbolSize: number;
  dashArrayX: number[] | number[][];
  dashArrayY: number[];
  rotation: number;
  color: string;
  backgroundColor?: string;
}

/** Parallel lines (1.4 px on a 6 px pitch before ECharts rounds), rotated for diagonal hatching. */
const HATCH = (rotation: number, gap = 4.5): Decal => ({
  symbol: 'rect',
  symbolSize: 1,
  dashArrayX: [1, 0],
  dashArrayY: [1.4, gap],
  rotation,
  color: '#000000',
});
const DOTS: Decal = {
  symbol: 'circle',
  symbolSize: 0.9,
  dashArrayX: [
    [2.2, 3],
    [0, 2.6, 2.2, 0.4],
  ],
  dashArrayY: [2.2, 1.6],
  rotation: 0,
  color: '#000000',
};

/**
 * Bar/slice fills in series order: greys far enough apart to tell on a laser print, with hatching
 * on the light ones so neighbours also differ in texture. Order matters: stacks alternate dark/light.
 */
export const FILLS: readonly Fill[] = [
  { color: '#595959', ink: '#ffffff' }, // dark grey
  { color: '#c8c8c8', ink: INK }, // light grey
  { color: '#ffffff', ink: INK, decal: HATCH(Math.PI / 4) }, // white, diagonal hatch
  { color: '#262626', ink: '#ffffff' }, // near black
  { color: '#e6e6e6', ink: INK, decal: DOTS }, // pale, dotted
  { color: '#8c8c8c', ink: INK }, // mid grey
  { color: '#ffffff', ink: INK, decal: HATCH(-Math.PI / 4) }, // white, back hatch
  { color: '#ffffff', ink: INK, decal: HATCH(0, 3.5) }, // white, horizontal lines
];

export interface LineStyle {
  color: string;
  symbol: string;
  dash: 'solid' | 'dashed' | 'dotted' | number[];
}
/** Lines in series order: black/dark greys, each with its own marker and dash. */
export const LINES: readonly LineStyle[] = [
  { color: '#000000', symbol: 'circle', dash: 'solid' },
  { color: '#404040', symbol: 'rect', dash: 'dashed' },
  { color: '#000000', symbol: 'emptyTriangle', dash: 'dotted' },
  { color: '#595959', symbol: 'diamond', dash: [10, 4, 2, 4] },
  { color: '#000000', symbol: 'emptyCircle', dash: [2, 3] },
  { color: '#404040', symbol: 'emptyRect', dash: [12, 4] },
];

const fillAt = (i: number): Fill => FILLS[i % FILLS.length]!;
const lineAt = (i: number): LineStyle => LINES[i % LINES.length]!;

// ------------------------------------------------------------------------------------------ numbers

/** Decimals a number was given with (12 significant digits, so 0.1+0.2 reads as 0.3). */
export function decimalsOf(v: number): number {
  if (!Number.isFinite(v)) return 0;
  const s = String(Number(v.toPrecision(12)));
  const e = s.indexOf('e');
  if (e >= 0) {
    const exp = Number(s.slice(e + 1));
    const mant = s.slice(0, e);
    const dot = mant.indexOf('.');
    return Math.max(0, (dot < 0 ? 0 : mant.length - dot - 1) - exp);
  }
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Decimals for a whole series: the most any value has (capped), so a column reads 8.0, 7.5, 6.3. */
export function seriesDecimals(values: readonly (number | null)[], cap = 4): number {
  let d = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) d = Math.max(d, decimalsOf(v));
  return Math.min(d, cap);
}

/**
 * Numbers as Chinese statistical reports print them: no thousands separators, fixed decimals,
 * optional '%' suffix. null/NaN → ''.
 */
export function formatNumber(v: number | null | undefined, decimals: number, suffix = ''): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  let s = v.toFixed(Math.max(0, Math.min(20, decimals)));
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s + suffix;
}

const isPercentUnit = (unit: string | undefined): boolean => !!unit && /^\s*(%|％|百分比)\s*$/.test(unit);

/** Axis tick text: shortest exact form, no separators. */
function tickText(v: number): string {
  if (!Number.isFinite(v)) return '';
  const s = String(Number(v.toPrecision(10)));
  return s === '-0' ? '0' : s;
}

function numericValue(p: DefaultLabelFormatterCallbackParams): number | null {
  const v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

// ------------------------------------------------------------------------------------------ option

export interface ChartOptionOptions {
  /** true for the Word figure (no tooltip/interaction); false for the live preview. */
  forPrint?: boolean;
  /** Draw spec.title in the figure. Default false: the caption lives in Word. */
  showTitle?: boolean;
  /** Font family list, first match wins (render.ts puts the family it actually loaded first). */
  fontFamilies?: readonly string[];
}

interface Ctx {
  spec: ChartSpec;
  forPrint: boolean;
  font: string;
  width: number;
  height: number;
  /** px used above the plot by title + legend. */
  top: number;
  /** px used below the plot by the source line. */
  bottom: number;
  /** Free text elements (source line, unit note); bodies may add to it. */
  graphic: GraphicComponentOption[];
}

export function toEChartsOption(spec: ChartSpec, opts: ChartOptionOptions = {}): EChartsOption {
  const forPrint = opts.forPrint ?? false;
  const font = fontFamilyCss(opts.fontFamilies ?? CHART_FONT_FAMILIES);
  const { width, height } = chartPixelSize(spec);
  const showTitle = (opts.showTitle ?? false) && spec.title.trim() !== '';
  const circular = spec.type === 'pie' || spec.type === 'ring';
  const hasLegend = !circular && spec.series.length > 1;

  let top = 8;
  const titles: TitleComponentOption[] = [];
  if (showTitle) {
    titles.push({
      text: spec.title,
      left: 'center',
      top,
      textStyle: { fontSize: FONT_PX.title, fontWeight: 'bold', color: INK, fontFamily: font },
    });
    top += FONT_PX.title + 10;
  }
  let legend: LegendComponentOption | undefined;
  if (hasLegend) {
    legend = {
      show: true,
      top,
      left: 'center',
      itemWidth: 24,
      itemHeight: 12,
      itemGap: 22,
      textStyle: { fontSize: FONT_PX.legend, color: INK, fontFamily: font },
      selectedMode: !forPrint,
      data: spec.series.map((s, i) => ({
        name: s.name,
        ...(drawsAsLine(spec, s, i) ? {} : { icon: 'rect', itemStyle: { borderWidth: 0.8 } }),
      })),
    } as LegendComponentOption;
    top += 12 + 12;
  }
  let bottom = 4;
  const graphic: GraphicComponentOption[] = [];
  if (spec.source && spec.source.trim() !== '') {
    graphic.push({
      type: 'text',
      left: 6,
      bottom: 4,
      silent: true,
      style: { text: spec.source, fontSize: FONT_PX.source, fill: INK, fontFamily: font },
    });
    bottom += FONT_PX.source + 8;
  }

  const ctx: Ctx = { spec, forPrint, font, width, height, top, bottom, graphic };
  const body = circular ? pieBody(ctx) : spec.type === 'ranking' ? rankingBody(ctx) : cartesianBody(ctx);

  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: font, fontSize: FONT_PX.axis, color: INK },
    color: FILLS.map((f) => f.color),
    aria: { enabled: false },
    ...(titles.length ? { title: titles } : {}),
    ...(legend ? { legend } : {}),
    ...(graphic.length ? { graphic } : {}),
    ...(forPrint ? {} : { tooltip: { trigger: circular ? 'item' : 'axis', confine: true } }),
    ...body,
  } as EChartsOption;
}

function drawsAsLine(spec: ChartSpec, s: ChartSeries, i: number): boolean {
  if (spec.type === 'line') return true;
  if (spec.type === 'bar-line') return isLineInBarLine(s, i);
  return false;
}

// ------------------------------------------------------------------------------------------ scales

export interface Scale {
  min: number;
  max: number;
  interval: number;
}

const SPLITS = 5;

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is ≥ raw. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const e = Math.floor(Math.log10(raw));
  const base = 10 ** e;
  const f = raw / base;
  const n = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5 : f <= 5 + 1e-9 ? 5 : 10;
  return Number((n * base).toPrecision(12));
}

const clean = (v: number): number => Number(v.toPrecision(12));

/** A 0-including axis scale with ≤ 6 nice intervals covering [min, max]. */
export function niceScale(min: number, max: number): Scale {
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) hi = lo + 1;
  // The smallest nice interval giving at most 6 of them: 4–6 grid lines, like ECharts' own.
  let interval = niceStep((hi - lo) / 6);
  for (let guard = 0; guard < 10; guard++) {
    const a = Math.floor(lo / interval + 1e-9) * interval;
    const b = Math.ceil(hi / interval - 1e-9) * interval;
    if (Math.round((b - a) / interval) <= 6) return { min: clean(a), max: clean(b), interval };
    interval = niceStep(interval * 1.0001);
  }
  return { min: lo, max: hi, interval: clean((hi - lo) / SPLITS) };
}

function finite(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/**
 * bar-line scales as the statistical bulletins draw them: columns in the lower ~half on the left
 * axis, the growth line in the upper band on the right axis, both with 5 aligned intervals, so the
 * columns' and the line's data labels do not collide. null when the data do not suit (negative
 * levels, no data): ECharts then aligns the ticks itself.
 */
export function barLineScales(
  barValues: readonly (number | null)[],
  lineValues: readonly (number | null)[],
): { left: Scale; right: Scale; rightLabelFrom: number } | null {
  const bars = finite(barValues);
  const line = finite(lineValues);
  if (!bars.length || !line.length) return null;
  const bmax = Math.max(...bars);
  if (Math.min(...bars) < 0 || !(bmax > 0)) return null;
  const stepL = niceStep(bmax / 0.52 / SPLITS);
  const left = { min: 0, max: clean(stepL * SPLITS), interval: stepL };

  const lo = 0.6; // the line's lowest point sits at or above 60% of the plot height
  const hi = 0.92; // and its highest at or below 92%
  const gmin = Math.min(...line);
  const gmax = Math.max(...line);
  const span = gmax - gmin;
  let r = niceStep(Math.max(span, Math.abs(gmax) * 0.2, 1e-9) / ((hi - lo) * SPLITS));
  for (let guard = 0; guard < 40; guard++) {
    const k = Math.floor(gmin / r - lo * SPLITS + 1e-9);
    const bottom = k * r;
    if (gmax <= bottom + hi * SPLITS * r + 1e-9) {
      const right = { min: clean(bottom), max: clean(bottom + SPLITS * r), interval: r };
      return { left, right, rightLabelFrom: clean(Math.min(0, Math.floor(gmin / r + 1e-9) * r)) };
    }
    r = niceStep(r * 1.0001); // the next nice step up
  }
  return null;
}

// ------------------------------------------------------------------------------------------ text

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Rough rendered width in px (CJK full width, digits/Latin ≈ 0.56 em). */
export function textWidth(s: string, fontPx: number = FONT_PX.axis): number {
  let w = 0;
  for (const ch of s) w += CJK.test(ch) ? 1 : 0.56;
  return w * fontPx;
}

const BREAK_AFTER = /[年月季度）)、，,：:]/;
const NO_BREAK_BEFORE = /[年月日季度号）)、，。,.%％：:]/;

/**
 * Wraps a category name into balanced lines no wider than maxPx, breaking preferably after 年/月/、
 * and never inside a number: "2025年上半年" → "2025年\n上半年".
 */
export function wrapLabel(text: string, maxPx: number, fontPx: number = FONT_PX.axis): string {
  const chars = [...text];
  if (chars.length < 2 || textWidth(text, fontPx) <= maxPx) return text;
  const lines: string[] = [];
  let rest = chars;
  let linesLeft = Math.min(3, Math.ceil(textWidth(text, fontPx) / Math.max(1, maxPx)));
  while (rest.length && linesLeft > 1 && textWidth(rest.join(''), fontPx) > maxPx) {
    const target = textWidth(rest.join(''), fontPx) / linesLeft;
    let best = -1;
    let bestScore = Infinity;
    for (let i = 1; i < rest.length; i++) {
      const a = rest[i - 1]!;
      const b = rest[i]!;
      if (/[0-9A-Za-z.]/.test(a) && /[0-9A-Za-z.%]/.test(b)) continue; // inside a number/word
      if (NO_BREAK_BEFORE.test(b)) continue;
      const w = textWidth(rest.slice(0, i).join(''), fontPx);
      if (w > maxPx && best >= 0) break;
      const score = Math.abs(w - target) - (BREAK_AFTER.test(a) ? 0.8 * fontPx : 0) + (w > maxPx ? 1000 : 0);
      if (score <= bestScore + 1e-9) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    lines.push(rest.slice(0, best).join(''));
    rest = rest.slice(best);
    linesLeft--;
  }
  lines.push(rest.join(''));
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------------ cartesian

function axisNameFor(spec: ChartSpec, axis: 0 | 1, series: readonly ChartSeries[]): string {
  const given = spec.axisNames?.[axis];
  if (given !== undefined) return given;
  const units = [...new Set(series.map((s) => s.unit).filter((u) => u && u.trim() !== ''))];
  return units.length === 1 ? units[0]! : '';
}

/** In a bar-line chart: as: 'line' wins, then axis: 1, then a '%' series after the first. */
export function isLineInBarLine(s: ChartSeries, i: number): boolean {
  if (s.as) return s.as === 'line';
  if (s.axis !== undefined) return s.axis === 1;
  return i > 0 && isPercentUnit(s.unit);
}

function valueAxis(
  ctx: Ctx,
  name: string,
  scale: Scale | null,
  extra: Record<string, unknown> = {},
): YAXisComponentOption {
  return {
    type: 'value',
    name,
    nameLocation: 'end',
    nameGap: 10,
    nameTextStyle: { fontSize: FONT_PX.axisName, color: INK, fontFamily: ctx.font },
    ...(scale ? { min: scale.min, max: scale.max, interval: scale.interval } : {}),
    axisLine: { show: true, lineStyle: { color: INK, width: 1 } },
    axisTick: { show: true, lineStyle: { color: INK } },
    axisLabel: {
      fontSize: FONT_PX.axis,
      color: INK,
      fontFamily: ctx.font,
      formatter: (v: number) => tickText(v),
    },
    splitLine: { show: true, lineStyle: { color: GRID_LINE, width: 0.8, type: 'dashed' } },
    ...extra,
  } as YAXisComponentOption;
}

interface Layout {
  gridTop: number;
  plotWidth: number;
  plotHeight: number;
  slot: number;
  labelLines: number;
}

/** Where the plot will be, estimated closely enough to decide which labels fit. */
/**
 * Category axis labels for a slot width: as given when they fit; else wrapped (at 年/月…); else,
 * for a run of dates of one year ("2025年1月" … "2025年12月"), the month on the first line and the
 * year only where it changes ("1月\n2025年", "2月", …); else tilted 45°.
 */
export function categoryLabels(
  categories: readonly string[],
  slot: number,
): { labels: string[]; rotate: number } {
  const fits = (labels: string[]) =>
    labels.every((l) => l.split('\n').every((line) => textWidth(line) <= slot - 3));
  const wrapped = categories.map((c) => wrapLabel(c, slot - 6));
  if (fits(wrapped)) return { labels: wrapped, rotate: 0 };
  const parts = categories.map((c) => /^(\d{2,4}年)(.+)$/.exec(c));
  if (parts.every((m) => m !== null)) {
    const rests = parts.map((m) => wrapLabel(m![2]!, slot - 6));
    if (fits(rests)) {
      const labels = rests.map((r, i) =>
        i === 0 || parts[i - 1]![1] !== parts[i]![1] ? `${r}\n${parts[i]![1]}` : r,
      );
      return { labels, rotate: 0 };
    }
  }
  return { labels: [...categories], rotate: 45 };
}

/** Where the plot will be, estimated closely enough to decide which labels fit. */
function cartesianLayout(
  ctx: Ctx,
  categories: string[],
  rightAxis: boolean,
): Layout & { labels: string[]; rotate: number } {
  const n = Math.max(1, categories.length);
  const plotWidth = ctx.width - (rightAxis ? 100 : 72);
  const slot = plotWidth / n;
  const { labels, rotate } = categoryLabels(categories, slot);
  const labelBlock = rotate
    ? (Math.max(0, ...categories.map((c) => textWidth(c))) + FONT_PX.axis) * Math.SQRT1_2
    : Math.max(1, ...labels.map((w) => w.split('\n').length)) * (FONT_PX.axis + 3);
  const labelLines = Math.max(1, ...labels.map((w) => w.split('\n').length));
  const gridTop = ctx.top + FONT_PX.axisName + 14;
  const plotHeight = ctx.height - gridTop - ctx.bottom - 12 - labelBlock;
  return { gridTop, plotWidth, plotHeight: Math.max(40, plotHeight), slot, labelLines, labels, rotate };
}

function categoryAxis(
  ctx: Ctx,
  categories: string[],
  labels: string[],
  rotate: number,
): XAXisComponentOption {
  return {
    type: 'category',
    data: categories,
    axisLine: { show: true, lineStyle: { color: INK, width: 1 } },
    axisTick: { show: true, lineStyle: { color: INK } },
    axisLabel: {
      fontSize: FONT_PX.axis,
      color: INK,
      fontFamily: ctx.font,
      interval: 0,
      margin: 8,
      lineHeight: FONT_PX.axis + 3,
      rotate,
      formatter: (v: string, i: number) => labels[i] ?? v,
    },
    splitLine: { show: false },
  } as XAXisComponentOption;
}

function barStyle(f: Fill): BarSeriesOption['itemStyle'] {
  return {
    color: f.color,
    borderColor: INK,
    borderWidth: 0.6,
    ...(f.decal ? { decal: f.decal } : {}),
  } as BarSeriesOption['itemStyle'];
}

type Datum = number | null | { value: number; label: Record<string, unknown> };

const LABEL_H = FONT_PX.label * 1.25;

function labelWidth(values: readonly (number | null)[], decimals: number, suffix: string): number {
  return Math.max(
    0,
    ...finite(values).map((v) => textWidth(formatNumber(v, decimals, suffix), FONT_PX.label)),
  );
}

function cartesianBody(ctx: Ctx): EChartsOption {
  const { spec } = ctx;
  const type = spec.type;
  const categories = [...spec.categories];
  const rightAxis = type === 'bar-line';
  const L = cartesianLayout(ctx, categories, rightAxis);
  const xAxis = categoryAxis(ctx, categories, L.labels, L.rotate);
  const series: (BarSeriesOption | LineSeriesOption)[] = [];
  let yAxis: YAXisComponentOption | YAXisComponentOption[];

  if (type === 'line') {
    const all = spec.series.flatMap((s) => finite(s.values));
    const scale = all.length ? niceScale(Math.min(...all), Math.max(...all) * 1.06) : null;
    yAxis = valueAxis(ctx, axisNameFor(spec, 0, spec.series), scale);
    const positions = scale ? lineLabelPositions(spec.series, scale, L.plotHeight) : null;
    spec.series.forEach((s, i) => series.push(lineSeries(ctx, s, i, 0, positions?.[i])));
  } else if (type === 'bar-line') {
    const lines = spec.series.map((s, i) => isLineInBarLine(s, i));
    const barS = spec.series.filter((_, i) => !lines[i]);
    const lineS = spec.series.filter((_, i) => lines[i]);
    const scales = barLineScales(
      barS.flatMap((s) => s.values),
      lineS.flatMap((s) => s.values),
    );
    yAxis = [
      valueAxis(ctx, axisNameFor(spec, 0, barS), scales?.left ?? null),
      valueAxis(ctx, axisNameFor(spec, 1, lineS), scales?.right ?? null, {
        position: 'right',
        alignTicks: !scales,
        splitLine: { show: false },
        axisLabel: {
          fontSize: FONT_PX.axis,
          color: INK,
          fontFamily: ctx.font,
          // The line lives in the upper band: ticks well below its lowest value stay unlabelled.
          formatter: (v: number) => (scales && v < scales.rightLabelFrom - 1e-9 ? '' : tickText(v)),
        },
      }),
    ];
    const barLabels = barLabelPlan(barS, L, 34);
    const rightPositions = scales ? lineLabelPositions(lineS, scales.right, L.plotHeight) : null;
    let bi = 0;
    let li = 0;
    spec.series.forEach((s, i) => {
      if (lines[i]) {
        series.push(lineSeries(ctx, s, li, 1, rightPositions?.[li]));
        li++;
      } else {
        // Level columns: light grey so the black growth line reads on top of them.
        const f = barS.length === 1 ? FILLS[1]! : fillAt(bi);
        series.push(barSeries(ctx, s, f, 34, barLabels[bi]!, { yAxisIndex: 0 }));
        bi++;
      }
    });
  } else if (type === 'stacked' || type === 'percent') {
    const percent = type === 'percent';
    const data = percent
      ? sharesByCategory(spec.series.map((s) => s.values))
      : spec.series.map((s) => [...s.values]);
    let scale: Scale;
    if (percent) {
      scale = { min: 0, max: 100, interval: 20 };
      yAxis = valueAxis(ctx, spec.axisNames?.[0] ?? '', scale, {
        axisLabel: {
          fontSize: FONT_PX.axis,
          color: INK,
          fontFamily: ctx.font,
          formatter: (v: number) => `${tickText(v)}%`,
        },
      });
    } else {
      const pos = categories.map((_, j) => data.reduce((a, d) => a + Math.max(0, d[j] ?? 0), 0));
      const neg = categories.map((_, j) => data.reduce((a, d) => a + Math.min(0, d[j] ?? 0), 0));
      scale = niceScale(Math.min(0, ...neg), Math.max(0, ...pos));
      yAxis = valueAxis(ctx, axisNameFor(spec, 0, spec.series), scale);
    }
    const barWidth = Math.min(46, L.slot * 0.55);
    const pxPerUnit = L.plotHeight / (scale.max - scale.min);
    spec.series.forEach((s, i) => {
      const f = fillAt(i);
      const decimals = percent ? 1 : seriesDecimals(s.values);
      const suffix = percent || isPercentUnit(s.unit) ? '%' : '';
      const values = data[i]!;
      // A segment's label shows only where the segment is tall and wide enough to hold it.
      const items: Datum[] = values.map((v) => {
        if (v === null || v === undefined) return null;
        const fits =
          Math.abs(v) * pxPerUnit >= LABEL_H + 1 &&
          textWidth(formatNumber(v, decimals, suffix), FONT_PX.label) <= barWidth - 2;
        return fits ? v : { value: v, label: { show: false } };
      });
      series.push({
        type: 'bar',
        name: s.name,
        data: items as BarSeriesOption['data'],
        stack: 'total',
        barWidth,
        itemStyle: barStyle(f),
        label: {
          show: true,
          position: 'inside',
          fontSize: FONT_PX.label,
          color: f.ink,
          fontFamily: ctx.font,
          ...(f.decal ? { backgroundColor: '#ffffff', padding: [1, 3] } : {}),
          formatter: (p: DefaultLabelFormatterCallbackParams) =>
            formatNumber(numericValue(p), decimals, suffix),
        },
        labelLayout: { hideOverlap: true },
      });
    });
  } else {
    // 'bar' (and anything unknown drawn as columns)
    const all = spec.series.flatMap((s) => finite(s.values));
    const scale = all.length ? niceScale(Math.min(...all) * 1.1, Math.max(...all) * 1.1) : null;
    yAxis = valueAxis(ctx, axisNameFor(spec, 0, spec.series), scale);
    const plan = barLabelPlan(spec.series, L, 40);
    spec.series.forEach((s, i) => series.push(barSeries(ctx, s, fillAt(i), 40, plan[i]!)));
  }

  const grid = {
    left: 8,
    right: rightAxis ? 8 : 20,
    top: L.gridTop,
    bottom: ctx.bottom + 2,
    outerBoundsMode: 'same',
    outerBoundsContain: 'axisLabel',
  };
  return { grid, xAxis, yAxis, series } as EChartsOption;
}

/**
 * Which bar series get value labels: all when the labels of neighbouring bars fit side by side;
 * otherwise only the last series (the current period the text discusses); none if even that is
 * too crowded.
 */
function barLabelPlan(barSeries: readonly ChartSeries[], L: Layout, maxWidth: number): boolean[] {
  const k = Math.max(1, barSeries.length);
  const barW = Math.min(maxWidth, (L.slot * 0.8) / (k + (k - 1) * 0.12));
  const widths = barSeries.map((s) =>
    labelWidth(s.values, seriesDecimals(s.values), isPercentUnit(s.unit) ? '%' : ''),
  );
  const pitch = barW * 1.12; // centre-to-centre distance of neighbouring bars
  if (k === 1) return [widths[0]! <= L.slot - 2];
  if (widths.every((w) => w <= pitch - 3)) return barSeries.map(() => true);
  return barSeries.map((_, i) => i === k - 1 && widths[i]! <= L.slot - 4);
}

function barSeries(
  ctx: Ctx,
  s: ChartSeries,
  f: Fill,
  barMaxWidth: number,
  showLabels: boolean,
  extra: Partial<BarSeriesOption> = {},
): BarSeriesOption {
  const decimals = seriesDecimals(s.values);
  const suffix = isPercentUnit(s.unit) ? '%' : '';
  // Negative columns carry their label below the bar end.
  const data: Datum[] = s.values.map((v) =>
    v !== null && v < 0 && showLabels ? { value: v, label: { position: 'bottom' } } : v,
  );
  return {
    type: 'bar',
    name: s.name,
    data: data as BarSeriesOption['data'],
    barMaxWidth,
    barGap: '12%',
    itemStyle: barStyle(f),
    label: {
      show: showLabels,
      position: 'top',
      distance: 4,
      fontSize: FONT_PX.label,
      color: INK,
      fontFamily: ctx.font,
      formatter: (p: DefaultLabelFormatterCallbackParams) => formatNumber(numericValue(p), decimals, suffix),
    },
    labelLayout: { hideOverlap: true },
    ...extra,
  };
}

type LabelPos = 'top' | 'bottom' | null;

/**
 * Per series and category, where a line's value label goes: the highest line at a category labels
 * above, the lowest below, one in between only where it has room on a side; null hides it.
 */
export function lineLabelPositions(
  series: readonly ChartSeries[],
  scale: Scale,
  plotHeight: number,
): LabelPos[][] {
  const px = plotHeight / (scale.max - scale.min);
  const need = LABEL_H + 7 + 4 + 4; // label + its distance + the neighbour's marker + air, in px
  const out: LabelPos[][] = series.map((s) => s.values.map(() => null));
  const n = Math.max(0, ...series.map((s) => s.values.length));
  for (let j = 0; j < n; j++) {
    const pts = series
      .map((s, i) => ({ i, v: s.values[j] ?? null }))
      .filter((p): p is { i: number; v: number } => p.v !== null && Number.isFinite(p.v))
      .sort((a, b) => b.v - a.v);
    let prev: LabelPos = null; // label side chosen for the point just above
    pts.forEach((p, r) => {
      const above = r > 0 ? (pts[r - 1]!.v - p.v) * px : Infinity;
      const below = r < pts.length - 1 ? (p.v - pts[r + 1]!.v) * px : Infinity;
      // Room needed between this point and its neighbour for this label (plus theirs if it faces us).
      const roomUp = need + (prev === 'bottom' ? need : 0);
      const nextIsLast = r + 1 === pts.length - 1;
      const roomDown = need + (nextIsLast ? need : 0);
      let pos: LabelPos = null;
      if (r === 0) pos = 'top';
      else if (r === pts.length - 1) pos = 'bottom';
      else if (above >= roomUp) pos = 'top';
      else if (below >= roomDown) pos = 'bottom';
      prev = pos;
      out[p.i]![j] = pos;
    });
  }
  return out;
}

function lineSeries(
  ctx: Ctx,
  s: ChartSeries,
  i: number,
  yAxisIndex: number,
  positions: LabelPos[] | undefined,
): LineSeriesOption {
  const st = lineAt(i);
  const decimals = seriesDecimals(s.values);
  const suffix = isPercentUnit(s.unit) ? '%' : '';
  const data: Datum[] = s.values.map((v, j) => {
    if (v === null || !positions) return v;
    const pos = positions[j];
    if (pos === 'top') return v;
    return pos === null ? { value: v, label: { show: false } } : { value: v, label: { position: pos } };
  });
  return {
    type: 'line',
    name: s.name,
    data: data as LineSeriesOption['data'],
    yAxisIndex,
    connectNulls: false,
    symbol: st.symbol,
    symbolSize: 8,
    showAllSymbol: true,
    z: 5,
    lineStyle: { color: st.color, width: 2, type: st.dash as 'solid' },
    itemStyle: { color: st.color, borderColor: st.color, borderWidth: 1.5 },
    label: {
      show: true,
      position: 'top',
      distance: 7,
      fontSize: FONT_PX.label,
      color: INK,
      fontFamily: ctx.font,
      // A white halo keeps the number readable where it crosses a grid line or another line.
      textBorderColor: '#ffffff',
      textBorderWidth: 3,
      formatter: (p: DefaultLabelFormatterCallbackParams) => formatNumber(numericValue(p), decimals, suffix),
    },
    labelLayout: { hideOverlap: true },
  };
}

/** Per category, each series' share of the category total in % (null stays null). */
export function sharesByCategory(data: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const n = Math.max(0, ...data.map((d) => d.length));
  const totals = Array.from({ length: n }, (_, j) =>
    data.reduce((sum, d) => {
      const v = d[j];
      return sum + (v !== null && v !== undefined && Number.isFinite(v) ? v : 0);
    }, 0),
  );
  return data.map((d) =>
    Array.from({ length: n }, (_, j) => {
      const v = d[j];
      const t = totals[j]!;
      if (v === null || v === undefined || !Number.isFinite(v) || t === 0) return null;
      return (v / t) * 100;
    }),
  );
}

// ------------------------------------------------------------------------------------------ ranking

/** Categories and every series' values reordered by the first series, largest first, nulls last. */
export function sortForRanking(spec: ChartSpec): { categories: string[]; series: ChartSeries[] } {
  const key = spec.series[0]?.values ?? [];
  const order = spec.categories.map((_, i) => i);
  order.sort((a, b) => {
    const va = key[a] ?? null;
    const vb = key[b] ?? null;
    if (va === null && vb === null) return a - b;
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || a - b;
  });
  return {
    categories: order.map((i) => spec.categories[i]!),
    series: spec.series.map((s) => ({ ...s, values: order.map((i) => s.values[i] ?? null) })),
  };
}

function rankingBody(ctx: Ctx): EChartsOption {
  const { spec } = ctx;
  const { categories, series: sorted } = sortForRanking(spec);
  const unit = axisNameFor(spec, 0, sorted);
  const all = sorted.flatMap((s) => finite(s.values));
  // Headroom on the right for the value labels at the bar ends.
  const scale = all.length ? niceScale(Math.min(...all) * 1.12, Math.max(...all) * 1.12) : null;
  const yAxis = {
    type: 'category',
    data: categories,
    inverse: true, // first (largest) at the top
    axisLine: { show: true, lineStyle: { color: INK, width: 1 } },
    axisTick: { show: false },
    axisLabel: { fontSize: FONT_PX.axis, color: INK, fontFamily: ctx.font, interval: 0, margin: 8 },
  } as YAXisComponentOption;
  const xAxis = {
    ...valueAxis(ctx, '', scale),
    name: '',
  } as XAXisComponentOption;
  const series: BarSeriesOption[] = sorted.map((s, i) => {
    const f = sorted.length === 1 ? FILLS[0]! : fillAt(i);
    return barSeries(ctx, s, f, 22, true, {
      barCategoryGap: '38%',
      label: {
        show: true,
        position: 'right',
        distance: 5,
        fontSize: FONT_PX.label,
        color: INK,
        fontFamily: ctx.font,
        formatter: (p: DefaultLabelFormatterCallbackParams) =>
          formatNumber(numericValue(p), seriesDecimals(s.values), isPercentUnit(s.unit) ? '%' : ''),
      },
      labelLayout: undefined,
    });
  });
  if (unit) {
    ctx.graphic.push({
      type: 'text',
      right: 20,
      top: ctx.top,
      silent: true,
      style: { text: `单位：${unit}`, fontSize: FONT_PX.axisName, fill: INK, fontFamily: ctx.font },
    });
  }
  const grid = {
    left: 8,
    right: 20,
    top: ctx.top + (unit ? FONT_PX.axisName + 10 : 6),
    bottom: ctx.bottom + 2,
    outerBoundsMode: 'same',
    outerBoundsContain: 'axisLabel',
  };
  return { grid, xAxis, yAxis, series } as EChartsOption;
}

// ------------------------------------------------------------------------------------------ pie / ring

function pieBody(ctx: Ctx): EChartsOption {
  const { spec } = ctx;
  const s = spec.series[0];
  const values = s?.values ?? [];
  const items = spec.categories
    .map((name, i) => ({ name, value: values[i] ?? null }))
    .filter((d): d is { name: string; value: number } => d.value !== null && Number.isFinite(d.value));
  const total = items.reduce((a, d) => a + Math.max(0, d.value), 0);
  const givenShares = !!s && isPercentUnit(s.unit);
  const decimals = givenShares ? seriesDecimals(values) : 1;
  const ring = spec.type === 'ring';
  const plotH = ctx.height - ctx.top - ctx.bottom;
  const cy = ctx.top + plotH / 2;
  const r = Math.max(20, plotH / 2 - 30);
  // Labels sit outside on leader lines; long names go on two lines rather than being cut.
  const sideRoom = ctx.width / 2 - r - 40;
  const series = {
    type: 'pie',
    name: s?.name ?? '',
    center: ['50%', Math.round(cy)],
    radius: ring ? [Math.round(r * 0.55), Math.round(r)] : Math.round(r),
    startAngle: 90,
    clockwise: true,
    avoidLabelOverlap: true,
    data: items.map((d, k) => {
      const f = fillAt(k);
      return {
        name: d.name,
        value: d.value,
        itemStyle: {
          color: f.color,
          borderColor: INK,
          borderWidth: 0.8,
          ...(f.decal ? { decal: f.decal } : {}),
        },
      };
    }),
    label: {
      show: true,
      position: 'outside',
      fontSize: FONT_PX.label,
      lineHeight: FONT_PX.label + 3,
      color: INK,
      fontFamily: ctx.font,
      overflow: 'none',
      formatter: (p: DefaultLabelFormatterCallbackParams) => {
        const v = numericValue(p);
        if (v === null) return '';
        const share = givenShares ? v : total > 0 ? (v / total) * 100 : 0;
        const pct = formatNumber(share, decimals, '%');
        const one = `${p.name} ${pct}`;
        return textWidth(one, FONT_PX.label) <= sideRoom ? one : `${p.name}\n${pct}`;
      },
    },
    labelLine: { show: true, length: 10, length2: 12, lineStyle: { color: INK, width: 0.8 } },
    emphasis: { scale: false },
  } as PieSeriesOption;
  return { series: [series] };
}

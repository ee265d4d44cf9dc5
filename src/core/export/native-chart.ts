/**
 * ChartSpec → a native Word chart (`docx/charts`): the same data, category and series order, greys,
 * hatching and number formats as the image export (../chart/option.ts), but drawn by Word from its
 * embedded workbook, so the user can restyle it and edit its data in Word ("Edit Data").
 *
 * `docx/charts` writes charts the way Word's Insert Chart does. What it cannot say is written into
 * the chart parts afterwards by {@link finishNativeCharts} (on the packed .docx):
 * - East-Asian text: docx leaves `<a:ea typeface="+mn-ea"/>` (the theme's font); we name the face;
 * - hatching: fills that are hatched in the image carry a placeholder pale grey here and become
 *   `a:pattFill` (Word's pattern fills), so a black-and-white print tells the series apart;
 * - black outlines on bars and slices (as in the image), black axis lines, horizontal axis titles
 *   (a rotated "亿元" would lie on its side), white boxes behind labels sitting on hatching.
 *
 * Pure: no file system.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ChartRun, type ChartFont, type ChartRunOptions } from 'docx/charts';
import {
  FILLS,
  FONT_PX,
  LINES,
  barLineScales,
  categoryLabels,
  figureSizeMm,
  formatNumber,
  isLineInBarLine,
  lineLabelPositions,
  niceScale,
  seriesDecimals,
  sharesByCategory,
  sortForRanking,
  textWidth,
  type LineStyle,
  type Scale,
} from '../chart/option';
import type { ChartSeries, ChartSpec } from '../chart/spec';

// ------------------------------------------------------------------------------------------ look

/** Print sizes in points: the image's CSS px at 96 dpi × 0.75. */
const PT = {
  axis: FONT_PX.axis * 0.75,
  legend: FONT_PX.legend * 0.75,
  label: Math.round(FONT_PX.label * 0.75 * 2) / 2,
};
/** Digits and Latin text of charts (sans, as the image). East-Asian text gets the document's 黑体 face. */
export const CHART_LATIN_FONT = 'Arial';
const BLACK = '000000';
/** Outline of bars and slices in EMU (0.6 pt, the image's 0.6–0.8 px border at print size). */
const OUTLINE_EMU = 7620;

interface Pattern {
  /** DrawingML preset pattern (ST_PresetPatternVal). */
  preset: string;
  fg: string;
  bg: string;
}
interface NativeFill {
  /** Solid colour; for patterned fills a placeholder pale grey that finishNativeCharts replaces. */
  color: string;
  /** Label colour on this fill. */
  ink: string;
  pattern?: Pattern;
}

const hex = (css: string): string => css.replace(/^#/, '').toUpperCase();

/**
 * The image's hatching as Word pattern presets: ECharts' decal rotation π/4 draws "\" lines
 * (Word's wdDnDiag), −π/4 "/" (wdUpDiag), 0 horizontal lines; the dotted decal is a dot screen.
 */
function patternOf(fill: (typeof FILLS)[number]): Pattern | undefined {
  const d = fill.decal;
  if (!d) return undefined;
  const bg = hex(fill.color);
  if (d.symbol === 'circle') return { preset: 'pct20', fg: BLACK, bg };
  if (Math.abs(d.rotation) < 1e-6) return { preset: 'narHorz', fg: BLACK, bg };
  return { preset: d.rotation > 0 ? 'wdDnDiag' : 'wdUpDiag', fg: BLACK, bg };
}

/** FILLS as native fills, in the same order; patterned ones carry the placeholder F{i}F{i}F{i}. */
export const NATIVE_FILLS: readonly NativeFill[] = FILLS.map((f, i) => {
  const pattern = patternOf(f);
  return pattern
    ? { color: `F${i}F${i}F${i}`, ink: hex(f.ink), pattern }
    : { color: hex(f.color), ink: hex(f.ink) };
});
const fillAt = (i: number): NativeFill => NATIVE_FILLS[i % NATIVE_FILLS.length]!;
const lineAt = (i: number): LineStyle => LINES[i % LINES.length]!;

const MARKERS: Record<string, 'circle' | 'square' | 'triangle' | 'diamond'> = {
  circle: 'circle',
  emptyCircle: 'circle',
  rect: 'square',
  emptyRect: 'square',
  triangle: 'triangle',
  emptyTriangle: 'triangle',
  diamond: 'diamond',
};

type Dash = 'solid' | 'dash' | 'shortDot' | 'dashDot' | 'longDash' | 'dot';
function dashOf(dash: LineStyle['dash']): Dash {
  if (dash === 'solid') return 'solid';
  if (dash === 'dashed') return 'dash';
  if (dash === 'dotted') return 'shortDot';
  if (dash.length >= 4) return 'dashDot';
  return (dash[0] ?? 0) >= 8 ? 'longDash' : 'dot';
}

/**
 * Hollow markers (the image's emptyTriangle…): the series colour, which docx gives the markers only
 * (the line has its own), is a placeholder 0101{i}{i} that finishNativeCharts turns into a white
 * fill inside an outline of the line's colour.
 */
const hollowColor = (i: number): string => `0101${String(i % LINES.length).padStart(2, '0')}`;

function lineLook(i: number) {
  const st = lineAt(i);
  const hollow = st.symbol.startsWith('empty');
  return {
    color: hollow ? hollowColor(i) : hex(st.color),
    line: { color: hex(st.color), width: 1.5, dash: dashOf(st.dash) },
    markers: { shape: MARKERS[st.symbol] ?? 'circle', size: 6 },
  };
}

// ------------------------------------------------------------------------------------------ numbers

const isPercentUnit = (unit: string | undefined): boolean => !!unit && /^\s*(%|％|百分比)\s*$/.test(unit);

/** Excel number format for `decimals` places, with a literal % (not ×100) when asked: 0.0"%". */
export function numberFormatCode(decimals: number, percentSuffix = false): string {
  const d = Math.max(0, Math.min(10, Math.floor(decimals)));
  return (d === 0 ? '0' : `0.${'0'.repeat(d)}`) + (percentSuffix ? '"%"' : '');
}

/** Axis name as option.ts chooses it: the one given, else the series' one shared unit. */
function axisName(spec: ChartSpec, axis: 0 | 1, series: readonly ChartSeries[]): string {
  const given = spec.axisNames?.[axis];
  if (given !== undefined) return given;
  const units = [...new Set(series.map((s) => s.unit).filter((u) => u && u.trim() !== ''))];
  return units.length === 1 ? units[0]! : '';
}

const finite = (values: readonly (number | null)[]): number[] =>
  values.filter((v): v is number => v !== null && Number.isFinite(v));

// ------------------------------------------------------------------------------------------ layout

interface Frame {
  widthPx: number;
  heightPx: number;
  /** Estimated plot size in px (96 dpi), for deciding which labels fit, as the image does. */
  plotWidth: number;
  plotHeight: number;
}

function frameOf(spec: ChartSpec, widthMm: number, heightMm: number, rightAxis: boolean): Frame {
  const widthPx = Math.round((widthMm / 25.4) * 96);
  const heightPx = Math.round((heightMm / 25.4) * 96);
  const legend = spec.series.length > 1 ? 24 : 0;
  return {
    widthPx,
    heightPx,
    plotWidth: widthPx - (rightAxis ? 100 : 72),
    plotHeight: Math.max(40, heightPx - legend - 70),
  };
}

/** Which bar series carry value labels: all when neighbours' labels fit side by side, else the last. */
function barLabelPlan(
  series: readonly ChartSeries[],
  frame: Frame,
  categories: number,
  barMax: number,
): boolean[] {
  const k = Math.max(1, series.length);
  const slot = frame.plotWidth / Math.max(1, categories);
  const barW = Math.min(barMax, (slot * 0.8) / (k + (k - 1) * 0.12));
  const widths = series.map((s) => {
    const d = seriesDecimals(s.values);
    const suffix = isPercentUnit(s.unit) ? '%' : '';
    return Math.max(0, ...finite(s.values).map((v) => textWidth(formatNumber(v, d, suffix), FONT_PX.label)));
  });
  if (k === 1) return [widths[0]! <= slot - 2];
  if (widths.every((w) => w <= barW * 1.12 - 3)) return series.map(() => true);
  return series.map((_, i) => i === k - 1 && widths[i]! <= slot - 4);
}

// ------------------------------------------------------------------------------------------ mapping

export interface NativeChartOptions {
  /** Placed size; default figureSizeMm(spec). */
  widthMm?: number;
  heightMm?: number;
  /** Alt text name/title (the caption). The description is left to docx, which describes the data. */
  altText?: string;
}

type Options = ChartRunOptions;
type Labels = NonNullable<Extract<Options, { type: 'column' }>['dataLabels']>;

const font = (size: number, color = BLACK): ChartFont => ({ size, color });

function valueAxis(title: string, scale: Scale | null, extra: Record<string, unknown> = {}) {
  return {
    ...(title ? { title: { text: title, font: font(PT.axis) } } : {}),
    font: font(PT.axis),
    gridlines: true,
    ...(scale ? { minimum: scale.min, maximum: scale.max, interval: scale.interval } : {}),
    ...extra,
  };
}

function base(spec: ChartSpec, frame: Frame, opts: NativeChartOptions) {
  const name = opts.altText ?? spec.title;
  return {
    font: { name: CHART_LATIN_FONT, color: BLACK },
    chartArea: { fill: 'FFFFFF', border: 'none' as const },
    transformation: { width: frame.widthPx, height: frame.heightPx },
    ...(name ? { altText: { name, title: name } } : {}),
  };
}

const legendTop = (spec: ChartSpec) =>
  spec.series.length > 1 ? { position: 'top' as const, font: font(PT.legend) } : (false as const);

function labelsFor(
  s: ChartSeries,
  show: boolean,
  position: Labels['position'],
  color = BLACK,
): Labels | false {
  if (!show) return false;
  return {
    value: true,
    position,
    numberFormat: numberFormatCode(seriesDecimals(s.values), isPercentUnit(s.unit)),
    font: font(PT.label, color),
  };
}

/** The docx/charts options of a spec: one mapping per chart type. */
export function nativeChartOptions(spec: ChartSpec, opts: NativeChartOptions = {}): ChartRunOptions {
  const size = figureSizeMm(spec);
  const widthMm = opts.widthMm ?? size.widthMm;
  const heightMm = opts.heightMm ?? size.heightMm;
  const frame = frameOf(spec, widthMm, heightMm, spec.type === 'bar-line');
  const common = base(spec, frame, opts);
  // Category labels as the image prints them: horizontal, wrapped where the image wraps them
  // ("2024年\n一季度", a line break in the category's cell, as Excel users write it), tilted only
  // where the image tilts them. Labels the image shortens ("2月" for "2025年2月") stay whole here.
  const slot = frame.plotWidth / Math.max(1, spec.categories.length);
  const planned = categoryLabels(spec.categories, slot);
  const wrapped = planned.labels.every((l, i) => l.replace(/\n/g, '') === spec.categories[i]);
  const categories = planned.rotate === 0 && wrapped ? planned.labels : [...spec.categories];
  const categoryAxis = { font: font(PT.axis), gridlines: false, labelRotation: planned.rotate ? -45 : 0 };

  switch (spec.type) {
    case 'line': {
      const all = spec.series.flatMap((s) => finite(s.values));
      const scale = all.length ? niceScale(Math.min(...all), Math.max(...all) * 1.06) : null;
      const positions = scale ? lineLabelPositions(spec.series, scale, frame.plotHeight) : null;
      return {
        type: 'line',
        ...common,
        categories,
        legend: legendTop(spec),
        categoryAxis,
        valueAxis: valueAxis(axisName(spec, 0, spec.series), scale),
        series: spec.series.map((s, i) => ({
          name: s.name,
          values: [...s.values],
          ...lineLook(i),
          dataLabels: labelsFor(s, true, 'above'),
          ...(positions ? { pointLabels: positions[i]!.map((p) => pointPosition(p)) } : {}),
        })),
      };
    }

    case 'bar-line': {
      const lines = spec.series.map((s, i) => isLineInBarLine(s, i));
      const barS = spec.series.filter((_, i) => !lines[i]);
      const lineS = spec.series.filter((_, i) => lines[i]);
      const scales = barLineScales(
        barS.flatMap((s) => s.values),
        lineS.flatMap((s) => s.values),
      );
      const plan = barLabelPlan(barS, frame, categories.length, 34);
      const positions = scales ? lineLabelPositions(lineS, scales.right, frame.plotHeight) : null;
      let bi = 0;
      let li = 0;
      return {
        type: 'column',
        ...common,
        categories,
        legend: legendTop(spec),
        gapWidth: 90,
        overlap: -12,
        categoryAxis,
        valueAxis: valueAxis(axisName(spec, 0, barS), scales?.left ?? null),
        secondaryValueAxis: valueAxis(axisName(spec, 1, lineS), scales?.right ?? null, {
          gridlines: false,
          // The line lives in the upper band: ticks below its lowest value stay unlabelled, as in the image.
          ...(scales && scales.rightLabelFrom > scales.right.min
            ? { numberFormat: `[>=${scales.rightLabelFrom}]General;""` }
            : {}),
        }),
        series: spec.series.map((s, i) => {
          if (lines[i]) {
            const k = li++;
            return {
              name: s.name,
              values: [...s.values],
              type: 'line' as const,
              axis: 'secondary' as const,
              ...lineLook(k),
              dataLabels: labelsFor(s, true, 'above'),
              ...(positions ? { pointLabels: positions[k]!.map((p) => pointPosition(p)) } : {}),
            };
          }
          const k = bi++;
          // Level columns: light grey so the black growth line reads on top of them (as the image).
          const f = barS.length === 1 ? NATIVE_FILLS[1]! : fillAt(k);
          return {
            name: s.name,
            values: [...s.values],
            color: f.color,
            dataLabels: labelsFor(s, plan[k]!, 'outsideEnd'),
          };
        }),
      };
    }

    case 'stacked':
    case 'percent': {
      const percent = spec.type === 'percent';
      // 100%: the series are the category shares, so labels print the share (as the image) and the
      // chart's 100% grouping scales the axis 0–100 %.
      const data = percent
        ? sharesByCategory(spec.series.map((s) => s.values))
        : spec.series.map((s) => [...s.values]);
      let scale: Scale;
      if (percent) scale = { min: 0, max: 100, interval: 20 };
      else {
        const pos = categories.map((_, j) => data.reduce((a, d) => a + Math.max(0, d[j] ?? 0), 0));
        const neg = categories.map((_, j) => data.reduce((a, d) => a + Math.min(0, d[j] ?? 0), 0));
        scale = niceScale(Math.min(0, ...neg), Math.max(0, ...pos));
      }
      const barWidth = Math.min(46, slot * 0.55);
      const pxPerUnit = frame.plotHeight / (scale.max - scale.min);
      return {
        type: 'column',
        ...common,
        categories,
        legend: legendTop(spec),
        stacking: percent ? 'percent' : 'stacked',
        gapWidth: Math.round(((slot - barWidth) / barWidth) * 100),
        overlap: 100,
        categoryAxis,
        valueAxis: percent
          ? valueAxis(spec.axisNames?.[0] ?? '', scale) // docx scales 0–100 to Word's 0–1 and writes 0%
          : valueAxis(axisName(spec, 0, spec.series), scale),
        series: spec.series.map((s, i) => {
          const f = fillAt(i);
          const decimals = percent ? 1 : seriesDecimals(s.values);
          const suffix = percent || isPercentUnit(s.unit) ? '%' : '';
          // Shares to 6 decimals: plenty for the labels, and readable in Word's Edit Data.
          const values = data[i]!.map((v) => (v === null || !percent ? v : Math.round(v * 1e6) / 1e6));
          return {
            name: s.name,
            values: [...values],
            color: f.color,
            dataLabels: {
              value: true,
              position: 'center' as const,
              numberFormat: numberFormatCode(decimals, suffix === '%'),
              font: font(PT.label, f.ink),
            },
            // A segment's label shows only where the segment is tall and wide enough to hold it.
            pointLabels: values.map((v) => {
              if (v === null || v === undefined) return undefined;
              const fits =
                Math.abs(v) * pxPerUnit >= FONT_PX.label * 1.25 + 1 &&
                textWidth(formatNumber(v, decimals, suffix), FONT_PX.label) <= barWidth - 2;
              return fits ? undefined : false;
            }),
          };
        }),
      };
    }

    case 'pie':
    case 'ring': {
      // Slice names print whole (labels and legend wrap them themselves).
      const categories = [...spec.categories];
      const s = spec.series[0] ?? { name: '', values: [], unit: '' };
      const givenShares = isPercentUnit(s.unit);
      const decimals = givenShares ? seriesDecimals(s.values) : 1;
      const values = categories.map((_, i) => {
        const v = s.values[i] ?? null;
        return v !== null && Number.isFinite(v) && v >= 0 ? v : null;
      });
      const colors = categories.map((_, k) => fillAt(k).color);
      const pct = `${numberFormatCode(decimals)}%`;
      if (spec.type === 'pie') {
        return {
          type: 'pie',
          ...common,
          categories,
          legend: false,
          firstSliceAngle: 0,
          series: [{ name: s.name, values, colors }],
          dataLabels: {
            category: true,
            percentage: true,
            position: 'outsideEnd',
            numberFormat: pct,
            font: font(PT.label),
          },
        };
      }
      // A doughnut's labels sit on the ring (Word gives them no other place): the share only, in
      // each slice's ink; the category names go to the legend beside it.
      return {
        type: 'doughnut',
        ...common,
        categories,
        legend: { position: 'right', font: font(PT.legend) },
        firstSliceAngle: 0,
        holeSize: 55,
        series: [
          {
            name: s.name,
            values,
            colors,
            pointLabels: categories.map((_, k) => ({ font: font(PT.label, fillAt(k).ink) })),
          },
        ],
        dataLabels: { percentage: true, numberFormat: pct, font: font(PT.label) },
      };
    }

    case 'ranking': {
      const sorted = sortForRanking(spec);
      // The image prints "单位：亿元" over the bars; here it is the value axis' title.
      const unit = axisName(spec, 0, sorted.series);
      const all = sorted.series.flatMap((s) => finite(s.values));
      const scale = all.length ? niceScale(Math.min(...all) * 1.12, Math.max(...all) * 1.12) : null;
      return {
        type: 'bar',
        ...common,
        categories: sorted.categories,
        legend: legendTop(spec),
        gapWidth: 70,
        overlap: -12,
        // Word draws the first category at the bottom: reversed, the largest is at the top (as the
        // image), and the value axis, crossing at the last category, stays at the bottom.
        categoryAxis: { ...categoryAxis, reverseOrder: true },
        valueAxis: valueAxis(unit ? `单位：${unit}` : '', scale, { crossesAt: 'maximum' }),
        series: sorted.series.map((s, i) => ({
          name: s.name,
          values: [...s.values],
          color: (sorted.series.length === 1 ? NATIVE_FILLS[0]! : fillAt(i)).color,
          dataLabels: labelsFor(s, true, 'outsideEnd'),
        })),
      };
    }

    case 'bar':
    default: {
      const all = spec.series.flatMap((s) => finite(s.values));
      const scale = all.length ? niceScale(Math.min(...all) * 1.1, Math.max(...all) * 1.1) : null;
      const plan = barLabelPlan(spec.series, frame, categories.length, 40);
      return {
        type: 'column',
        ...common,
        categories,
        legend: legendTop(spec),
        gapWidth: 60,
        overlap: -12,
        categoryAxis,
        valueAxis: valueAxis(axisName(spec, 0, spec.series), scale),
        series: spec.series.map((s, i) => ({
          name: s.name,
          values: [...s.values],
          color: fillAt(i).color,
          dataLabels: labelsFor(s, plan[i]!, 'outsideEnd'),
        })),
      };
    }
  }
}

function pointPosition(p: 'top' | 'bottom' | null): false | undefined | { position: 'below' } {
  if (p === null) return false;
  return p === 'bottom' ? { position: 'below' } : undefined;
}

/** The chart as a run for a paragraph. */
export function nativeChartRun(spec: ChartSpec, opts: NativeChartOptions = {}): ChartRun {
  return new ChartRun(nativeChartOptions(spec, opts));
}

// ------------------------------------------------------------------------------------------ chart parts

const CHART_PART = /^word\/charts\/chart\d+\.xml$/;
const lineXml = (w: number, color: string) =>
  `<a:ln w="${w}"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln>`;

function pattFill(p: Pattern): string {
  return `<a:pattFill prst="${p.preset}"><a:fgClr><a:srgbClr val="${p.fg}"/></a:fgClr><a:bgClr><a:srgbClr val="${p.bg}"/></a:bgClr></a:pattFill>`;
}

/**
 * What docx/charts cannot express, written into one chart part (see the module comment). Each step
 * is idempotent and leaves XML it does not recognise as it is.
 */
export function finishChartXml(xml: string, eastAsiaFont: string): string {
  let out = xml;
  const ea = `<a:ea typeface="${escapeAttr(eastAsiaFont)}"/>`;
  // 1. East-Asian typeface of every text element, and of the chart's default text.
  out = out.split('<a:ea typeface="+mn-ea"/>').join(ea);
  out = out.replace(
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>',
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr><a:latin typeface="${CHART_LATIN_FONT}"/>${ea}<a:cs typeface="${CHART_LATIN_FONT}"/></a:defRPr></a:pPr>`,
  );
  // 2. Placeholder fills → pattern fills (series, slices and their legend keys).
  const patterned = new Set<string>();
  for (const f of NATIVE_FILLS) {
    if (!f.pattern) continue;
    const solid = `<a:solidFill><a:srgbClr val="${f.color}"/></a:solidFill>`;
    if (out.includes(solid)) patterned.add(f.color);
    out = out.split(solid).join(pattFill(f.pattern));
  }
  // 3. Black outlines on bars (a bar series' spPr is the one followed by invertIfNegative) and slices.
  out = out
    .split('<a:ln><a:noFill/></a:ln><a:effectLst/></c:spPr><c:invertIfNegative')
    .join(`${lineXml(OUTLINE_EMU, BLACK)}<a:effectLst/></c:spPr><c:invertIfNegative`);
  out = out
    .split('<a:ln w="19050"><a:solidFill><a:schemeClr val="lt1"/></a:solidFill></a:ln>')
    .join(lineXml(OUTLINE_EMU, BLACK));
  // 3b. Hollow markers: white inside, outlined in the line's colour.
  LINES.forEach((st, i) => {
    const c = hollowColor(i);
    out = out
      .split(
        `<a:solidFill><a:srgbClr val="${c}"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="${c}"/></a:solidFill></a:ln>`,
      )
      .join(`<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>${lineXml(12700, hex(st.color))}`);
  });
  // 4. Axis lines black (docx: light grey or none), gridlines left light grey.
  out = out.replace(/(<c:(?:catAx|valAx)>[\s\S]*?<\/c:(?:catAx|valAx)>)/g, (axis) =>
    axis.replace(
      /<c:tickLblPos val="nextTo"\/><c:spPr><a:noFill\/>(?:<a:ln w="9525" cap="flat" cmpd="sng" algn="ctr">[\s\S]*?<\/a:ln>|<a:ln><a:noFill\/><\/a:ln>)/,
      `<c:tickLblPos val="nextTo"/><c:spPr><a:noFill/>${lineXml(9525, BLACK)}`,
    ),
  );
  // 5. Axis titles horizontal.
  out = out.replace(/(<c:title>[\s\S]*?<\/c:title>)/g, (title) =>
    title.includes('<c:catAx>') ? title : title.split('rot="-5400000"').join('rot="0"'),
  );
  // 6. Labels on hatched bars get a white box, so the hatching does not run through the digits.
  if (patterned.size > 0) {
    out = out.replace(/<c:ser>[\s\S]*?<\/c:ser>/g, (ser) => {
      if (!/<c:spPr><a:pattFill/.test(ser) || !ser.includes('<c:invertIfNegative')) return ser;
      return ser.replace(/(<c:dLbls>[\s\S]*?<\/c:dLbls>)/, (labels) =>
        labels
          .split('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln>')
          .join('<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln>'),
      );
    });
  }
  return out;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A packed .docx with every chart part finished by {@link finishChartXml}; unchanged when it has none. */
export function finishNativeCharts(docx: Uint8Array, eastAsiaFont: string): Buffer {
  const files = unzipSync(docx);
  const names = Object.keys(files).filter((n) => CHART_PART.test(n));
  if (names.length === 0) return Buffer.from(docx);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    out[name] = CHART_PART.test(name) ? strToU8(finishChartXml(strFromU8(data), eastAsiaFont)) : data;
  }
  return Buffer.from(zipSync(out, { level: 6 }));
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DefaultLabelFormatterCallbackParams } from 'echarts';
import {
  barLineScales,
  categoryLabels,
  chartPixelSize,
  decimalsOf,
  figureSizeMm,
  formatNumber,
  lineLabelPositions,
  niceScale,
  seriesDecimals,
  sharesByCategory,
  sortForRanking,
  toEChartsOption,
  wrapLabel,
} from './option';
import { SAMPLE_SPECS } from './samples';
import type { ChartSpec } from './spec';

// Loose views of the option: the union types of EChartsOption are not worth narrowing in tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;
const opt = (spec: ChartSpec, o?: Parameters<typeof toEChartsOption>[1]): Any => toEChartsOption(spec, o);
const arr = (x: Any): Any[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]);
const values = (data: Any[]): (number | null)[] =>
  data.map((d) => (d !== null && typeof d === 'object' ? d.value : d));
const label = (
  series: Any,
  value: unknown,
  extra: Partial<DefaultLabelFormatterCallbackParams> = {},
): string => series.label.formatter({ value, name: '', dataIndex: 0, ...extra });

describe('numbers as the reports print them', () => {
  it('has no thousands separators and keeps the decimals', () => {
    expect(formatNumber(12345.6, 1)).toBe('12345.6');
    expect(formatNumber(1002400, 0)).toBe('1002400');
    expect(formatNumber(8, 1, '%')).toBe('8.0%');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(null, 1)).toBe('');
    expect(formatNumber(Number.NaN, 1)).toBe('');
  });
  it('counts decimals as given, ignoring float noise', () => {
    expect(decimalsOf(12.5)).toBe(1);
    expect(decimalsOf(12)).toBe(0);
    expect(decimalsOf(0.1 + 0.2)).toBe(1);
    expect(decimalsOf(1.25e-3)).toBe(5);
    expect(seriesDecimals([8, 7.5, null, 6.25])).toBe(2);
    expect(seriesDecimals([1 / 3])).toBe(4); // capped
  });
});

describe('toEChartsOption — common house style', () => {
  it('is print-ready: no animation, white background, Chinese fonts first, black text', () => {
    for (const spec of Object.values(SAMPLE_SPECS)) {
      const o = opt(spec, { forPrint: true });
      expect(o.animation).toBe(false);
      expect(o.backgroundColor).toBe('#ffffff');
      expect(o.textStyle.fontFamily.startsWith("'Noto Sans CJK SC'")).toBe(true);
      expect(o.textStyle.fontFamily).toContain("'黑体'");
      expect(o.textStyle.fontFamily).toContain("'SimHei'");
      expect(o.textStyle.fontFamily.endsWith('sans-serif')).toBe(true);
      expect(o.textStyle.fontSize).toBeGreaterThanOrEqual(14); // 10.5 pt at placed size
      expect(o.tooltip).toBeUndefined();
    }
  });

  it('puts a given font family first', () => {
    const o = opt(SAMPLE_SPECS.bar, { fontFamilies: ['LXGW WenKai', 'sans-serif'] });
    expect(o.textStyle.fontFamily).toBe("'LXGW WenKai', sans-serif");
  });

  it('keeps the title out of the figure unless asked (captions are in Word)', () => {
    expect(opt(SAMPLE_SPECS.bar).title).toBeUndefined();
    expect(arr(opt(SAMPLE_SPECS.bar, { showTitle: true }).title)[0].text).toBe(SAMPLE_SPECS.bar.title);
  });

  it('prints the source line under the chart', () => {
    const g = arr(opt(SAMPLE_SPECS.bar).graphic);
    expect(g.some((e) => e.style?.text === '资料来源：咸宁市统计局' && e.bottom !== undefined)).toBe(true);
  });

  it('has a tooltip in the preview only', () => {
    expect(opt(SAMPLE_SPECS.line).tooltip).toBeDefined();
    expect(opt(SAMPLE_SPECS.line, { forPrint: true }).tooltip).toBeUndefined();
  });

  it('sizes the chart from the placed millimetres', () => {
    expect(chartPixelSize({})).toEqual({ width: 567, height: 340 });
    expect(figureSizeMm({ widthMm: 200 })).toEqual({ widthMm: 156, heightMm: 120 });
    expect(figureSizeMm({ widthMm: 100, heightMm: 50 })).toEqual({ widthMm: 100, heightMm: 50 });
  });

  it('distinguishes series without colour: greys + hatching for bars, markers + dashes for lines', () => {
    const bars = arr(opt(SAMPLE_SPECS.stacked).series);
    const fills = bars.map(
      (s) => `${s.itemStyle.color}|${s.itemStyle.decal ? JSON.stringify(s.itemStyle.decal) : ''}`,
    );
    expect(new Set(fills).size).toBe(bars.length);
    for (const s of bars) expect(s.itemStyle.color).toMatch(/^#([0-9a-f]{2})\1\1$/i); // pure greys
    const lines = arr(opt(SAMPLE_SPECS.line).series);
    expect(new Set(lines.map((s) => s.symbol)).size).toBe(lines.length);
    expect(new Set(lines.map((s) => JSON.stringify(s.lineStyle.type))).size).toBe(lines.length);
  });
});

describe('toEChartsOption — per type', () => {
  it('bar: one value axis named by the unit, nulls kept as gaps', () => {
    const o = opt(SAMPLE_SPECS.bar);
    expect(arr(o.yAxis)).toHaveLength(1);
    expect(arr(o.yAxis)[0].name).toBe('亿元');
    expect(o.xAxis.data).toEqual(SAMPLE_SPECS.bar.categories);
    const s = arr(o.series);
    expect(s.map((x) => x.type)).toEqual(['bar', 'bar']);
    expect(values(s[1].data)[3]).toBeNull();
    expect(label(s[1], 168.9)).toBe('168.90'); // the series is given to 2 decimals
    expect(arr(o.yAxis)[0].axisLabel.formatter(10000)).toBe('10000');
    expect(o.legend.data.map((d: Any) => d.name)).toEqual(['2024年上半年', '2025年上半年']);
  });

  it('bar: negative columns are labelled below', () => {
    const o = opt({
      type: 'bar',
      title: '',
      categories: ['甲', '乙'],
      series: [{ name: '增速', values: [3.2, -1.5], unit: '%' }],
    });
    const s = arr(o.series)[0];
    expect(s.data[1]).toMatchObject({ value: -1.5, label: { position: 'bottom' } });
    expect(label(s, -1.5)).toBe('-1.5%');
  });

  it('line: gaps at nulls (connectNulls off), % labels', () => {
    const o = opt(SAMPLE_SPECS.line);
    const s = arr(o.series);
    expect(s.every((x) => x.type === 'line' && x.connectNulls === false)).toBe(true);
    expect(values(s[1].data)[2]).toBeNull();
    expect(label(s[0], 7.2)).toBe('7.2%');
    expect(label(s[0], 8)).toBe('8.0%');
    expect(arr(o.yAxis)[0].name).toBe('%');
  });

  it('line: labels of crowded points move below or hide, never pile up', () => {
    const scale = { min: 0, max: 10, interval: 2 };
    const pos = lineLabelPositions(
      [
        { name: 'a', values: [9, 5], unit: '%' },
        { name: 'b', values: [8.9, 3], unit: '%' },
        { name: 'c', values: [8.8, 1], unit: '%' },
      ],
      scale,
      240,
    );
    expect(pos.map((p) => p[0])).toEqual(['top', null, 'bottom']);
    expect(pos.map((p) => p[1])).toEqual(['top', 'top', 'bottom']);
  });

  it('bar-line: columns on the left axis, growth line on the right, aligned scales', () => {
    const spec = SAMPLE_SPECS['bar-line'];
    const o = opt(spec);
    const y = arr(o.yAxis);
    expect(y).toHaveLength(2);
    expect(y[0].name).toBe('亿元');
    expect(y[1].name).toBe('%');
    expect(y[1].position).toBe('right');
    const [bar, line] = arr(o.series);
    expect(bar).toMatchObject({ type: 'bar', yAxisIndex: 0 });
    expect(line).toMatchObject({ type: 'line', yAxisIndex: 1 });
    expect(label(line, 6.2)).toBe('6.2%');
    expect(label(bar, 1873.8)).toBe('1873.8');
    // Both axes have 5 intervals, so their ticks share the grid lines.
    expect((y[0].max - y[0].min) / y[0].interval).toBeCloseTo(5);
    expect((y[1].max - y[1].min) / y[1].interval).toBeCloseTo(5);
    expect(o.legend.data.map((d: Any) => d.name)).toEqual(['地区生产总值', '增速']);
  });

  it('bar-line: series role from as / axis / unit', () => {
    const base = { type: 'bar-line' as const, title: '', categories: ['2024年', '2025年'] };
    const byAxis = opt({
      ...base,
      series: [
        { name: '总量', values: [1, 2], unit: '亿元' },
        { name: '增速', values: [3, 4], unit: '%', axis: 1 },
      ],
    });
    expect(arr(byAxis.series).map((s) => s.type)).toEqual(['bar', 'line']);
    const byUnit = opt({
      ...base,
      series: [
        { name: '总量', values: [1, 2], unit: '亿元' },
        { name: '增速', values: [3, 4], unit: '%' },
      ],
    });
    expect(arr(byUnit.series).map((s) => s.yAxisIndex)).toEqual([0, 1]);
  });

  it('bar-line scales keep the columns low and the line high', () => {
    const sc = barLineScales([1524.7, 1751.8, 2017.3], [-4.6, 13.1, 6.2])!;
    expect(sc.left.min).toBe(0);
    expect(2017.3 / sc.left.max).toBeLessThanOrEqual(0.55);
    const frac = (v: number) => (v - sc.right.min) / (sc.right.max - sc.right.min);
    expect(frac(-4.6)).toBeGreaterThanOrEqual(0.6 - 1e-9);
    expect(frac(13.1)).toBeLessThanOrEqual(0.92 + 1e-9);
    expect(Math.round((sc.right.max - sc.right.min) / sc.right.interval)).toBe(5);
    expect(barLineScales([-1, 2], [3])).toBeNull();
    expect(barLineScales([], [3])).toBeNull();
  });

  it('stacked: every series on one stack, inside labels, small segments unlabelled', () => {
    const o = opt(SAMPLE_SPECS.stacked);
    const s = arr(o.series);
    expect(s.every((x) => x.type === 'bar' && x.stack === 'total')).toBe(true);
    expect(s[0].label.position).toBe('inside');
    expect(values(s[2].data)).toEqual(SAMPLE_SPECS.stacked.series[2]!.values);
    // 12.1 亿元 of a 300 axis is too thin to hold its number.
    expect(s[0].data[0]).toMatchObject({ value: 12.1, label: { show: false } });
  });

  it('percent: 100% structure with shares per category', () => {
    const o = opt(SAMPLE_SPECS.percent);
    const s = arr(o.series);
    expect(s.every((x) => x.stack === 'total')).toBe(true);
    const y = arr(o.yAxis)[0];
    expect([y.min, y.max]).toEqual([0, 100]);
    expect(y.axisLabel.formatter(40)).toBe('40%');
    for (let j = 0; j < SAMPLE_SPECS.percent.categories.length; j++) {
      const sum = s.reduce((a, x) => a + (values(x.data)[j] ?? 0), 0);
      expect(sum).toBeCloseTo(100, 6);
    }
    expect(label(s[2], 53.6123)).toBe('53.6%');
  });

  it('percent shares keep nulls and survive zero totals', () => {
    expect(
      sharesByCategory([
        [1, null, 0],
        [3, 2, 0],
      ]),
    ).toEqual([
      [25, null, null],
      [75, 100, null],
    ]);
  });

  it('ranking: horizontal bars sorted largest first, nulls last', () => {
    const o = opt(SAMPLE_SPECS.ranking);
    const y = arr(o.yAxis)[0];
    expect(y.type).toBe('category');
    expect(y.inverse).toBe(true);
    expect(y.data).toEqual(['赤壁市', '咸安区', '嘉鱼县', '崇阳县', '通城县', '通山县']);
    const s = arr(o.series)[0];
    expect(values(s.data)).toEqual([96.7, 88.6, 45.3, 41.2, 38.9, null]);
    expect(arr(o.xAxis)[0].type).toBe('value');
    expect(s.label.position).toBe('right');
    expect(arr(o.graphic).some((g) => g.style?.text === '单位：亿元')).toBe(true);
  });

  it('ranking sort reorders every series together', () => {
    const r = sortForRanking({
      type: 'ranking',
      title: '',
      categories: ['a', 'b', 'c'],
      series: [
        { name: 'x', values: [1, null, 3], unit: '' },
        { name: 'y', values: [10, 20, 30], unit: '' },
      ],
    });
    expect(r.categories).toEqual(['c', 'a', 'b']);
    expect(r.series[1]!.values).toEqual([30, 10, 20]);
  });

  it('pie and ring: nulls dropped, share labels, ring has an inner radius', () => {
    const spec: ChartSpec = {
      ...SAMPLE_SPECS.pie,
      categories: ['甲', '乙', '丙'],
      series: [{ name: 'v', values: [1, null, 3], unit: '亿元' }],
    };
    const pie = arr(opt(spec).series)[0];
    expect(pie.type).toBe('pie');
    expect(pie.data.map((d: Any) => d.name)).toEqual(['甲', '丙']);
    expect(pie.label.formatter({ value: 1, name: '甲' })).toBe('甲 25.0%');
    expect(typeof pie.radius).toBe('number');
    expect(opt(spec).legend).toBeUndefined();
    const ring = arr(opt({ ...spec, type: 'ring' }).series)[0];
    expect(Array.isArray(ring.radius)).toBe(true);
    // Given shares (unit %) print as given.
    const given = arr(opt(SAMPLE_SPECS.ring).series)[0];
    expect(given.label.formatter({ value: 18.2, name: '电力热力' })).toBe('电力热力 18.2%');
  });
});

describe('category labels', () => {
  it('wrap long names at 年 and never inside a number', () => {
    expect(wrapLabel('2025年上半年', 75)).toBe('2025年\n上半年');
    expect(wrapLabel('2024年前三季度', 75)).toBe('2024年\n前三季度');
    expect(wrapLabel('咸安区', 75)).toBe('咸安区');
    for (const line of wrapLabel('12345678901234年', 40).split('\n')) expect(line).not.toMatch(/^\d+$/);
  });
  it('the axis formatter applies the wrapping', () => {
    const o = opt(SAMPLE_SPECS['bar-line']);
    expect(o.xAxis.axisLabel.formatter('2025年上半年', 5)).toBe('2025年\n上半年');
    expect(o.xAxis.axisLabel.formatter('2020年', 0)).toBe('2020年');
  });
  it('a year of months shows the year once, where it starts or changes', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2025年${i + 1}月`);
    const { labels, rotate } = categoryLabels([...months.slice(10), '2026年1月'], 38);
    expect(rotate).toBe(0);
    expect(labels).toEqual(['11月\n2025年', '12月', '1月\n2026年']);
    expect(categoryLabels(months, 38).labels.slice(0, 2)).toEqual(['1月\n2025年', '2月']);
  });
  it('names that cannot fit are tilted rather than overlapping', () => {
    expect(categoryLabels(['ABCDEFGHIJ', 'KLMNOPQRST'], 30).rotate).toBe(45);
    expect(categoryLabels(['咸安区', '嘉鱼县'], 35).labels).toEqual(['咸安\n区', '嘉鱼\n县']);
  });
});

describe('scales', () => {
  it('nice scales include 0 and have 4–6 intervals', () => {
    for (const [lo, hi] of [
      [0, 277],
      [0, 9.5],
      [-3, 12],
      [0, 0.37],
      [0, 0],
    ] as const) {
      const s = niceScale(lo, hi);
      expect(s.min).toBeLessThanOrEqual(Math.min(0, lo));
      expect(s.max).toBeGreaterThanOrEqual(hi);
      const n = Math.round((s.max - s.min) / s.interval);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(6);
    }
  });
});

describe('purity', () => {
  it('option.ts imports nothing from node (the browser preview uses it)', () => {
    const src = readFileSync(fileURLToPath(new URL('./option.ts', import.meta.url)), 'utf8');
    const imports = [...src.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const i of imports) expect(i).toMatch(/^(echarts|\.\/spec)$/);
    expect(src).not.toMatch(/\bprocess\.|\brequire\(/);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SPECS } from '../chart/samples';
import type { ChartSpec, ChartType } from '../chart/spec';
import type { Block, BriefDocument, FigureBlock } from '../doc/model';
import { buildDocx, figureMode, type RenderedFigure } from './docx';
import { NATIVE_FILLS, finishChartXml, nativeChartOptions, numberFormatCode } from './native-chart';

// ---------------------------------------------------------------------------------------------
// helpers

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
const rendered = (): RenderedFigure => ({ svg: SVG, png: PNG, widthMm: 150, heightMm: 90 });

const figure = (spec: ChartSpec, mode?: 'image' | 'native'): FigureBlock => ({
  type: 'figure',
  chart: spec,
  caption: spec.title.replace(/^图\d+\s*/, ''),
  ...(mode ? { mode } : {}),
});

function docOf(blocks: Block[]): BriefDocument {
  return {
    meta: {
      title: '图表',
      author: '咸宁市统计局',
      date: '2026-05-08',
      template: '调研报告',
      period: '2025年',
    },
    blocks,
  };
}

async function exportParts(
  blocks: Block[],
  opts: {
    charts?: 'image' | 'native';
    figures?: (RenderedFigure | null)[];
    fontProfile?: 'standard' | 'fallback';
  } = {},
) {
  const buf = await buildDocx(docOf(blocks), {
    figures: opts.figures ?? [],
    charts: opts.charts,
    fontProfile: opts.fontProfile,
  });
  const files = unzipSync(new Uint8Array(buf));
  const text = (name: string): string => {
    const f = files[name];
    if (!f) throw new Error(`no part ${name}`);
    return strFromU8(f);
  };
  const charts = Object.keys(files)
    .filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return { buf, files, text, charts, document: text('word/document.xml') };
}

/** The chart part of a single native figure. */
async function chartXml(spec: ChartSpec): Promise<string> {
  const { text, charts } = await exportParts([figure(spec)], { charts: 'native' });
  expect(charts).toEqual(['word/charts/chart1.xml']);
  return text('word/charts/chart1.xml');
}

const serieses = (xml: string): string[] => xml.match(/<c:ser>[\s\S]*?<\/c:ser>/g) ?? [];
const cached = (ser: string, el: 'c:tx' | 'c:cat' | 'c:val'): string[] => {
  const part = ser.match(new RegExp(`<${el}>[\\s\\S]*?</${el}>`))?.[0] ?? '';
  return [...part.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]!);
};
const nums = (xs: string[]): number[] => xs.map(Number);
const labelFormat = (ser: string): string | undefined =>
  ser.match(/<c:dLbls>[\s\S]*?<c:numFmt formatCode="([^"]*)"/)?.[1]?.replace(/&quot;/g, '"');

// ---------------------------------------------------------------------------------------------

describe('number formats', () => {
  it('writes the decimals of the image labels, % as a literal suffix', () => {
    expect(numberFormatCode(0)).toBe('0');
    expect(numberFormatCode(2)).toBe('0.00');
    expect(numberFormatCode(1, true)).toBe('0.0"%"');
  });
});

describe('native chart per type', () => {
  it('bar: clustered columns, categories and values in order, greys, labels like the image', async () => {
    const spec = SAMPLE_SPECS.bar;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:barDir val="col"/>');
    expect(xml).toContain('<c:grouping val="clustered"/>');
    const ser = serieses(xml);
    expect(ser.map((s) => cached(s, 'c:tx')[0])).toEqual(['2024年上半年', '2025年上半年']);
    expect(cached(ser[0]!, 'c:cat')).toEqual(spec.categories);
    expect(nums(cached(ser[0]!, 'c:val'))).toEqual(spec.series[0]!.values);
    // a null is a gap: the cache leaves the point out
    expect(nums(cached(ser[1]!, 'c:val'))).toEqual([168.9, 128.41, 104.2, 85.3, 251.75]);
    expect(ser[0]).toContain('<a:srgbClr val="595959"/>');
    expect(ser[1]).toContain('<a:srgbClr val="C8C8C8"/>');
    // As the image: only the current period is labelled when both don't fit; two decimals.
    expect(ser[0]).not.toContain('<c:showVal val="1"/>');
    expect(labelFormat(ser[1]!)).toBe('0.00');
    expect(xml).toContain('<c:dLblPos val="outEnd"/>');
    // the unit as the axis title, horizontal
    expect(xml).toMatch(/<c:valAx>[\s\S]*<c:title>[\s\S]*<a:bodyPr rot="0"[\s\S]*<a:t>亿元<\/a:t>/);
    // black outlines on the bars
    expect(ser[0]).toMatch(/<a:ln w="7620"><a:solidFill><a:srgbClr val="000000"\/>/);
  });

  it('line: one line per series with its own dash and marker, labels with %', async () => {
    const spec = SAMPLE_SPECS.line;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:lineChart>');
    const ser = serieses(xml);
    expect(ser.map((s) => cached(s, 'c:tx')[0])).toEqual(spec.series.map((s) => s.name));
    expect(ser[0]).toContain('<c:symbol val="circle"/>');
    expect(ser[1]).toContain('<a:prstDash val="dash"/>');
    expect(ser[1]).toContain('<c:symbol val="square"/>');
    expect(ser[2]).toContain('<a:prstDash val="sysDot"/>');
    expect(labelFormat(ser[0]!)).toBe('0.0"%"');
    // the image's wrapped category labels: "2024年\n一季度"
    expect(cached(ser[0]!, 'c:cat')[0]).toBe('2024年\n一季度');
    expect(cached(ser[0]!, 'c:cat').map((c) => c.replace('\n', ''))).toEqual(spec.categories);
  });

  it('bar-line: columns on the left axis, the growth line on a second axis on the right', async () => {
    const spec = SAMPLE_SPECS['bar-line'];
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:barChart>');
    expect(xml).toContain('<c:lineChart>');
    const valAxes = xml.match(/<c:valAx>[\s\S]*?<\/c:valAx>/g) ?? [];
    expect(valAxes).toHaveLength(2);
    expect(valAxes[1]).toContain('<c:axPos val="r"/>');
    expect(valAxes[0]).toContain('<a:t>亿元</a:t>');
    expect(valAxes[1]).toContain('<a:t>%</a:t>');
    // Same scales as the image: columns low on 0–5000, the line high on −100–25, ticks below −25 blank.
    expect(valAxes[0]).toContain('<c:max val="5000"/>');
    expect(valAxes[1]).toContain('<c:min val="-100"/>');
    expect(valAxes[1]).toContain('<c:max val="25"/>');
    expect(valAxes[1]).toContain('formatCode="[&gt;=-25]General;&quot;&quot;"');
    const [bar, line] = serieses(xml);
    expect(cached(bar!, 'c:tx')).toEqual(['地区生产总值']);
    expect(cached(line!, 'c:tx')).toEqual(['增速']);
    expect(bar).toContain('<a:srgbClr val="C8C8C8"/>');
    expect(nums(cached(line!, 'c:val'))).toEqual(spec.series[1]!.values);
    expect(labelFormat(bar!)).toBe('0.0');
    expect(labelFormat(line!)).toBe('0.0"%"');
  });

  it('stacked: stacked columns, hatching for the third series, labels only where they fit', async () => {
    const spec = SAMPLE_SPECS.stacked;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
    const ser = serieses(xml);
    expect(ser.map((s) => cached(s, 'c:tx')[0])).toEqual(['第一产业', '第二产业', '第三产业']);
    expect(ser[2]).toMatch(/<c:spPr><a:pattFill prst="wdDnDiag">/);
    expect(xml).not.toContain('F2F2F2'); // the placeholder is gone
    // white labels on the dark series; labels on hatching in a white box
    expect(ser[0]).toMatch(/<c:dLbls>[\s\S]*<a:srgbClr val="FFFFFF"\/><\/a:solidFill><a:latin/);
    expect(ser[2]).toMatch(/<c:dLbls>[\s\S]*<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"\/>/);
    // the short 第一产业 segments are too low for a label: deleted point by point
    expect(ser[0]).toMatch(/<c:dLbl><c:idx val="0"\/><c:delete val="1"\/><\/c:dLbl>/);
  });

  it('percent: 100% stacked columns of the shares, labelled 0.0%', async () => {
    const spec = SAMPLE_SPECS.percent;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:grouping val="percentStacked"/>');
    const ser = serieses(xml);
    const first = nums(cached(ser[0]!, 'c:val'));
    const total = 12.1 + 66.3 + 90.5;
    expect(first[0]).toBeCloseTo((12.1 / total) * 100, 5);
    expect(labelFormat(ser[1]!)).toBe('0.0"%"');
    expect(xml).toMatch(/<c:valAx>[\s\S]*<c:max val="1"\/>/);
  });

  it('pie: one series, a grey or hatch per slice, category name and percentage outside', async () => {
    const spec = SAMPLE_SPECS.pie;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:pieChart>');
    const [ser] = serieses(xml);
    expect(cached(ser!, 'c:cat')).toEqual(spec.categories);
    expect(ser).toContain('<c:showCatName val="1"/>');
    expect(ser).toContain('<c:showPercent val="1"/>');
    expect(ser).toContain('<c:dLblPos val="outEnd"/>');
    expect(labelFormat(ser!)).toBe('0.0%');
    const points = ser!.match(/<c:dPt>[\s\S]*?<\/c:dPt>/g) ?? [];
    expect(points).toHaveLength(3);
    expect(points[0]).toContain('595959');
    expect(points[2]).toContain('<a:pattFill prst="wdDnDiag">');
    expect(points[2]).toMatch(/<a:ln w="7620"><a:solidFill><a:srgbClr val="000000"\/>/);
    expect(xml).toContain('<c:firstSliceAng val="0"/>');
    expect(xml).not.toContain('<c:legend>');
  });

  it('ring: a doughnut, shares on the ring, names in the legend', async () => {
    const spec = SAMPLE_SPECS.ring;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:doughnutChart>');
    expect(xml).toContain('<c:holeSize val="55"/>');
    expect(xml).toMatch(/<c:legend>[\s\S]*<c:legendPos val="r"\/>/);
    const [ser] = serieses(xml);
    expect(cached(ser!, 'c:cat')).toEqual(spec.categories);
    expect(ser).toContain('<c:showPercent val="1"/>');
    expect(labelFormat(ser!)).toBe('0.0%');
  });

  it('ranking: horizontal bars sorted like the image, largest at the top, nulls last', async () => {
    const spec = SAMPLE_SPECS.ranking;
    const xml = await chartXml(spec);
    expect(xml).toContain('<c:barDir val="bar"/>');
    const [ser] = serieses(xml);
    expect(cached(ser!, 'c:cat')).toEqual(['赤壁市', '咸安区', '嘉鱼县', '崇阳县', '通城县', '通山县']);
    expect(nums(cached(ser!, 'c:val'))).toEqual([96.7, 88.6, 45.3, 41.2, 38.9]);
    // first category at the top, the value axis at the bottom
    expect(xml).toMatch(/<c:catAx>[\s\S]*<c:orientation val="maxMin"\/>/);
    expect(xml).toMatch(/<c:valAx>[\s\S]*<c:crosses val="max"\/>/);
    expect(labelFormat(ser!)).toBe('0.0');
  });

  it.each(Object.keys(SAMPLE_SPECS) as ChartType[])(
    '%s: chart text names the East-Asian face and black ink',
    async (type) => {
      // (bar-line's second category axis is deleted, never drawn: its text look doesn't matter)
      const xml = (await chartXml(SAMPLE_SPECS[type])).replace(
        /<c:catAx>(?:(?!<\/c:catAx>)[\s\S])*<c:delete val="1"\/>[\s\S]*?<\/c:catAx>/,
        '',
      );
      expect(xml).not.toContain('+mn-ea');
      expect(xml).toContain('<a:ea typeface="黑体"/>');
      expect(xml).toContain('<a:latin typeface="Arial"/>');
      expect(xml).not.toMatch(/<a:schemeClr val="tx1"><a:lumMod val="65000"\/>/); // docx's grey text
    },
  );
});

describe('native charts in the document', () => {
  const specs = Object.values(SAMPLE_SPECS);

  it('places one chart part per figure, related from document.xml, at the figure size', async () => {
    const { document, text, charts, files } = await exportParts(
      specs.map((s) => figure(s)),
      { charts: 'native' },
    );
    expect(charts).toHaveLength(8);
    const rels = text('word/_rels/document.xml.rels');
    const ids = [...document.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(8);
    for (const [i, id] of ids.entries()) {
      const rel = rels.match(new RegExp(`<Relationship [^>]*Id="${id}"[^>]*/>`))?.[0] ?? '';
      expect(rel).toContain('relationships/chart');
      expect(rel).toContain(`Target="charts/chart${i + 1}.xml"`);
    }
    expect(text('[Content_Types].xml')).toContain('drawingml.chart+xml');
    // each chart carries its workbook for Word's Edit Data
    expect(Object.keys(files).filter((n) => n.startsWith('word/embeddings/'))).toHaveLength(8);
    // 150 × 90 mm
    expect(document).toContain('<wp:extent cx="5400675" cy="3238500"/>');
    expect(document).not.toContain('<pic:pic');
  });

  it('keeps the caption and its SEQ field identical in both modes', async () => {
    const blocks = specs.slice(0, 2).map((s) => figure(s));
    const caption = (xml: string) =>
      (xml.match(/<w:p>(?:(?!<w:p>)[\s\S])*?SEQ 图[\s\S]*?<\/w:p>/g) ?? []).map((p) =>
        p.replace(/<w:drawing>[\s\S]*?<\/w:drawing>/g, ''),
      );
    const native = await exportParts(blocks, { charts: 'native' });
    const image = await exportParts(blocks, { figures: [rendered(), rendered()] });
    expect(caption(native.document)).toHaveLength(2);
    expect(caption(native.document)).toEqual(caption(image.document));
    expect(native.document).toContain(' SEQ 图 \\* ARABIC ');
  });

  it('lets a figure choose its own mode over the export', async () => {
    const a = figure(SAMPLE_SPECS.bar, 'native');
    const b = figure(SAMPLE_SPECS.pie, 'image');
    const c = figure(SAMPLE_SPECS.line);
    expect(figureMode(a, 'image')).toBe('native');
    expect(figureMode(b, 'native')).toBe('image');
    expect(figureMode(c, undefined)).toBe('image');
    // image export: only the native one is a chart; the others need renderings (null where native)
    const one = await exportParts([a, b, c], { figures: [null, rendered(), rendered()] });
    expect(one.charts).toHaveLength(1);
    expect((one.document.match(/<pic:pic/g) ?? []).length).toBe(2);
    // native export: b stays an image
    const two = await exportParts([a, b, c], { charts: 'native', figures: [null, rendered(), null] });
    expect(two.charts).toHaveLength(2);
    expect((two.document.match(/<pic:pic/g) ?? []).length).toBe(1);
  });

  it('still fails clearly when an image figure has no rendering', async () => {
    await expect(exportParts([figure(SAMPLE_SPECS.bar)], { figures: [null] })).rejects.toThrow(/第 1 个图表/);
  });

  it('writes no chart parts in image mode', async () => {
    const { charts, buf } = await exportParts([figure(SAMPLE_SPECS.bar)], { figures: [rendered()] });
    expect(charts).toEqual([]);
    expect(buf.length).toBeGreaterThan(0);
  });

  it('shrinks charts wider than the text block', async () => {
    const wide = { ...SAMPLE_SPECS.bar, widthMm: 300, heightMm: 100 };
    const { document } = await exportParts([figure(wide)], { charts: 'native' });
    const cx = Number(document.match(/<wp:extent cx="(\d+)"/)![1]);
    expect(cx).toBeLessThanOrEqual(Math.round(156 * 36000) + 9525);
  });
});

describe('finishChartXml', () => {
  it('is idempotent and leaves unknown XML alone', () => {
    const xml =
      '<c:chartSpace><c:chart><c:title><a:bodyPr rot="-5400000"/></c:title></c:chart></c:chartSpace>';
    const once = finishChartXml(xml, '黑体');
    expect(finishChartXml(once, '黑体')).toBe(once);
    expect(finishChartXml('<x/>', '黑体')).toBe('<x/>');
  });

  it('turns every placeholder fill into its pattern', () => {
    const patterned = NATIVE_FILLS.filter((f) => f.pattern);
    expect(patterned.length).toBe(4);
    for (const f of patterned) {
      const out = finishChartXml(
        `<c:spPr><a:solidFill><a:srgbClr val="${f.color}"/></a:solidFill></c:spPr>`,
        '黑体',
      );
      expect(out).toContain(`<a:pattFill prst="${f.pattern!.preset}">`);
    }
  });

  it('escapes the face name', () => {
    expect(finishChartXml('<a:ea typeface="+mn-ea"/>', 'A&"B')).toBe('<a:ea typeface="A&amp;&quot;B"/>');
  });
});

describe('nativeChartOptions', () => {
  it('sizes the chart from figureSizeMm (150 × 90 mm at 96 dpi)', () => {
    const o = nativeChartOptions(SAMPLE_SPECS.bar);
    expect(o.transformation).toEqual({ width: 567, height: 340 });
  });
});

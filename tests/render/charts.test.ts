// Every chart type in one exported briefing, in both chart modes (issue 5): native Word charts and
// rendered images, laid out by LibreOffice and read back the way a reader would see them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFigures } from '../../src/core/chart/figures';
import { SAMPLE_SPECS } from '../../src/core/chart/samples';
import type { ChartType } from '../../src/core/chart/spec';
import type { Block, BriefDocument } from '../../src/core/doc/model';
import { buildDocx } from '../../src/core/export/docx';
import { flat, layoutWithLibreOffice, type PdfLayout } from '../helpers/office';

const TYPES = Object.keys(SAMPLE_SPECS) as ChartType[];
const captionOf = (type: ChartType): string => SAMPLE_SPECS[type].title.replace(/^图\d+\s*/, '');

/** A briefing with one figure of each type, each after a paragraph, captions numbered by SEQ fields. */
function briefing(): BriefDocument {
  const blocks: Block[] = [{ type: 'title', text: '图表样张' }];
  for (const type of TYPES) {
    blocks.push({ type: 'paragraph', runs: [{ type: 'text', text: `下图为${type}图。` }] });
    blocks.push({ type: 'figure', chart: SAMPLE_SPECS[type], caption: captionOf(type) });
  }
  return {
    meta: {
      title: '图表样张',
      author: '咸宁市统计局',
      date: '2026-05-08',
      template: '调研报告',
      period: '2025年',
    },
    blocks,
  };
}

interface Exported {
  parts: Record<string, Uint8Array>;
  document: string;
  layout: PdfLayout;
  text: string;
}

const exported: Partial<Record<'image' | 'native', Exported>> = {};

beforeAll(async () => {
  const doc = briefing();
  const dir = mkdtempSync(join(tmpdir(), 'brief-charts-'));
  // The exporter prints the source note under the caption, so images leave it out (as renderDocument does).
  const { figures } = await renderFigures(TYPES.map((t) => ({ ...SAMPLE_SPECS[t], source: undefined })));
  const builds = {
    image: await buildDocx(doc, { figures, charts: 'image' }),
    native: await buildDocx(doc, { figures: [], charts: 'native' }),
  };
  // Two LibreOffice runs, one after the other (two cores here).
  for (const mode of ['native', 'image'] as const) {
    const file = join(dir, `charts-${mode}.docx`);
    writeFileSync(file, builds[mode]);
    const parts = unzipSync(new Uint8Array(builds[mode]));
    const layout = layoutWithLibreOffice(file);
    exported[mode] = {
      parts,
      document: strFromU8(parts['word/document.xml']!),
      layout,
      text: flat(layout.pageTexts.join('')),
    };
  }
}, 240_000);

const get = (mode: 'image' | 'native'): Exported => {
  const e = exported[mode];
  if (!e) throw new Error(`no ${mode} export`);
  return e;
};

/** Image XObjects in the PDF (poppler's pdfimages), not counting soft masks. */
function pdfImages(pdf: string): number {
  const list = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
  return list
    .split('\n')
    .slice(2)
    .filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l)).length;
}

describe.each(['native', 'image'] as const)('all chart types exported as %s', (mode) => {
  it('numbers the captions 图1…图8 in document order', () => {
    const { text, document } = get(mode);
    const positions = TYPES.map((t, i) => text.indexOf(`图${i + 1}${captionOf(t)}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // real sequence fields, not typed numbers
    expect(document.match(/ SEQ 图 \\\* ARABIC /g) ?? []).toHaveLength(8);
  });

  it('keeps every source note under its figure', () => {
    expect(get(mode).text.match(/资料来源：咸宁市统计局/g) ?? []).toHaveLength(8);
  });
});

describe('native charts', () => {
  it('are Word charts (one chart part each), not pictures', () => {
    const { parts, document, layout } = get('native');
    expect(Object.keys(parts).filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(8);
    expect(document).not.toContain('<pic:pic');
    expect(pdfImages(layout.pdf)).toBe(0);
  });

  it('show their categories, series names and formatted labels as text in LibreOffice', () => {
    const { text } = get('native');
    const expected: Record<ChartType, string[]> = {
      bar: ['2024年上半年', '2025年上半年', '咸安区', '赤壁市', '251.75', '85.30'],
      line: ['规上工业增加值', '固定资产投资', '社会消费品零售总额', '9.0%', '5.6%'],
      'bar-line': ['地区生产总值', '增速', '2017.3', '13.1%', '-4.6%'],
      stacked: ['第一产业', '第二产业', '第三产业', '118.6', '112.8'],
      percent: ['53.6%', '47.1%', '100%'],
      pie: ['9.3%', '34.9%', '55.8%'],
      ring: ['非金属矿物制品', '农副食品加工', '18.2%', '34.8%'],
      ranking: ['96.7', '88.6', '38.9'],
    };
    for (const [type, strings] of Object.entries(expected)) {
      for (const s of strings) expect(text, `${type}: ${s}`).toContain(s);
    }
  });

  it('draws each chart on the page before its caption, ranking sorted largest first', () => {
    const { text } = get('native');
    const between = (from: string, to: string): string => {
      const a = text.indexOf(from);
      const b = text.indexOf(to, a);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeGreaterThan(a);
      return text.slice(a, b);
    };
    const ranking = between(`图7${captionOf('ring')}`, `图8${captionOf('ranking')}`);
    const order = ['赤壁市', '咸安区', '嘉鱼县', '崇阳县', '通城县', '通山县'].map((c) => ranking.indexOf(c));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const pie = between(`图5${captionOf('percent')}`, `图6${captionOf('pie')}`);
    for (const name of ['第一产业', '第二产业', '第三产业', '34.9%']) expect(pie).toContain(name);
  });
});

describe('image charts', () => {
  it('are pictures (SVG with the PNG fallback), one per figure', () => {
    const { parts, document, layout } = get('image');
    expect(Object.keys(parts).some((n) => n.startsWith('word/charts/'))).toBe(false);
    expect(document.match(/<pic:pic/g) ?? []).toHaveLength(8);
    expect(Object.keys(parts).filter((n) => /^word\/media\/.*\.svg$/.test(n))).toHaveLength(8);
    expect(pdfImages(layout.pdf)).toBeGreaterThanOrEqual(8);
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCharts } from './bench';
import { MissingCjkFontError, bundledFontsDir, clearFontCache, findCjkFont, searchFonts } from './fonts';
import { fontsFor, pngPixelSize, renderFigure, renderPng, renderRaster, renderSvg } from './render';
import { SAMPLE_SPECS } from './samples';
import type { ChartSpec, ChartType } from './spec';

const emptyDir = mkdtempSync(join(tmpdir(), 'brief-nofonts-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const dark = (px: Buffer, i: number) => px[i]! + px[i + 1]! + px[i + 2]! < 3 * 110;

describe('renderSvg', () => {
  it('draws every type with its Chinese text at the placed size (96 dpi px)', () => {
    for (const spec of Object.values(SAMPLE_SPECS)) {
      const svg = renderSvg(spec);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/width="567" height="340"/);
      for (const c of spec.categories.slice(0, 2)) {
        // Category names may be wrapped onto two <text> lines; their characters are all there.
        for (const ch of c.replace(/\d+/g, '')) expect(svg).toContain(ch);
      }
      expect(svg).toContain('资料来源：咸宁市统计局');
      expect(svg).toContain("font-family:'Noto Sans CJK SC'");
      const texts = [...svg.matchAll(/>([^<>]*)<\/text>/g)].map((m) => m[1]);
      for (const t of texts) expect(t).not.toMatch(/\d,\d{3}/); // no thousands separators
    }
  });

  it('follows widthMm/heightMm', () => {
    const svg = renderSvg({ ...SAMPLE_SPECS.bar, widthMm: 100, heightMm: 70 });
    expect(svg).toMatch(/width="378" height="265"/);
  });
});

describe('renderPng', () => {
  it('is 200 dpi of the placed size by default, with the dpi recorded', () => {
    const png = renderPng(SAMPLE_SPECS.bar);
    expect(pngSize(png)).toEqual({ width: 1181, height: 709 }); // 150 × 90 mm at 200 dpi
    const phys = png.indexOf('pHYs');
    expect(phys).toBeGreaterThan(0);
    expect(png.readUInt32BE(phys + 4)).toBe(7874); // px per metre
  });

  it('honours dpi and size', () => {
    const spec = { ...SAMPLE_SPECS.line, widthMm: 120, heightMm: 80 };
    expect(pngSize(renderPng(spec, { dpi: 300 }))).toEqual({ width: 1417, height: 945 });
    expect(pngPixelSize(spec, 200)).toEqual({ width: 945, height: 630 });
  });

  it('renders every chart type', () => {
    for (const type of Object.keys(SAMPLE_SPECS) as ChartType[]) {
      const { width, height } = pngSize(renderPng(SAMPLE_SPECS[type]));
      expect([type, width, height]).toEqual([type, 1181, 709]);
    }
  });

  it('really draws the Chinese text (dark pixels where the category names are)', () => {
    const withText: ChartSpec = { ...SAMPLE_SPECS.bar, source: undefined };
    const blank: ChartSpec = { ...withText, categories: withText.categories.map(() => '') };
    const a = renderRaster(withText);
    const b = renderRaster(blank);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    // The category labels' baseline row, from the SVG: <text ... transform="translate(x y)">咸安区</text>
    const m = /<text[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>咸安区<\/text>/.exec(a.svg);
    expect(m).not.toBeNull();
    const scale = a.width / 567;
    const y0 = Math.floor((Number(m![2]) - 12) * scale);
    const y1 = Math.ceil((Number(m![2]) + 12) * scale);
    let onlyInA = 0;
    let darkInA = 0;
    for (let y = Math.max(0, y0); y < Math.min(a.height, y1); y++) {
      for (let x = 0; x < a.width; x++) {
        const i = (y * a.width + x) * 4;
        if (dark(a.pixels, i)) {
          darkInA++;
          if (!dark(b.pixels, i)) onlyInA++;
        }
      }
    }
    // 6 names × 3 hanzi at 14 px (29 px at 200 dpi): thousands of glyph pixels.
    expect(onlyInA).toBeGreaterThan(2000);
    expect(darkInA).toBeGreaterThan(onlyInA);
  });

  it('draws with the family the SVG asks for; without a CJK font resvg would draw nothing', () => {
    const fonts = fontsFor(SAMPLE_SPECS.bar);
    const draw = (family: string, font: object) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" style="font-size:28px;font-family:'${family}'">中文图表</text></svg>`;
      const img = new Resvg(svg, { font, background: '#fff' }).render();
      let n = 0;
      for (let i = 0; i < img.pixels.length; i += 4) if (dark(img.pixels, i)) n++;
      return n;
    };
    const strict = { ...fonts.resvgFont, defaultFontFamily: 'No Such Font', sansSerifFamily: 'No Such Font' };
    expect(draw(fonts.families[0]!, strict)).toBeGreaterThan(300);
    // resvg's silent failure mode, which findCjkFont()/fontsFor() exist to rule out:
    expect(draw(fonts.families[0]!, { fontFiles: [], loadSystemFonts: false })).toBe(0);
  });

  it('renderFigure returns SVG + PNG from one layout with the placed size', () => {
    const f = renderFigure(SAMPLE_SPECS['bar-line']);
    expect(f.svg.toString('utf8').startsWith('<svg')).toBe(true);
    expect(f.svg.toString('utf8')).toContain('地区生产总值');
    expect(pngSize(f.png)).toEqual({ width: f.widthPx, height: f.heightPx });
    expect([f.widthMm, f.heightMm, f.dpi]).toEqual([150, 90, 200]);
  });
});

describe('fonts', () => {
  it('prefers the bundled subset when it is there', () => {
    const dir = bundledFontsDir();
    if (!dir || !existsSync(join(dir, 'NotoSansCJKsc-GB2312.otf'))) return;
    const f = findCjkFont();
    expect(f.source).toBe('bundled');
    expect(f.family).toBe('Noto Sans CJK SC');
    for (const ch of '咸宁市统计局第一产业增速％（）①●')
      expect([ch, f.covers(ch.codePointAt(0)!)]).toEqual([ch, true]);
  });

  it('throws a clear Chinese error when no Chinese font exists', () => {
    clearFontCache();
    expect(() => findCjkFont({ fontsDir: emptyDir, systemFonts: false })).toThrow(MissingCjkFontError);
    expect(() => findCjkFont({ fontsDir: emptyDir, systemFonts: false })).toThrow(
      /未找到中文字体，图表中的中文无法渲染/,
    );
    expect(() => renderPng(SAMPLE_SPECS.pie, { fontsDir: emptyDir, systemFonts: false })).toThrow(
      /fonts-noto-cjk/,
    );
  });

  it('reads the fonts dir from BRIEF_FONTS_DIR', () => {
    const old = process.env.BRIEF_FONTS_DIR;
    try {
      process.env.BRIEF_FONTS_DIR = emptyDir;
      clearFontCache();
      expect(() => findCjkFont({ systemFonts: false })).toThrow(MissingCjkFontError);
    } finally {
      if (old === undefined) delete process.env.BRIEF_FONTS_DIR;
      else process.env.BRIEF_FONTS_DIR = old;
      clearFontCache();
    }
  });

  it('draws characters outside the subset with a system font, or refuses', () => {
    const rare: ChartSpec = {
      type: 'bar',
      title: '',
      categories: ['瑀山村', '咸安区'],
      series: [{ name: '产值', values: [1, 2], unit: '亿元' }],
    };
    const primary = findCjkFont();
    if (primary.covers(0x7440)) return; // a full font is primary: nothing to fall back for
    const system = searchFonts(undefined, true, 5).filter((f) => f.covers(0x7440));
    if (system.length) {
      const fonts = fontsFor(rare);
      expect(fonts.files.length).toBe(2);
      const withRare = renderRaster(rare);
      const without = renderRaster({ ...rare, categories: ['山村', '咸安区'] });
      let diff = 0;
      for (let i = 0; i < withRare.pixels.length; i += 4)
        if (dark(withRare.pixels, i) !== dark(without.pixels, i)) diff++;
      expect(diff).toBeGreaterThan(200);
    }
    expect(() => renderPng(rare, { systemFonts: false })).toThrow(/瑀/);
  });
});

describe('benchCharts', () => {
  it('reports medians', () => {
    const r = benchCharts(4);
    expect(r.n).toBe(4);
    expect(r.svgMedianMs).toBeGreaterThan(0);
    expect(r.pngMedianMs).toBeGreaterThan(0);
  });
});

/**
 * ChartSpec → SVG (ECharts server-side rendering) and PNG (resvg) for the Word export. Node only.
 *
 * Sizes: the chart is laid out in CSS px at 96 dpi of its placed size (150 × 90 mm → 567 × 340 px),
 * so font sizes are print sizes; the PNG is the same drawing rasterised at `dpi` (default 200) of
 * the placed size (150 mm → 1181 px) and carries that dpi in a pHYs chunk.
 *
 * Fonts: the PNG is drawn with the Chinese font findCjkFont() finds (bundled GB2312 subset of Noto
 * Sans CJK SC first). The SVG asks for that font's family first, and every character of the chart
 * text is checked against the font's character map before rendering: a character no available font
 * can draw is an error, never a silently missing glyph.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { crc32 } from 'node:zlib';
import { findCjkFont, searchFonts, bundledFontsDir, type CjkFont, type FontSearchOptions } from './fonts';
import { CHART_FONT_FAMILIES, chartPixelSize, figureSizeMm, toEChartsOption } from './option';
import type { ChartSpec } from './spec';

export interface SvgOptions {
  /** Draw spec.title inside the figure (default false: Word carries the caption). */
  showTitle?: boolean;
  /** Font families, first match wins; default: the house list. */
  fontFamilies?: readonly string[];
}

export interface PngOptions extends FontSearchOptions {
  /** Raster resolution of the placed size; default 200, minimum 72. */
  dpi?: number;
  showTitle?: boolean;
}

export interface Figure {
  /** UTF-8 SVG (vector, for Word's svgBlip). */
  svg: Buffer;
  /** PNG fallback at `dpi` of the placed size. */
  png: Buffer;
  widthMm: number;
  heightMm: number;
  /** PNG pixel size and resolution. */
  widthPx: number;
  heightPx: number;
  dpi: number;
}

export const DEFAULT_DPI = 200;

/** The SVG string of a chart at its placed size (96 dpi px). Needs no font file. */
export function renderSvg(spec: ChartSpec, opts: SvgOptions = {}): string {
  const { width, height } = chartPixelSize(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(
      toEChartsOption(spec, { forPrint: true, showTitle: opts.showTitle, fontFamilies: opts.fontFamilies }),
    );
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The PNG of a chart at `dpi` (default 200) of its placed size. Throws MissingCjkFontError. */
export function renderPng(spec: ChartSpec, opts: PngOptions = {}): Buffer {
  const fonts = fontsFor(spec, opts);
  const svg = renderSvg(spec, { showTitle: opts.showTitle, fontFamilies: fonts.families });
  return rasterize(svg, spec, fonts, opts.dpi).png;
}

/** Both renderings from one layout, plus the placed size for the Word drawing extent. */
export function renderFigure(spec: ChartSpec, opts: PngOptions = {}): Figure {
  const fonts = fontsFor(spec, opts);
  const svg = renderSvg(spec, { showTitle: opts.showTitle, fontFamilies: fonts.families });
  const { png, width, height, dpi } = rasterize(svg, spec, fonts, opts.dpi);
  const { widthMm, heightMm } = figureSizeMm(spec);
  return { svg: Buffer.from(svg, 'utf8'), png, widthMm, heightMm, widthPx: width, heightPx: height, dpi };
}

/**
 * The raw RGBA raster behind renderPng (resvg's `pixels`), with the SVG it was drawn from — for
 * checks that need to look at the pixels (tests: is the Chinese text really there?).
 */
export function renderRaster(
  spec: ChartSpec,
  opts: PngOptions = {},
): { svg: string; width: number; height: number; pixels: Buffer } {
  const fonts = fontsFor(spec, opts);
  const svg = renderSvg(spec, { showTitle: opts.showTitle, fontFamilies: fonts.families });
  const img = resvgImage(svg, spec, fonts, opts.dpi);
  return { svg, width: img.width, height: img.height, pixels: img.pixels };
}

/** PNG pixel size for a spec at a dpi: round(mm / 25.4 × dpi). */
export function pngPixelSize(spec: ChartSpec, dpi = DEFAULT_DPI): { width: number; height: number } {
  const { widthMm, heightMm } = figureSizeMm(spec);
  return { width: Math.round((widthMm / 25.4) * dpi), height: Math.round((heightMm / 25.4) * dpi) };
}

// ------------------------------------------------------------------------------------------ internals

export interface ChartFonts {
  /** Font files resvg loads (primary first). */
  files: string[];
  /** CSS family list for the SVG: loaded families first, then the house list (for Word). */
  families: string[];
  resvgFont: NonNullable<ResvgRenderOptions['font']>;
}

const fontSetCache = new Map<string, ChartFonts>();

/**
 * The fonts to draw this spec with: the primary CJK font, plus a system font for any character the
 * primary (a GB2312 subset) lacks. Cached per process by font set, so repeated renders reuse the
 * resolved resvg options (resvg itself reads the font files on each render: keep them small).
 */
export function fontsFor(spec: ChartSpec, opts: FontSearchOptions = {}): ChartFonts {
  const primary = findCjkFont(opts);
  const text = chartText(spec);
  const missing = [...new Set([...text].filter((ch) => isDrawn(ch) && !primary.covers(ch.codePointAt(0)!)))];
  const chosen: CjkFont[] = [primary];
  if (missing.length) {
    let left = missing;
    const candidates = searchFonts(bundledFontsDir(opts), opts.systemFonts ?? true, 12);
    for (const f of candidates) {
      if (left.length === 0) break;
      if (f.file === primary.file) continue;
      const helps = left.filter((ch) => f.covers(ch.codePointAt(0)!));
      if (helps.length) {
        chosen.push(f);
        left = left.filter((ch) => !f.covers(ch.codePointAt(0)!));
      }
    }
    if (left.length) {
      throw new Error(
        `图表文字中有字符「${left.join('')}」没有可用字体能够显示（当前字体：${chosen.map((f) => f.family).join('、')}）。` +
          '请安装完整的中文字体（如 fonts-noto-cjk），或修改该文字。',
      );
    }
  }
  const key = chosen.map((f) => f.file).join('|');
  let set = fontSetCache.get(key);
  if (!set) {
    const families = [...new Set([...chosen.map((f) => f.family), ...CHART_FONT_FAMILIES])];
    set = {
      files: chosen.map((f) => f.file),
      families,
      resvgFont: {
        fontFiles: chosen.map((f) => f.file),
        loadSystemFonts: false,
        defaultFontFamily: primary.family,
        sansSerifFamily: primary.family,
        serifFamily: primary.family,
        monospaceFamily: primary.family,
      },
    };
    fontSetCache.set(key, set);
  }
  return set;
}

/** Every string of the spec that can end up drawn (ECharts adds only ASCII digits, '.', '-', '%'). */
export function chartText(spec: ChartSpec): string {
  return [
    spec.title,
    spec.source ?? '',
    ...(spec.axisNames ?? []),
    ...spec.categories,
    ...spec.series.flatMap((s) => [s.name, s.unit]),
    '0123456789.-%',
  ].join('');
}

function isDrawn(ch: string): boolean {
  return !/\s/.test(ch) && ch.codePointAt(0)! >= 0x20;
}

function rasterize(
  svg: string,
  spec: ChartSpec,
  fonts: ChartFonts,
  dpiOpt?: number,
): { png: Buffer; width: number; height: number; dpi: number } {
  const dpi = clampDpi(dpiOpt);
  const img = resvgImage(svg, spec, fonts, dpi);
  return { png: withDpi(img.asPng(), dpi), width: img.width, height: img.height, dpi };
}

function clampDpi(dpi: number | undefined): number {
  return Math.max(72, Math.min(1200, dpi ?? DEFAULT_DPI));
}

function resvgImage(svg: string, spec: ChartSpec, fonts: ChartFonts, dpiOpt?: number) {
  const { width, height } = pngPixelSize(spec, clampDpi(dpiOpt));
  const resvg = new Resvg(setRootSize(svg, width, height), {
    font: fonts.resvgFont,
    fitTo: { mode: 'original' },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  });
  return resvg.render();
}

/**
 * Makes the root <svg> exactly width × height px (the ECharts viewBox keeps the drawing), so the
 * PNG has the exact pixel size of the placed mm at the dpi instead of a rounding of the aspect.
 */
export function setRootSize(svg: string, width: number, height: number): string {
  return svg.replace(/<svg\b[^>]*>/, (root) => {
    let r = root;
    const w = /\swidth="([\d.]+)"/.exec(r)?.[1];
    const h = /\sheight="([\d.]+)"/.exec(r)?.[1];
    if (!/\sviewBox=/.test(r) && w && h) r = r.replace(/^<svg\b/, `<svg viewBox="0 0 ${w} ${h}"`);
    r = r.replace(/\swidth="[^"]*"/, ` width="${width}"`).replace(/\sheight="[^"]*"/, ` height="${height}"`);
    if (!/\spreserveAspectRatio=/.test(r)) r = r.replace(/^<svg\b/, '<svg preserveAspectRatio="none"');
    return r;
  });
}

/** Inserts a pHYs chunk (pixels per metre) after IHDR so Word and viewers know the dpi. */
export function withDpi(png: Buffer, dpi: number): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  if (png.length < ihdrEnd || png.toString('latin1', 12, 16) !== 'IHDR') return png;
  const ppm = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(4 + 4 + 9 + 4);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(ppm, 8);
  chunk.writeUInt32BE(ppm, 12);
  chunk.writeUInt8(1, 16); // unit: metre
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)) >>> 0, 17);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

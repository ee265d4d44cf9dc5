/**
 * Chart rendering benchmark (node): `benchCharts(n)` renders n charts, cycling through the sample
 * spec of every chart type, and returns median timings. Wire into `npm run bench`.
 *
 *   svgMedianMs     renderSvg: ECharts option + SSR to an SVG string
 *   pngMedianMs     renderPng: the above + font check + resvg raster (200 dpi) + PNG encode
 *   rasterMedianMs  pngMedianMs minus the SVG part, measured directly (resvg + encode)
 */
import { Resvg } from '@resvg/resvg-js';
import { fontsFor, pngPixelSize, renderPng, renderSvg, setRootSize } from './render';
import { SAMPLE_SPECS } from './samples';
import type { ChartSpec } from './spec';

export interface ChartBench {
  n: number;
  dpi: number;
  svgMedianMs: number;
  pngMedianMs: number;
  rasterMedianMs: number;
  /** The font file(s) the PNGs were drawn with. */
  fontFiles: string[];
}

export function benchCharts(n = 40, opts: { dpi?: number; specs?: ChartSpec[] } = {}): ChartBench {
  const specs = opts.specs ?? Object.values(SAMPLE_SPECS);
  const dpi = opts.dpi ?? 200;
  const count = Math.max(1, Math.floor(n));
  // Warm-up: module init, font discovery and the JIT are one-off costs, not per chart.
  renderPng(specs[0]!, { dpi });

  const svgMs: number[] = [];
  const pngMs: number[] = [];
  const rasterMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const spec = specs[i % specs.length]!;
    let t = performance.now();
    renderSvg(spec);
    svgMs.push(performance.now() - t);

    t = performance.now();
    renderPng(spec, { dpi });
    pngMs.push(performance.now() - t);

    const fonts = fontsFor(spec);
    const svg = renderSvg(spec, { fontFamilies: fonts.families });
    const { width, height } = pngPixelSize(spec, dpi);
    t = performance.now();
    new Resvg(setRootSize(svg, width, height), {
      font: fonts.resvgFont,
      background: '#ffffff',
      logLevel: 'off',
    })
      .render()
      .asPng();
    rasterMs.push(performance.now() - t);
  }
  return {
    n: count,
    dpi,
    svgMedianMs: round(median(svgMs)),
    pngMedianMs: round(median(pngMs)),
    rasterMedianMs: round(median(rasterMs)),
    fontFiles: fontsFor(specs[0]!).files,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * `npm run bench`: prints the speed and size figures the issues set targets for, each next to its
 * target, and ratios against a peer run in the same process where there is one. Not a test: figures
 * vary with the machine's load.
 */
import { benchCharts } from '../src/core/chart/bench';
import { clearFigureCache, renderFigures } from '../src/core/chart/figures';
import { SAMPLE_SPECS } from '../src/core/chart/samples';
import type { ChartSpec } from '../src/core/chart/spec';
import { benchData } from '../src/core/data/bench';
import { benchUi } from '../tests/e2e/bench-ui';
import { benchExport } from './bench/export';

const TARGETS: Record<string, string> = {
  'charts.svgMedianMs': '< 15',
  'charts.pngMedianMs': '< 80',
  'charts.figures30WorkersMs': '< 1500',
  'export.planSeedScale.coldMs': '< 2000',
  'export.planSeedScale.warmMs': '< 500',
  'export.planSeedScale.peakRssMB': '< 400',
  'ui.firstScreenMedianMs': '< 1500',
  'ui.typingP95Ms': '< 50',
};

function print(section: string, figures: Record<string, unknown>): void {
  console.log(`\n== ${section}`);
  for (const [k, v] of Object.entries(figures)) {
    const target = TARGETS[k] ?? TARGETS[`${section}.${k}`];
    console.log(`  ${k.padEnd(44)} ${String(v).padStart(12)}${target ? `   (目标 ${target})` : ''}`);
  }
}

const only = process.argv[2];
if (!only || only === 'data') print('data', await benchData());
if (!only || only === 'charts') {
  const c = await benchCharts(40);
  print('charts', { svgMedianMs: c.svgMedianMs, pngMedianMs: c.pngMedianMs, dpi: c.dpi, n: c.n });
  // A document's 30 figures: in worker threads on every core, then again from the content-hash cache,
  // beside the same 30 drawn one after another in this thread (the peer run).
  const types = Object.values(SAMPLE_SPECS);
  const specs: ChartSpec[] = Array.from({ length: 30 }, (_, i) => {
    const base = types[i % types.length];
    return {
      ...base,
      series: base.series.map((s) => ({ ...s, values: s.values.map((v) => (v === null ? null : v + i)) })),
    };
  });
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return Math.round(performance.now() - t0);
  };
  clearFigureCache();
  const oneThread = await time(() => renderFigures(specs, { workers: 1 }));
  clearFigureCache();
  const parallel = await time(() => renderFigures(specs));
  const cached = await time(() => renderFigures(specs));
  clearFigureCache();
  // Again with the worker already started, as in the app after its first export.
  const warmPool = await time(() => renderFigures(specs));
  print('charts', {
    figures30OneThreadMs: oneThread,
    figures30WorkersMs: parallel,
    figures30WorkersWarmPoolMs: warmPool,
    figures30CachedMs: cached,
    workersSpeedup: +(oneThread / parallel).toFixed(2),
    workersWarmPoolSpeedup: +(oneThread / warmPool).toFixed(2),
  });
}
if (!only || only === 'export') print('export', await benchExport());
if (!only || only === 'ui') {
  const u = await benchUi({ runs: 3 });
  print('ui', {
    firstScreenMedianMs: u.firstScreenMs.median,
    typingPages: u.typing.pages,
    typingP50Ms: u.typing.p50,
    typingP95Ms: u.typing.p95,
    typingMaxMs: u.typing.max,
  });
}

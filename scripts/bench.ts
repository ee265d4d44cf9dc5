/**
 * `npm run bench`: prints the speed and size figures the issues set targets for, each next to its
 * target, and ratios against a peer run in the same process where there is one. Not a test: figures
 * vary with the machine's load.
 */
import { benchCharts } from '../src/core/chart/bench';
import { benchData } from '../src/core/data/bench';
import { benchUi } from '../tests/e2e/bench-ui';
import { benchExport } from './bench/export';

const TARGETS: Record<string, string> = {
  'charts.svgMedianMs': '< 15',
  'charts.pngMedianMs': '< 80',
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

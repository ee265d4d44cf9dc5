// `npm run bench`: bundles the benchmark like the app is bundled (so figures render in worker threads,
// as they do in the app), then runs it. Usage: npm run bench [-- data|charts|export|ui]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({
  entryPoints: { bench: 'scripts/bench.ts', 'chart-worker': 'src/core/chart/worker.ts' },
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
// Each section in a process of its own, so memory figures (peak RSS) are that section's alone.
const sections = process.argv[2] ? [process.argv[2]] : ['data', 'charts', 'export', 'ui'];
for (const section of sections) {
  const r = spawnSync(process.execPath, ['out/bench/bench.js', section], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

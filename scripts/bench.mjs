// `npm run bench`: bundles the benchmark like the app is bundled (so figures render in worker threads,
// as they do in the app), then runs it. Usage: npm run bench [-- data|charts|export]
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';

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
await import(pathToFileURL('out/bench/bench.js').href);

// Bundles the `brief` command (src/cli) into out/cli/brief.js for plain Node. Dependencies stay in
// node_modules (better-sqlite3 is native); only our own TypeScript is bundled.
import { build } from 'esbuild';

await build({
  // The chart worker is its own entry: worker threads load it by file beside the bundle.
  entryPoints: { brief: 'src/cli/main.ts', 'chart-worker': 'src/core/chart/worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

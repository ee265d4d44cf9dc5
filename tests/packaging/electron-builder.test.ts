// The installers' configuration (electron-builder.yml), checked without building: Electron's binary
// cannot be downloaded on these machines (DESIGN §5), so no real build runs here. The configuration is
// loaded by electron-builder's own loader and validated by its own schema, then its options are checked
// against what issue 9 asks (offline per-user NSIS without admin rights, AppImage and .deb, better-sqlite3
// rebuilt for Electron's ABI, native code and fonts outside the asar), and its file patterns are run by
// electron-builder's own matcher on the paths of this project. Last, the built main process may only
// import what a packaged app has: Electron, Node's built-ins and production dependencies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = resolve('.');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  /** As electron-builder's loader gives them: one file set, its patterns under `filter`. */
  files: { filter: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  win: { target: Target[]; requestedExecutionLevel?: string };
  nsis: Record<string, unknown>;
  linux: { target: Target[] };
  [key: string]: unknown;
}

let config: BuilderConfig;

beforeAll(async () => {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig: (dir: string, file: string | null, options: null) => Promise<BuilderConfig>;
    validateConfiguration: (c: BuilderConfig, log: { isEnabled: boolean; add: () => void }) => Promise<void>;
  };
  config = await getConfig(root, null, null);
  await validateConfiguration(config, { isEnabled: false, add: () => {} });
});

describe('electron-builder configuration', () => {
  it('is found and passes electron-builder’s own schema', () => {
    expect(config.appId).toBeTruthy();
    expect(config.productName).toBe('简报工坊');
  });

  it('Windows: a full offline NSIS installer, per user, never asking for administrator rights', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']); // not nsis-web (downloads), not portable
    expect(config.win.requestedExecutionLevel ?? 'asInvoker').toBe('asInvoker');
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      packElevateHelper: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.nsis.differentialPackage).not.toBe(true);
  });

  it('Linux: an AppImage and a .deb', () => {
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('better-sqlite3 is rebuilt for Electron’s ABI while packaging, and native code and fonts stay real files', () => {
    expect(config.npmRebuild).toBe(true);
    expect(pkg.dependencies['better-sqlite3']).toBeTruthy();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**',
        'resources/fonts/**',
        'out/main/chart-worker.js',
      ]),
    );
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
    // The main process looks for them exactly there.
    expect(readFileSync('src/main/index.ts', 'utf8')).toContain("join(process.resourcesPath, 'resources')");
  });

  it('its file patterns take the built app and leave sources, tests, scripts, the CLI and source maps out', () => {
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
      FileMatcher: new (
        from: string,
        to: string,
        expand: (s: string) => string,
        patterns: string[],
      ) => { createFilter(): (file: string, stat: Stats) => boolean };
    };
    expect(config.files).toHaveLength(1);
    const filter = new FileMatcher(root, 'app', (s) => s, config.files[0].filter).createFilter();
    const file = { isDirectory: () => false } as Stats;
    const takes = (p: string) => filter(join(root, p), file);
    for (const p of ['package.json', pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(takes(p), p).toBe(true);
    for (const p of [
      'src/main/index.ts',
      'src/core/db/backup.ts',
      'tests/crash/import.test.ts',
      'scripts/test.mjs',
      'out/cli/brief.js',
      'out/main/index.js.map',
      'resources/demo/indicators-from-seeds.tsv',
      'README.md',
    ])
      expect(takes(p), p).toBe(false);
  });
});

describe('the built main process', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'brief-pack-')), 'out');
  afterAll(() => rmSync(dirname(out), { recursive: true, force: true }));
  beforeAll(() => {
    const r = spawnSync(
      process.execPath,
      [resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out],
      {
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`);
  }, 200_000);

  it('imports only Electron, Node’s built-ins and production dependencies (what the installer ships)', () => {
    const files = readdirSync(join(out, 'main'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    const seen = new Set<string>();
    for (const f of files) {
      const code = readFileSync(join(out, 'main', f), 'utf8');
      const specs = [
        ...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm),
        ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]);
      for (const spec of specs) {
        if (spec.startsWith('.') || spec.startsWith('/')) continue;
        seen.add(spec);
        if (spec.startsWith('node:') || builtins.has(spec) || spec === 'electron') continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!(name in pkg.dependencies)) missing.add(`${name} (${f})`);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['electron', 'better-sqlite3']));
    expect([...missing]).toEqual([]);
  });

  it('is valid JavaScript (a duplicate declaration from a bundled package once broke it)', () => {
    const r = spawnSync(process.execPath, ['--check', '--input-type=module'], {
      input: readFileSync(join(out, 'main', 'index.js'), 'utf8'),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

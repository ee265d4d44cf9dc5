// Electronegativity (@doyensec/electronegativity) on the built app, offline.
//
//   node scripts/electronegativity.mjs [BUILD_DIR=out] [--json]
//
// Scans BUILD_DIR/{main,preload,renderer} together with package.json (the Electron version comes
// from it), as one app: its global checks (CSP, navigation limits, permission handler) look across
// files. Made to work without a network:
// - its start-up fetch of translations is replaced by its own bundled English strings;
// - the AvailableSecurityFixesGlobalCheck, the one check that downloads (Electron's release list), is
//   turned off;
// - every DNS lookup and socket connect in this process throws, and any attempt is reported.
// The tool's parser predates some syntax in the renderer bundle (class private fields from the editor
// libraries), so the renderer's files are first lowered to ES2019 with esbuild (syntax only: same
// calls). Main and preload are scanned exactly as built: lowering renames shadowed identifiers, and
// the checks of the window options look for `new BrowserWindow({…})` by name.
// Prints a table, or with --json {findings, errors, networkAttempts}; exits 1 on HIGH or MEDIUM
// findings, files it could not parse, or any network attempt.
import { createRequire } from 'node:module';
import dns from 'node:dns';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from 'esbuild';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const json = args.includes('--json');
const buildDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'out');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// 1. No network, and say so if anything tries.
const networkAttempts = [];
const refuse = (what) =>
  function (...a) {
    const target = a[0] && typeof a[0] === 'object' ? (a[0].host ?? a[0].hostname ?? a[0].path) : a[0];
    networkAttempts.push(`${what} ${String(target)}`);
    throw new Error(`网络已关闭（${what}）`);
  };
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
net.Socket.prototype.connect = refuse('net.Socket.connect');

// 2. Its translations from its own folder, not from the network.
const i18nPath = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
const i18n = require('i18n');
require.cache[i18nPath] = {
  id: i18nPath,
  filename: i18nPath,
  loaded: true,
  exports: async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: global,
    });
    i18n.setLocale('en-US');
  },
};
const run = require('@doyensec/electronegativity/dist/runner.js');

// 3. Stage the app: the three built folders (JS lowered to ES2019) and package.json.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'brief-electronegativity-'));
const lowered = [];
function copy(from, to, lower) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copy(src, dst, lower);
    else if (lower && /\.(c|m)?js$/.test(entry.name)) {
      const code = fs.readFileSync(src, 'utf8');
      try {
        const format = entry.name.endsWith('.cjs') ? 'cjs' : 'esm';
        const out = transformSync(code, { target: 'es2019', format, loader: 'js', logLevel: 'silent' });
        fs.writeFileSync(dst, out.code);
        lowered.push(path.relative(stage, dst));
      } catch {
        fs.writeFileSync(dst, code);
      }
    } else if (/\.(c|m)?js$|\.(html|json)$/.test(entry.name)) fs.copyFileSync(src, dst);
  }
}
for (const part of ['main', 'preload', 'renderer']) {
  const dir = path.join(buildDir, part);
  if (!fs.existsSync(dir)) {
    console.error(`没有构建好的 ${dir}：请先运行 npm run build`);
    process.exit(2);
  }
  copy(dir, path.join(stage, part), part === 'renderer');
}
fs.copyFileSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
const electronVersion = require('electron/package.json').version;

const SEVERE = new Set(['HIGH', 'MEDIUM']);
const result = await run(
  {
    input: stage,
    excludeFromScan: [
      // The one check that needs the network: it downloads Electron's release list.
      'AvailableSecurityFixesGlobalCheck',
      // "Review the use of preload scripts" (MEDIUM, manual review) fires for every window that has a
      // preload at all; a context-isolated preload is how a sandboxed page reaches the app. Reviewed
      // instead by tests/security/electronegativity.test.ts, which runs the built preload against a
      // fake Electron: it exposes one frozen object whose functions are exactly the contract's method
      // names and only ever call ipcRenderer.invoke on the API channel, and the shell's frozen menu
      // subscription (briefShell.onMenu), nothing else.
      'PreloadJSCheck',
    ],
    customScan: [],
    parserPlugins: [],
    electronVersionOverride: electronVersion,
  },
  false,
);
const findings = result.issues.map((i) => ({
  id: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: path.relative(stage, i.file),
  line: i.location.line,
  manualReview: Boolean(i.manualReview),
  description: i.description,
}));
const errors = result.errors
  .filter((e) => !e.tolerable)
  .map((e) => ({ file: path.relative(stage, e.file), message: e.message }));
fs.rmSync(stage, { recursive: true, force: true });

const severe = findings.filter((f) => SEVERE.has(f.severity));
if (json) {
  console.log(
    JSON.stringify(
      {
        electronVersion,
        checks: result.globalChecks + result.atomicChecks,
        findings,
        errors,
        networkAttempts,
      },
      null,
      2,
    ),
  );
} else {
  console.log(
    `Electronegativity：Electron ${electronVersion}，${result.globalChecks + result.atomicChecks} 项检查`,
  );
  for (const f of findings)
    console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${f.file}:${f.line}`);
  for (const e of errors) console.log(`无法解析 ${e.file}：${e.message}`);
  for (const n of networkAttempts) console.log(`试图联网：${n}`);
  console.log(
    `高/中风险 ${severe.length} 项，无法解析 ${errors.length} 个文件，联网尝试 ${networkAttempts.length} 次`,
  );
}
process.exit(severe.length || errors.length || networkAttempts.length ? 1 : 0);

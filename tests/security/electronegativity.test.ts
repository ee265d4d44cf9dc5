// Electronegativity on the built Electron app (issue 9): no HIGH or MEDIUM findings, every file
// parsed, no network. The app is built here into a temp folder (electron-vite build works without the
// Electron binary), so the scan sees the current source, not a stale out/. A control run on a
// deliberately weakened copy shows the scan really reads our window options and handlers.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNEL, METHOD_NAMES } from '../../src/shared/methods';

interface Scan {
  electronVersion: string;
  checks: number;
  findings: { id: string; severity: string; confidence: string; file: string; line: number }[];
  errors: { file: string; message: string }[];
  networkAttempts: string[];
}

const build = join(mkdtempSync(join(tmpdir(), 'brief-build-')), 'out');
const scratch: string[] = [dirname(build)];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scan(dir: string): { code: number | null; scan: Scan } {
  const r = spawnSync(process.execPath, [resolve('scripts/electronegativity.mjs'), dir, '--json'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (!r.stdout) throw new Error(`electronegativity did not run: ${r.stderr}`);
  return { code: r.status, scan: JSON.parse(r.stdout) as Scan };
}

beforeAll(() => {
  const r = spawnSync(
    process.execPath,
    [resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', build],
    {
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`);
});

describe('Electronegativity', () => {
  it('finds nothing of HIGH or MEDIUM severity in the built main, preload and renderer, offline', () => {
    const { code, scan: s } = scan(build);
    expect(s.electronVersion).toMatch(/^\d+\./);
    expect(s.checks).toBeGreaterThan(30);
    expect(s.networkAttempts).toEqual([]);
    expect(s.errors).toEqual([]);
    expect(s.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM')).toEqual([]);
    // What is left, and why it is acceptable: style-src 'unsafe-inline' (LOW; React and ECharts set
    // inline styles; scripts stay 'self' only) and the informational Electron version.
    for (const f of s.findings) expect(['LOW', 'INFORMATIONAL']).toContain(f.severity);
    expect(code).toBe(0);
  });

  it('control: a copy with the sandbox, context isolation and permission handler taken out is caught', () => {
    const weak = join(mkdtempSync(join(tmpdir(), 'brief-weak-')), 'out');
    scratch.push(dirname(weak));
    cpSync(build, weak, { recursive: true });
    const main = join(weak, 'main', 'index.js');
    const code = readFileSync(main, 'utf8');
    expect(code).toContain('sandbox: true');
    writeFileSync(
      main,
      code
        .replace('sandbox: true', 'sandbox: false')
        .replace('contextIsolation: true', 'contextIsolation: false')
        .replaceAll('setPermissionRequestHandler', 'setSomethingElse'),
    );
    const { code: exit, scan: s } = scan(weak);
    expect(exit).toBe(1);
    const ids = s.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM').map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'SANDBOX_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]),
    );
  });

  it('the preload (its scan is turned off, see scripts/electronegativity.mjs) exposes exactly the contract', async () => {
    const code = readFileSync(join(build, 'preload', 'index.cjs'), 'utf8');
    const required: string[] = [];
    const exposed: [string, Record<string, (input: unknown) => Promise<unknown>>][] = [];
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: never) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return args[1] === 'getSeries'
            ? { error: { code: 'not-found', message: '未找到指标' } }
            : { result: { ok: true } };
        },
      },
    };
    const fakeRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    // The API object, and the shell's single menu subscription (src/preload/index.test.ts tests it).
    expect(exposed.map(([key]) => key)).toEqual(['brief', 'briefShell']);
    const api = exposed[0][1];
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.isFrozen(exposed[1][1])).toBe(true);
    expect(Object.keys(exposed[1][1])).toEqual(['onMenu']);
    expect(await api.listTemplates({})).toEqual({ ok: true });
    await expect(api.getSeries({ indicator: 'x' })).rejects.toMatchObject({
      message: '未找到指标',
      code: 'not-found',
    });
    expect(invoked).toEqual([
      [IPC_CHANNEL, 'listTemplates', {}],
      [IPC_CHANNEL, 'getSeries', { indicator: 'x' }],
    ]);
  });
});

// The content security policy of the page (Electron loads index.html; browser mode sends the header) and
// the browser-mode server's edges (issue 9): no eval, scripts only from the app, 401 without the token.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefHandlers } from '../../src/shared/api';
import { startServer, type RunningServer } from '../../src/server/server';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function expectStrict(csp: string): void {
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('wasm-unsafe-eval');
  const d = directives(csp);
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('script-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  for (const [, values] of d)
    for (const v of values) expect(v).not.toMatch(/^(\*|https?:|http:\/\/|data:\*)$/);
}

describe('content security policy', () => {
  it('the page’s own policy (what Electron enforces): no eval, scripts only from the app', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeTruthy();
    expectStrict(csp!);
  });
});

describe('browser-mode server', () => {
  let running: RunningServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-csp-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    running = await startServer({ handlers: {} as BriefHandlers, rendererDir: dir, port: 0 });
  });
  afterAll(() => running.close());

  it('sends the same strict policy with every response, and forbids framing', async () => {
    const r = await fetch(`http://127.0.0.1:${running.port}/`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    expectStrict(csp);
    expect(directives(csp).get('frame-ancestors')).toEqual(["'none'"]);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('binds 127.0.0.1 only and answers 401 to any /api/ request without the token, whatever the method', async () => {
    expect(running.server.address()).toMatchObject({ address: '127.0.0.1' });
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      for (const path of [
        '/api/',
        '/api/listTemplates',
        '/api/restoreBackup',
        '/api/../api/x',
        '/api/%E0%A4%A',
      ]) {
        const r = await fetch(`http://127.0.0.1:${running.port}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(401);
      }
    }
    const wrong = await fetch(`http://127.0.0.1:${running.port}/api/listTemplates?token=${'x'.repeat(32)}`, {
      method: 'POST',
    });
    expect(wrong.status).toBe(401);
  });

  it('a malformed or hostile URL is a 4xx answer, never the end of the server', async () => {
    const base = `http://127.0.0.1:${running.port}`;
    for (const path of [
      '/%E0%A4%A',
      '/%',
      '/api/%E0',
      '/..%2f..%2fetc%2fpasswd',
      '/%00',
      '/' + 'a'.repeat(8000),
    ]) {
      const r = await fetch(base + path);
      expect(r.status, path).toBeGreaterThanOrEqual(200);
      expect(r.status, path).toBeLessThan(500);
    }
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });
});

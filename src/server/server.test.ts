import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../core/db/store';
import { createService } from '../core/service';
import type { BriefHandlers } from '../shared/api';
import { startServer, type RunningServer } from './server';

let running: RunningServer;
const { db } = openStore(':memory:');

beforeAll(async () => {
  const handlers: BriefHandlers = createService(db);
  running = await startServer({ handlers, rendererDir: null });
});
afterAll(async () => {
  await running.close();
  db.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = async (res: Response): Promise<any> => res.json();

const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token !== null) headers['X-Brief-Token'] = init.token ?? running.token;
  return fetch(`http://127.0.0.1:${running.port}${path}`, { method: 'POST', ...init, headers });
};

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    const addr = running.server.address();
    expect(addr).toMatchObject({ address: '127.0.0.1' });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers 401 to any /api/ request without the right token, before routing', async () => {
    for (const path of ['/api/listIndicators', '/api/noSuchMethod', '/api/']) {
      expect((await api(path, { token: null, body: '{}' })).status).toBe(401);
      expect((await api(path, { token: 'wrong', body: '{}' })).status).toBe(401);
    }
  });

  it('accepts the token as a query parameter too', async () => {
    const res = await api(`/api/listTemplates?token=${running.token}`, { token: null, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('serves the contract: indicators found by alias, series with sources', async () => {
    const list = await body(await api('/api/listIndicators', { body: JSON.stringify({ search: 'GDP' }) }));
    expect(list.indicators.map((i: { name: string }) => i.name)).toContain('地区生产总值');
    const series = await body(await api('/api/getSeries', { body: JSON.stringify({ indicator: 'GDP' }) }));
    expect(series.series).toContainEqual(
      expect.objectContaining({ period: '2019', value: 1594.98, unit: '亿元' }),
    );
  });

  it('validates every call and answers in Chinese', async () => {
    const bad = await api('/api/getSeries', { body: JSON.stringify({ indicator: 42 }) });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.message).toMatch(/请求参数不正确（indicator）/);
    const unknown = await api('/api/getSeries', { body: JSON.stringify({ indicator: '地区生产总直' }) });
    expect(unknown.status).toBe(404);
    expect((await body(unknown)).error.message).toBe('未找到指标「地区生产总直」，是否指「地区生产总值」？');
    const notJson = await api('/api/listIndicators', { body: '{' });
    expect(notJson.status).toBe(400);
    const noMethod = await api('/api/dropTables', { body: '{}' });
    expect(noMethod.status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    // fetch() will not send a forged Host header; a raw request does.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: running.port,
          path: '/api/listTemplates',
          method: 'POST',
          headers: { Host: 'evil.example', 'X-Brief-Token': running.token },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });
});

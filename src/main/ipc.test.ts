import { describe, expect, it } from 'vitest';
import type { BriefHandlers } from '../shared/api';
import { handleCall, isTrustedSender, type CallSender } from './ipc';
import { isAllowedUrl } from './window';

const APP = '/app/out/renderer/index.html';
const allowed = (url: string) => isAllowedUrl(url, undefined, APP);
const own: CallSender = { frameUrl: `file://${APP}`, isMainFrame: true };

const calls: unknown[] = [];
const handlers = {
  listTemplates: (input: unknown) => {
    calls.push(input);
    return { templates: [] };
  },
  getSeries: () => {
    throw Object.assign(new Error('未找到指标「无」'), { name: 'NotFoundError' });
  },
} as unknown as BriefHandlers;

describe('IPC calls', () => {
  it('are answered only for the app’s own page, top frame', () => {
    expect(isTrustedSender(own, allowed)).toBe(true);
    expect(isTrustedSender({ ...own, isMainFrame: false }, allowed)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://example.com/', isMainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ frameUrl: null, isMainFrame: true }, allowed)).toBe(false);
  });

  it('from another sender never reach a handler', async () => {
    calls.length = 0;
    const r = await handleCall(
      handlers,
      { frameUrl: 'https://evil.example/', isMainFrame: true },
      'listTemplates',
      {},
      allowed,
    );
    expect(r).toEqual({ error: { code: 'bad-request', message: '拒绝来自未知页面的请求' } });
    expect(calls).toEqual([]);
  });

  it('are validated by the contract’s schema before a handler sees them', async () => {
    calls.length = 0;
    expect(await handleCall(handlers, own, 'listTemplates', undefined, allowed)).toEqual({
      result: { templates: [] },
    });
    expect(calls).toEqual([{}]);
    const unknown = await handleCall(handlers, own, 'eval', {}, allowed);
    expect(unknown).toMatchObject({ error: { code: 'not-found' } });
    const bad = await handleCall(handlers, own, 'getSeries', { indicator: 42 }, allowed);
    expect(bad).toMatchObject({ error: { code: 'bad-request' } });
    const path = await handleCall(handlers, own, 'restoreBackup', { file: '../../etc/passwd.db' }, allowed);
    expect(path).toMatchObject({ error: { code: 'bad-request' } });
    expect(calls).toHaveLength(1);
  });

  it('turn a handler’s failure into the contract’s error body', async () => {
    expect(await handleCall(handlers, own, 'getSeries', { indicator: '无' }, allowed)).toEqual({
      error: { code: 'not-found', message: '未找到指标「无」' },
    });
  });
});

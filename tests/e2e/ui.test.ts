// The first screen, driven in Debian's Chromium against browser mode, as a user would use it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/db/store';
import { createService } from '../../src/core/service';
import { startServer, type RunningServer } from '../../src/server/server';

const rendererDir = resolve('out/renderer');
const shots = resolve('test-results');
let server: RunningServer;
let browser: Browser;
let page: Page;
const { db } = openStore(':memory:');

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('界面未构建：先运行 npm run build');
  mkdirSync(shots, { recursive: true });
  server = await startServer({ handlers: createService(db), rendererDir });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db.close();
});

describe('first screen', () => {
  it('lists indicators, finds GDP by alias, shows its series with sources', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByText(/共 \d+ 个指标/).count()).toBe(1);
    expect(new URL(page.url()).search).toBe(''); // the token does not stay in the address bar
    await page.getByRole('searchbox').fill('GDP');
    await page.getByRole('button', { name: /^地区生产总值\s/ }).click();
    const table = page.getByRole('table', { name: '地区生产总值' });
    await expect.poll(() => table.getByRole('cell', { name: '1594.98' }).count()).toBe(1);
    await expect.poll(() => table.getByText(/关于我市工业转型发展的思考/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'first-screen.png') });
  });

  it('exports the 政府工作报告解读 briefing as a .docx download', async () => {
    await page.getByLabel('模板').selectOption('政府工作报告解读');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: '导出 Word' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('政府工作报告解读（2020）.docx');
    const file = join(shots, 'download.docx');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.length).toBeGreaterThan(20_000);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/含数据绑定数值 \d+ 个/);
    await page.screenshot({ path: join(shots, 'exported.png') });
  });

  it('shows an API error in Chinese instead of failing silently', async () => {
    await page.getByLabel('年份').fill('1900');
    await page.getByRole('button', { name: '导出 Word' }).click();
    await expect.poll(() => page.locator('.export .error').textContent()).toMatch(/请求参数不正确（year）/);
  });
});

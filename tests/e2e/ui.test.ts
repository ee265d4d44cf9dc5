// The first screen, driven in Debian's Chromium against browser mode, as a user would use it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connection';
import type { RunningServer } from '../../src/server/server';
import { launchChromium, newPage, shot, startInProcess } from './harness';

let server: RunningServer;
let db: Db;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ server, db } = await startInProcess());
  browser = await launchChromium();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
});

describe('first screen', () => {
  it('opens on 数据 with the catalogue, without keeping the token in the address bar', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByText(/共 \d+ 个指标/).count()).toBe(1);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByRole('button', { name: '数据', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    for (const name of ['文档', '导出'])
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
  });

  it('finds GDP by its alias and shows its grid, and a cell its source and words', async () => {
    await page.getByRole('searchbox', { name: '搜索指标名称、代码或别名' }).fill('GDP');
    await page.getByRole('button', { name: /^地区生产总值\s/ }).click();
    const grid = page.getByRole('table', { name: '地区生产总值' });
    await expect.poll(() => grid.getByRole('cell', { name: '咸宁市 2019' }).textContent()).toBe('1594.98');
    await grid.getByRole('cell', { name: '咸宁市 2019' }).click();
    await expect.poll(() => page.locator('.history').textContent()).toMatch(/关于我市工业转型发展的思考/);
    await shot(page, 'first-screen');
  });

  it('refuses a value that is not a number, in Chinese, where it happens', async () => {
    const cell = page.getByRole('cell', { name: '咸宁市 2019' });
    await cell.dblclick();
    const input = page.getByRole('textbox', { name: '编辑 咸宁市 2019' });
    await input.fill('一千六');
    await input.press('Enter');
    await expect.poll(() => page.locator('.grid-wrap .error').textContent()).toMatch(/「一千六」不是数字/);
    expect(await cell.textContent()).toBe('1594.98');
  });

  it('shows an API error in Chinese instead of failing silently', async () => {
    await page.getByRole('button', { name: '文档', exact: true }).click();
    await page.getByRole('button', { name: '新建简报' }).click();
    await page.getByLabel('年份').fill('1900');
    await page.getByRole('button', { name: '创建' }).click();
    await expect
      .poll(() => page.getByRole('dialog').getByRole('alert').textContent())
      .toMatch(/请求参数不正确（year）/);
    await page.getByRole('button', { name: '取消' }).click();
  });
});

// Issue 5: every chart type in the figure builder's live preview — the same spec and the same
// toEChartsOption the export draws from — with its Chinese text on screen.
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

const TYPES = ['bar', 'line', 'bar-line', 'stacked', 'percent', 'pie', 'ring', 'ranking'] as const;

describe('figure builder live preview', () => {
  it('draws each chart type from the database, with its Chinese labels', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: '文档', exact: true }).click();
    await page.getByRole('button', { name: '新建简报' }).click();
    await page
      .getByRole('dialog', { name: '新建简报' })
      .getByText('政府工作报告解读', { exact: true })
      .click();
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('.doc-body .chip').first().waitFor();
    await page.locator('.doc-body .heading').first().click();
    await page.getByRole('button', { name: '插入图表' }).click();
    const dialog = page.getByRole('dialog', { name: '插入图表' });
    await dialog.getByRole('searchbox').fill('规上工业企业数');
    await dialog
      .getByRole('option')
      .getByRole('button', { name: /^规上工业企业数/ })
      .click();
    for (const r of ['黄冈市', '荆州市', '孝感市'])
      await dialog.getByRole('checkbox', { name: r, exact: true }).check();
    await dialog.getByRole('checkbox', { name: '2019', exact: true }).check();
    const preview = dialog.locator('.chart-preview svg');
    for (const type of TYPES) {
      await dialog.getByLabel('图表类型').selectOption(type);
      await expect.poll(() => preview.count()).toBe(1);
      await expect.poll(() => preview.textContent(), { message: type }).toMatch(/黄冈市|荆州市|孝感市/);
      await shot(page, `chart-preview-${type}`);
    }
  });
});

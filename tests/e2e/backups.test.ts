// 备份与恢复 from the app: back up, change a figure, restore the backup, and the figure is back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connection';
import type { RunningServer } from '../../src/server/server';
import { launchChromium, newPage, shot, startInProcess } from './harness';

let server: RunningServer;
let db: Db;
let browser: Browser;
let page: Page;

const gdp2019 = () =>
  db
    .prepare(
      `SELECT o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id
       WHERE i.code = 'GDP' AND o.period = '2019' AND o.status = ''`,
    )
    .pluck()
    .get();

beforeAll(async () => {
  ({ server, db } = await startInProcess(join(mkdtempSync(join(tmpdir(), 'brief-backups-')), 'brief.db')));
  browser = await launchChromium();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
});

describe('备份与恢复', () => {
  it('backs up, and a restore brings back the figures as they were', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: '备份与恢复…' }).click();
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/已备份：/);
    const rows = page.getByRole('table', { name: '备份与恢复' }).locator('tbody tr');
    await expect.poll(() => rows.filter({ hasText: '手动' }).count()).toBe(1);

    db.prepare(
      `UPDATE observations SET value = 1600 WHERE period = '2019' AND status = ''
       AND indicator_id = (SELECT id FROM indicators WHERE code = 'GDP')`,
    ).run();
    expect(gdp2019()).toBe(1600);

    await rows.filter({ hasText: '手动' }).getByRole('button', { name: '恢复…' }).click();
    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/已从 .+ 恢复。恢复前的数据已备份为/);
    expect(gdp2019()).toBe(1594.98);
    await expect.poll(() => rows.filter({ hasText: '恢复前' }).count()).toBe(1);
    await shot(page, 'backups-restored');
  });

  it('runs the full integrity check on demand', async () => {
    await page.getByRole('button', { name: '完整性检查' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('完整性检查通过：数据库没有损坏。');
  });
});

// Whole user flows in Debian's Chromium against browser mode (issue 7): import with a bad row, a stale
// value in a briefing updated with one click, a figure inserted and exported into a valid .docx.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connection';
import type { RunningServer } from '../../src/server/server';
import { launchChromium, newPage, shot, shots, startInProcess } from './harness';

let server: RunningServer;
let db: Db;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'brief-e2e-'));

beforeAll(async () => {
  ({ server, db } = await startInProcess());
  browser = await launchChromium();
  page = await newPage(browser);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByText(/共 \d+ 个指标/).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
});

const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

async function openIndicator(name: string) {
  await page.getByRole('button', { name: '数据', exact: true }).click();
  await page.getByRole('searchbox', { name: '搜索指标名称、代码或别名' }).fill(name);
  await page.getByRole('button', { name: new RegExp(`^${name}\\s`) }).click();
  await page.getByRole('table', { name }).waitFor();
}

describe('flow 1: import a CSV with one bad row, then the fixed file', () => {
  const header = '指标,地区,时间,数值,单位\n';
  const rows = [
    '地区生产总值,嘉鱼县,2021,310.5,亿元',
    '地区生产总值,赤壁市,2021,四百,亿元',
    '地区生产总值,通城县,2021,150.2,亿元',
  ];
  const bad = join(work, '县域生产总值.csv');

  it('names the bad row and changes nothing', async () => {
    writeFileSync(bad, header + rows.join('\n') + '\n');
    const before = count('SELECT COUNT(*) AS n FROM observations');
    await openIndicator('地区生产总值');
    await page.getByRole('button', { name: '导入…' }).click();
    await page.getByLabel('选择文件').setInputFiles(bad);
    const errors = page.locator('.import-errors');
    await errors.waitFor();
    await expect.poll(() => errors.textContent()).toMatch(/第3行「数值」列/);
    expect(await errors.textContent()).toMatch(/未导入任何数据/);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, 'flow1-import-error');
    expect(count('SELECT COUNT(*) AS n FROM observations')).toBe(before);
    await page.getByRole('button', { name: '取消' }).click();
    // The grid has no 2021 column: nothing was written.
    expect(await page.getByRole('columnheader', { name: '2021' }).count()).toBe(0);
  });

  it('imports the fixed file after a preview, and the values appear in the grid', async () => {
    writeFileSync(bad, header + rows.map((r) => r.replace('四百', '400.8')).join('\n') + '\n');
    await page.getByRole('button', { name: '导入…' }).click();
    await page.getByLabel('选择文件').setInputFiles(bad);
    await expect.poll(() => page.locator('.import-preview').textContent()).toMatch(/新增 3 条数据/);
    await shot(page, 'flow1-import-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.locator('.import-preview').textContent()).toMatch(/导入完成：新增 3 条/);
    await page.getByRole('button', { name: '关闭', exact: true }).last().click();
    const grid = page.getByRole('table', { name: '地区生产总值' });
    await expect.poll(() => grid.getByRole('columnheader', { name: '2021' }).count()).toBe(1);
    await expect.poll(() => grid.getByRole('cell', { name: '赤壁市 2021' }).textContent()).toBe('400.8');
    expect(await grid.getByRole('cell', { name: '嘉鱼县 2021' }).textContent()).toBe('310.5');
    await shot(page, 'flow1-grid-after-import');
  });
});

describe('flow 2: a value changed in the grid shows as stale in the briefing and updates with one click', () => {
  it('creates a 政府工作报告解读 briefing with data-bound chips', async () => {
    await page.getByRole('button', { name: '文档', exact: true }).click();
    await page.getByRole('button', { name: '新建简报' }).click();
    await page
      .getByRole('dialog', { name: '新建简报' })
      .getByText('政府工作报告解读', { exact: true })
      .click();
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('.doc-body .chip', { hasText: '增长16.4%' }).waitFor();
    await expect.poll(() => page.locator('.save-status').textContent()).toMatch(/已保存/);
    await shot(page, 'flow2-briefing');
  });

  it('edits the value in the grid (a revision), and undo/redo are revisions too', async () => {
    await openIndicator('各项贷款同比增速');
    const cell = page.getByRole('cell', { name: '咸宁市 2020' });
    await cell.dblclick();
    const input = page.getByRole('textbox', { name: '编辑 咸宁市 2020' });
    await input.fill('17.2');
    await input.press('Enter');
    await expect.poll(() => cell.textContent()).toBe('17.2');
    await expect.poll(() => page.locator('.revisions li').count()).toBe(1);
    // Undo writes 16.4 back, redo 17.2 again: three revisions, nothing erased.
    await page.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(() => cell.textContent()).toBe('16.4');
    await page.getByRole('button', { name: /重做/ }).click();
    await expect.poll(() => cell.textContent()).toBe('17.2');
    await cell.click();
    await expect.poll(() => page.locator('.revisions li').count()).toBe(3);
    await shot(page, 'flow2-grid-history');
  });

  it('marks the chip stale, explains it on hover and updates it on click', async () => {
    await page.getByRole('button', { name: '文档', exact: true }).click();
    const chip = page.locator('.doc-body .chip.stale');
    await expect.poll(() => chip.count()).toBe(1);
    expect(await chip.textContent()).toBe('增长16.4%');
    await expect.poll(() => page.locator('.stale-note').textContent()).toMatch(/1 处数值已过期/);
    await chip.hover();
    const card = page.getByRole('tooltip');
    await expect.poll(() => card.textContent()).toMatch(/各项贷款同比增速/);
    const text = await card.textContent();
    expect(text).toMatch(/咸宁市/);
    expect(text).toMatch(/2020/);
    expect(text).toMatch(/%/);
    expect(text).toMatch(/咸宁日报/);
    expect(text).toMatch(/16\.4% → 17\.2%（第 3 次修订）/);
    expect(text).toMatch(/单击数值即可更新为：增长17\.2%/);
    await shot(page, 'flow2-stale-hover');
    await chip.click();
    await expect.poll(() => page.locator('.doc-body .chip', { hasText: '增长17.2%' }).count()).toBe(1);
    expect(await page.locator('.doc-body .chip.stale').count()).toBe(0);
    await page.mouse.move(5, 5);
    await expect
      .poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 })
      .toMatch(/已保存/);
    await shot(page, 'flow2-updated');
    const saved = db.prepare('SELECT json FROM documents ORDER BY id DESC LIMIT 1').get() as { json: string };
    expect(saved.json).toContain('增长17.2%');
    expect(saved.json).not.toContain('增长16.4%');
  });
});

describe('flow 3: insert a figure, export, find it in a valid .docx', () => {
  it('builds a ranking figure with a live preview and inserts it', async () => {
    await page.locator('.doc-body .heading', { hasText: '深入推进改革开放创新' }).click();
    await page.keyboard.press('End');
    await page.getByRole('button', { name: '插入图表' }).click();
    const dialog = page.getByRole('dialog', { name: '插入图表' });
    await dialog.getByLabel('图表类型').selectOption('ranking');
    await dialog.getByRole('searchbox').fill('规上工业企业数');
    await dialog
      .getByRole('option')
      .getByRole('button', { name: /^规上工业企业数/ })
      .click();
    for (const r of ['黄冈市', '荆州市'])
      await dialog.getByRole('checkbox', { name: r, exact: true }).check();
    await dialog.getByRole('checkbox', { name: '2019', exact: true }).check();
    await dialog.getByRole('checkbox', { name: '2020', exact: true }).uncheck();
    await dialog.getByLabel('图题').fill('咸宁与周边市规上工业企业数');
    await expect.poll(() => dialog.locator('.chart-preview svg').count()).toBe(1);
    await expect.poll(() => dialog.locator('.chart-preview svg').textContent()).toMatch(/黄冈市/);
    await shot(page, 'flow3-figure-builder');
    await dialog.getByRole('button', { name: '插入图表' }).click();
    const fig = page.locator('.doc-body figure.figure', { hasText: '咸宁与周边市规上工业企业数' });
    await fig.waitFor();
    await expect.poll(() => fig.locator('svg').count()).toBe(1);
    await expect
      .poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 })
      .toMatch(/已保存/);
    await fig.scrollIntoViewIfNeeded();
    await shot(page, 'flow3-figure-in-document');
  });

  it('checks before export, exports with progress and downloads a .docx holding the figure', async () => {
    await page.getByRole('button', { name: '导出…' }).click();
    await expect
      .poll(() => page.locator('.preflight').textContent(), { timeout: 20_000 })
      .toMatch(/本机未安装字体|检查通过/);
    await shot(page, 'flow3-preflight');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('.export button.primary').click(),
    ]);
    expect(download.suggestedFilename()).toBe('政府工作报告解读（2020）.docx');
    const file = join(shots, 'flow3.docx');
    await download.saveAs(file);
    await expect.poll(() => page.locator('.export .result').textContent()).toMatch(/已生成/);
    await shot(page, 'flow3-exported');
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    const xml = strFromU8(zip['word/document.xml']);
    expect(xml).toContain('咸宁与周边市规上工业企业数');
    expect(xml).toContain('增长17.2%');
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    // Three figures now (the template's two and ours), each an SVG with a PNG fallback.
    expect(media.filter((k) => k.endsWith('.svg')).length).toBe(3);
    const svgs = media.filter((k) => k.endsWith('.svg')).map((k) => strFromU8(zip[k]));
    expect(svgs.some((s) => s.includes('黄冈市') && s.includes('荆州市'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

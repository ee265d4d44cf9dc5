// 导入报告 (issue 8) in Debian's Chromium against browser mode: seed 003's text pasted, its figures
// highlighted, one rejected, one edited, the rest of the year-stated ones accepted in bulk, committed;
// the figures are in the database with the report as source and their exact words (the 数据 screen
// shows them), and the report opens in the editor with the figures as chips. Then a .txt opened through
// the file picker (readReport) whose figure revises a stored value, and the commit report says so.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connection';
import { createService } from '../../src/core/service';
import type { RunningServer } from '../../src/server/server';
import { launchChromium, newPage, shot, startInProcess } from './harness';

const seedDir = join('tests', 'fixtures', 'seeds');
const seed003 = readFileSync(
  join(
    seedDir,
    readdirSync(seedDir).find((f) => f.startsWith('003_'))!,
  ),
  'utf8',
);

let server: RunningServer;
let db: Db;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'brief-e2e-report-'));

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

const observation = (sourceText: string) =>
  db
    .prepare(
      `SELECT i.name AS indicator, r.name AS region, o.value, o.unit, s.name AS source, o.source_text AS words
         FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN regions r ON r.id = o.region_id
         LEFT JOIN sources s ON s.id = o.source_id WHERE o.source_text = ?`,
    )
    .get(sourceText) as
    | { indicator: string; region: string; value: number; unit: string; source: string; words: string }
    | undefined;

const item = (words: string) =>
  page.locator('.cand-list > li', { has: page.getByRole('button', { name: words, exact: true }) });
const counts = () => page.locator('.report-counts').textContent();

describe('导入报告: seed 003 pasted, reviewed and committed', () => {
  let expected = 0;

  it('highlights every candidate the extractor finds in the pasted text', async () => {
    expected = (await createService(db).extractText({ text: seed003 })).candidates.length;
    expect(expected).toBeGreaterThan(20);
    await page.getByRole('button', { name: '导入报告', exact: true }).click();
    await page.getByLabel('来源文件名').fill('咸宁市扶贫开发工作.txt');
    await page.getByLabel('报告文字').fill(seed003);
    await page.getByRole('button', { name: '识别数字' }).click();
    const marks = page.locator('.report-text mark.cand');
    await expect.poll(() => marks.count()).toBe(expected);
    // The highlighted words are exactly the text at the API's offsets.
    expect(await marks.first().textContent()).toBe('3200亩有机茶基地');
    expect(await page.locator('.report-text').textContent()).toBe(seed003);
    expect(await counts()).toBe(`已接受 0 · 已拒绝 0 · 未定 ${expected}`);
    // Colour by confidence: seed 003's figures are all new indicators, 中 (year stated) or 低.
    expect(await page.locator('.report-text mark.level-medium').count()).toBeGreaterThan(10);
    expect(await page.locator('.report-text mark.level-low').count()).toBeGreaterThan(10);
    await shot(page, 'report1-highlights');
  });

  it('accepts the 中 and above in bulk, rejects one and edits one', async () => {
    await page.getByRole('combobox', { name: '置信度' }).selectOption('medium');
    const bulk = page.getByRole('button', { name: /^接受全部中高置信度（\d+）$/ });
    const medium = Number(/（(\d+)）/.exec((await bulk.textContent())!)![1]);
    expect(medium).toBeGreaterThan(10);
    await bulk.click();
    await expect.poll(counts).toBe(`已接受 ${medium} · 已拒绝 0 · 未定 ${expected - medium}`);

    // Reject one: 62个扶贫贴息项目.
    const rejected = item('62个扶贫贴息项目');
    await rejected.getByRole('button', { name: '拒绝' }).click();
    expect(await rejected.getByRole('button', { name: '拒绝' }).getAttribute('aria-pressed')).toBe('true');
    expect(
      await page.locator('.report-text mark', { hasText: '62个扶贫贴息项目' }).getAttribute('class'),
    ).toMatch(/verdict-reject/);

    // Edit one, chosen in the text: 减贫30010人 (低, undecided) becomes the new indicator 减贫人口.
    await page.locator('.report-text mark', { hasText: '减贫30010人' }).click();
    const edited = item('减贫30010人');
    const form = edited.getByRole('group', { name: '原文「减贫30010人」' });
    await form.waitFor();
    expect(await form.getByLabel('新建指标').isChecked()).toBe(true);
    await form.getByLabel('指标', { exact: true }).fill('减贫人口');
    expect(await form.getByLabel('单位（新指标）').inputValue()).toBe('人');
    expect(await form.getByLabel('地区').inputValue()).toBe('咸宁市');
    expect(await form.getByLabel('时间').inputValue()).toBe('2014');
    // Editing keeps the figure: it is accepted.
    expect(await edited.getByRole('button', { name: '接受' }).getAttribute('aria-pressed')).toBe('true');
    expect(await edited.textContent()).toMatch(/已修改/);
    await expect.poll(counts).toBe(`已接受 ${medium} · 已拒绝 1 · 未定 ${expected - medium - 1}`);
    await shot(page, 'report2-review');
  });

  it('commits: the document opens in the editor with the figures as chips, and the report is shown', async () => {
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const chips = page.locator('.doc-body .chip');
    await chips.first().waitFor({ timeout: 20_000 });
    const banner = page.locator('.imported-banner');
    await expect
      .poll(() => banner.textContent())
      .toMatch(/已导入「.+」：新增 \d+ 条，修订 0 条，不变 0 条；新建指标 \d+ 个/);
    expect(await page.locator('.doc-body .chip', { hasText: '30010' }).count()).toBe(1);
    expect(await chips.count()).toBeGreaterThan(10);
    await banner.getByRole('button', { name: '查看报告' }).click();
    await expect.poll(() => banner.textContent()).toMatch(/减贫人口（人）/);
    await shot(page, 'report3-editor-report');
    await banner.getByRole('button', { name: '查看报告' }).click();
    await page.locator('.doc-body .chip', { hasText: '30010' }).scrollIntoViewIfNeeded();
    await shot(page, 'report3-editor-chips');

    // The database: the edited figure under its new indicator with the report's exact words; the
    // rejected one not at all.
    expect(observation('减贫30010人')).toMatchObject({
      indicator: '减贫人口',
      region: '咸宁市',
      value: 30010,
      unit: '人',
    });
    expect(observation('减贫30010人')!.source).toContain('扶贫');
    expect(observation('62个扶贫贴息项目')).toBeUndefined();
    expect(observation('计划拨付贴息资金881.47万元')).toMatchObject({ value: 881.47, unit: '万元' });
  });

  it('the 数据 screen shows an accepted figure with its source words', async () => {
    await page.getByRole('button', { name: '数据', exact: true }).click();
    await page.getByRole('searchbox', { name: '搜索指标名称、代码或别名' }).fill('减贫人口');
    await page.getByRole('button', { name: /^减贫人口\s/ }).click();
    const grid = page.getByRole('table', { name: '减贫人口' });
    await grid.waitFor();
    const cell = grid.getByRole('cell', { name: '咸宁市 2014' });
    await expect.poll(() => cell.textContent()).toBe('30010');
    await cell.click();
    const history = page.locator('.history');
    await expect.poll(() => history.locator('dd.quote').textContent()).toBe('减贫30010人');
    expect(await history.textContent()).toMatch(/扶贫/);
    await shot(page, 'report4-data-source-words');
  });
});

describe('导入报告: a .txt opened through the file picker revises a stored figure', () => {
  it('reads the file, accepts the 高 figure, and the commit report shows the revision', async () => {
    const file = join(work, '2019年经济运行.txt');
    writeFileSync(file, '咸宁市2019年经济运行情况\n\n2019年，全市地区生产总值1600.5亿元，比上年增长7.8%。\n');
    await page.getByRole('button', { name: '导入报告', exact: true }).click();
    await page.getByRole('button', { name: '再导入一份' }).click();
    await page.getByLabel('选择报告文件').setInputFiles(file);
    await page.locator('.report-text mark.cand').first().waitFor();
    expect(await page.locator('.report-text mark.level-high').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: /^接受全部高置信度（\d+）$/ }).click();
    // Keep only the level itself: the growth rate is left undecided.
    const growth = item('比上年增长7.8%');
    if ((await growth.getByRole('button', { name: '接受' }).getAttribute('aria-pressed')) === 'true')
      await growth.getByRole('button', { name: '接受' }).click();

    // A decision the core refuses (no period): every problem is listed at its words, nothing is written.
    const gdp = item('地区生产总值1600.5亿元');
    await gdp.getByRole('button', { name: '地区生产总值1600.5亿元', exact: true }).click();
    await gdp.getByLabel('时间').fill('');
    const before = db.prepare('SELECT COUNT(*) AS n FROM revisions').get() as { n: number };
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const issues = page.locator('.report-issues');
    await expect.poll(() => issues.textContent()).toMatch(/有 1 处问题，没有写入任何数据/);
    expect(await issues.textContent()).toMatch(/「地区生产总值1600\.5亿元」：没有时间/);
    expect(await gdp.getAttribute('class')).toMatch(/has-problem/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM revisions').get()).toEqual(before);
    await shot(page, 'report5-refused');
    await gdp.getByRole('button', { name: '恢复识别结果' }).click();
    expect(await gdp.getByLabel('时间').inputValue()).toBe('2019');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const banner = page.locator('.imported-banner');
    await expect.poll(() => banner.textContent()).toMatch(/修订 1 条/);
    await banner.getByRole('button', { name: '查看报告' }).click();
    await expect.poll(() => banner.textContent()).toMatch(/1594\.98/);
    await page.locator('.doc-body .chip', { hasText: '1600.5' }).waitFor();
    await shot(page, 'report6-revision');
    expect(observation('地区生产总值1600.5亿元')).toMatchObject({ indicator: '地区生产总值', value: 1600.5 });
    expect(pageErrors).toEqual([]);
  });
});

describe('the desktop menu’s commands reach the screens (briefShell faked in the page)', () => {
  let menuPage: Page;
  const send = (event: unknown) =>
    menuPage.evaluate((e) => (globalThis as unknown as { __menu: (e: unknown) => void }).__menu(e), event);

  beforeAll(async () => {
    menuPage = await newPage(browser);
    menuPage.on('pageerror', (e) => pageErrors.push(e.message));
    // What src/preload exposes in Electron: one subscription; the test keeps the listener to call it.
    await menuPage.addInitScript(() => {
      const w = globalThis as unknown as { briefShell: unknown; __menu: (e: unknown) => void };
      w.briefShell = Object.freeze({
        onMenu(listener: (e: unknown) => void) {
          w.__menu = listener;
          return () => undefined;
        },
      });
    });
    await menuPage.goto(server.url);
    await menuPage.getByText(/共 \d+ 个指标/).waitFor();
  });

  it('打开… with a report opens 导入报告 with its text read and its figures highlighted', async () => {
    const text = '2019年，全市地区生产总值1594.98亿元。';
    await send({
      command: 'open',
      file: { name: '菜单打开.txt', base64: Buffer.from(text).toString('base64') },
    });
    await menuPage.locator('.report-text mark.cand').first().waitFor();
    expect(await menuPage.locator('.report-text').textContent()).toBe(text);
    expect(
      await menuPage.getByRole('button', { name: '导入报告', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
  });

  it('打开… with a .csv opens the data import wizard with the file checked', async () => {
    const csv = '指标,地区,时间,数值,单位\n地区生产总值,嘉鱼县,2022,320.5,亿元\n';
    await send({
      command: 'open',
      file: { name: '菜单数据.csv', base64: Buffer.from(csv).toString('base64') },
    });
    const dialog = menuPage.getByRole('dialog', { name: '导入数据' });
    await expect.poll(() => dialog.locator('.import-preview').textContent()).toMatch(/新增 1 条数据/);
    await dialog.getByRole('button', { name: '取消' }).click();
  });

  it('新建 opens the new-briefing dialog; 视图 commands switch screens', async () => {
    await send({ command: 'new' });
    await menuPage.getByRole('dialog', { name: '新建简报' }).waitFor();
    await menuPage.keyboard.press('Escape');
    await send({ command: 'go-export' });
    await menuPage.getByRole('heading', { name: '导出简报' }).waitFor();
    await send({ command: 'go-data' });
    await menuPage.getByRole('heading', { name: '数据' }).waitFor();
    // 导出 with no document open goes to the export screen.
    await send({ command: 'export' });
    await menuPage.getByRole('heading', { name: '导出简报' }).waitFor();
    await shot(menuPage, 'report7-menu-export');
    expect(pageErrors).toEqual([]);
  });
});

// Flow 4 of issue 7: the server is killed (kill -9) while a document has unsaved edits; after a
// restart on the same database (and port), reopening the app offers the edits back.
// Runs the real CLI (`node bin/brief.js serve`), so the CLI bundle must be built (npm run build).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, shot } from './harness';

const cli = resolve('bin/brief.js');
const dbPath = join(mkdtempSync(join(tmpdir(), 'brief-recover-')), 'brief.db');
const MARK = '（这句话在服务中断前输入，尚未保存）';
let port = 0;
let child: ChildProcess | null = null;
let browser: Browser;
let page: Page;

/**
 * Starts `brief serve` and resolves with the URL it prints first. The first start takes a port the
 * system chooses (port 0: no collision with another run); the restart asks for that same port again,
 * since the journal lives in the origin's localStorage.
 */
function serve(): Promise<string> {
  const proc = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('brief serve 未在 10 秒内给出网址')), 10_000);
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const url = line.trim();
      port = Number(new URL(url).port);
      res(url);
    });
    proc.once('exit', (code) => rej(new Error(`brief serve 退出（${code}）`)));
  });
}

function kill9(): Promise<void> {
  const proc = child;
  child = null;
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    proc.once('exit', () => res());
    proc.kill('SIGKILL');
  });
}

function storedJson(): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT json FROM documents ORDER BY id DESC LIMIT 1').get() as { json: string }).json;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  if (!existsSync(resolve('out/cli/brief.js'))) throw new Error('命令行未构建：先运行 npm run build');
  browser = await launchChromium();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await kill9();
});

describe('flow 4: unsaved edits survive a killed server', () => {
  it('journals edits the server never acknowledged, and offers them back after a restart', async () => {
    await page.goto(await serve());
    await page.getByRole('button', { name: '文档', exact: true }).click();
    await page.getByRole('button', { name: '新建简报' }).click();
    await page
      .getByRole('dialog', { name: '新建简报' })
      .getByText('政府工作报告解读', { exact: true })
      .click();
    await page.getByRole('button', { name: '创建' }).click();
    const para = page.locator('.doc-body p', { hasText: '2020年是咸宁发展历史上' });
    await para.waitFor();
    await expect.poll(() => page.locator('.save-status').textContent()).toMatch(/已保存/);

    // Type, let the local journal catch it (0.3 s), and kill the server before the autosave (1.2 s).
    await para.click();
    await page.keyboard.press('End');
    await page.keyboard.type(MARK);
    // Wait for the journal itself rather than a fixed time, so a loaded machine neither kills too early
    // (nothing journaled yet) nor, by waiting longer than needed, lets the autosave win the race.
    const journal =
      "Object.keys(localStorage).filter((k) => k.startsWith('brief-journal:')).map((k) => localStorage.getItem(k)).join('')";
    await expect.poll(() => page.evaluate(journal), { timeout: 5_000, interval: 50 }).toContain(MARK);
    await kill9();
    await expect
      .poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 })
      .toMatch(/未能保存/);
    await shot(page, 'flow4-server-killed');
    expect(storedJson()).not.toContain(MARK);

    // Restart on the same database and port; open the new URL (a new token) as a user would.
    await page.goto(await serve());
    const banner = page.getByRole('alert', { name: '发现未保存的修改' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/政府工作报告解读/);
    await shot(page, 'flow4-offered-back');
    await banner.getByRole('button', { name: '恢复修改' }).click();
    await expect.poll(() => page.locator('.doc-body').textContent()).toContain(MARK);
    await expect
      .poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 })
      .toMatch(/已保存/);
    await shot(page, 'flow4-restored');
    expect(storedJson()).toContain(MARK);

    // Recovered and saved: the offer does not come back.
    await page.reload();
    await page.getByText(/共 \d+ 个指标/).waitFor();
    expect(await page.getByRole('alert', { name: '发现未保存的修改' }).count()).toBe(0);
  });
});

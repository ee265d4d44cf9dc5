// Shared by the browser suites and the UI benchmark: Debian's Chromium, a browser-mode server.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore } from '../../src/core/db/store';
import { createService } from '../../src/core/service';
import { startServer, type RunningServer } from '../../src/server/server';
import type { Db } from '../../src/core/db/connection';

export const rendererDir = resolve('out/renderer');
export const shots = resolve('test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function startInProcess(path = ':memory:'): Promise<{ server: RunningServer; db: Db }> {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('界面未构建：先运行 npx electron-vite build');
  mkdirSync(shots, { recursive: true });
  const { db } = openStore(path);
  const server = await startServer({ handlers: createService(db), rendererDir });
  return { server, db };
}

export async function newPage(browser: Browser): Promise<Page> {
  return browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(shots, `${name}.png`) });
}

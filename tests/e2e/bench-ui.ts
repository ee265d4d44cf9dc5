// UI speed in browser mode, measured in Debian's Chromium (issue 7):
//  - first screen usable: navigation start → the catalogue listed (the app marks 'brief:first-screen'),
//    fresh browser context each run (empty cache), median of several runs;
//  - typing in a ~100-page briefing: key event → the next paint after it (the keydown's timestamp to a
//    timeout queued from the following requestAnimationFrame, i.e. after that frame painted), with the
//    page preview open, cross-checked with the Event Timing API's durations.
// Run directly: npx tsx tests/e2e/bench-ui.ts (needs `npx electron-vite build` first).
import type { Browser } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import type { Block, BriefDocument } from '../../src/core/doc/model';
import { templateDocument } from '../../src/core/documents';
import { createService } from '../../src/core/service';
import { launchChromium, startInProcess } from './harness';

export interface UiBench {
  firstScreenMs: { median: number; runs: number[] };
  typing: {
    pages: number;
    blocks: number;
    keys: number;
    delayMs: number;
    p50: number;
    p95: number;
    max: number;
    eventTimingP95: number | null;
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Runs in the page (a string: this file is type-checked for Node, without the DOM). Per key: from the
 * keydown's timestamp to a timeout queued in the next animation frame, which runs after that frame
 * is painted; and the Event Timing API's durations of keydowns slower than 16 ms.
 */
const IN_PAGE_PROBE = `
  window.__lat = [];
  window.__evt = [];
  document.addEventListener('keydown', (e) => {
    const start = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - start), 0));
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'keydown') window.__evt.push(entry.duration);
    }).observe({ type: 'event', buffered: false, durationThreshold: 16 });
  } catch {}
`;

/** ~100 pages of real briefing text: the four templates' documents, repeated. */
function bigDocument(docs: BriefDocument[], count: number): BriefDocument {
  const blocks: Block[] = [];
  for (let i = 0; i < count; i++)
    blocks.push(...docs[i % docs.length].blocks.filter((b) => b.type !== 'cover' && b.type !== 'toc'));
  return { meta: { ...docs[0].meta, title: '百页简报（基准测试）' }, blocks };
}

export async function benchUi(
  options: { runs?: number; keys?: number; delayMs?: number; documents?: number } = {},
): Promise<UiBench> {
  const runs = options.runs ?? 5;
  const keys = options.keys ?? 200;
  const delayMs = options.delayMs ?? 80;
  const { server, db } = await startInProcess();
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    // Warm the browser binary and the server once; the measured runs each use a fresh context.
    {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      await p.goto(server.url);
      await p.getByText(/共 \d+ 个指标/).waitFor();
      await ctx.close();
    }
    const first: number[] = [];
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const p = await ctx.newPage();
      await p.goto(server.url);
      await p.waitForFunction(() => performance.getEntriesByName('brief:first-screen').length > 0, null, {
        timeout: 10_000,
      });
      first.push(await p.evaluate(() => performance.getEntriesByName('brief:first-screen')[0].startTime));
      await ctx.close();
    }

    // A ~100-page briefing, stored as the app stores documents.
    const service = createService(db);
    const docs = ['调研报告', '专题报道', '政府工作报告解读', '规划纲要'].map((t) => templateDocument(db, t));
    // 13 template documents one after another lay out on about 100 pages.
    const doc = bigDocument(docs, options.documents ?? 13);
    const created = service.createDocument({ template: '政府工作报告解读', title: doc.meta.title });
    service.saveDocument({ id: created.id, doc, baseVersion: created.version, force: true });

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByText(/共 \d+ 个指标/).waitFor();
    if (process.env.BENCH_UI_NO_PREVIEW) await page.evaluate("localStorage.setItem('brief-preview', 'off')");
    await page.getByRole('button', { name: '文档', exact: true }).click();
    await page.getByRole('button', { name: doc.meta.title }).first().click();
    await page.locator('.doc-body').waitFor();
    let pages = 0;
    if (!process.env.BENCH_UI_NO_PREVIEW) {
      await page.locator('.preview-head', { hasText: /共 \d+ 页/ }).waitFor({ timeout: 60_000 });
      pages = Number((await page.locator('.preview-head').textContent())?.match(/共 (\d+) 页/)?.[1] ?? 0);
    }

    // A paragraph in the middle of the document.
    const paras = page.locator('.doc-body > p');
    const n = await paras.count();
    const target = paras.nth(Math.floor(n / 2));
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.keyboard.press('End');
    // Let the opening work settle (figures in view drawn, values checked, preview laid out), as a person
    // reading before typing would.
    await page.waitForTimeout(2000);
    await page.evaluate(IN_PAGE_PROBE);
    const text = 'abcdefghij klmnopqrst 0123456789 '.repeat(Math.ceil(keys / 33)).slice(0, keys);
    await page.keyboard.type(text, { delay: delayMs });
    await page.waitForTimeout(300);
    const { lat, evt } = (await page.evaluate('({ lat: window.__lat, evt: window.__evt })')) as {
      lat: number[];
      evt: number[];
    };
    await ctx.close();
    if (process.env.BENCH_UI_TRACE) console.error(JSON.stringify(lat.map(r1)));
    return {
      firstScreenMs: { median: r1(quantile(first, 0.5)), runs: first.map(r1) },
      typing: {
        pages,
        blocks: doc.blocks.length,
        keys: lat.length,
        delayMs,
        p50: r1(quantile(lat, 0.5)),
        p95: r1(quantile(lat, 0.95)),
        max: r1(Math.max(...lat)),
        // Event Timing reports only events slower than 16 ms; none means all were faster.
        eventTimingP95: evt.length ? r1(quantile(evt, 0.95)) : null,
      },
    };
  } finally {
    await browser?.close();
    await server.close();
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchUi();
  console.log(JSON.stringify(r, null, 2));
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearFigureCache, renderFigures } from './figures';
import { renderFigure } from './render';
import { SAMPLE_SPECS } from './samples';
import type { ChartSpec } from './spec';

const specs: ChartSpec[] = Object.values(SAMPLE_SPECS);

/** ECharts numbers its ids and CSS classes per process (zr7-cls-32, zr7-c0): rename them in order. */
function canonical(svg: Buffer): string {
  const names = new Map<string, string>();
  return svg
    .toString('utf8')
    .replace(/zr\d+-cls-\d+/g, (m) => {
      if (!names.has(m)) names.set(m, `cls${names.size}`);
      return names.get(m)!;
    })
    .replace(/zr\d+-/g, 'zr-');
}
const worker = resolve('out/cli/chart-worker.js');

describe('renderFigures', () => {
  it('draws in worker threads exactly what this thread draws, in document order', async () => {
    if (!existsSync(worker))
      throw new Error('先运行 node scripts/build-cli.mjs：需要构建好的 chart-worker.js');
    clearFigureCache();
    const { figures, cached } = await renderFigures(specs, { workers: 2, workerPath: worker });
    expect(cached).toBe(0);
    expect(figures).toHaveLength(specs.length);
    specs.forEach((spec, i) => {
      const alone = renderFigure(spec);
      expect(canonical(figures[i].svg), `figure ${i} (${spec.type})`).toBe(canonical(alone.svg));
      expect(figures[i].widthMm).toBe(alone.widthMm);
    });
  });

  it('reuses unchanged figures by content hash, and redraws a changed one', async () => {
    clearFigureCache();
    await renderFigures(specs.slice(0, 3));
    const changed = {
      ...specs[1],
      title: specs[1].title + '（修订）',
      categories: [...specs[1].categories].reverse(),
    };
    const again = await renderFigures([specs[0], changed, specs[2]]);
    expect(again.cached).toBe(2);
  });
});

/**
 * Issue 6's export benchmark: the 规划纲要 at the seed's scale (13 章, 55 节, 10 专栏, the indicators
 * table, 20 figures) exported cold (no figure cache) and warm, with peak memory, side by side with
 * pandoc turning the same text and the same pre-rendered images into a .docx.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearFigureCache, renderFigures } from '../../src/core/chart/figures';
import { figuresOf } from '../../src/core/briefing';
import type { Block, Inline } from '../../src/core/doc/model';
import { buildDocx } from '../../src/core/export/docx';
import { seedScalePlan } from './plan-document';

const text = (runs: Inline[]) => runs.map((r) => r.text).join('');

function markdownOf(blocks: Block[], images: string[]): string {
  let fig = 0;
  const out: string[] = [];
  const walk = (list: Block[]) => {
    for (const b of list) {
      if (b.type === 'heading')
        out.push(
          `${b.kind === 'chapter' ? '#' : b.kind === 'section' ? '##' : '###'} ${b.label ?? ''}${b.text.replace(/\n/g, ' ')}`,
        );
      else if (b.type === 'paragraph') out.push(text(b.runs));
      else if (b.type === 'figure') out.push(`![${b.caption}](${images[fig++]}){width=150mm}`);
      else if (b.type === 'box') {
        out.push(`**${b.title}**`);
        walk(b.blocks);
      } else if (b.type === 'table') {
        out.push(b.rows.map((r) => `| ${r.map((c) => text(c.runs)).join(' | ')} |`).join('\n'));
      }
    }
  };
  walk(blocks);
  return out.join('\n\n');
}

export async function benchExport(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'brief-bench-export-'));
  try {
    const doc = seedScalePlan(20);
    const specs = figuresOf(doc.blocks).map((f) => f.chart);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const exportOnce = async () => {
      const t0 = performance.now();
      const { figures } = await renderFigures(specs);
      const docx = await buildDocx(doc, { figures, template: '规划纲要' });
      return { ms: performance.now() - t0, docx, figures };
    };
    clearFigureCache();
    const cold = await exportOnce();
    const warm = await exportOnce();
    clearInterval(sampler);

    // pandoc: same text, the same images already rendered (its best case: no charts to draw).
    const images = cold.figures.map((f, i) => {
      const file = join(dir, `fig${i}.png`);
      writeFileSync(file, f.png);
      return file;
    });
    const md = join(dir, 'plan.md');
    writeFileSync(md, markdownOf(doc.blocks, images));
    let pandocMs: number | string = '未安装 pandoc（apt-get install pandoc）';
    try {
      const t0 = performance.now();
      execFileSync('pandoc', [md, '-o', join(dir, 'pandoc.docx')], { stdio: 'pipe' });
      pandocMs = performance.now() - t0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return {
      'export.planSeedScale.coldMs': Math.round(cold.ms),
      'export.planSeedScale.warmMs': Math.round(warm.ms),
      'export.planSeedScale.peakRssMB': Math.round(peak / 1048576),
      'export.planSeedScale.docxKB': Math.round(cold.docx.length / 1024),
      'export.pandocSameTextMs': typeof pandocMs === 'number' ? Math.round(pandocMs) : pandocMs,
      'export.warmVsPandoc': typeof pandocMs === 'number' ? +(warm.ms / pandocMs).toFixed(2) : '—',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

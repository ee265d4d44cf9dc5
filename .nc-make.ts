import { writeFileSync } from 'node:fs';
import { SAMPLE_SPECS } from './src/core/chart/samples';
import { renderDocument } from './src/core/briefing';
import type { Block, BriefDocument } from './src/core/doc/model';
const blocks: Block[] = [{ type: 'title', text: '图表样张' }];
for (const spec of Object.values(SAMPLE_SPECS)) {
  blocks.push({ type: 'paragraph', runs: [{ type: 'text', text: `${spec.type}：正文一段。` }] });
  blocks.push({ type: 'figure', chart: spec, caption: spec.title.replace(/^图\d+\s*/, '') });
}
const doc: BriefDocument = { meta: { title: '图表样张', author: '咸宁市统计局', date: '2026-05-08', template: '调研报告', period: '2025年' }, blocks };
for (const mode of process.argv.slice(2) as ('native' | 'image')[]) {
  const r = await renderDocument(doc, { charts: mode });
  writeFileSync(`/tmp/nc/${mode}.docx`, r.docx);
  console.log(mode, r.docx.length);
}

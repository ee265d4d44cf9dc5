/**
 * A 规划纲要 at the scale of the source report (seed 004: 13 章, 55 节, 156 一、 items, 10 专栏,
 * the indicators table, about 64,000 characters) with 20 figures, for the export benchmark.
 * Text is generated, figures vary so that no two share a content hash.
 */
import { SAMPLE_SPECS } from '../../src/core/chart/samples';
import type { ChartSpec } from '../../src/core/chart/spec';
import type { Block, BriefDocument, TableCell } from '../../src/core/doc/model';
import { numberHeadings } from '../../src/core/doc/numbering';

const SENTENCE =
  '坚持把发展经济的着力点放在实体经济上，加快推进新型工业化，推动传统产业转型升级，培育壮大新兴产业，全市规模以上工业增加值年均增长6.1%。';
const SECTIONS_PER_CHAPTER = [3, 4, 4, 3, 5, 3, 5, 4, 4, 7, 3, 7, 3];

function paragraph(sentences: number): Block {
  return { type: 'paragraph', runs: [{ type: 'text', text: SENTENCE.repeat(sentences) }] };
}

function figure(i: number): Block {
  const types = Object.values(SAMPLE_SPECS);
  const base = types[i % types.length];
  const chart: ChartSpec = {
    ...base,
    series: base.series.map((s) => ({
      ...s,
      values: s.values.map((v) => (v === null ? null : v + i * 0.37)),
    })),
  };
  return { type: 'figure', chart, caption: `${base.title.replace(/^图\d+\s*/, '')}（${i + 1}）` };
}

function indicatorsTable(): Block {
  const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
    runs: [{ type: 'text', text }],
    ...extra,
  });
  const rows: TableCell[][] = [];
  for (let r = 0; r < 21; r++) {
    rows.push([
      ...(r % 4 === 0 ? [cell('经济发展', { rowSpan: 4 })] : []),
      cell(String(r + 1)),
      cell(`主要指标${r + 1}（%）`, { colSpan: 2, align: 'left' }),
      cell((5 + r * 0.37).toFixed(2)),
      cell('完成省下达目标'),
      cell('—'),
      cell(r % 3 === 0 ? '约束性' : '预期性'),
    ]);
  }
  rows.push([cell('—'), cell('—'), cell('—', { colSpan: 2 }), cell('—'), cell('—'), cell('—'), cell('—')]);
  return {
    type: 'table',
    widthsMm: [14, 9, 34, 22, 16, 20, 27, 14],
    header: [
      ['类别', '序号', '指标名称', '2025年', '2030年', '年均/累计', '属性'].map((t, i) =>
        cell(t, i === 2 ? { colSpan: 2 } : {}),
      ),
    ],
    rows,
    notes: [{ type: 'text', text: '注：①带*的为2024年数据。②全社会研发经费投入增速按不变价格计算。' }],
    rules: 'grid',
    compact: true,
  };
}

export function seedScalePlan(figures = 20): BriefDocument {
  const blocks: Block[] = [
    {
      type: 'cover',
      titleLines: ['咸宁市国民经济和社会发展的', '第十五个五年规划纲要'],
      issuer: '咸宁市人民政府',
      date: '二〇二六年五月',
    },
    { type: 'toc', title: '目　录' },
    paragraph(3),
  ];
  let fig = 0;
  let box = 0;
  SECTIONS_PER_CHAPTER.forEach((sections, c) => {
    blocks.push(
      { type: 'heading', kind: 'chapter', text: `加快推动高质量发展\n奋力谱写现代化篇章${c + 1}` },
      paragraph(2),
    );
    for (let s = 0; s < sections; s++) {
      blocks.push({ type: 'heading', kind: 'section', text: `推进重点领域改革${s + 1}` }, paragraph(2));
      for (let item = 0; item < 3; item++)
        blocks.push({ type: 'heading', kind: 'item', text: `完善体制机制${item + 1}` }, paragraph(3));
      if (fig < figures && (c * 7 + s) % 3 === 0) blocks.push(figure(fig++));
    }
    if (box < 10) {
      box++;
      blocks.push({
        type: 'box',
        title: box === 1 ? '“十五五”时期全市经济社会发展主要指标' : `重点工程${box}`,
        blocks: box === 1 ? [indicatorsTable()] : [paragraph(2), paragraph(2), paragraph(2)],
      });
    }
  });
  while (fig < figures) blocks.push(figure(fig++));
  return {
    meta: {
      title: '咸宁市“十五五”规划纲要',
      author: '咸宁市人民政府',
      date: '2026-05-08',
      template: '规划纲要',
      period: '2025',
    },
    blocks: numberHeadings(blocks),
  };
}

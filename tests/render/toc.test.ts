// Issue 6: the table of contents is written with its page numbers, and they are the ones LibreOffice
// computes when it refreshes the field over its own layout of the same file. One LibreOffice run per
// document (laid out as written, then refreshed), for the documents that have a table of contents.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedScalePlan } from '../../scripts/bench/plan-document';
import { renderBriefing, renderDocument, type RenderedBriefing } from '../../src/core/briefing';
import { openStore } from '../../src/core/db/store';
import type { Block, BriefDocument, TableCell } from '../../src/core/doc/model';
import { numberHeadings } from '../../src/core/doc/numbering';
import { paginate, type Pagination } from '../../src/core/export/paginate';
import { figureSizeMm } from '../../src/core/chart/option';
import { SAMPLE_SPECS } from '../../src/core/chart/samples';
import { layoutRefreshed, type PdfPages, type RefreshedLayout } from '../helpers/lo-refresh';

interface Case {
  name: string;
  render: () => Promise<RenderedBriefing>;
}

/** A user template's kind of document: 一、 headings in the contents, tables, a box, figures, a page break. */
function userReport(): BriefDocument {
  const text = (n: number, i: number) =>
    '围绕“十五五”发展目标，全市规模以上工业增加值增长6.1%，固定资产投资增长11.3%，社会消费品零售总额达到980亿元，'
      .repeat(n)
      .slice(0, 40 + ((i * 37) % 160)) + '。';
  const cell = (t: string, extra: Partial<TableCell> = {}): TableCell => ({
    runs: [{ type: 'text', text: t }],
    ...extra,
  });
  const blocks: Block[] = [
    {
      type: 'cover',
      titleLines: ['关于全市工业经济运行情况的', '调研报告'],
      issuer: '咸宁市统计局',
      date: '二〇二六年五月',
    },
    { type: 'toc', title: '目　录' },
    { type: 'title', text: '关于全市工业经济运行情况的调研报告' },
    { type: 'subtitle', text: '——写在“十五五”开局之际' },
  ];
  const types = Object.values(SAMPLE_SPECS);
  for (let h = 0; h < 9; h++) {
    blocks.push({ type: 'heading', kind: 'h1', text: `工业经济运行的第${h + 1}个方面` });
    for (let k = 0; k < 4; k++) {
      blocks.push({ type: 'heading', kind: 'h2', text: `具体表现${k + 1}` });
      blocks.push({ type: 'paragraph', runs: [{ type: 'text', text: text(4, h * 7 + k) }] });
      blocks.push({
        type: 'paragraph',
        lead: '一是产业结构持续优化。',
        runs: [{ type: 'text', text: text(3, h + k) }],
      });
    }
    if (h % 3 === 0)
      blocks.push({
        type: 'figure',
        chart: types[h % types.length]!,
        caption: `工业经济运行情况（${h + 1}）`,
      });
    if (h % 3 === 1)
      blocks.push({
        type: 'table',
        title: `主要指标${h}`,
        widthsMm: [50, 35, 35, 36],
        header: [[cell('指标'), cell('2024年'), cell('2025年'), cell('增长（%）')]],
        rows: Array.from({ length: 6 + h }, (_, r) => [
          cell(r % 2 ? '规模以上工业增加值（亿元）' : '固定资产投资'),
          cell((100 + r * 3.7).toFixed(1)),
          cell((110 + r * 4.1).toFixed(1)),
          cell((6 + r * 0.3).toFixed(1)),
        ]),
        notes: [{ type: 'text', text: '注：增长速度按可比价格计算。' }],
        rules: 'three-line',
      });
    if (h % 3 === 2)
      blocks.push({
        type: 'box',
        title: '重点工程',
        blocks: [
          { type: 'paragraph', lead: '工业技改：', runs: [{ type: 'text', text: text(3, h) }] },
          { type: 'paragraph', lead: '园区建设：', runs: [{ type: 'text', text: text(2, h + 1) }] },
        ],
      });
    if (h === 4) blocks.push({ type: 'pageBreak' });
  }
  return {
    meta: {
      title: '调研报告',
      author: '咸宁市统计局',
      date: '2026-05-08',
      template: '调研报告',
      period: '2025',
    },
    blocks: numberHeadings(blocks),
  };
}

const CASES: Case[] = [
  {
    name: 'seed-scale 规划纲要 (13 章, 55 节, 10 专栏, 20 figures)',
    render: () => renderDocument(seedScalePlan(20)),
  },
  {
    name: '规划纲要 template',
    render: async () => {
      const { db } = openStore(':memory:');
      try {
        return await renderBriefing(db, '规划纲要');
      } finally {
        db.close();
      }
    },
  },
  { name: 'user report with 一、 headings in its contents', render: () => renderDocument(userReport()) },
];

/** The "— N —" page number at the foot of a page, if it has one. */
const footerNumber = (page: string): number | undefined => {
  const m = page.match(/—\s*(\d+)\s*—\s*$/);
  return m ? Number(m[1]) : undefined;
};

/** Body pages (those with a "— N —" footer), by their number. */
function bodyPages(pdf: PdfPages): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of pdf.pageTexts) {
    const n = footerNumber(p);
    if (n !== undefined) out.set(n, p);
  }
  return out;
}

/** The text lines of a page, the footer left out. */
const textLines = (page: string): string[] =>
  page
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => footerNumber(l) === undefined);

for (const c of CASES) {
  describe(`table of contents: ${c.name}`, () => {
    let doc: BriefDocument;
    let layout: RefreshedLayout;
    let pagination: Pagination;

    beforeAll(async () => {
      const r = await c.render();
      doc = r.doc;
      const file = join(mkdtempSync(join(tmpdir(), 'brief-toc-')), 'doc.docx');
      writeFileSync(file, r.docx);
      layout = layoutRefreshed(file);
      pagination = paginate(doc, { figureSize: (f) => figureSizeMm(f.chart) });
    }, 300_000);

    it('has one table of contents, with an entry for every heading of level 1–2', () => {
      expect(layout.tocs).toHaveLength(1);
      const { written, refreshed } = layout.tocs[0]!;
      expect(written.length).toBeGreaterThan(3);
      expect(written.map((e) => e.title)).toEqual(refreshed.map((e) => e.title));
    });

    it('is written with page numbers, and each is the one LibreOffice computes when it refreshes', () => {
      const { written, refreshed } = layout.tocs[0]!;
      for (const e of written) expect(e.page, e.title).toMatch(/^\d+$/);
      const diff = written.flatMap((e, i) =>
        e.page === refreshed[i]!.page
          ? []
          : [`${e.title}: written ${e.page}, LibreOffice ${refreshed[i]!.page}`],
      );
      expect(diff).toEqual([]);
    });

    it('shows the numbers on the TOC pages before any refresh, after a dot leader', () => {
      const { written } = layout.tocs[0]!;
      const tocText = layout.written.pageTexts
        .filter((p) => /目\s*录/.test(p) || /\.{6,}\s*\d+\s*$/m.test(p))
        .join('\n');
      const last = written[written.length - 1]!;
      expect(tocText).toMatch(new RegExp(`\\.{4,}\\s*${last.page}\\s*$`, 'm'));
      expect((tocText.match(/\.{4,}\s*\d+\s*$/gm) ?? []).length).toBeGreaterThanOrEqual(written.length - 2);
    });

    it('keeps the page count when the contents are refreshed, and the body has the pages the paginator says', () => {
      expect(layout.refreshed.pages).toBe(layout.written.pages);
      const numbers = [...bodyPages(layout.written).keys()];
      expect(Math.max(...numbers)).toBe(pagination.pages);
    });

    it('puts 22 lines on a full page of body text, and 28 characters on a full line', () => {
      const pages = [...bodyPages(layout.written).values()];
      // Pages of body text only: no figure, table, box or chapter title (those change the line count).
      const plain = pages
        .slice(0, -1)
        .filter((p) => !/图\s*\d|表\s*\d|专栏|第[一二三四五六七八九十]+章|类别|指标/.test(p));
      const counts = plain.map((p) => textLines(p).length);
      expect(counts.length).toBeGreaterThan(0);
      expect(Math.max(...counts)).toBe(22);
      // Lines of CJK body text only, not indented (a paragraph's first line is): 28 characters, 29 when
      // a closing mark hangs past the margin.
      const lengths = plain
        .flatMap(textLines)
        .filter((l) => /^[\u3000-\u9fff\uff00-\uffef“”—…]+$/.test(l.trim()) && !/^\s/.test(l))
        .map((l) => [...l.trim()].length);
      const full = lengths.filter((n) => n >= 28);
      expect(full.length).toBeGreaterThan(0);
      expect(full.filter((n) => n === 28).length).toBeGreaterThan(full.length / 2);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(29);
    });
  });
}

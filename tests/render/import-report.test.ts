// 导入报告 end to end, looked at the way a reader sees it: a seed report's plain text → figures committed
// (every candidate accepted) → the document built from the text with those figures as chips → .docx
// through the briefing pipeline → LibreOffice layout. Seed 004 must come out as a recognisable 规划纲要
// (cover, contents, chapters, 专栏, the indicators table), seed 003 as its 工作简报. One LibreOffice run
// per document.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocument, type RenderedBriefing } from '../../src/core/briefing';
import { Catalogue } from '../../src/core/data/catalogue';
import type { Db } from '../../src/core/db/connection';
import { openStore } from '../../src/core/db/store';
import {
  commitReport,
  extractOptionsOf,
  ReportError,
  type CommitReport,
  type FigureDecision,
} from '../../src/core/extract/commit';
import { extractFigures } from '../../src/core/extract/figures';
import { flat, layoutWithLibreOffice, type PdfLayout } from '../helpers/office';

const seed = (name: string) => readFileSync(join(__dirname, '../fixtures/seeds', `${name}.txt`), 'utf8');

interface Imported {
  report: CommitReport;
  rendered: RenderedBriefing;
  layout: PdfLayout;
  text: string;
}

/** Accepts every candidate (leaving out those the report itself contradicts), renders, lays out. */
async function importAndLayOut(db: Db, name: string, fileName: string): Promise<Imported> {
  const text = seed(name);
  let decisions: FigureDecision[] = extractFigures(text, extractOptionsOf(new Catalogue(db))).map((c) => ({
    start: c.start,
    end: c.end,
    accept: true,
  }));
  let committed: ReturnType<typeof commitReport> | null = null;
  for (let attempt = 0; attempt < 3 && !committed; attempt++) {
    try {
      committed = commitReport(db, { fileName, text, decisions });
    } catch (err) {
      if (!(err instanceof ReportError)) throw err;
      const bad = new Set(err.issues.map((i) => i.start));
      decisions = decisions.filter((d) => !bad.has(d.start));
    }
  }
  if (!committed) throw new Error(`${name}: the commit kept failing`);
  const rendered = await renderDocument(committed.document);
  const file = join(mkdtempSync(join(tmpdir(), 'brief-import-')), fileName.replace(/\.txt$/, '.docx'));
  writeFileSync(file, rendered.docx);
  return { report: committed.report, rendered, layout: layoutWithLibreOffice(file), text };
}

/** Positions of each needle in order, each searched after the previous one (-1 when missing). */
function inOrder(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = haystack.indexOf(n, from);
    if (at >= 0) from = at + n.length;
    return at;
  });
}

const CHAPTERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];

describe('seed 004 imported as a report → a recognisable 规划纲要', () => {
  let r: Imported;
  let body: string;
  beforeAll(async () => {
    const { db } = openStore(':memory:');
    r = await importAndLayOut(db, '004_6d3ef805cadc91a0', '规划纲要.txt');
    db.close();
    // The body: after the contents, from the preamble on.
    const all = flat(r.layout.pageTexts.join('\n'));
    body = all.slice(all.indexOf('根据《中共咸宁市委关于制定'));
  }, 240_000);

  it('binds every accepted figure as a value (no missing markers) and is laid out on many pages', () => {
    expect(r.report.accepted).toBeGreaterThan(150);
    expect(r.report.unplaced).toEqual([]);
    expect(r.rendered.values).toBe(r.report.accepted);
    expect(r.rendered.missing).toEqual([]);
    expect(r.layout.pages).toBeGreaterThan(60);
  });

  it('has a cover: the two title lines, 咸宁市人民政府, 二〇二六年五月 — and nothing else', () => {
    const cover = r.layout.pageTexts[0];
    const lines = cover
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines).toEqual([
      '咸宁市国民经济和社会发展的',
      '第十五个五年规划纲要',
      '咸宁市人民政府',
      '二〇二六年五月',
    ]);
  });

  it('has the contents (目录) after the cover, listing the chapters', () => {
    const contents = flat(r.layout.pageTexts[1]);
    expect(contents).toMatch(/^目录/);
    expect(contents).toContain('第一章');
    expect(contents).toContain('第一节');
  });

  it('has 第一章 … 第十三章 in order, each with its title', () => {
    const titles = [
      '加快打造武汉都市圈绿色发展重要增长极',
      '加快构建体现咸宁优势的现代化产业体系',
      '加快推动科技创新与产业创新深度融合',
      '推动内需扩能提质',
      '深化经济体制改革和扩大高水平对外开放',
      '加快农业农村现代化',
      '优化区域经济布局',
      '推动基础设施网络扩容提质',
      '推动文化创新发展',
      '切实保障和改善民生',
    ];
    const positions = inOrder(
      body,
      CHAPTERS.map((n) => `第${n}章`),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    titles.forEach((title, i) => expect(body.slice(positions[i], positions[i] + 60)).toContain(title));
    // Sections restart under each chapter.
    expect(body.slice(positions[1], positions[2])).toContain('第四节促进服务业扩能提质');
  });

  it('has 专栏 1 … 专栏 10, numbered in order', () => {
    const positions = inOrder(
      body,
      Array.from({ length: 10 }, (_, i) => `专栏${i + 1}：`),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(body).toContain('专栏1：“十五五”时期全市经济社会发展主要指标');
    expect(body).not.toContain('专栏11：');
  });

  it('has the main-indicators table cell for cell (54.78*, 约束性, ① …) with its notes', () => {
    const first = body.indexOf('专栏1：');
    const table = body.slice(first, body.indexOf('第二章', first));
    for (const cell of [
      '类别',
      '序号',
      '指标名称',
      '年均/累计',
      '属性',
      // Cells that fit on one line (pdftotext interleaves the lines of wrapped neighbours).
      '6左右',
      '预期性',
      '常住人口城镇化率（%）60.9665左右',
      '城镇调查失业率（%）——5.5左右',
      '人均预期寿命（岁）81.782.8',
      '54.78*',
      '约束性',
      '注：①带*的为2024年数据。②全社会研发经费投入增速按不变价格计算。',
    ])
      expect(table, cell).toContain(cell);
  });

  it('keeps the figures as the report wrote them, page numbers as "— N —"', () => {
    expect(body).toContain('地区生产总值突破2000亿元关口，年均增长6.1%');
    const footers = r.layout.pageTexts.map((p) => flat(p.trim().split('\n').pop() ?? ''));
    expect(footers.filter((f) => /^—\d+—$/.test(f)).length).toBeGreaterThan(60);
  });
});

describe('seed 003 imported as a report → a recognisable 工作简报', () => {
  let r: Imported;
  let all: string;
  beforeAll(async () => {
    const { db } = openStore(':memory:');
    r = await importAndLayOut(db, '003_e824224675ae437f', '工作简报.txt');
    db.close();
    all = flat(r.layout.pageTexts.join('\n'));
  }, 180_000);

  it('binds the accepted figures, none missing', () => {
    expect(r.report.accepted).toBeGreaterThan(40);
    expect(r.rendered.values).toBe(r.report.accepted);
    expect(r.rendered.missing).toEqual([]);
  });

  it('opens with the title and the issuing office, then the lead and the photo captions', () => {
    expect(all).toMatch(/^真抓实干加快推进全市扶贫开发工作咸宁市扶贫办为进一步加强和引导社会力量参与扶贫/);
    expect(
      inOrder(all, [
        '咸安双溪镇3200亩有机茶基地',
        '嘉鱼县陆溪镇35户贫困户',
        '通城县大溪库区网箱养鱼带动水库移民700户脱贫',
      ]).every((p) => p >= 0),
    ).toBe(true);
  });

  it('has the 一、 parts in order, run-in （一） headings renumbered under each, and the figures as written', () => {
    const parts = inOrder(all, [
      '一、全力构建“三位一体”大扶贫格局',
      '（一）全力开展专项扶贫开发。',
      '（三）认真组织社会扶贫开发。',
      '二、稳步推进幕阜山片区扶贫攻坚',
      '（一）扎实推进项目建设。',
      '三、加快推进扶贫开发机制体制创新',
      '（一）健全财政金融支持机制。',
    ]);
    expect(parts.every((p) => p >= 0)).toBe(true);
    for (const words of ['我市实现减贫30010人', '计划拨付贴息资金881.47万元', '累计投入物资、资金4313万元'])
      expect(all).toContain(words);
    expect(r.layout.pages).toBeGreaterThanOrEqual(4);
  });
});

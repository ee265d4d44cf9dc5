// Plain text → document model, on the seed reports (style-spec §A: what each seed's structure is).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, BoxBlock, HeadingBlock, ParagraphBlock, TableBlock } from '../doc/model';
import { numberHeadings } from '../doc/numbering';
import { fullWidthPunctuation, textToDocument } from './structure';

const seed = (name: string) =>
  readFileSync(join(__dirname, '../../../tests/fixtures/seeds', `${name}.txt`), 'utf8');
const headings = (blocks: Block[], kind: string) =>
  blocks.filter((b): b is HeadingBlock => b.type === 'heading' && b.kind === kind);
const paras = (blocks: Block[]) => blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
const text = (p: ParagraphBlock) => p.runs.map((r) => r.text).join('');

describe('seed 004 (规划纲要)', () => {
  const doc = textToDocument(seed('004_6d3ef805cadc91a0'));
  const boxes = doc.blocks.filter((b): b is BoxBlock => b.type === 'box');

  it('cover, table of contents, 13 chapters, 55 sections, 156 items, 10 boxes', () => {
    expect(doc.blocks[0]).toEqual({
      type: 'cover',
      titleLines: ['咸宁市国民经济和社会发展的', '第十五个五年规划纲要'],
      issuer: '咸宁市人民政府',
      date: '二〇二六年五月',
    });
    expect(doc.blocks[1]).toEqual({ type: 'toc', title: '目　录' });
    expect(headings(doc.blocks, 'chapter')).toHaveLength(13);
    expect(headings(doc.blocks, 'section')).toHaveLength(55);
    expect(headings(doc.blocks, 'item')).toHaveLength(156);
    expect(boxes).toHaveLength(10);
    expect(doc.meta).toMatchObject({ template: '规划纲要', author: '咸宁市人民政府', date: '2026-05-01' });
  });

  it('chapter titles join a second phrase on its own line; labels are left to the numbering pass', () => {
    const chapters = headings(doc.blocks, 'chapter').map((h) => h.text);
    expect(chapters[0]).toBe('加快打造武汉都市圈绿色发展重要增长极 奋力谱写中国式现代化咸宁篇章');
    expect(chapters[1]).toBe('加快构建体现咸宁优势的现代化产业体系 巩固壮大实体经济根基');
    expect(chapters[12]).toBe('强化规划实施保障');
    const numbered = numberHeadings(doc.blocks);
    const labels = numbered.flatMap((b) => (b.type === 'heading' && b.kind === 'chapter' ? [b.label] : []));
    expect(labels[12]).toBe('第十三章');
    expect(numbered.flatMap((b) => (b.type === 'box' ? [b.label] : []))).toEqual(
      Array.from({ length: 10 }, (_, i) => `专栏 ${i + 1}`),
    );
  });

  it('boxes: titles without "专栏 N：", "label：text" items as lead paragraphs', () => {
    expect(boxes.map((b) => b.title)).toEqual([
      '“十五五”时期全市经济社会发展主要指标',
      '重点产业改造升级重点工程',
      '新兴产业培育壮大重点工程',
      '服务业发展重点工程',
      '农业产业重点工程',
      '交通基础设施重点工程',
      '水利基础设施重点工程',
      '文旅产业重点工程',
      '教育现代化重点工程',
      '健康咸宁建设重点工程',
    ]);
    expect(paras(boxes[1].blocks).map((p) => p.lead)).toEqual([
      '低碳冶金产业：',
      '纺织产业：',
      '机电产业：',
      '现代化工产业：',
    ]);
    expect(paras(boxes[4].blocks)).toHaveLength(7);
  });

  it('专栏1 is the main-indicators table: 21 rows, merged categories and row 10, notes, PM2.5 subscript', () => {
    const table = boxes[0].blocks[0] as TableBlock;
    expect(table.type).toBe('table');
    expect(table.rows).toHaveLength(21);
    expect(table.widthsMm).toHaveLength(8);
    expect(table.widthsMm.reduce((a, b) => a + b, 0)).toBeCloseTo(156, 5);
    const cellText = (c: { runs: { text: string }[] }) => c.runs.map((r) => r.text).join('');
    expect(table.header[0].map(cellText)).toEqual([
      '类别',
      '序号',
      '指标名称',
      '2025 年',
      '2030 年',
      '年均/累计',
      '属性',
    ]);
    expect(table.header[0][2].colSpan).toBe(2);
    const spans = table.rows.flatMap((r) =>
      r[0] && /^[\u4e00-\u9fff]{4}$/.test(cellText(r[0])) ? [[cellText(r[0]), r[0].rowSpan]] : [],
    );
    expect(spans).toEqual([
      ['经济发展', 3],
      ['创新驱动', 3],
      ['民生福祉', 8],
      ['绿色低碳', 5],
      ['安全保障', 2],
    ]);
    const row10 = table.rows[9].map(cellText);
    expect(row10).toEqual(['10', '每千人口拥有医护人员数', '执业医师数（人）', '3.65', '3.7', '—', '预期性']);
    expect(table.rows[9][0].rowSpan).toBe(2);
    expect(table.rows[10].map(cellText)).toEqual(['注册护士数（人）', '4.52', '5.1']);
    // Row 13 lost its empty first cell in the text; it is back under 序号.
    expect(table.rows[13].map(cellText)[0]).toBe('13');
    expect(table.rows[16][1].runs).toContainEqual({ type: 'text', text: '2.5', subscript: true });
    expect(table.notes?.map((r) => r.text).join('')).toMatch(/^注：①带\*的为 2024 年数据。/);
  });

  it('一是/——… leads keep their words, bold marks become bold runs', () => {
    const leads = paras(doc.blocks).filter((p) => p.lead);
    expect(leads.map((p) => p.lead)).toContain('三是改革红利释放期。');
    // "…“五期叠加”。一是**综合优势彰显期**。…" (not at a paragraph start): a bold run inside the text.
    expect(
      paras(doc.blocks).some((p) =>
        p.runs.some((r) => r.type === 'text' && r.bold && r.text === '综合优势彰显期'),
      ),
    ).toBe(true);
    expect(leads.map((p) => p.lead)).toContain('——高质量发展迈上新台阶。');
    expect(text(leads.find((p) => p.lead === '——高质量发展迈上新台阶。')!)).toMatch(
      /^经济总量冲刺 3000 亿元/,
    );
  });
});

describe('the other seeds', () => {
  it('001 (专题报道): photo captions, title, dash subtitle, byline, part lead-ins, themes, bold lead-ins', () => {
    const doc = textToDocument(seed('001_2561f150b456e7c9'));
    expect(doc.blocks.slice(0, 5)).toEqual([
      {
        type: 'paragraph',
        runs: [{ type: 'text', text: '市委书记丁小强入户访民情' }],
        align: 'center',
        noIndent: true,
      },
      {
        type: 'paragraph',
        runs: [{ type: 'text', text: '市委副书记、市长王远鹤在崇阳茅井村调研精准扶贫工作' }],
        align: 'center',
        noIndent: true,
      },
      { type: 'title', text: '庄严承诺 世纪工程' },
      { type: 'subtitle', text: '——写在第六个国家扶贫日' },
      { type: 'byline', text: '咸宁日报全媒体记者 陈新 通讯员 曹杰 周雨' },
    ]);
    expect(headings(doc.blocks, 'part').map((h) => h.text)).toEqual([
      '在真抓实干中展现咸宁作为——',
      '在扛起政治担当中彰显咸宁责任——',
      '在务求决战决胜中谱写咸宁篇章——',
    ]);
    expect(headings(doc.blocks, 'theme').map((h) => h.text)).toContain('对标“两不愁”助增收');
    expect(paras(doc.blocks).map((p) => p.lead)).toContain('减贫成效更加明显。');
    expect(doc.meta.title).toBe('庄严承诺 世纪工程');
  });

  it('002 (解读): kicker, 4 Q-titles with full-width punctuation, 26 themes, 141 bullets', () => {
    const doc = textToDocument(seed('002_e46ff4a2c385bd0d'));
    expect(doc.blocks[0]).toEqual({ type: 'kicker', text: '政府工作报告解读' });
    expect(headings(doc.blocks, 'question').map((h) => h.text)).toEqual([
      '2020年，咸宁怎么看？',
      '2021年，咸宁怎么干？',
      '“十三五”时期，咸宁干得怎么样？',
      '“十四五”时期，咸宁应该怎么办？',
    ]);
    expect(headings(doc.blocks, 'theme')).toHaveLength(26);
    const bullets = paras(doc.blocks).filter((p) => p.bullet);
    expect(bullets).toHaveLength(141);
    expect(text(bullets[0])).toMatch(/^始终把疫情防控作为头等大事，在全省率先/);
    expect(doc.meta.template).toBe('政府工作报告解读');
  });

  it('003 (工作简报): Markdown title, issuing unit, 6 captions, 一、 headings, run-in (一) with half-width brackets', () => {
    const doc = textToDocument(seed('003_e824224675ae437f'));
    expect(doc.blocks.slice(0, 2)).toEqual([
      { type: 'title', text: '真抓实干 加快推进全市扶贫开发工作' },
      { type: 'byline', text: '咸宁市扶贫办' },
    ]);
    expect(paras(doc.blocks).filter((p) => p.align === 'center')).toHaveLength(6);
    expect(headings(doc.blocks, 'h1').map((h) => h.text)).toEqual([
      '全力构建“三位一体”大扶贫格局',
      '稳步推进幕阜山片区扶贫攻坚',
      '加快推进扶贫开发机制体制创新',
    ]);
    const runIn = paras(doc.blocks).filter((p) => p.runInHeading);
    expect(runIn).toHaveLength(10);
    expect(runIn[0].runInHeading).toBe('全力开展专项扶贫开发。');
    // A paragraph split by a column break is one paragraph again.
    expect(text(runIn[4])).toContain('的工作思路，各片区县');
  });

  it('000 (调研报告, hard-wrapped): 一、 headings, run-in and stand-alone （一）, 一是 leads', () => {
    const doc = textToDocument(seed('000_615068624d0b989b'));
    expect(headings(doc.blocks, 'h1').map((h) => h.text)).toEqual([
      '我市工业转型发展的依据',
      '我市工业转型发展的路径',
    ]);
    expect(
      paras(doc.blocks)
        .filter((p) => p.runInHeading)
        .map((p) => p.runInHeading)[0],
    ).toBe('工业增加值占比髙，工业化仅过半程。');
    expect(headings(doc.blocks, 'h2')).toHaveLength(5);
    expect(paras(doc.blocks).map((p) => p.lead)).toContain('一是严守生态红线。');
  });
});

describe('any text', () => {
  it('half-width punctuation in Chinese text becomes full-width; numbers keep theirs', () => {
    expect(fullWidthPunctuation('2020年,咸宁怎么看?增长8.8%,三次产业结构比为12.5:44.2:43.3;(一)')).toBe(
      '2020年，咸宁怎么看？增长8.8%，三次产业结构比为12.5:44.2:43.3；（一）',
    );
  });

  it('never throws, and numbering the result never throws (1,000 cases)', () => {
    const pieces = [
      '第一章 总则',
      '第二节 目标',
      '一、指导思想',
      '（一）要求。正文',
      '●要点',
      '专栏 1：表',
      '类别\t序号\t指标名称\t2025 年',
      '\t1\t人口（万人）\t5',
      '注：说明',
      '目 录',
      '二〇二六年五月',
      '——小标题',
      '**粗体**',
      '\n',
      '\n\n',
      '咸宁市人民政府',
      '一是要点。正文',
      '标题？',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 20 })), { maxLength: 30 }),
        (parts) => {
          const doc = textToDocument(parts.join('\n'));
          numberHeadings(doc.blocks);
          return Array.isArray(doc.blocks);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

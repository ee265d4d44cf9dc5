// The built-in templates over the demo database, each exported and laid out by LibreOffice once
// (政府工作报告解读 is laid out in jiedu.test.ts), checked for the structure of its seed report and
// for sentences whose figures come from the database.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBriefing, renderBriefing, type RenderedBriefing } from '../../src/core/briefing';
import type { Db } from '../../src/core/db/connection';
import { openStore } from '../../src/core/db/store';
import { collectMissing, type Block, type HeadingBlock, type TableBlock } from '../../src/core/doc/model';
import { numberHeadings } from '../../src/core/doc/numbering';
import { builtInTemplates } from '../../src/core/doc/templates';
import { resourcesDir } from '../../src/core/resources';
import { flat, layoutWithLibreOffice, type PdfLayout } from '../helpers/office';

interface Rendered {
  result: RenderedBriefing;
  layout: PdfLayout;
  xml: string;
  /** The text of every page without its "— N —" footer, whitespace removed. */
  text: string;
}

const FOOTER = /^—\s*\d+\s*—$/;

/** A page's text without its page-number footer, so sentences across a page break read on. */
function withoutFooter(page: string): string {
  const lines = page.trimEnd().split('\n');
  if (FOOTER.test(lines[lines.length - 1]?.trim() ?? '')) lines.pop();
  return lines.join('\n');
}

let db: Db;
const out: Record<string, Rendered> = {};

async function renderThrough(name: string): Promise<Rendered> {
  const result = await renderBriefing(db, name);
  const file = join(mkdtempSync(join(tmpdir(), 'brief-tpl-')), `${name}.docx`);
  writeFileSync(file, result.docx);
  const xml = strFromU8(unzipSync(new Uint8Array(result.docx))['word/document.xml']);
  const layout = layoutWithLibreOffice(file);
  return { result, layout, xml, text: flat(layout.pageTexts.map(withoutFooter).join('')) };
}

beforeAll(async () => {
  db = openStore(':memory:').db;
  for (const name of ['调研报告', '专题报道', '规划纲要']) out[name] = await renderThrough(name);
}, 300_000);

afterAll(() => db?.close());

/**
 * The document model as a reader sees it (labels, run-in headings, lead phrases, cells), for exact
 * sentences; the laid-out text loses a "，" that LibreOffice hangs at a line end, so sentences are
 * checked exactly against the model and with CJK punctuation ignored against the pages.
 */
function modelText(blocks: Block[]): string {
  const runs = (r: { text: string }[] | undefined) => (r ?? []).map((x) => x.text).join('');
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return (b.label ?? '') + b.text;
        case 'paragraph':
          return (b.runInLabel ?? '') + (b.runInHeading ?? '') + (b.lead ?? '') + runs(b.runs);
        case 'table':
          return (
            [...b.header, ...b.rows].map((r) => r.map((c) => runs(c.runs)).join('')).join('') + runs(b.notes)
          );
        case 'box':
          return (b.label ? `${b.label}：` : '') + b.title + modelText(b.blocks);
        case 'cover':
          return b.titleLines.join('') + b.issuer + b.date;
        case 'toc':
        case 'pageBreak':
          return '';
        case 'figure':
          return b.caption;
        default:
          return b.text;
      }
    })
    .join('')
    .replace(/\s+/g, '');
}

const loose = (x: string) => x.replace(/[，、。；：]/g, '');

/** A sentence is in the model exactly and on the pages (punctuation at line ends aside). */
function expectSentences(r: Rendered, sentences: string[]): void {
  const model = modelText(r.result.doc.blocks);
  const pages = loose(r.text);
  for (const s of sentences) {
    expect(model).toContain(s.replace(/\s+/g, ''));
    expect(pages).toContain(loose(s.replace(/\s+/g, '')));
  }
}

/** Footer of a page: its last non-empty line. */
function footer(page: string): string {
  return page.trim().split('\n').pop()!.trim();
}

function headings(blocks: Block[]): HeadingBlock[] {
  return blocks.flatMap((b) => (b.type === 'heading' ? [b] : b.type === 'box' ? headings(b.blocks) : []));
}

function tables(blocks: Block[]): TableBlock[] {
  return blocks.flatMap((b) => (b.type === 'table' ? [b] : b.type === 'box' ? tables(b.blocks) : []));
}

describe('brief templates', () => {
  it('lists the four built-in templates by name with their default periods', () => {
    expect(builtInTemplates().map((t) => [t.info.name, t.info.defaultPeriod])).toEqual([
      ['调研报告', '2019'],
      ['专题报道', '2020'],
      ['政府工作报告解读', '2020'],
      ['规划纲要', '2025'],
    ]);
  });

  it('binds every built-in template to the demo database with nothing missing', () => {
    for (const t of builtInTemplates()) {
      const doc = composeBriefing(db, t.info.name);
      expect(collectMissing(doc.blocks), t.info.name).toEqual([]);
    }
    expect(collectMissing(composeBriefing(db, '专题报道', { set: { 体例: '简报' } }).blocks)).toEqual([]);
  });

  it('renders the README example with nothing missing', () => {
    const readme = readFileSync(join(resourcesDir(), '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Templates'));
    const example = section.slice(
      section.indexOf('```text') + 8,
      section.indexOf('```', section.indexOf('```text') + 7),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'brief-readme-')), 'example.tpl');
    writeFileSync(file, example);
    const doc = composeBriefing(db, file);
    expect(collectMissing(doc.blocks)).toEqual([]);
    expect(tables(doc.blocks)[0].rows).toHaveLength(4);
  });

  it('renders a template given by file path the same way as by name', () => {
    const byPath = composeBriefing(db, join(resourcesDir(), 'templates', '调研报告.tpl'));
    expect(byPath.blocks).toEqual(composeBriefing(db, '调研报告').blocks);
  });
});

describe('调研报告 (seed 000, part a)', () => {
  it('has title, byline, 一、/二、 headings, run-in （一） findings and stand-alone （一） measures with 一是', () => {
    const text = modelText(out['调研报告'].result.doc.blocks);
    expect(loose(out['调研报告'].text)).toContain(loose(text).slice(0, 1000));
    const order = [
      '关于我市工业转型发展的思考',
      '市委常委、咸宁高新区党工委书记杨良锋',
      '一、我市工业转型发展的依据',
      '（一）工业增加值占比高，工业化仅过半程。2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。',
      '（二）工业税收占比高',
      '（六）绿色发展不够',
      '二、我市工业转型发展的路径',
      '（一）将绿色转型作为发展底线，打开咸宁工业的广阔空间一是严守生态红线。',
      '（五）将服务转型作为主要抓手',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((p) => p >= 0),
      order.filter((_, i) => at[i] < 0).join(' / '),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('writes its figures the way the seed does, computing shares from the data', () => {
    expectSentences(out['调研报告'], [
      '第三产业增加值690.08亿元，增长8.8%，三次产业结构比为12.5:44.2:43.3。',
      '工业企业完成税收49.18亿元，占比40.1%。',
      '占规上企业总数的69.8%',
      '规模以上工业实现营业收入1862.28亿元，占全省的4.1%，占比居全省第9位。',
      '比全省平均水平低0.99亿元，居全省第13位。',
      '营业收入达到649.5亿元，占规上工业的34.9%，比全省水平高6.6个百分点。',
      '省内黄冈市（1365家）、荆州市（1181家）、孝感市（1160家）、荆门市（1063家）等地市都超过了1000家，周边的岳阳市有1379家、九江市有1866家。',
    ]);
  });

  it('has the peer-city table, one row per city from a loop over regions, ranked', () => {
    const [table] = tables(out['调研报告'].result.doc.blocks);
    expect(table.rows.map((r) => r[0].runs.map((x) => x.text).join(''))).toEqual([
      '咸宁市',
      '黄冈市',
      '荆州市',
      '孝感市',
      '荆门市',
      '岳阳市',
      '九江市',
    ]);
    const { text } = out['调研报告'];
    expect(text).toMatch(/表1\s*2019年咸宁市与周边城市规模以上工业企业数/);
    expect(text).toContain('咸宁市97671.00黄冈市136531.40');
    expect(text).toContain('九江市186611.91');
    expect(text).toContain('我市规模以上工业企业数居表列城市中第7位');
  });

  it('is laid out with "— N —" page numbers from the first page', () => {
    const { layout } = out['调研报告'];
    expect(footer(layout.pageTexts[0])).toMatch(/^—\s*1\s*—$/);
    expect(layout.pages).toBeGreaterThanOrEqual(5);
  });
});

describe('专题报道 (seeds 001, 003; figures of seed 000 part c)', () => {
  it('has title, "——写在…" subtitle, byline, anaphoric lead, part headings ending in ——, lead phrases', () => {
    const text = modelText(out['专题报道'].result.doc.blocks);
    expect(loose(out['专题报道'].text)).toContain(loose(text));
    const order = [
      '庄严承诺决战决胜',
      '——写在第七个国家扶贫日',
      '咸宁日报全媒体记者陈新通讯员曹杰周雨',
      '这是一个没有硝烟的战场；',
      '这是一张卓著满意的成绩单——',
      '减贫成效全面显现。截至2020年9月，全市38.3万贫困人口全部脱贫，192个贫困村已全部出列',
      '这是一张浸满汗水的作战图——',
      '对标“两不愁”助增收。',
      '在务求决战决胜中谱写咸宁篇章——',
      '2020，注定将以其特有的激越和壮美，载入咸宁史册！',
      '数说2020年脱贫攻坚',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((p) => p >= 0),
      order.filter((_, i) => at[i] < 0).join(' / '),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('writes the 2020 脱贫攻坚 figures from the database', () => {
    expectSentences(out['专题报道'], [
      '截至9月底，累计向2.18万户贫困户发放小额扶贫贷款16.4亿元，户贷率25.18%，户贷量7.46万元，贷款余额3.75亿元。',
      '销售金额6500余万元',
      '全市复工企业吸纳贫困户就业3万余人',
      '对514596户农户进行排查（其中住房安全455405户、改造安全59191户）',
      '实施易地搬迁11285户33993人',
      '其中10万元以上的63个，占32.8%。',
      '低保金3.63亿元、五保金1.62亿元、临时救助金1874万元。',
    ]);
  });

  it('puts the sidebar in a box without a 专栏 number, and the lead phrases in bold', () => {
    const { text, xml } = out['专题报道'];
    expect(text).not.toContain('专栏');
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*减贫成效全面显现。/s);
  });

  it('has a 工作简报 variant with 一、 part headings and the office as byline', () => {
    const doc = composeBriefing(db, '专题报道', { set: { 体例: '简报' } });
    expect(doc.blocks.slice(0, 2)).toEqual([
      { type: 'title', text: '真抓实干　决战决胜脱贫攻坚' },
      { type: 'byline', text: '咸宁市扶贫办' },
    ]);
    expect(
      headings(doc.blocks)
        .filter((h) => h.kind === 'h1')
        .map((h) => h.label),
    ).toEqual(['一、', '二、', '三、']);
  });
});

describe('规划纲要 (seed 004)', () => {
  it('has a cover without a page number, with issuing body and 〇-date, then the table of contents', () => {
    const { layout } = out['规划纲要'];
    const cover = flat(layout.pageTexts[0]);
    expect(cover).toContain('咸宁市国民经济和社会发展的第十五个五年规划纲要');
    expect(cover).toContain('咸宁市人民政府');
    expect(cover).toContain('二〇二六年五月');
    expect(cover).not.toMatch(/—\d+—/);
    expect(flat(layout.pageTexts[1])).toContain('目录');
    expect(flat(layout.pageTexts[1])).toContain('第一章加快打造武汉都市圈绿色发展重要增长极');
    expect(flat(layout.pageTexts[1])).not.toMatch(/—\d+—$/);
    // the body starts on page 1
    expect(footer(layout.pageTexts[2])).toMatch(/^—\s*1\s*—$/);
  });

  it('numbers 第X章 / 第X节 / 一、 at render time and renumbers when a chapter is removed', () => {
    const { layout, result } = out['规划纲要'];
    const text = flat(layout.pageTexts.slice(2).map(withoutFooter).join(''));
    const order = [
      '第一章',
      '第一节社会主义现代化新征程实现良好开局',
      '第三节',
      '一、指导思想',
      '二、基本原则和主要目标',
      '第二章',
      '第四章强化规划实施保障',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((p) => p >= 0),
      order.filter((_, i) => at[i] < 0).join(' / '),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const blocks = result.doc.blocks;
    const second = blocks.findIndex(
      (b) => b.type === 'heading' && b.kind === 'chapter' && b.label === '第二章',
    );
    const first = blocks.findIndex((b) => b.type === 'heading' && b.kind === 'chapter');
    const renumbered = numberHeadings([...blocks.slice(0, first), ...blocks.slice(second)]);
    expect(
      headings(renumbered)
        .filter((h) => h.kind === 'chapter')
        .map((h) => h.label),
    ).toEqual(['第一章', '第二章', '第三章']);
    expect(renumbered.filter((b) => b.type === 'box').map((b) => b.type === 'box' && b.label)).toEqual([
      '专栏 1',
      '专栏 2',
      '专栏 3',
    ]);
  });

  it('writes the figures of 第一章 第一节 from data, computing the average annual growth', () => {
    expectSentences(out['规划纲要'], [
      '地区生产总值突破2000亿元关口，年均增长6.1%。',
      '社会消费品零售总额从600亿元提高至980亿元，年均增长10.3%',
      '常住人口城镇化率达60.96%，较2020年提升4.22个百分点。',
      '高新技术企业突破920家，是2020年的3.4倍。',
      '国家级绿色工厂21家，全省第5。',
      '——高质量发展迈上新台阶。经济总量冲刺3000亿元',
      '茶园面积稳定在55万亩，茶叶总产量达13万吨。',
    ]);
  });

  it('has 专栏1, the main-indicators table cell for cell, with merged 类别 cells and ①–④ notes', () => {
    const { text, xml, result } = out['规划纲要'];
    expect(text).toContain(
      '专栏1：“十五五”时期全市经济社会发展主要指标类别序号指标名称2025年2030年年均/累计属性',
    );
    // Cells that wrap are interleaved line by line in the page text; these fit on one line.
    for (const s of [
      '6.4*',
      '54.78*',
      '60.9665左右',
      '执业医师',
      '注册护士',
      '3.653.7',
      '4.525.1',
      '完成省',
      '约束性',
      '预期性',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(
      '注：①带*的为2024年数据。②全社会研发经费投入增速按不变价格计算。③粮食综合生产能力指可以稳定达到的粮食产出能力。④数字经济核心产业增加值占GDP比重根据当前统计口径核算。',
    );
    const cells = (r: TableBlock['rows'][number]) => r.map((c) => c.runs.map((x) => x.text).join(''));
    const [table] = tables(result.doc.blocks);
    expect(table.rows).toHaveLength(21);
    expect(cells(table.header[0])).toEqual([
      '类别',
      '序号',
      '指标名称',
      '2025年',
      '2030年',
      '年均/累计',
      '属性',
    ]);
    expect(cells(table.rows[0])).toEqual([
      '经济发展',
      '1',
      '地区生产总值（GDP）增长（%）',
      '6.2',
      '—',
      '6左右',
      '预期性',
    ]);
    expect(cells(table.rows[1])).toEqual([
      '2',
      '全员劳动生产率增长（%）',
      '6.4*',
      '—',
      '高于GDP增速',
      '预期性',
    ]);
    expect(cells(table.rows[9])).toEqual([
      '10',
      '每千人口拥有医护人员数',
      '执业医师数（人）',
      '3.65',
      '3.7',
      '—',
      '预期性',
    ]);
    expect(cells(table.rows[10])).toEqual(['注册护士数（人）', '4.52', '5.1']);
    expect(cells(table.rows[14])).toEqual([
      '绿色低碳',
      '14',
      '单位GDP二氧化碳排放降低（%）',
      '—',
      '完成省下达目标',
      '—',
      '约束性',
    ]);
    expect(cells(table.rows[18])).toEqual(['18', '森林覆盖率（%）', '54.78*', '稳定在55左右', '—', '约束性']);
    expect(cells(table.rows[20])).toEqual([
      '20',
      '能源综合生产能力（万吨标准煤）',
      '106',
      '完成省下达目标',
      '—',
      '约束性',
    ]);
    expect(
      table.rows
        .map((r) => r[0])
        .filter((c) => c.rowSpan && c.runs.some((x) => /[\u4e00-\u9fff]{4}/.test(x.text)))
        .map((c) => [c.runs[0].text, c.rowSpan]),
    ).toEqual([
      ['经济发展', 3],
      ['创新驱动', 3],
      ['民生福祉', 8],
      ['绿色低碳', 5],
      ['安全保障', 2],
    ]);
    // Word merges: vertical (类别, row 10) and horizontal (指标名称 over two grid columns), PM2.5 subscript
    expect((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBeGreaterThanOrEqual(9);
    expect(xml).toMatch(/<w:gridSpan w:val="2"\/>/);
    expect(xml).toMatch(/<w:vertAlign w:val="subscript"\/>(?:(?!<\/w:r>).)*2\.5/s);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block, BriefDocument, TableCell } from '../doc/model';
import { numberHeadings } from '../doc/numbering';
import { buildDocx } from './docx';
import { BODY_HEIGHT, breakLines, paginate, tocPageNumbers, type TextSpan } from './paginate';

const BODY: Omit<TextSpan, 'text'> = { size: 32, spacing: -5 };
const body = (text: string): TextSpan[] => [{ ...BODY, text }];
const WIDTH = 8845;

const doc = (blocks: Block[], template = '规划纲要'): BriefDocument => ({
  meta: { title: '测试', author: '咸宁市统计局', date: '2026-05-08', template, period: '2025' },
  blocks: numberHeadings(blocks),
});
const p = (text: string): Block => ({ type: 'paragraph', runs: [{ type: 'text', text }] });
const cell = (text: string): TableCell => ({ runs: [{ type: 'text', text }] });
/** A body paragraph of `lines` full lines (26 characters after the indent, then 28 a line). */
const lines = (n: number): Block => p('文'.repeat(26 + 28 * (n - 1)));

describe('breaking body text into lines (三号, −0.25 pt, 156 mm)', () => {
  it('puts 28 CJK characters on a line, 26 after the two-character indent', () => {
    const out = breakLines(body('文'.repeat(26 + 28 * 3 + 5)), WIDTH, 640);
    expect(out.map((l) => l.length)).toEqual([26, 28, 28, 28, 5]);
  });

  it('lets 、。，：；？！ hang past the margin instead of starting a line', () => {
    expect(breakLines(body('文'.repeat(28) + '。'), WIDTH)).toEqual(['文'.repeat(28) + '。']);
    const out = breakLines(body('文'.repeat(28) + '，文文'), WIDTH);
    expect(out[0]).toBe('文'.repeat(28) + '，');
  });

  it('does not start a line with a closing mark that cannot hang, nor end one with an opening mark', () => {
    // 》 may not start a line: the character before it goes down with it.
    expect(breakLines(body('文'.repeat(28) + '》文'), WIDTH)[1]).toBe('文》文');
    // “ may not end a line.
    expect(breakLines(body('文'.repeat(27) + '“文文'), WIDTH)[1]).toBe('“文文');
    // Two marks that may not start a line: no hanging, both go down with the character before.
    expect(breakLines(body('文'.repeat(28) + '。”文'), WIDTH)[1]).toBe('文。”文');
  });

  it('keeps numbers whole and puts a fifth of an em between CJK and digits, as LibreOffice does', () => {
    // 中1 pairs: 15 CJK + 14 digits with 28 script gaps fill a line.
    expect(breakLines(body('中1'.repeat(30)), WIDTH)[0]).toHaveLength(29);
    const out = breakLines(body('文'.repeat(26) + '1594.98亿元'), WIDTH);
    expect(out).toEqual(['文'.repeat(26), '1594.98亿元']);
  });

  it('keeps the two dashes of —— together', () => {
    expect(breakLines(body('文'.repeat(27) + '——文'), WIDTH)).toEqual(['文'.repeat(27), '——文']);
  });

  it('breaks at "\\n"', () => {
    expect(breakLines(body('第一章　总体要求\n奋力谱写新篇章'), WIDTH)).toEqual([
      '第一章　总体要求',
      '奋力谱写新篇章',
    ]);
  });
});

describe('paginating the body', () => {
  it('fits 22 body lines on a page', () => {
    const r = paginate(doc([lines(22), lines(1)]));
    expect(r.placements.map((x) => x.page)).toEqual([1, 2]);
    expect(r.pages).toBe(2);
    expect(22 * 579).toBeLessThanOrEqual(BODY_HEIGHT);
    expect(23 * 579).toBeGreaterThan(BODY_HEIGHT);
  });

  it('splits paragraphs between any two lines (widow control is off)', () => {
    const r = paginate(doc([lines(21), lines(3), { type: 'heading', kind: 'section', text: '节' }, p('文')]));
    // 21 + 3 lines: the second paragraph's first line ends page 1, the heading is on page 2.
    expect(r.headings[0]!.page).toBe(2);
    expect(r.placements[2]!.y).toBe(2 * 579);
  });

  it('moves a heading to the next page with the line it is kept with', () => {
    const r = paginate(doc([lines(21), { type: 'heading', kind: 'section', text: '节' }, lines(2)]));
    expect(r.headings[0]!.page).toBe(2);
    expect(r.placements[1]).toMatchObject({ page: 2, y: 0 });
  });

  it('drops a chapter title’s space before at the top of a page, but keeps it after a page break', () => {
    const chapter: Block = { type: 'heading', kind: 'chapter', text: '总体要求\n奋力谱写新篇章' };
    const natural = paginate(doc([lines(20), chapter, lines(2)]));
    expect(natural.placements[1]).toMatchObject({ page: 2, y: 0 });
    const forced = paginate(doc([lines(3), { type: 'pageBreak' }, chapter, lines(2)]));
    expect(forced.placements[1]).toMatchObject({ page: 2, y: 579 });
    const inline = paginate(doc([lines(3), chapter, lines(2)]));
    expect(inline.placements[1]).toMatchObject({ page: 1, y: 4 * 579 });
  });

  it('never splits a figure, and sizes it from the exported picture', () => {
    const fig: Block = {
      type: 'figure',
      chart: { type: 'bar', title: '图', categories: ['a'], series: [{ name: 's', values: [1] }] },
      caption: '图题',
    } as Block;
    const r = paginate(doc([lines(16), fig, p('文')]), {
      figureSize: () => ({ widthMm: 150, heightMm: 90 }),
    });
    // 16 lines + a 90 mm picture (5100 twips) do not fit: the picture starts page 2.
    expect(r.placements[1]).toMatchObject({ page: 2, y: 0 });
    expect(r.placements[2]).toMatchObject({ page: 2, y: 5100 });
  });

  it('repeats a table’s header row on the next page', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [cell(String(i)), cell('文')]);
    const table: Block = {
      type: 'table',
      widthsMm: [78, 78],
      header: [[cell('甲'), cell('乙')]],
      rows,
      rules: 'grid',
    };
    const r = paginate(doc([table, p('文')]));
    // Rows of 400 + 10 twips: 30 on page 1 under the header (420), the rest under a repeated header.
    const after = r.placements[1]!;
    expect(after.page).toBe(2);
    expect(after.y).toBe(420 + 10 * 410);
  });

  it('counts body pages from 1 after the cover and the contents', () => {
    const r = paginate(
      doc([
        { type: 'cover', titleLines: ['规划纲要'], issuer: '咸宁市人民政府', date: '二〇二六年五月' },
        { type: 'toc', title: '目　录' },
        { type: 'heading', kind: 'chapter', text: '一' },
        lines(30),
        { type: 'heading', kind: 'chapter', text: '二' },
        p('文'),
      ]),
    );
    expect(r.headings.map((h) => [h.text, h.page])).toEqual([
      ['第一章　一', 1],
      ['第二章　二', 2],
    ]);
  });
});

describe('the table of contents written with its page numbers', () => {
  const blocks: Block[] = [
    {
      type: 'cover',
      titleLines: ['咸宁市国民经济和社会发展的', '第十五个五年规划纲要'],
      issuer: '咸宁市人民政府',
      date: '二〇二六年五月',
    },
    { type: 'toc', title: '目　录' },
    { type: 'heading', kind: 'chapter', text: '总体要求\n奋力谱写新篇章' },
    lines(10),
    { type: 'heading', kind: 'section', text: '发展环境' },
    lines(30),
    { type: 'heading', kind: 'section', text: '发展环境' },
    lines(30),
    {
      type: 'box',
      title: '重点工程',
      blocks: [{ type: 'heading', kind: 'h2', text: '专栏里的标题' }, p('文')],
    },
    { type: 'heading', kind: 'chapter', text: '保障措施' },
    p('文'),
  ];

  it('fills every PAGEREF of the TOC field with the paginated body page, and writes the field clean', async () => {
    const d = doc(blocks);
    const expected = paginate(d).headings.filter((h) => h.kind === 'chapter' || h.kind === 'section');
    const buf = await buildDocx(d, { figures: [], template: '规划纲要' });
    const xml = strFromU8(unzipSync(new Uint8Array(buf))['word/document.xml']!);
    const toc = xml.slice(xml.indexOf('<w:sdt>'), xml.indexOf('</w:sdt>'));
    const pages = [
      ...toc.matchAll(
        /PAGEREF (_Toc\d+) \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>(\d+)<\/w:t>/g,
      ),
    ];
    expect(pages.map((m) => Number(m[2]))).toEqual(expected.map((h) => h.page));
    // 章 (2 lines) + 10 lines + 节 on page 1; 30 lines run to page 2; the next 节 needs its first line
    // with it, so page 3; 30 more lines run to page 4, where the box and the last 章 follow.
    expect(expected.map((h) => h.page)).toEqual([1, 1, 3, 4]);
    // The field is a real TOC field, written clean (Word shows the numbers as they are).
    expect(toc).toMatch(
      /<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot; \\u \\z<\/w:instrText>/,
    );
    expect(toc).not.toContain('w:dirty');
    // Right tab with a dot leader at the right edge of the 版心.
    expect(toc).toContain('<w:tab w:val="right" w:pos="8845" w:leader="dot"/>');
    // Each entry's bookmark is on its heading in the body.
    for (const m of pages) expect(xml).toContain(`w:name="${m[1]}"`);
    // A wrapped title continues under its text, past the "第X章"/"第X节" label and its full-width space.
    const styles = strFromU8(unzipSync(new Uint8Array(buf))['word/styles.xml']!);
    const style = (id: string) =>
      styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`))![0];
    expect(style('TOC1')).toMatch(/<w:ind w:left="1280" w:hanging="1280"\/>/);
    expect(style('TOC2')).toMatch(/<w:ind w:left="1920" w:hanging="1280"\/>/);
  });

  it('leaves a number blank for Word when a bookmarked heading is not the next one it expects', () => {
    const estimator = tocPageNumbers({
      headings: [{ text: '第一章　甲', kind: 'chapter', page: 3, inBox: false }],
      pages: 3,
      placements: [],
    });
    const para = (text: string, name: string) => ({
      'w:p': [
        { 'w:bookmarkStart': { _attr: { 'w:id': 1, 'w:name': name } } },
        { 'w:r': [{ 'w:t': [text] }] },
      ],
    });
    const result = estimator(
      { 'w:body': [para('第一章　甲', '_Toc1'), para('别的', '_Toc2')] } as never,
      {} as never,
    );
    expect([...result.bookmarks]).toEqual([['_Toc1', '3']]);
  });
});

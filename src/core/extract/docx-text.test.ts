// .docx → text for 导入报告: our own exports read back (round trip), Word's XML forms, and files that must
// be refused before anything large is inflated.
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBriefing } from '../briefing';
import { Catalogue } from '../data/catalogue';
import type { Db } from '../db/connection';
import { openStore } from '../db/store';
import type { Block } from '../doc/model';
import { extractOptionsOf } from './commit';
import { docxToText, documentXmlText, DOCX_LIMITS } from './docx-text';
import { extractFigures } from './figures';
import { readReportBytes } from './read-report';
import { ReportError } from './report-error';
import { textToDocument } from './structure';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (...runs: string[]) =>
  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${runs.join('')}</w:p>`;
const r = (inner: string) => `<w:r><w:rPr><w:b/></w:rPr>${inner}</w:r>`;
const t = (s: string) => `<w:t xml:space="preserve">${s}</w:t>`;
const tc = (inner: string, span = 1) =>
  `<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>${inner}</w:tc>`;
const body = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${inner}</w:body></w:document>`;

/** A zip holding word/document.xml, with its declared (central directory) size optionally patched. */
function docx(xml: string | Uint8Array, declaredSize?: number, name = 'word/document.xml'): Uint8Array {
  const bytes = zipSync({
    [name]: typeof xml === 'string' ? strToU8(xml) : xml,
    '[Content_Types].xml': strToU8('<Types/>'),
  });
  if (declaredSize !== undefined) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 46; i >= 0; i--)
      if (
        view.getUint32(i, true) === 0x02014b50 &&
        new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === name
      )
        view.setUint32(i + 24, declaredSize, true);
  }
  return bytes;
}

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ReportError);
    return (err as Error).message;
  }
  throw new Error('not refused');
}

describe('documentXmlText', () => {
  it('paragraphs → lines with a blank line between; w:tab, w:br; tab stops, deleted text and fallbacks left out', () => {
    const xml = body(
      p(r(t('标题')), r('<w:tab/>'), r(t('A&amp;B &#x4E2D;&lt;')), r('<w:br/>'), r(t('第二行'))) +
        p(
          r(t('保留')),
          '<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>',
          '<mc:AlternateContent><mc:Choice>',
          r(t('一次')),
          '</mc:Choice><mc:Fallback>',
          r(t('一次')),
          '</mc:Fallback></mc:AlternateContent>',
        ) +
        '<w:p/>' +
        p(r('<w:instrText> PAGE </w:instrText>'), r(t('1'))),
    );
    expect(documentXmlText(xml)).toBe('标题\tA&B 中<\n第二行\n\n保留一次\n\n\n\n1');
  });

  it('a table row with cells → one tab-separated line (spans keep columns); a one-cell row (a 专栏) → its lines', () => {
    const xml = body(
      '<w:tbl><w:tr>' +
        tc(p(r(t('专栏 1：主要指标'))), 4) +
        '</w:tr><w:tr>' +
        tc(p(r(t('序号')))) +
        tc(p(r(t('指标名称'))), 2) +
        tc(p(r(t('2030年')))) +
        '</w:tr><w:tr>' +
        tc(p(r(t('1')))) +
        tc(p(r(t('地区生产总值'))) + p(r(t('（亿元）')))) +
        tc(p(r(t('增速')))) +
        tc(p(r(t('6左右')))) +
        '</w:tr></w:tbl>' +
        '<w:tbl><w:tr>' +
        tc(p(r(t('专栏 2：重点工程'))) + p(r(t('产业项目：新建园区3个。')))) +
        '</w:tr></w:tbl>',
    );
    expect(documentXmlText(xml).split('\n\n')).toEqual([
      '专栏 1：主要指标',
      '序号\t指标名称\t\t2030年',
      '1\t地区生产总值（亿元）\t增速\t6左右',
      '专栏 2：重点工程',
      '产业项目：新建园区3个。',
    ]);
  });

  it('is total: broken XML gives some text, never an exception', () => {
    for (const s of [
      '',
      '<',
      '<w:p><w:t>半',
      '<w:tc><w:tc></w:tbl></w:p></w:tr>',
      '&amp;<w:t>&#xFFFFFFF;</w:t>',
    ])
      expect(typeof documentXmlText(s)).toBe('string');
  });
});

describe('docxToText on our own exports (round trip)', () => {
  let db: Db;
  let jiedu: string;
  let plan: string;
  beforeAll(async () => {
    db = openStore(':memory:').db;
    jiedu = docxToText(new Uint8Array((await renderBriefing(db, '政府工作报告解读')).docx));
    plan = docxToText(new Uint8Array((await renderBriefing(db, '规划纲要')).docx));
  }, 60_000);

  it('政府工作报告解读: the text carries the figures, and extract finds them', () => {
    expect(jiedu).toContain('●银行金融机构各项贷款同比增长16.4%');
    const found = extractFigures(jiedu, extractOptionsOf(new Catalogue(db)));
    const has = (value: number, unit: string) => found.some((c) => c.value === value && c.unit === unit);
    expect(has(16.4, '%')).toBe(true);
    expect(has(1.34, '个百分点')).toBe(true);
    expect(has(116.8, '万吨')).toBe(true);
    expect(has(94, '%')).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(30);
    for (const c of found) expect(jiedu.slice(c.start, c.end)).toBe(c.text);
    const doc = textToDocument(jiedu);
    const questions = doc.blocks.filter((b) => b.type === 'heading' && b.kind === 'question');
    expect(questions.map((b) => (b as { text: string }).text)).toContain('2020年，咸宁怎么看？');
    expect(doc.blocks.filter((b) => b.type === 'paragraph' && b.bullet).length).toBeGreaterThanOrEqual(20);
  });

  it('规划纲要: cover, contents, chapters and 专栏 1 with its table come back as structure', () => {
    const doc = textToDocument(plan);
    expect(doc.blocks[0]).toMatchObject({ type: 'cover', issuer: '咸宁市人民政府', date: '二〇二六年五月' });
    expect(doc.blocks.some((b) => b.type === 'toc')).toBe(true);
    expect(
      doc.blocks.filter((b) => b.type === 'heading' && b.kind === 'chapter').length,
    ).toBeGreaterThanOrEqual(3);
    const boxes = doc.blocks.filter((b): b is Extract<Block, { type: 'box' }> => b.type === 'box');
    expect(boxes[0].title).toContain('主要指标');
    const table = boxes[0].blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.length).toBeGreaterThanOrEqual(15);
    expect(doc.meta.template).toBe('规划纲要');
  });
});

describe('docxToText refuses what is not a .docx, before inflating anything large', () => {
  it('an old .doc, a PDF, plain bytes, another zip, a truncated file', () => {
    const ole = new Uint8Array([
      0xd0,
      0xcf,
      0x11,
      0xe0,
      0xa1,
      0xb1,
      0x1a,
      0xe1,
      ...new Array<number>(600).fill(0),
    ]);
    expect(refusal(() => docxToText(ole))).toMatch(/旧版 Word（\.doc）.*另存为 \.docx/);
    expect(refusal(() => docxToText(strToU8('just text, not a zip at all')))).toMatch(
      /不是 Word 文档（\.docx）/,
    );
    expect(refusal(() => docxToText(docx('<x/>', undefined, 'xl/workbook.xml')))).toMatch(
      /没有 word\/document\.xml/,
    );
    const good = docx(body(p(r(t('正文')))));
    expect(docxToText(good)).toBe('正文');
    expect(refusal(() => docxToText(good.subarray(0, good.length - 30)))).toMatch(/压缩包已损坏或不完整/);
    expect(refusal(() => docxToText(docx('<html/>')))).toMatch(/不是 Word 正文/);
  });

  it('a zip bomb: a declared size over the limit is refused unread; a size that lies is caught while inflating', () => {
    expect(refusal(() => docxToText(docx(body(p(r(t('x')))), 3_000_000_000)))).toMatch(
      /解压后有 2861 MB，超过上限 64 MB.*压缩炸弹/,
    );
    // 8 MB of text that says it is 1 KB: stopped after the first kilobyte, not inflated to the end.
    const lying = docx(new Uint8Array(8 * 1024 * 1024).fill(0x61), 1024);
    const started = performance.now();
    expect(refusal(() => docxToText(lying))).toMatch(/比声明的大（疑似“压缩炸弹”）/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(DOCX_LIMITS.documentXmlBytes).toBe(64 * 1024 * 1024);
  });

  it('readReportBytes: .txt in UTF-8 with BOM, .docx by content, PDF refused with what to do', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('2019年GDP增长8.1%')]);
    expect(readReportBytes('a.txt', bom)).toEqual({
      text: '2019年GDP增长8.1%',
      format: 'txt',
      encoding: 'utf-8',
    });
    expect(readReportBytes('报告', docx(body(p(r(t('正文'))))))).toEqual({
      text: '正文',
      format: 'docx',
      encoding: null,
    });
    expect(refusal(() => readReportBytes('a.docx', strToU8('hello')))).toMatch(
      /^「a\.docx」：不是 Word 文档/,
    );
    expect(refusal(() => readReportBytes('a.pdf', strToU8('%PDF-1.7 …')))).toMatch(/PDF 文件.*粘贴/);
    expect(refusal(() => readReportBytes('a.bin', new Uint8Array([1, 0, 2, 0, 3])))).toMatch(/不是文本文件/);
  });
});

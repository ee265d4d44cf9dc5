// The foundation's whole path once, for real: demo database → 政府工作报告解读 template → .docx →
// LibreOffice layout. Checks what a reader would see, not only that a file was written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBriefing, type RenderedBriefing } from '../../src/core/briefing';
import { openStore } from '../../src/core/db/store';
import { flat, layoutWithLibreOffice, type PdfLayout } from '../helpers/office';

let result: RenderedBriefing;
let layout: PdfLayout;
let documentXml: string;
let parts: Record<string, Uint8Array>;

beforeAll(async () => {
  const { db } = openStore(':memory:');
  result = await renderBriefing(db, '政府工作报告解读');
  db.close();
  const file = join(mkdtempSync(join(tmpdir(), 'brief-jiedu-')), '政府工作报告解读.docx');
  writeFileSync(file, result.docx);
  parts = unzipSync(new Uint8Array(result.docx));
  documentXml = strFromU8(parts['word/document.xml']);
  layout = layoutWithLibreOffice(file);
}, 180_000);

describe('政府工作报告解读 exported from the demo database', () => {
  it('binds at least ten figures to the database, none missing', () => {
    expect(result.values).toBeGreaterThanOrEqual(10);
    expect(result.missing).toEqual([]);
  });

  it('has the four Q-style part titles and ● bullets, in the order of seed 002', () => {
    const text = flat(layout.pageTexts.join(''));
    const titles = [
      '2020年，咸宁怎么看？',
      '2021年，咸宁怎么干？',
      '“十三五”时期，咸宁干得怎么样？',
      '“十四五”时期，咸宁应该怎么办？',
    ];
    const positions = titles.map((t) => text.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((text.match(/●/g) ?? []).length).toBeGreaterThanOrEqual(20);
  });

  it('writes the figures the way the seed writes them', () => {
    const text = flat(layout.pageTexts.join(''));
    for (const sentence of [
      '●银行金融机构各项贷款同比增长16.4%，普惠型小微企业贷款利率较年初下降1.34个百分点。',
      '●全年空气质量优良天数比例94%，在全国168个重点城市排名第18位。',
      '●粮食产量116.8万吨，蔬菜面积157.2万亩，生猪出栏206.5万头。',
      '预计全年地区生产总值恢复到2019年同期95%以上。',
      '地区生产总值增长10.5%以上',
      '城镇登记失业率控制在4.5%以内',
      '●预计三次产业结构由15.9:46.5:37.6优化为14:42:44。',
      '全市地区生产总值突破1500亿元',
    ]) {
      expect(text).toContain(sentence);
    }
  });

  it('carries at least one chart whose Chinese text LibreOffice shows', () => {
    expect(documentXml).toMatch(/<w:drawing>/);
    const text = flat(layout.pageTexts.join(''));
    expect(text).toMatch(/图\d+2021年主要经济指标预期增长目标/);
  });

  it('is laid out on A4 with "— N —" page numbers', () => {
    expect(layout.pages).toBeGreaterThanOrEqual(3);
    // pdftotext may drop the half-width spaces around the number; the XML has "— " PAGE " —".
    const footers = layout.pageTexts.map((p) => flat(p.trim().split('\n').pop()!));
    expect(footers[0]).toBe('—1—');
    expect(footers[1]).toBe('—2—');
    expect(documentXml).toContain('w:w="11906" w:h="16838"');
    expect(documentXml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
  });

  it('asks for the East-Asian faces by name: 仿宋_GB2312 body, 黑体 headings', () => {
    const styles = strFromU8(parts['word/styles.xml']);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toContain('w:eastAsia="黑体"');
    expect(styles + documentXml).not.toMatch(/asciiTheme|eastAsiaTheme/);
  });
});

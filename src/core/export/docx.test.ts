import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block, BriefDocument, TableCell } from '../doc/model';
import { buildDocx, fontsNeeded, headingText, needsEastAsiaHint, type RenderedFigure } from './docx';

// ---------------------------------------------------------------------------------------------
// helpers

type Parts = Record<string, string | Uint8Array>;

async function build(
  blocks: Block[],
  opts: { template?: string; fontProfile?: 'standard' | 'fallback'; figures?: RenderedFigure[] } = {},
) {
  const doc: BriefDocument = {
    meta: {
      title: '测试简报',
      author: '咸宁市统计局',
      date: '2026-05-08',
      template: opts.template ?? '调研报告',
      period: '2025年',
    },
    blocks,
  };
  const buf = await buildDocx(doc, {
    figures: opts.figures ?? [],
    template: opts.template,
    fontProfile: opts.fontProfile,
  });
  const files = unzipSync(new Uint8Array(buf));
  const parts: Parts = {};
  for (const [k, v] of Object.entries(files)) parts[k] = /\.(xml|rels)$/.test(k) ? strFromU8(v) : v;
  const xml = (name: string): string => {
    const v = parts[name];
    if (typeof v !== 'string') throw new Error(`no part ${name}`);
    return v;
  };
  return { buf, parts, xml, document: xml('word/document.xml'), styles: xml('word/styles.xml') };
}

const t = (text: string): Block => ({ type: 'paragraph', runs: [{ type: 'text', text }] });
const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
  runs: [{ type: 'text', text }],
  ...extra,
});

/** All w:p elements (not nested-aware; fine for these documents). */
const paragraphs = (xml: string): string[] => xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
const paragraphWith = (xml: string, text: string): string => {
  const p = paragraphs(xml).find((x) => x.includes(text));
  if (!p) throw new Error(`no paragraph with ${text}`);
  return p;
};
const runs = (xml: string): string[] => xml.match(/<w:r>[\s\S]*?<\/w:r>/g) ?? [];
const runWith = (xml: string, text: string): string => {
  const r = runs(xml).find((x) => x.includes(`>${text}<`));
  if (!r) throw new Error(`no run with text ${text}`);
  return r;
};
/** The w:style element with the given id. */
const style = (styles: string, id: string): string => {
  const m = styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`));
  if (!m) throw new Error(`no style ${id}`);
  return m[0];
};
const sectPrs = (xml: string): string[] =>
  xml.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>|<w:sectPr [\s\S]*?<\/w:sectPr>/g) ?? [];

/** Footer part XML of a section's footer reference (default or even). */
function footerOf(parts: Parts, sectPr: string, type: 'default' | 'even'): string {
  const id = sectPr.match(new RegExp(`<w:footerReference w:type="${type}" r:id="(rId\\d+)"`))?.[1];
  if (!id) throw new Error(`no ${type} footer`);
  const rels = parts['word/_rels/document.xml.rels'] as string;
  const target = rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`));
  const file = target?.[1] ?? target?.[2];
  if (!file) throw new Error(`no relationship ${id}`);
  return parts[`word/${file}`] as string;
}

// A real 1×1 PNG and a tiny SVG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
);
const figure = (widthMm = 120, heightMm = 60): RenderedFigure => ({ svg: SVG, png: PNG, widthMm, heightMm });

// ---------------------------------------------------------------------------------------------

describe('page setup and base styles', () => {
  it('writes A4, the GB margins, header/footer distances and a 579-twip line grid', async () => {
    const { document } = await build([t('正文。')]);
    const [sect] = sectPrs(document);
    expect(sect).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(sect).toMatch(
      /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1418" w:gutter="0"\/>/,
    );
    expect(sect).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
  });

  it('overrides docDefaults with explicit fonts, 三号, zh-CN and zero spacing', async () => {
    const { styles } = await build([t('正文。')]);
    const defaults = styles.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain(
      '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312"/>',
    );
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toMatch(/<w:lang w:val="en-US" w:eastAsia="zh-CN"/);
    expect(defaults).toContain('<w:spacing w:before="0" w:after="0"/>');
    expect(defaults).toContain('<w:widowControl w:val="0"/>');
  });

  it('uses no theme fonts anywhere', async () => {
    const { parts } = await build([{ type: 'title', text: '标题' }, t('正文。')]);
    for (const [name, v] of Object.entries(parts)) {
      if (typeof v !== 'string' || !name.startsWith('word/') || name.includes('theme')) continue;
      expect(v, name).not.toMatch(/(ascii|hAnsi|eastAsia|cs)Theme=/);
    }
  });

  it('defines GwBody: 仿宋_GB2312, exact 579, first line 2 characters, justified via Normal, −0.25 pt', async () => {
    const { styles } = await build([t('正文。')]);
    const body = style(styles, 'GwBody');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('w:firstLineChars="200"');
    expect(body).toContain('w:firstLine="640"');
    expect(body).toContain('<w:spacing w:val="-5"/>');
    const normal = style(styles, 'Normal');
    expect(normal).toContain('<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>');
    expect(normal).toContain('<w:jc w:val="both"/>');
    expect(normal).toContain('<w:widowControl w:val="0"/>');
    expect(styles).not.toContain('lineRule="exactly"');
  });

  it('defines the title, caption and table styles of §C.0', async () => {
    const { styles } = await build([t('x')]);
    const title = style(styles, 'GwTitle');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('w:line="700" w:lineRule="exact"');
    expect(title).toContain('<w:snapToGrid w:val="0"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const caption = style(styles, 'GwCaption');
    expect(caption).toContain('w:eastAsia="楷体_GB2312"');
    expect(caption).toContain('w:line="440" w:lineRule="exact"');
    expect(caption).toContain('<w:sz w:val="28"/>');
    expect(style(styles, 'GwTableText')).toContain('<w:sz w:val="28"/>');
    expect(style(styles, 'GwTableTextSmall')).toContain('<w:sz w:val="24"/>');
    expect(style(styles, 'GwTableHead')).toContain('w:eastAsia="黑体"');
    const note = style(styles, 'GwNote');
    expect(note).toContain('w:line="440" w:lineRule="exact"');
    expect(note).toContain('w:firstLineChars="0" w:firstLine="0"');
  });

  it('writes document properties from meta', async () => {
    const { xml } = await build([t('x')]);
    const core = xml('docProps/core.xml');
    expect(core).toContain('<dc:title>测试简报</dc:title>');
    expect(core).toContain('<dc:creator>咸宁市统计局</dc:creator>');
    expect(core).toContain('<dc:description>调研报告；2025年</dc:description>');
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-05-08T00:00:00Z</dcterms:created>',
    );
  });

  it('lists fallback names in the font table', async () => {
    const { xml } = await build([t('x')]);
    expect(xml('word/fontTable.xml')).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });
});

describe('runs', () => {
  it('gives every text run explicit fonts with an eastAsia face', async () => {
    const { document } = await build([
      { type: 'kicker', text: '观点参考' },
      { type: 'title', text: '关于我市工业转型发展的思考' },
      { type: 'byline', text: '咸宁市扶贫办' },
      { type: 'heading', kind: 'h1', label: '一、', text: '现状' },
      { type: 'paragraph', lead: '一是严守生态红线。', runs: [{ type: 'text', text: '正文' }] },
    ]);
    const textRuns = runs(document).filter((r) => r.includes('<w:t'));
    expect(textRuns.length).toBeGreaterThanOrEqual(6);
    for (const r of textRuns)
      expect(r).toMatch(
        /<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="[^"]+" w:hAnsi="Times New Roman"/,
      );
  });

  it('puts −0.25 pt character spacing on body runs', async () => {
    const { document } = await build([t('坚持把发展经济的着力点放在实体经济上。')]);
    expect(runWith(document, '坚持把发展经济的着力点放在实体经济上。')).toContain('<w:spacing w:val="-5"/>');
  });

  it('writes w:hint="eastAsia" on runs with “ ” — … ● ① and not on plain runs', async () => {
    const { document } = await build([
      { type: 'paragraph', bullet: true, runs: [{ type: 'text', text: '全市生产总值增长3.5%。' }] },
      {
        type: 'paragraph',
        runs: [
          { type: 'text', text: '对标“两不愁”助增收' },
          { type: 'text', text: '普通文字' },
        ],
      },
      {
        type: 'paragraph',
        runs: [
          { type: 'text', text: '4—6月……' },
          { type: 'text', text: '注：①' },
        ],
      },
    ]);
    const bullet = runWith(document, '●');
    expect(bullet).toContain('w:hint="eastAsia"');
    expect(runWith(document, '全市生产总值增长3.5%。')).not.toContain('w:hint');
    expect(runWith(document, '对标“两不愁”助增收')).toContain('w:hint="eastAsia"');
    expect(runWith(document, '普通文字')).not.toContain('w:hint');
    expect(runWith(document, '4—6月……')).toContain('w:hint="eastAsia"');
    expect(runWith(document, '注：①')).toContain('w:hint="eastAsia"');
  });

  it('detects the characters that need the hint', () => {
    for (const s of ['“', '”', '‘', '’', '—', '…', '●', '○', '①', '④', '·', 'Ⅱ', '℃'])
      expect(needsEastAsiaHint(s), s).toBe(true);
    for (const s of ['abc 123', '中文，。（）：', '%']) expect(needsEastAsiaHint(s), s).toBe(false);
  });

  it('writes bullets as a literal ● in its own run, without Word numbering', async () => {
    const { document } = await build([
      { type: 'paragraph', bullet: true, runs: [{ type: 'text', text: '项目' }] },
    ]);
    const p = paragraphWith(document, '>●<');
    expect(runs(p).map((r) => r.match(/<w:t[^>]*>([^<]*)</)?.[1])).toEqual(['●', '项目']);
    expect(document).not.toContain('<w:numPr>');
  });

  it('renders lead, run-in heading, value and missing runs', async () => {
    const { document } = await build([
      { type: 'paragraph', lead: '一是严守生态红线。', runs: [{ type: 'text', text: '正文一' }] },
      {
        type: 'paragraph',
        runInLabel: '（一）',
        runInHeading: '工业增加值占比高。',
        runs: [{ type: 'text', text: '正文二' }],
      },
      {
        type: 'paragraph',
        runs: [
          { type: 'text', text: '总量达到' },
          {
            type: 'value',
            text: '1594.98亿元',
            provenance: [
              {
                indicatorCode: 'GDP',
                indicator: '地区生产总值',
                region: '咸宁',
                period: '2020',
                value: 1594.98,
                unit: '亿元',
                status: null,
                source: null,
                revision: 0,
              },
            ],
          },
          { type: 'text', text: '，增长' },
          { type: 'missing', text: '【缺：增速】', reason: '无数据' },
        ],
      },
    ]);
    const p1 = paragraphWith(document, '一是严守生态红线。');
    expect(runs(p1)[0]).toContain('>一是严守生态红线。<');
    expect(runs(p1)[0]).toContain('<w:b/>');
    expect(runWith(document, '正文一')).not.toContain('<w:b/>');
    const runIn = runWith(document, '（一）工业增加值占比高。');
    expect(runIn).toContain('w:eastAsia="楷体_GB2312"');
    expect(runIn).toContain('<w:b/>');
    expect(runWith(document, '1594.98亿元')).not.toContain('highlight');
    expect(runWith(document, '【缺：增速】')).toContain('<w:highlight w:val="yellow"/>');
  });

  it('drops the first-line indent for noIndent and centred paragraphs', async () => {
    const { document } = await build([
      { type: 'paragraph', noIndent: true, runs: [{ type: 'text', text: '顶格' }] },
      { type: 'paragraph', align: 'center', runs: [{ type: 'text', text: '居中' }] },
      t('缩进'),
    ]);
    expect(paragraphWith(document, '顶格')).toContain('w:firstLine="0"');
    expect(paragraphWith(document, '居中')).toContain('<w:jc w:val="center"/>');
    expect(paragraphWith(document, '居中')).toContain('w:firstLineChars="0"');
    expect(paragraphWith(document, '缩进')).not.toContain('<w:ind');
  });

  it('writes subscripts', async () => {
    const { document } = await build([
      {
        type: 'paragraph',
        runs: [
          { type: 'text', text: 'PM' },
          { type: 'text', text: '2.5', subscript: true },
        ],
      },
    ]);
    expect(runWith(document, '2.5')).toContain('<w:vertAlign w:val="subscript"/>');
  });
});

describe('headings', () => {
  it('maps each kind to its style and prints label + text', async () => {
    const { document } = await build([
      { type: 'heading', kind: 'h1', label: '一、', text: '现状与依据' },
      { type: 'heading', kind: 'h2', label: '（二）', text: '路径' },
      { type: 'heading', kind: 'h3', label: '1.', text: '三级' },
      { type: 'heading', kind: 'h4', label: '（1）', text: '四级' },
      { type: 'heading', kind: 'question', text: '2020年，咸宁怎么看？' },
      { type: 'heading', kind: 'theme', text: '加快构建现代产业体系' },
      { type: 'heading', kind: 'part', text: '在真抓实干中展现咸宁作为——' },
      { type: 'heading', kind: 'h1', text: '没有编号' },
    ]);
    const expectations: [string, string, string][] = [
      ['一、现状与依据', 'GwH1', '黑体'],
      ['（二）路径', 'GwH2', '楷体_GB2312'],
      ['1.三级', 'GwH3', '仿宋_GB2312'],
      ['（1）四级', 'GwH4', '仿宋_GB2312'],
      ['2020年，咸宁怎么看？', 'GwQuestion', '黑体'],
      ['加快构建现代产业体系', 'GwTheme', '楷体_GB2312'],
      ['在真抓实干中展现咸宁作为——', 'GwPart', '黑体'],
      ['没有编号', 'GwH1', '黑体'],
    ];
    for (const [text, id, face] of expectations) {
      const p = paragraphWith(document, `>${text}<`);
      expect(p, text).toContain(`<w:pStyle w:val="${id}"/>`);
      expect(runWith(p, text), text).toContain(`w:eastAsia="${face}"`);
    }
    expect(runWith(document, '（二）路径')).toContain('<w:b/>');
    expect(runWith(document, '1.三级')).toContain('<w:b/>');
    expect(runWith(document, '（1）四级')).not.toContain('<w:b/>');
  });

  it('gives the heading styles their house look', async () => {
    const { styles } = await build([t('x')]);
    expect(style(styles, 'GwH1')).toContain('<w:keepNext/>');
    expect(style(styles, 'GwH1')).toContain('w:firstLineChars="200"');
    expect(style(styles, 'GwChapter')).toContain('<w:jc w:val="center"/>');
    expect(style(styles, 'GwSection')).toMatch(/w:eastAsia="楷体_GB2312"\/><w:b\/>/);
    expect(style(styles, 'GwQuestion')).toContain('w:before="579"');
    expect(style(styles, 'GwPlanItem')).toMatch(/w:eastAsia="仿宋_GB2312"\/><w:b\/>/);
  });

  it('carries outline levels for the TOC: h1 outside 规划纲要, 章/节 always', async () => {
    const blocks: Block[] = [
      { type: 'heading', kind: 'chapter', label: '第一章', text: '总体要求' },
      { type: 'heading', kind: 'section', label: '第一节', text: '发展基础' },
      { type: 'heading', kind: 'item', label: '一、', text: '条目' },
      { type: 'heading', kind: 'h1', label: '二、', text: '一级' },
    ];
    const plan = await build(blocks, { template: '规划纲要' });
    expect(paragraphWith(plan.document, '第一章\u3000总体要求')).toContain('<w:outlineLvl w:val="0"/>');
    expect(paragraphWith(plan.document, '第一节\u3000发展基础')).toContain('<w:outlineLvl w:val="1"/>');
    expect(paragraphWith(plan.document, '一、条目')).not.toContain('outlineLvl');
    expect(paragraphWith(plan.document, '二、一级')).not.toContain('outlineLvl');
    expect(style(plan.styles, 'GwH1')).not.toContain('outlineLvl');
    const report = await build(blocks, { template: '调研报告' });
    expect(paragraphWith(report.document, '二、一级')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style(report.styles, 'GwH1')).toContain('<w:outlineLvl w:val="0"/>');
  });

  it('separates 第X章/第X节 labels with a full-width space and breaks lines at \\n', async () => {
    expect(headingText({ type: 'heading', kind: 'chapter', label: '第三章', text: '甲' })).toBe(
      '第三章\u3000甲',
    );
    expect(headingText({ type: 'heading', kind: 'h1', label: '三、', text: '甲' })).toBe('三、甲');
    expect(headingText({ type: 'heading', kind: 'h1', text: '甲' })).toBe('甲');
    const { document } = await build([
      { type: 'heading', kind: 'chapter', label: '第二章', text: '前半句\n后半句' },
    ]);
    const p = paragraphWith(document, '后半句');
    expect(p).toMatch(/<w:br\/><w:t xml:space="preserve">后半句<\/w:t>/);
  });
});

describe('title group', () => {
  it('styles title, subtitle, byline and kicker and leaves a blank line after the group', async () => {
    const { document } = await build([
      { type: 'kicker', text: '政府工作报告解读' },
      { type: 'title', text: '庄严承诺　世纪工程' },
      { type: 'subtitle', text: '——写在第六个国家扶贫日' },
      { type: 'byline', text: '咸宁日报全媒体记者　陈新' },
      t('正文。'),
    ]);
    expect(paragraphWith(document, '政府工作报告解读')).toContain('GwKicker');
    expect(runWith(document, '政府工作报告解读')).toContain('w:eastAsia="黑体"');
    const title = paragraphWith(document, '庄严承诺');
    expect(title).toContain('GwTitle');
    expect(title).not.toContain('w:after');
    expect(runWith(document, '庄严承诺　世纪工程')).toContain('w:eastAsia="方正小标宋简体"');
    expect(runWith(document, '——写在第六个国家扶贫日')).toContain('w:eastAsia="楷体_GB2312"');
    expect(paragraphWith(document, '陈新')).toContain('w:after="579"');
  });
});

describe('tables', () => {
  const table: Block = {
    type: 'table',
    title: '主要指标',
    widthsMm: [40, 40, 40, 36],
    rules: 'grid',
    header: [
      [cell('类别', { rowSpan: 2 }), cell('指标', { colSpan: 2 }), cell('属性', { rowSpan: 2 })],
      [cell('2025年'), cell('2030年')],
    ],
    rows: [
      [cell('经济', { rowSpan: 2 }), cell('6.2', { align: 'right' }), cell('—'), cell('预期性')],
      [cell('60.96', { align: 'right' }), cell('65'), cell('预期性')],
    ],
    notes: [{ type: 'text', text: '注：①带*的为2024年数据。' }],
  };

  it('writes merged cells, header rows, unsplittable rows and mm widths', async () => {
    const { document } = await build([table]);
    const tbl = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)?.[0] ?? '';
    expect(tbl.match(/<w:gridCol w:w="(\d+)"\/>/g)).toEqual([
      '<w:gridCol w:w="2268"/>',
      '<w:gridCol w:w="2268"/>',
      '<w:gridCol w:w="2268"/>',
      '<w:gridCol w:w="2041"/>',
    ]);
    expect(tbl).toContain('<w:gridSpan w:val="2"/>');
    expect(tbl.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(3);
    expect(tbl.match(/<w:vMerge w:val="continue"\/>/g)).toHaveLength(3);
    const rows = tbl.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(4);
    expect(rows.slice(0, 2).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(rows.slice(2).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(paragraphWith(tbl, '>6.2<')).toContain('<w:jc w:val="right"/>');
    expect(paragraphWith(tbl, '>类别<')).toContain('GwTableHead');
    expect(runWith(tbl, '类别')).toContain('w:eastAsia="黑体"');
    expect(paragraphWith(tbl, '>65<')).toContain('GwTableText');
    expect(tbl).toMatch(/<w:insideV w:val="single"/);
  });

  it('puts a 表 SEQ field in the title above and notes below', async () => {
    const { document } = await build([table, { ...table, title: '第二张' } as Block]);
    const title = paragraphWith(document, '主要指标');
    expect(title).toContain('GwTableTitle');
    expect(title).toContain('<w:fldChar w:fldCharType="begin"/>');
    expect(title).toContain('<w:instrText xml:space="preserve"> SEQ 表 \\* ARABIC </w:instrText>');
    expect(title).toContain('<w:fldChar w:fldCharType="separate"/>');
    expect(title).toContain('<w:fldChar w:fldCharType="end"/>');
    expect(
      runs(title)
        .map((r) => r.match(/<w:t[^>]*>([^<]*)</)?.[1])
        .filter(Boolean),
    ).toEqual(['表', '1', ' 主要指标']);
    expect(paragraphWith(document, '第二张')).toContain('>2<');
    expect(document.indexOf('主要指标')).toBeLessThan(document.indexOf('<w:tbl>'));
    const note = paragraphWith(document, '注：①');
    expect(note).toContain('GwNote');
    expect(document.indexOf('注：①')).toBeGreaterThan(document.indexOf('</w:tbl>'));
  });

  it('draws three-line tables with top/bottom rules and a rule under the header', async () => {
    const { document } = await build([{ ...table, rules: 'three-line' } as Block]);
    const borders = document.match(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/)?.[0] ?? '';
    expect(borders).toMatch(/<w:top w:val="single" w:color="000000" w:sz="12"\/>/);
    expect(borders).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="12"\/>/);
    expect(borders).toMatch(/<w:insideV w:val="none"/);
    // 4 cells end on the last header row, plus the 2 continuation cells docx adds for the merged 类别/属性
    expect(
      document.match(/<w:tcBorders><w:bottom w:val="single" w:color="000000" w:sz="6"\/><\/w:tcBorders>/g)
        ?.length,
    ).toBe(6);
    const firstRow = document.match(/<w:tr>[\s\S]*?<\/w:tr>/)?.[0] ?? '';
    expect(paragraphWith(firstRow, '>指标<')).toBeTruthy();
    expect(firstRow.match(/<w:tc>[\s\S]*?<\/w:tc>/g)?.find((c) => c.includes('>指标<'))).not.toContain(
      'tcBorders',
    );
  });

  it('uses 小四 styles for compact tables', async () => {
    const { document } = await build([{ ...table, compact: true } as Block]);
    expect(paragraphWith(document, '>类别<')).toContain('GwTableHeadSmall');
    expect(paragraphWith(document, '>65<')).toContain('GwTableTextSmall');
  });
});

describe('figures', () => {
  const fig: Block = {
    type: 'figure',
    chart: {
      type: 'bar',
      title: '生产总值',
      categories: ['2019', '2020'],
      series: [],
      source: '资料来源：咸宁市统计局',
    },
    caption: '2016—2020年全市地区生产总值',
  };

  it('embeds the SVG with a PNG fallback, sized in mm, captioned below with a 图 SEQ field', async () => {
    const { document, parts } = await build([fig], { figures: [figure(120, 60)] });
    expect(
      Object.keys(parts)
        .filter((k) => k.startsWith('word/media/'))
        .sort(),
    ).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    // 120 mm → 454 px at 96 dpi → 454 × 9525 EMU
    expect(document).toContain('<wp:extent cx="4324350" cy="2162175"/>');
    expect(document).toContain('asvg:svgBlip');
    const caption = paragraphWith(document, '>图<');
    expect(caption).toContain('GwCaption');
    expect(caption).toContain(' SEQ 图 \\* ARABIC ');
    expect(
      runs(caption)
        .map((r) => r.match(/<w:t[^>]*>([^<]*)</)?.[1])
        .filter(Boolean),
    ).toEqual(['图', '1', ' 2016—2020年全市地区生产总值']);
    expect(runWith(caption, ' 2016—2020年全市地区生产总值')).toContain('w:eastAsia="楷体_GB2312"');
    expect(document.indexOf('<w:drawing>')).toBeLessThan(document.indexOf('>图<'));
    expect(paragraphWith(document, '资料来源：咸宁市统计局')).toContain('GwSource');
  });

  it('shrinks figures wider than the text block', async () => {
    const { document } = await build([fig], { figures: [figure(312, 100)] });
    // 156 mm → 590 px; height halves to 50 mm → 189 px
    expect(document).toContain('<wp:extent cx="5619750" cy="1800225"/>');
  });

  it('fails clearly when a figure has no rendering', async () => {
    await expect(build([fig, fig], { figures: [figure()] })).rejects.toThrow(/第 2 个图表/);
  });
});

describe('boxes', () => {
  it('draws a bordered single-cell table with a repeating title row and the inner blocks at 四号', async () => {
    const { document } = await build(
      [
        {
          type: 'box',
          label: '专栏 1',
          title: '“十五五”时期主要指标',
          blocks: [
            {
              type: 'table',
              widthsMm: [78, 78],
              rules: 'grid',
              compact: true,
              header: [[cell('指标'), cell('2030年')]],
              rows: [[cell('GDP增长'), cell('6左右')]],
            },
            { type: 'paragraph', lead: '纺织产业：', runs: [{ type: 'text', text: '推进转型升级。' }] },
            {
              type: 'figure',
              chart: { type: 'bar', title: '', categories: [], series: [] },
              caption: '框内图',
            },
          ],
        },
        { type: 'figure', chart: { type: 'bar', title: '', categories: [], series: [] }, caption: '框外图' },
      ],
      { figures: [figure(), figure()] },
    );
    const outer = document.slice(document.indexOf('<w:tbl>'));
    expect(outer).toMatch(/^<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="8845"\/>/);
    expect(outer.slice(0, 900)).toMatch(/<w:top w:val="single" w:color="000000" w:sz="6"\/>/);
    const firstRow = outer.match(/<w:tr>[\s\S]*?<\/w:tr>/)?.[0] ?? '';
    expect(firstRow).toContain('<w:tblHeader/>');
    expect(firstRow).toContain('>专栏 1：“十五五”时期主要指标<');
    expect(runWith(firstRow, '专栏 1：“十五五”时期主要指标')).toContain('w:eastAsia="黑体"');
    // nested table, narrower than the box
    expect(document.match(/<w:tbl>/g)).toHaveLength(2);
    expect(document).toMatch(/<w:tblW w:type="dxa" w:w="8619"\/>/);
    const inner = paragraphWith(document, '推进转型升级。');
    expect(inner).toContain('GwBoxText');
    expect(inner).toContain('w:line="440" w:lineRule="exact"');
    expect(runWith(inner, '推进转型升级。')).toContain('<w:sz w:val="28"/>');
    // figures are counted depth-first through boxes
    expect(paragraphWith(document, '> 框内图<')).toMatch(/>1<[\s\S]*> 框内图</);
    expect(paragraphWith(document, '> 框外图<')).toMatch(/>2<[\s\S]*> 框外图</);
  });

  it('accepts a bare number as the box label and prints no label when absent', async () => {
    const { document } = await build([
      { type: 'box', label: '2', title: '重点工程', blocks: [t('a')] },
      { type: 'box', title: '无编号', blocks: [t('b')] },
    ]);
    expect(document).toContain('>专栏 2：重点工程<');
    expect(document).toContain('>无编号<');
  });
});

describe('sections, cover, TOC and page numbers', () => {
  const blocks: Block[] = [
    {
      type: 'cover',
      titleLines: ['咸宁市国民经济和社会发展的', '第十五个五年规划纲要'],
      issuer: '咸宁市人民政府',
      date: '二〇二六年五月',
    },
    { type: 'toc', title: '目　录' },
    { type: 'heading', kind: 'chapter', label: '第一章', text: '总体要求' },
    t('正文。'),
    { type: 'pageBreak' },
    t('新页正文。'),
  ];

  it('puts cover and TOC in their own unnumbered sections and restarts numbering in the body', async () => {
    const { document, parts } = await build(blocks, { template: '规划纲要' });
    const sects = sectPrs(document);
    expect(sects).toHaveLength(3);
    expect(sects[0]).not.toContain('pgNumType w:start');
    expect(sects[1]).not.toContain('pgNumType w:start');
    expect(sects[2]).toContain('<w:pgNumType w:start="1"/>');
    for (const s of sects.slice(0, 2)) {
      expect(footerOf(parts, s, 'default')).not.toContain('PAGE');
      expect(footerOf(parts, s, 'even')).not.toContain('PAGE');
    }
    // cover content sits before the first section break, TOC before the second
    const firstBreak = document.indexOf('<w:sectPr');
    expect(document.indexOf('第十五个五年规划纲要')).toBeLessThan(firstBreak);
    expect(document.indexOf('咸宁市人民政府')).toBeLessThan(firstBreak);
    const secondBreak = document.indexOf('<w:sectPr', firstBreak + 1);
    expect(document.indexOf('目　录')).toBeGreaterThan(firstBreak);
    expect(document.indexOf('目　录')).toBeLessThan(secondBreak);
    expect(runWith(document, '第十五个五年规划纲要')).toContain('w:eastAsia="方正小标宋简体"');
    expect(runWith(document, '咸宁市人民政府')).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('writes a real TOC field picking up outline levels 1–2', async () => {
    const { document, xml } = await build(blocks, { template: '规划纲要' });
    expect(document).toMatch(
      /<w:instrText xml:space="preserve">TOC [^<]*\\o &quot;1-2&quot;[^<]*<\/w:instrText>/,
    );
    expect(document).toMatch(/<w:instrText xml:space="preserve">TOC [^<]*\\h[^<]*<\/w:instrText>/);
    expect(document).toMatch(/<w:instrText xml:space="preserve">TOC [^<]*\\z[^<]*<\/w:instrText>/);
    expect(paragraphWith(document, '目　录')).toContain('GwTocTitle');
    // Numbers are filled in at export: no "update fields?" prompt on opening.
    expect(xml('word/settings.xml')).not.toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
  });

  it('writes "— PAGE —" footers in 宋体 四号, odd right and even left, with evenAndOddHeaders', async () => {
    const { document, parts, xml } = await build(blocks);
    expect(xml('word/settings.xml')).toMatch(/<w:evenAndOddHeaders( w:val="(true|1)")?\/>/);
    const body = sectPrs(document)[2]!;
    const odd = footerOf(parts, body, 'default');
    const even = footerOf(parts, body, 'even');
    for (const f of [odd, even]) {
      expect(f).toMatch(
        /<w:t xml:space="preserve">— <\/w:t>[\s\S]*<w:instrText xml:space="preserve">PAGE<\/w:instrText>[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/,
      );
      expect(f).toContain(
        '<w:rFonts w:ascii="宋体" w:cs="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:hint="eastAsia"/>',
      );
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toMatch(/<w:ind w:left="0" w:right="280"\/>|<w:ind w:right="280" w:left="0"\/>/);
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toMatch(/<w:ind w:left="280" w:right="0"\/>/);
  });

  it('turns a pageBreak block into pageBreakBefore on the next paragraph', async () => {
    const { document } = await build(blocks);
    expect(paragraphWith(document, '新页正文。')).toContain('<w:pageBreakBefore/>');
    expect(paragraphWith(document, '>正文。<')).not.toContain('pageBreakBefore');
  });

  it('has a single numbered section when there is no front matter', async () => {
    const { document } = await build([t('正文。')]);
    const sects = sectPrs(document);
    expect(sects).toHaveLength(1);
    expect(sects[0]).toContain('<w:pgNumType w:start="1"/>');
  });
});

describe('font profiles', () => {
  const blocks: Block[] = [
    { type: 'title', text: '标题' },
    { type: 'heading', kind: 'h2', label: '（一）', text: '二级' },
    t('正文。'),
  ];

  it('swaps the faces in the fallback profile', async () => {
    const { document, styles, xml } = await build(blocks, { fontProfile: 'fallback' });
    for (const part of [document, styles, xml('word/fontTable.xml')]) {
      expect(part).not.toContain('仿宋_GB2312');
      expect(part).not.toContain('楷体_GB2312');
      expect(part).not.toContain('方正小标宋简体');
    }
    expect(runWith(document, '正文。')).toContain('w:eastAsia="仿宋"');
    expect(runWith(document, '（一）二级')).toContain('w:eastAsia="楷体"');
    expect(runWith(document, '标题')).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:eastAsia="仿宋"/>');
  });

  it('reports the faces a profile needs', () => {
    expect(fontsNeeded('standard')).toEqual([
      '方正小标宋简体',
      '仿宋_GB2312',
      '楷体_GB2312',
      '黑体',
      '宋体',
      'Times New Roman',
    ]);
    expect(fontsNeeded('fallback')).toEqual(['宋体', '仿宋', '楷体', '黑体', 'Times New Roman']);
  });
});

describe('a 专栏 holding only a table', () => {
  it('is one table with the box title as a merged header row, not a table nested in a cell', async () => {
    const table: Block = {
      type: 'table',
      widthsMm: [20, 60, 40, 36],
      header: [[cell('类别'), cell('指标名称'), cell('2025年'), cell('属性')]],
      rows: [
        [cell('经济发展', { rowSpan: 2 }), cell('地区生产总值增长（%）'), cell('6.2'), cell('预期性')],
        [cell('常住人口城镇化率（%）'), cell('60.96'), cell('预期性')],
      ],
      notes: [{ type: 'text', text: '注：①带*的为2024年数据。' }],
      rules: 'grid',
      compact: true,
    };
    const { document } = await build([{ type: 'box', title: '主要指标', label: '专栏 1', blocks: [table] }]);
    const tables = document.match(/<w:tbl>/g) ?? [];
    expect(tables).toHaveLength(1);
    const rows = document.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows[0]).toContain('专栏 1：主要指标');
    expect(rows[0]).toMatch(/<w:gridSpan w:val="4"\/>/);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).toContain('<w:tblHeader/>'); // the column heads repeat too
    expect(rows[2]).not.toContain('<w:tblHeader/>');
    expect(rows[rows.length - 1]).toContain('注：①带*的为2024年数据。');
  });
});

/**
 * House style of the Word export (GB/T 9704 base, style-spec §C.0 and §G), written as raw OOXML parts.
 *
 * docx (the library) writes the document body; this module writes the parts where the house style
 * needs exact markup that docx's options don't reach: word/styles.xml (docDefaults, named Gw* styles
 * with widowControl/kinsoku/autoSpaceDE/DN/snapToGrid/outlineLvl), word/fontTable.xml (fallback
 * names in w:altName) and docProps/core.xml (created date taken from the document's meta).
 */

export type FontProfile = 'standard' | 'fallback';

/** The CJK faces of a profile, by role. */
export interface Faces {
  /** 标题 小标宋 */
  title: string;
  /** 正文 仿宋 */
  fang: string;
  /** 二级 楷体 */
  kai: string;
  /** 一级 黑体 */
  hei: string;
  /** 页码 宋体 */
  song: string;
}

export const LATIN_FONT = 'Times New Roman';

export function facesFor(profile: FontProfile = 'standard'): Faces {
  return profile === 'fallback'
    ? { title: '宋体', fang: '仿宋', kai: '楷体', hei: '黑体', song: '宋体' }
    : { title: '方正小标宋简体', fang: '仿宋_GB2312', kai: '楷体_GB2312', hei: '黑体', song: '宋体' };
}

export type FaceRole = keyof Faces;

/** Page geometry and type sizes, in twips (1/20 pt) and half-points. */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: 2098,
  bottom: 1984,
  left: 1587,
  right: 1474,
  header: 851,
  footer: 1418,
  /** 版心 width: 156 mm. */
  textWidth: 11906 - 1587 - 1474,
  /** 28.95 pt: 22 lines on a 225 mm 版心. */
  linePitch: 579,
} as const;

export const TWIPS_PER_MM = 56.693;

/** Chinese size names → half-points (w:sz), style-spec §G.2. */
export const SZ = { xiaochu: 72, yihao: 52, erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24 } as const;

/** Exact line heights in twips. */
export const LINE = {
  body: 579,
  title: 700,
  caption: 440,
  table: 400,
  tableCompact: 360,
  note: 440,
} as const;

/** Body run character spacing in twentieths of a point: −0.25 pt, so 28 三号 characters fit a 156 mm line. */
export const BODY_CHAR_SPACING = -5;

/** Right-aligned dot-leader tab at the right edge of the 版心 (TOC page numbers). */
const TOC_TAB = PAGE.textWidth;

// ---------------------------------------------------------------------------------------------
// XML helpers

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface PPr {
  keepNext?: boolean;
  widowControl?: boolean;
  kinsoku?: boolean;
  autoSpace?: boolean;
  snapToGrid?: boolean;
  tabs?: string;
  spacing?: { before?: number; after?: number; line?: number; rule?: 'exact' | 'auto' | 'atLeast' };
  ind?: { firstLine?: number; firstLineChars?: number; hanging?: number; left?: number; right?: number };
  jc?: 'both' | 'center' | 'left' | 'right';
  outlineLvl?: number;
}

interface RPr {
  /** eastAsia face; ascii/hAnsi/cs stay Times New Roman unless `allSlots`. */
  face?: string;
  allSlots?: boolean;
  bold?: boolean;
  spacing?: number;
  sz?: number;
}

/** w:pPr children in CT_PPrBase order. */
function pPrXml(p: PPr): string {
  let x = '';
  if (p.keepNext) x += '<w:keepNext/>';
  if (p.widowControl !== undefined) x += `<w:widowControl w:val="${p.widowControl ? 1 : 0}"/>`;
  if (p.tabs) x += p.tabs;
  if (p.kinsoku !== undefined) x += `<w:kinsoku w:val="${p.kinsoku ? 1 : 0}"/>`;
  if (p.autoSpace !== undefined) {
    const v = p.autoSpace ? 1 : 0;
    x += `<w:autoSpaceDE w:val="${v}"/><w:autoSpaceDN w:val="${v}"/>`;
  }
  if (p.snapToGrid !== undefined) x += `<w:snapToGrid w:val="${p.snapToGrid ? 1 : 0}"/>`;
  if (p.spacing) {
    const s = p.spacing;
    const a: string[] = [];
    if (s.before !== undefined) a.push(`w:before="${s.before}"`);
    if (s.after !== undefined) a.push(`w:after="${s.after}"`);
    if (s.line !== undefined) a.push(`w:line="${s.line}"`, `w:lineRule="${s.rule ?? 'exact'}"`);
    x += `<w:spacing ${a.join(' ')}/>`;
  }
  if (p.ind) {
    const i = p.ind;
    const a: string[] = [];
    if (i.left !== undefined) a.push(`w:left="${i.left}"`);
    if (i.right !== undefined) a.push(`w:right="${i.right}"`);
    if (i.firstLineChars !== undefined) a.push(`w:firstLineChars="${i.firstLineChars}"`);
    if (i.firstLine !== undefined) a.push(`w:firstLine="${i.firstLine}"`);
    if (i.hanging !== undefined) a.push(`w:hanging="${i.hanging}"`);
    x += `<w:ind ${a.join(' ')}/>`;
  }
  if (p.jc) x += `<w:jc w:val="${p.jc}"/>`;
  if (p.outlineLvl !== undefined) x += `<w:outlineLvl w:val="${p.outlineLvl}"/>`;
  return x ? `<w:pPr>${x}</w:pPr>` : '';
}

export function rFontsXml(face: string, allSlots = false): string {
  const latin = escapeXml(allSlots ? face : LATIN_FONT);
  return `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:cs="${latin}" w:eastAsia="${escapeXml(face)}"/>`;
}

/** w:rPr children in CT_RPr order. */
function rPrXml(r: RPr): string {
  let x = '';
  if (r.face) x += rFontsXml(r.face, r.allSlots);
  if (r.bold) x += '<w:b/><w:bCs/>';
  if (r.spacing !== undefined) x += `<w:spacing w:val="${r.spacing}"/>`;
  if (r.sz !== undefined) x += `<w:sz w:val="${r.sz}"/><w:szCs w:val="${r.sz}"/>`;
  return x ? `<w:rPr>${x}</w:rPr>` : '';
}

interface StyleDef {
  id: string;
  name: string;
  type?: 'paragraph' | 'character';
  basedOn?: string;
  next?: string;
  p?: PPr;
  r?: RPr;
}

function styleXml(s: StyleDef): string {
  const type = s.type ?? 'paragraph';
  let x = `<w:style w:type="${type}" w:customStyle="1" w:styleId="${s.id}"><w:name w:val="${escapeXml(s.name)}"/>`;
  if (s.basedOn) x += `<w:basedOn w:val="${s.basedOn}"/>`;
  if (s.next) x += `<w:next w:val="${s.next}"/>`;
  x += '<w:qFormat/>';
  if (type === 'paragraph' && s.p) x += pPrXml(s.p);
  if (s.r) x += rPrXml(s.r);
  return x + '</w:style>';
}

// ---------------------------------------------------------------------------------------------
// Style table

/** Paragraph style ids of the house style (style-spec §C.0 plus the few this exporter adds). */
export const STYLE = {
  title: 'GwTitle',
  subtitle: 'GwSubtitle',
  byline: 'GwByline',
  kicker: 'GwKicker',
  body: 'GwBody',
  h1: 'GwH1',
  h2: 'GwH2',
  h3: 'GwH3',
  h4: 'GwH4',
  chapter: 'GwChapter',
  section: 'GwSection',
  item: 'GwPlanItem',
  question: 'GwQuestion',
  theme: 'GwTheme',
  part: 'GwPart',
  caption: 'GwCaption',
  figure: 'GwFigure',
  source: 'GwSource',
  tableTitle: 'GwTableTitle',
  tableText: 'GwTableText',
  tableHead: 'GwTableHead',
  tableTextCompact: 'GwTableTextSmall',
  tableHeadCompact: 'GwTableHeadSmall',
  note: 'GwNote',
  boxTitle: 'GwBoxTitle',
  boxText: 'GwBoxText',
  tocTitle: 'GwTocTitle',
  coverTitle: 'GwCoverTitle',
  coverIssuer: 'GwCoverIssuer',
  coverDate: 'GwCoverDate',
  footer: 'GwFooter',
  footerEven: 'GwFooterEven',
  spacer: 'GwSpacer',
  /** Character styles. */
  lead: 'GwLead',
  runIn: 'GwH2RunIn',
} as const;

/** First-line indent of two 三号 characters: Word reads firstLineChars, LibreOffice firstLine. */
export const INDENT_2CH = { firstLineChars: 200, firstLine: 640 } as const;
/** Two 四号 characters (boxes). */
export const INDENT_2CH_SMALL = { firstLineChars: 200, firstLine: 560 } as const;
const NO_INDENT = { firstLineChars: 0, firstLine: 0 } as const;

export interface StyleOptions {
  profile?: FontProfile;
  /** Whether GwH1 carries outline level 1 (for the TOC and the navigation pane). Off in 规划纲要, where 章/节 do. */
  h1InToc?: boolean;
}

/** Width of a 节 entry's label "第X节" and its full-width space in the contents (4 三号 characters). */
const TOC_SECTION_LABEL = 4 * 320;
/** Width of a level-1 entry's label: "第X章" and a full-width space (4 characters), or "一、" (2) when 一、 headings are listed. */
const tocLabel = (opts: StyleOptions): number => (opts.h1InToc === false ? 4 : 2) * 320;

export function styleDefs(opts: StyleOptions = {}): StyleDef[] {
  const f = facesFor(opts.profile);
  const body = (p: PPr = {}, r: RPr = {}): Pick<StyleDef, 'p' | 'r'> => ({ p, r });
  const centred: PPr = { jc: 'center', ind: NO_INDENT };
  const heading = (
    id: string,
    name: string,
    face: string,
    extra: { bold?: boolean; centred?: boolean; before?: number; outline?: number } = {},
  ): StyleDef => ({
    id,
    name,
    basedOn: 'Normal',
    next: STYLE.body,
    ...body(
      {
        keepNext: true,
        spacing: extra.before ? { before: extra.before } : undefined,
        ...(extra.centred ? centred : { ind: INDENT_2CH }),
        outlineLvl: extra.outline,
      },
      { face, bold: extra.bold, spacing: BODY_CHAR_SPACING },
    ),
  });
  const small = (p: PPr): PPr => ({ snapToGrid: false, ...p });
  return [
    {
      id: STYLE.body,
      name: 'Gw 正文',
      basedOn: 'Normal',
      ...body({ ind: INDENT_2CH }, { face: f.fang, spacing: BODY_CHAR_SPACING }),
    },
    {
      id: STYLE.title,
      name: 'Gw 标题',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body(
        { keepNext: true, snapToGrid: false, spacing: { line: LINE.title }, ...centred },
        { face: f.title, sz: SZ.erhao },
      ),
    },
    {
      id: STYLE.subtitle,
      name: 'Gw 副标题',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body({ keepNext: true, ...centred }, { face: f.kai }),
    },
    {
      id: STYLE.byline,
      name: 'Gw 署名',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body({ keepNext: true, ...centred }, { face: f.kai }),
    },
    {
      id: STYLE.kicker,
      name: 'Gw 栏目',
      basedOn: 'Normal',
      next: STYLE.title,
      ...body({ keepNext: true, jc: 'left', ind: NO_INDENT }, { face: f.hei, sz: SZ.sihao }),
    },
    heading(STYLE.h1, 'Gw 一级标题', f.hei, { outline: opts.h1InToc === false ? undefined : 0 }),
    heading(STYLE.h2, 'Gw 二级标题', f.kai, { bold: true }),
    heading(STYLE.h3, 'Gw 三级标题', f.fang, { bold: true }),
    heading(STYLE.h4, 'Gw 四级标题', f.fang),
    heading(STYLE.chapter, 'Gw 章', f.hei, { centred: true, before: LINE.body, outline: 0 }),
    heading(STYLE.section, 'Gw 节', f.kai, { centred: true, bold: true, outline: 1 }),
    heading(STYLE.item, 'Gw 规划条目', f.fang, { bold: true }),
    heading(STYLE.question, 'Gw 问题标题', f.hei, { centred: true, before: LINE.body }),
    heading(STYLE.theme, 'Gw 主题小标题', f.kai, { bold: true }),
    heading(STYLE.part, 'Gw 部分标题', f.hei),
    {
      id: STYLE.figure,
      name: 'Gw 图',
      basedOn: 'Normal',
      next: STYLE.caption,
      ...body(small({ keepNext: true, spacing: { line: 240, rule: 'auto' }, ...centred }), {}),
    },
    {
      id: STYLE.caption,
      name: 'Gw 图题',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body(small({ spacing: { line: LINE.caption }, ...centred }), { face: f.kai, sz: SZ.sihao }),
    },
    {
      id: STYLE.source,
      name: 'Gw 资料来源',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body(small({ spacing: { line: 360 }, jc: 'left', ind: NO_INDENT }), { face: f.fang, sz: SZ.xiaosi }),
    },
    {
      id: STYLE.tableTitle,
      name: 'Gw 表题',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body({ keepNext: true, ...centred }, { face: f.hei }),
    },
    {
      id: STYLE.tableText,
      name: 'Gw 表格文字',
      basedOn: 'Normal',
      ...body(small({ spacing: { line: LINE.table }, ...centred }), { face: f.fang, sz: SZ.sihao }),
    },
    { id: STYLE.tableHead, name: 'Gw 表头', basedOn: STYLE.tableText, ...body({}, { face: f.hei }) },
    {
      id: STYLE.tableTextCompact,
      name: 'Gw 表格文字（小）',
      basedOn: STYLE.tableText,
      ...body({ spacing: { line: LINE.tableCompact } }, { sz: SZ.xiaosi }),
    },
    {
      id: STYLE.tableHeadCompact,
      name: 'Gw 表头（小）',
      basedOn: STYLE.tableTextCompact,
      ...body({}, { face: f.hei }),
    },
    {
      id: STYLE.note,
      name: 'Gw 注',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body(small({ spacing: { line: LINE.note }, jc: 'left', ind: NO_INDENT }), {
        face: f.fang,
        sz: SZ.sihao,
      }),
    },
    {
      id: STYLE.boxTitle,
      name: 'Gw 专栏标题',
      basedOn: 'Normal',
      next: STYLE.boxText,
      ...body(small({ keepNext: true, ...centred }), { face: f.hei }),
    },
    {
      id: STYLE.boxText,
      name: 'Gw 专栏正文',
      basedOn: 'Normal',
      ...body(small({ spacing: { line: LINE.caption }, ind: INDENT_2CH_SMALL }), {
        face: f.fang,
        sz: SZ.sihao,
      }),
    },
    {
      id: STYLE.tocTitle,
      name: 'Gw 目录标题',
      basedOn: 'Normal',
      next: STYLE.body,
      ...body(small({ spacing: { line: LINE.title, after: LINE.body }, ...centred }), {
        face: f.title,
        sz: SZ.erhao,
      }),
    },
    {
      id: STYLE.coverTitle,
      name: 'Gw 封面标题',
      basedOn: 'Normal',
      ...body(small({ keepNext: true, ...centred }), { face: f.title, sz: SZ.xiaochu }),
    },
    {
      id: STYLE.coverIssuer,
      name: 'Gw 封面单位',
      basedOn: 'Normal',
      ...body({ ...centred }, { face: f.kai }),
    },
    { id: STYLE.coverDate, name: 'Gw 封面日期', basedOn: 'Normal', ...body({ ...centred }, { face: f.kai }) },
    {
      id: STYLE.footer,
      name: 'Gw 页码',
      basedOn: 'Normal',
      ...body(
        small({
          spacing: { line: 240, rule: 'auto' },
          jc: 'right',
          ind: { right: 280, firstLine: 0, firstLineChars: 0 },
        }),
        {
          face: f.song,
          allSlots: true,
          sz: SZ.sihao,
        },
      ),
    },
    {
      id: STYLE.footerEven,
      name: 'Gw 页码（偶数页）',
      basedOn: STYLE.footer,
      ...body({ jc: 'left', ind: { left: 280, right: 0, firstLine: 0, firstLineChars: 0 } }, {}),
    },
    {
      id: STYLE.spacer,
      name: 'Gw 间隔',
      basedOn: 'Normal',
      ...body(small({ spacing: { line: 20 }, ind: NO_INDENT }), { sz: 2 }),
    },
    { id: STYLE.lead, name: 'Gw 引导语', type: 'character', r: { face: f.fang, bold: true } },
    { id: STYLE.runIn, name: 'Gw 二级标题（段首）', type: 'character', r: { face: f.kai, bold: true } },
    {
      id: 'TOC1',
      name: 'toc 1',
      basedOn: 'Normal',
      next: 'Normal',
      ...body(
        {
          tabs: `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${TOC_TAB}"/></w:tabs>`,
          jc: 'left',
          // A long title wraps under its own text, past the label: "第X章" and its full-width space in
          // 规划纲要, "一、" (2) where the 一、 headings are the contents (style-spec §C.4).
          ind: { left: tocLabel(opts), hanging: tocLabel(opts) },
        },
        { face: f.hei },
      ),
    },
    {
      id: 'TOC2',
      name: 'toc 2',
      basedOn: 'Normal',
      next: 'Normal',
      ...body(
        {
          tabs: `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${TOC_TAB}"/></w:tabs>`,
          jc: 'left',
          ind: { left: 640 + TOC_SECTION_LABEL, hanging: TOC_SECTION_LABEL },
        },
        { face: f.fang },
      ),
    },
  ];
}

const W_NS =
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' +
  'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"';

/** word/styles.xml: explicit docDefaults (no theme fonts), Normal, the Gw* styles and the few built-ins used. */
export function stylesXml(opts: StyleOptions = {}): string {
  const f = facesFor(opts.profile);
  const docDefaults =
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    rFontsXml(f.fang) +
    `<w:kern w:val="0"/><w:sz w:val="${SZ.sanhao}"/><w:szCs w:val="${SZ.sanhao}"/>` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/>' +
    '<w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>';
  const normal =
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>' +
    pPrXml({
      widowControl: false,
      kinsoku: true,
      autoSpace: false,
      spacing: { before: 0, after: 0, line: LINE.body },
      jc: 'both',
    }) +
    rPrXml({ face: f.fang, sz: SZ.sanhao }) +
    '</w:style>';
  const builtins =
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>' +
    '<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W_NS}>` +
    docDefaults +
    normal +
    builtins +
    styleDefs(opts).map(styleXml).join('') +
    '</w:styles>'
  );
}

/** Alternate names Word may try when a face is missing (style-spec §G.10). Whether Word/WPS honour altName is UNCONF. */
const FONT_INFO: Record<
  string,
  { alt?: string; charset: string; family: string; pitch: string; panose?: string }
> = {
  'Times New Roman': { charset: '00', family: 'roman', pitch: 'variable', panose: '02020603050405020304' },
  方正小标宋简体: { alt: '方正小标宋_GBK', charset: '86', family: 'script', pitch: 'variable' },
  仿宋_GB2312: { alt: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体_GB2312: { alt: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { alt: 'FangSong', charset: '86', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' },
  楷体: { alt: 'KaiTi', charset: '86', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' },
  黑体: { alt: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' },
  宋体: { alt: 'SimSun', charset: '86', family: 'auto', pitch: 'variable', panose: '02010600030101010101' },
};

/** Every face the document names, CJK faces first, then the Latin face. */
export function facesUsed(profile: FontProfile = 'standard'): string[] {
  const f = facesFor(profile);
  return [...new Set([f.title, f.fang, f.kai, f.hei, f.song]), LATIN_FONT];
}

export function fontTableXml(profile: FontProfile = 'standard'): string {
  const fonts = facesUsed(profile)
    .map((name) => {
      const i = FONT_INFO[name];
      if (!i) return `<w:font w:name="${escapeXml(name)}"/>`;
      return (
        `<w:font w:name="${escapeXml(name)}">` +
        (i.alt ? `<w:altName w:val="${escapeXml(i.alt)}"/>` : '') +
        (i.panose ? `<w:panose1 w:val="${i.panose}"/>` : '') +
        `<w:charset w:val="${i.charset}"/><w:family w:val="${i.family}"/><w:pitch w:val="${i.pitch}"/></w:font>`
      );
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts ${W_NS}>${fonts}</w:fonts>`;
}

/** docProps/core.xml with the document's own date as created/modified (deterministic output). */
export function coreXml(p: { title: string; creator: string; description: string; date: string }): string {
  const stamp = w3cdtf(p.date);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(p.title)}</dc:title>` +
    `<dc:creator>${escapeXml(p.creator)}</dc:creator>` +
    `<dc:description>${escapeXml(p.description)}</dc:description>` +
    `<cp:lastModifiedBy>${escapeXml(p.creator)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** "2026-05-08" → "2026-05-08T00:00:00Z"; a full ISO timestamp is normalised; anything else → now. */
export function w3cdtf(date: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : new Date(date);
  const ok = !Number.isNaN(d.getTime());
  return (ok ? d : new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

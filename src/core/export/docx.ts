/**
 * Word (.docx) export in the office's house style (GB/T 9704 base, style-spec §C and §G).
 *
 * The body is built with the `docx` library; styles.xml, fontTable.xml and core.xml are written by
 * ./styles so that docDefaults, the Gw* paragraph styles and the document dates are exactly as the
 * house style needs. Pure: no file system, no Electron.
 */
import {
  AlignmentType,
  BorderStyle,
  BuilderElement,
  Document,
  Footer,
  ImageRun,
  NextAttributeComponent,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  XmlComponent,
  type IBorderOptions,
  type IParagraphOptions,
  type ITableCellBorders,
  type ParagraphChild,
} from 'docx';
import { figureSizeMm } from '../chart/option';
import type {
  Block,
  BoxBlock,
  BriefDocument,
  CoverBlock,
  FigureBlock,
  HeadingBlock,
  HeadingKind,
  Inline,
  ParagraphBlock,
  TableBlock,
  TableCell as ModelCell,
} from '../doc/model';
import {
  BODY_CHAR_SPACING,
  INDENT_2CH_SMALL,
  LATIN_FONT,
  LINE,
  PAGE,
  STYLE,
  SZ,
  TWIPS_PER_MM,
  coreXml,
  facesFor,
  facesUsed,
  fontTableXml,
  stylesXml,
  type FaceRole,
  type Faces,
  type FontProfile,
} from './styles';
import { finishNativeCharts, nativeChartRun } from './native-chart';
import { paginate, tocPageNumbers } from './paginate';

export type { FontProfile } from './styles';

export interface RenderedFigure {
  svg: Buffer;
  png: Buffer;
  widthMm: number;
  heightMm: number;
}

export type ChartMode = 'image' | 'native';

export interface ExportOptions {
  /**
   * One per FigureBlock, in document order (boxes included, depth-first); null (or missing) for a
   * figure exported as a native chart, which needs no rendering.
   */
  figures: readonly (RenderedFigure | null | undefined)[];
  /** How figures are exported unless a figure says otherwise (FigureBlock.mode). Default 'image'. */
  charts?: ChartMode;
  /** 'fallback' writes 仿宋/楷体/黑体/宋体 instead of 仿宋_GB2312/楷体_GB2312/方正小标宋简体. */
  fontProfile?: FontProfile;
  /** Template name (调研报告, 专题报道, 政府工作报告解读, 规划纲要), for per-template style choices. */
  template?: string;
}

/** A figure's export mode: its own (FigureBlock.mode) over the export's, image by default. */
export function figureMode(f: FigureBlock, charts: ChartMode | undefined): ChartMode {
  return f.mode ?? charts ?? 'image';
}

/** The faces the exported document names (CJK faces first, then Times New Roman), so the app can tell the user. */
export function fontsNeeded(profile: FontProfile = 'standard'): string[] {
  return facesUsed(profile);
}

/** Template whose 一、 headings sit under 章/节 and so stay out of the table of contents. */
const PLAN_TEMPLATE = '规划纲要';

// ---------------------------------------------------------------------------------------------
// Runs

/**
 * Characters Word assigns to the hAnsi (Latin) slot unless the run says `w:hint="eastAsia"`
 * (style-spec §G.9): General Punctuation to CJK Radicals (U+2000–2EFF: “ ” ‘ ’ — … ● ○ ① Ⅱ ℃ …)
 * and the Latin-1 middle dot · (U+00B7).
 */
const EAST_ASIA_HINT_CHARS = /[\u00B7\u2000-\u2EFF]/;

export function needsEastAsiaHint(text: string): boolean {
  return EAST_ASIA_HINT_CHARS.test(text);
}

interface RunLook {
  face: FaceRole;
  bold?: boolean;
  /** Half-points; the paragraph style's size when absent. */
  size?: number;
  /** Character spacing in twentieths of a point. */
  spacing?: number;
  subscript?: boolean;
  highlight?: boolean;
  /** Character style id. */
  style?: string;
}

interface Ctx {
  faces: Faces;
  figures: readonly (RenderedFigure | null | undefined)[];
  charts: ChartMode | undefined;
  /** Set when a native chart was written (its parts are finished after packing). */
  native: { used: boolean };
  figureIndex: number;
  template: string | undefined;
  /** Inside a 专栏 box: 四号 text, exact 22 pt lines. */
  inBox: boolean;
  /** Width available to tables and figures, in twips. */
  width: number;
  /** Running SEQ counters, so the cached field results are right before Word updates them. */
  seq: { 表: number; 图: number };
  /** A pageBreak block waiting for the next paragraph (written as pageBreakBefore). */
  pendingBreak: boolean;
}

function fontFor(ctx: Ctx, face: FaceRole, text: string) {
  return {
    ascii: LATIN_FONT,
    hAnsi: LATIN_FONT,
    cs: LATIN_FONT,
    eastAsia: ctx.faces[face],
    ...(needsEastAsiaHint(text) ? { hint: 'eastAsia' } : {}),
  };
}

/** Text runs with explicit fonts (and the eastAsia hint where needed); "\n" becomes a line break. */
function textRuns(ctx: Ctx, text: string, look: RunLook): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        style: look.style,
        font: fontFor(ctx, look.face, line),
        bold: look.bold || undefined,
        size: look.size,
        characterSpacing: look.spacing,
        subScript: look.subscript || undefined,
        highlight: look.highlight ? 'yellow' : undefined,
      }),
  );
}

/**
 * A data-bound value. Printed as plain text for now; this is the one place to give values a subtle
 * marker later (e.g. a character style or a bookmark carrying the provenance).
 */
function valueRuns(ctx: Ctx, run: Extract<Inline, { type: 'value' }>, look: RunLook): TextRun[] {
  return textRuns(ctx, run.text, look);
}

/** A value the database could not supply: highlighted yellow so the user sees it. */
function missingRuns(ctx: Ctx, run: Extract<Inline, { type: 'missing' }>, look: RunLook): TextRun[] {
  return textRuns(ctx, run.text, { ...look, highlight: true });
}

function inlineRuns(ctx: Ctx, runs: Inline[] | undefined, look: RunLook): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs ?? []) {
    if (r.type === 'text')
      out.push(...textRuns(ctx, r.text, { ...look, bold: look.bold || r.bold, subscript: r.subscript }));
    else if (r.type === 'value') out.push(...valueRuns(ctx, r, look));
    else out.push(...missingRuns(ctx, r, look));
  }
  return out;
}

class InstrText extends XmlComponent {
  constructor(instruction: string) {
    super('w:instrText');
    this.root.push(new NextAttributeComponent({ space: { key: 'xml:space', value: 'preserve' } }));
    this.root.push(instruction);
  }
}

const fldChar = (type: 'begin' | 'separate' | 'end') =>
  new BuilderElement<{ type: string }>({
    name: 'w:fldChar',
    attributes: { type: { key: 'w:fldCharType', value: type } },
  });

/** A complex SEQ field ("SEQ 表 \* ARABIC") with its cached result, every run carrying the look's fonts. */
function seqField(ctx: Ctx, id: '表' | '图', look: RunLook): TextRun[] {
  const n = ++ctx.seq[id];
  const props = { font: fontFor(ctx, look.face, ''), size: look.size };
  return [
    new TextRun({
      ...props,
      children: [fldChar('begin'), new InstrText(` SEQ ${id} \\* ARABIC `), fldChar('separate')],
    }),
    new TextRun({ ...props, text: String(n) }),
    new TextRun({ ...props, children: [fldChar('end')] }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

function para(ctx: Ctx, opts: IParagraphOptions): Paragraph {
  if (ctx.pendingBreak && !ctx.inBox) {
    ctx.pendingBreak = false;
    return new Paragraph({ ...opts, pageBreakBefore: true });
  }
  return new Paragraph(opts);
}

/** Inside boxes every paragraph is 四号 on exact 22 pt lines (style-spec §C.4 专栏). */
function boxOverrides(ctx: Ctx, indent: boolean): Partial<IParagraphOptions> {
  if (!ctx.inBox) return {};
  return {
    spacing: { before: 0, after: 0, line: LINE.caption, lineRule: 'exact' },
    ...(indent ? { indent: INDENT_2CH_SMALL } : {}),
  };
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  both: AlignmentType.JUSTIFIED,
} as const;

interface HeadingLook {
  style: string;
  face: FaceRole;
  bold?: boolean;
  centred?: boolean;
}

const HEADING: Record<HeadingKind, HeadingLook> = {
  h1: { style: STYLE.h1, face: 'hei' },
  h2: { style: STYLE.h2, face: 'kai', bold: true },
  h3: { style: STYLE.h3, face: 'fang', bold: true },
  h4: { style: STYLE.h4, face: 'fang' },
  chapter: { style: STYLE.chapter, face: 'hei', centred: true },
  section: { style: STYLE.section, face: 'kai', bold: true, centred: true },
  item: { style: STYLE.item, face: 'fang', bold: true },
  question: { style: STYLE.question, face: 'hei', centred: true },
  theme: { style: STYLE.theme, face: 'kai', bold: true },
  part: { style: STYLE.part, face: 'hei' },
};

/** Outline level of a heading for the TOC field (\o "1-2") and the navigation pane, or undefined. */
function outlineLevel(kind: HeadingKind, template: string | undefined): number | undefined {
  if (kind === 'chapter') return 0;
  if (kind === 'section') return 1;
  if (kind === 'h1' && template !== PLAN_TEMPLATE) return 0;
  return undefined;
}

/** Label + text. 第X章/第X节 labels are followed by a full-width space, as in the seed (style-spec §C.4). */
export function headingText(h: HeadingBlock): string {
  const label = h.numbered === false ? '' : (h.label ?? '');
  if (!label) return h.text;
  const gap = /[章节]$/.test(label) && !/^[\s\u3000]/.test(h.text) ? '\u3000' : '';
  return label + gap + h.text;
}

function renderHeading(ctx: Ctx, h: HeadingBlock): Paragraph {
  const look = HEADING[h.kind];
  const level = ctx.inBox ? undefined : outlineLevel(h.kind, ctx.template);
  return para(ctx, {
    style: look.style,
    outlineLevel: level,
    ...boxOverrides(ctx, !look.centred),
    children: textRuns(ctx, headingText(h), {
      face: look.face,
      bold: look.bold,
      size: ctx.inBox ? SZ.sihao : undefined,
      spacing: ctx.inBox ? undefined : BODY_CHAR_SPACING,
    }),
  });
}

function renderParagraph(ctx: Ctx, p: ParagraphBlock): Paragraph {
  const base: RunLook = ctx.inBox
    ? { face: 'fang', size: SZ.sihao }
    : { face: 'fang', spacing: BODY_CHAR_SPACING };
  const children: ParagraphChild[] = [];
  if (p.bullet) children.push(...textRuns(ctx, '●', base));
  if (p.runInHeading) {
    children.push(
      ...textRuns(ctx, (p.runInLabel ?? '') + p.runInHeading, {
        ...base,
        face: 'kai',
        bold: true,
        style: STYLE.runIn,
      }),
    );
  }
  if (p.lead) children.push(...textRuns(ctx, p.lead, { ...base, bold: true, style: STYLE.lead }));
  children.push(...inlineRuns(ctx, p.runs, base));
  return para(ctx, {
    style: ctx.inBox ? STYLE.boxText : STYLE.body,
    alignment: p.align ? ALIGN[p.align] : undefined,
    ...boxOverrides(ctx, false),
    // No first-line indent for notes/closing lines, nor for centred or right-aligned paragraphs.
    ...(p.noIndent || p.align === 'center' || p.align === 'right'
      ? { indent: { firstLine: 0, firstLineChars: 0 } }
      : {}),
    children,
  });
}

function simpleParagraph(
  ctx: Ctx,
  style: string,
  text: string,
  look: RunLook,
  extra: Partial<IParagraphOptions> = {},
): Paragraph {
  return para(ctx, { style, ...extra, children: textRuns(ctx, text, look) });
}

/**
 * A near-zero-height paragraph: separates adjacent tables, ends a cell, carries a page break before a
 * table. With `height` (twips, exact) it is a gap, e.g. the half line around a box.
 */
function spacer(ctx: Ctx, height?: number): Paragraph {
  return para(ctx, {
    style: STYLE.spacer,
    run: { size: 2 },
    ...(height ? { spacing: { line: height, lineRule: 'exact' as const } } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Tables

const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/** Column widths in twips, scaled down to the width available (boxes are narrower than 156 mm). */
function columnWidths(widthsMm: number[], available: number): number[] {
  const raw = widthsMm.map(mmToTwips);
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= available || total === 0) return raw;
  const scaled = raw.map((w) => Math.floor((w * available) / total));
  scaled[scaled.length - 1]! += available - scaled.reduce((a, b) => a + b, 0);
  return scaled;
}

const RULE_THICK: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const RULE_THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const GRID: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };

/** A data table's rows (header rows repeat on every page) and column widths in twips. */
function tableRows(ctx: Ctx, t: TableBlock): { rows: TableRow[]; widths: number[]; threeLine: boolean } {
  const widths = columnWidths(t.widthsMm, ctx.width);
  const threeLine = t.rules === 'three-line';
  const textStyle = t.compact ? STYLE.tableTextCompact : STYLE.tableText;
  const headStyle = t.compact ? STYLE.tableHeadCompact : STYLE.tableHead;
  const lastHeader = t.header.length - 1;

  const cell = (c: ModelCell, header: boolean, rowIndex: number): TableCell => {
    const align = c.align ? ALIGN[c.align] : AlignmentType.CENTER;
    const borders: ITableCellBorders | undefined =
      threeLine && header && rowIndex + (c.rowSpan ?? 1) - 1 === lastHeader
        ? { bottom: RULE_THIN }
        : undefined;
    return new TableCell({
      rowSpan: c.rowSpan,
      columnSpan: c.colSpan,
      verticalAlign: VerticalAlignTable.CENTER,
      borders,
      children: [
        new Paragraph({
          style: header ? headStyle : textStyle,
          alignment: align,
          children: inlineRuns(ctx, c.runs, {
            face: header ? 'hei' : 'fang',
            bold: c.bold,
          }),
        }),
      ],
    });
  };

  const rows = [
    ...t.header.map(
      (r, i) =>
        new TableRow({ tableHeader: true, cantSplit: true, children: r.map((c) => cell(c, true, i)) }),
    ),
    ...t.rows.map((r, i) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false, i)) })),
  ];
  return { rows, widths, threeLine };
}

function renderTable(ctx: Ctx, t: TableBlock): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (t.title) {
    const look: RunLook = { face: 'hei', size: ctx.inBox ? SZ.sihao : undefined };
    out.push(
      para(ctx, {
        style: STYLE.tableTitle,
        ...boxOverrides(ctx, false),
        children: [
          ...textRuns(ctx, '表', look),
          ...seqField(ctx, '表', look),
          ...textRuns(ctx, ' ' + t.title, look),
        ],
      }),
    );
  } else if (ctx.pendingBreak) {
    out.push(spacer(ctx));
  }
  const { rows, widths, threeLine } = tableRows(ctx, t);
  out.push(
    new Table({
      rows,
      columnWidths: widths,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      // Narrow cell margins for compact (wide) tables, so short figures don't wrap.
      ...(t.compact ? { margins: { left: 57, right: 57 } } : {}),
      borders: threeLine
        ? {
            top: RULE_THICK,
            bottom: RULE_THICK,
            left: NONE,
            right: NONE,
            insideHorizontal: NONE,
            insideVertical: NONE,
          }
        : { top: GRID, bottom: GRID, left: GRID, right: GRID, insideHorizontal: GRID, insideVertical: GRID },
    }),
  );
  if (t.notes && t.notes.length > 0) {
    out.push(para(ctx, { style: STYLE.note, children: inlineRuns(ctx, t.notes, { face: 'fang' }) }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Millimetres → pixels at 96 dpi, the unit docx's ImageRun takes. */
const mmToPx = (mm: number): number => Math.round((mm / 25.4) * 96);

/** The figure itself: a native Word chart, or the rendered image (SVG with its PNG fallback). */
function figureRun(ctx: Ctx, f: FigureBlock): ParagraphChild {
  const index = ctx.figureIndex++;
  const maxMm = ctx.width / TWIPS_PER_MM;
  if (figureMode(f, ctx.charts) === 'native') {
    const { widthMm, heightMm } = figureSizeMm(f.chart);
    const scale = widthMm > maxMm ? maxMm / widthMm : 1;
    ctx.native.used = true;
    return nativeChartRun(f.chart, {
      widthMm: widthMm * scale,
      heightMm: heightMm * scale,
      altText: f.caption || f.chart.title,
    });
  }
  const fig = ctx.figures[index];
  if (!fig) {
    throw new Error(`导出失败：第 ${index + 1} 个图表没有渲染结果（figures 只有 ${ctx.figures.length} 个）`);
  }
  const scale = fig.widthMm > maxMm ? maxMm / fig.widthMm : 1;
  return new ImageRun({
    type: 'svg',
    data: fig.svg,
    fallback: { type: 'png', data: fig.png },
    transformation: { width: mmToPx(fig.widthMm * scale), height: mmToPx(fig.heightMm * scale) },
    altText: { name: f.chart.title || f.caption, description: f.caption, title: f.caption },
  });
}

function renderFigure(ctx: Ctx, f: FigureBlock): Paragraph[] {
  const look: RunLook = { face: 'kai' };
  const out = [
    para(ctx, { style: STYLE.figure, children: [figureRun(ctx, f)] }),
    para(ctx, {
      style: STYLE.caption,
      children: [
        ...textRuns(ctx, '图', look),
        ...seqField(ctx, '图', look),
        ...textRuns(ctx, ' ' + f.caption, look),
      ],
    }),
  ];
  if (f.chart.source) out.push(simpleParagraph(ctx, STYLE.source, f.chart.source, { face: 'fang' }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Boxes (专栏)

const BOX_BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const BOX_MARGIN = { top: 113, bottom: 113, left: 113, right: 113 };
/** Half a body line above and below a box, so its border doesn't touch the text around it. */
const BOX_GAP = Math.round(LINE.body / 2);

/** "专栏 1：title" from the numbering pass's label ("专栏 1", "专栏 1：" or just "1"). */
export function boxTitleText(b: BoxBlock): string {
  let label = (b.label ?? '').trim();
  if (!label) return b.title;
  if (/^[0-9０-９]+$/.test(label)) label = `专栏 ${label}`;
  if (!/[：:]$/.test(label)) label += '：';
  return label + b.title;
}

/**
 * A 专栏 holding just one untitled table (专栏1, the indicators table) is drawn as that one table, with
 * the box title as a merged first row: a table nested in a box cell breaks badly across pages in
 * LibreOffice (it repeats the first body row and loses the vertical merges).
 */
function renderTableBox(ctx: Ctx, b: BoxBlock, t: TableBlock): (Paragraph | Table)[] {
  const inner: Ctx = { ...ctx, inBox: true };
  const { rows, widths } = tableRows(inner, t);
  const span = widths.length;
  const titleRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: span,
        children: [
          new Paragraph({ style: STYLE.boxTitle, children: textRuns(ctx, boxTitleText(b), { face: 'hei' }) }),
        ],
      }),
    ],
  });
  const noteRows =
    t.notes && t.notes.length > 0
      ? [
          new TableRow({
            children: [
              new TableCell({
                columnSpan: span,
                children: [
                  para(inner, { style: STYLE.note, children: inlineRuns(inner, t.notes, { face: 'fang' }) }),
                ],
              }),
            ],
          }),
        ]
      : [];
  return [
    spacer(ctx, BOX_GAP),
    new Table({
      rows: [titleRow, ...rows, ...noteRows],
      columnWidths: widths,
      width: { size: widths.reduce((a, c) => a + c, 0), type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      ...(t.compact ? { margins: { left: 57, right: 57 } } : {}),
      borders: {
        top: BOX_BORDER,
        bottom: BOX_BORDER,
        left: BOX_BORDER,
        right: BOX_BORDER,
        insideHorizontal: GRID,
        insideVertical: GRID,
      },
    }),
    spacer(ctx, BOX_GAP),
  ];
}

function renderBox(ctx: Ctx, b: BoxBlock): (Paragraph | Table)[] {
  const [only] = b.blocks;
  if (b.blocks.length === 1 && only.type === 'table' && !only.title) return renderTableBox(ctx, b, only);
  const out: (Paragraph | Table)[] = [spacer(ctx, BOX_GAP)];
  const inner: Ctx = { ...ctx, inBox: true, width: ctx.width - BOX_MARGIN.left - BOX_MARGIN.right };
  const title = new Paragraph({
    style: STYLE.boxTitle,
    children: textRuns(ctx, boxTitleText(b), { face: 'hei' }),
  });
  const content = renderBlocks(inner, b.blocks);
  // Share the counters with the outer context (figures and SEQ numbers run on through boxes).
  ctx.figureIndex = inner.figureIndex;
  ctx.seq = inner.seq;
  if (content.length === 0 || !(content[content.length - 1] instanceof Paragraph))
    content.push(spacer(inner));
  out.push(
    new Table({
      columnWidths: [ctx.width],
      width: { size: ctx.width, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      margins: BOX_MARGIN,
      borders: {
        top: BOX_BORDER,
        bottom: BOX_BORDER,
        left: BOX_BORDER,
        right: BOX_BORDER,
        insideHorizontal: NONE,
        insideVertical: NONE,
      },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: [new TableCell({ children: [title] })],
        }),
        new TableRow({ children: [new TableCell({ children: content })] }),
      ],
    }),
    spacer(ctx, BOX_GAP),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cover and TOC

/** Space above the cover title (twips below the top margin): the title sits in the upper third. */
const COVER_TITLE_TOP = 2000;
/** Where the issuer line starts (twips below the top margin): the lower third. */
const COVER_ISSUER_TOP = 9000;

function renderCover(ctx: Ctx, c: CoverBlock): Paragraph[] {
  // 小初 (36 pt) when every line fits the 版心 (≤ 12 characters), else 一号 (26 pt).
  const longest = Math.max(0, ...c.titleLines.map((l) => [...l].length));
  const size = longest <= 12 ? SZ.xiaochu : SZ.yihao;
  const line = size === SZ.xiaochu ? 1000 : 760;
  const titleLook: RunLook = { face: 'title', size };
  const out: Paragraph[] = c.titleLines.map(
    (text, i) =>
      new Paragraph({
        style: STYLE.coverTitle,
        spacing: { before: i === 0 ? COVER_TITLE_TOP : 0, line, lineRule: 'exact' },
        children: textRuns(ctx, text, titleLook),
      }),
  );
  // Issuer and date in the lower third of the page.
  const titleBottom = COVER_TITLE_TOP + c.titleLines.length * line;
  out.push(
    new Paragraph({
      style: STYLE.coverIssuer,
      spacing: { before: Math.max(LINE.body, COVER_ISSUER_TOP - titleBottom) },
      children: textRuns(ctx, c.issuer, { face: 'kai' }),
    }),
    new Paragraph({
      style: STYLE.coverDate,
      spacing: { before: LINE.body },
      children: textRuns(ctx, c.date, { face: 'kai' }),
    }),
  );
  return out;
}

function renderToc(ctx: Ctx, title: string): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ style: STYLE.tocTitle, children: textRuns(ctx, title, { face: 'title' }) }),
    new TableOfContents('目录', {
      headingStyleRange: '1-2',
      hyperlink: true,
      hideTabAndPageNumbersInWebView: true,
      useAppliedParagraphOutlineLevel: true,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Blocks and sections

/** Blocks of the body flow (cover and toc are handled by the section splitter). */
function renderBlocks(ctx: Ctx, blocks: Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const push = (items: (Paragraph | Table)[]): void => {
    // Two tables in a row would merge into one in Word: keep a paragraph between them.
    if (items[0] instanceof Table && out[out.length - 1] instanceof Table) out.push(spacer(ctx));
    out.push(...items);
  };
  blocks.forEach((b, i) => {
    switch (b.type) {
      case 'title': {
        // A blank line after the title group (title, subtitle, byline), style-spec §C.0.
        const next = blocks[i + 1]?.type;
        const groupEnds = next !== 'title' && next !== 'subtitle' && next !== 'byline';
        push([
          simpleParagraph(
            ctx,
            STYLE.title,
            b.text,
            { face: 'title' },
            groupEnds ? { spacing: { after: LINE.body } } : {},
          ),
        ]);
        break;
      }
      case 'subtitle':
      case 'byline': {
        const next = blocks[i + 1]?.type;
        const groupEnds = next !== 'title' && next !== 'subtitle' && next !== 'byline';
        const afterTitle = blocks.slice(0, i).some((x) => x.type === 'title');
        push([
          simpleParagraph(
            ctx,
            b.type === 'subtitle' ? STYLE.subtitle : STYLE.byline,
            b.text,
            { face: 'kai', spacing: BODY_CHAR_SPACING },
            groupEnds && afterTitle ? { spacing: { after: LINE.body } } : {},
          ),
        ]);
        break;
      }
      case 'kicker':
        push([simpleParagraph(ctx, STYLE.kicker, b.text, { face: 'hei' })]);
        break;
      case 'heading':
        push([renderHeading(ctx, b)]);
        break;
      case 'paragraph':
        push([renderParagraph(ctx, b)]);
        break;
      case 'table':
        push(renderTable(ctx, b));
        break;
      case 'figure':
        push(renderFigure(ctx, b));
        break;
      case 'box':
        push(renderBox(ctx, b));
        break;
      case 'pageBreak':
        if (!ctx.inBox && out.length > 0) ctx.pendingBreak = true;
        break;
      case 'cover':
      case 'toc':
        // Only reachable inside a box; covers and TOCs are top-level sections.
        break;
    }
  });
  return out;
}

interface Segment {
  kind: 'front' | 'body';
  children: (Paragraph | Table | TableOfContents)[];
}

const FOOTER_INDENT = 280;

function footerParagraph(ctx: Ctx, even: boolean): Paragraph {
  const song = ctx.faces.song;
  // Odd (default) pages: right, one 四号 character in; even pages: left, one character in (GB/T 9704 §7.5).
  return new Paragraph({
    style: even ? STYLE.footerEven : STYLE.footer,
    alignment: even ? AlignmentType.LEFT : AlignmentType.RIGHT,
    indent: even ? { left: FOOTER_INDENT, right: 0 } : { right: FOOTER_INDENT, left: 0 },
    children: [
      new TextRun({
        font: { ascii: song, hAnsi: song, cs: song, eastAsia: song, hint: 'eastAsia' },
        size: SZ.sihao,
        children: ['— ', PageNumber.CURRENT, ' —'],
      }),
    ],
  });
}

export async function buildDocx(doc: BriefDocument, options: ExportOptions): Promise<Buffer> {
  const profile = options.fontProfile ?? 'standard';
  const template = options.template ?? doc.meta.template;
  const ctx: Ctx = {
    faces: facesFor(profile),
    figures: options.figures,
    charts: options.charts,
    native: { used: false },
    figureIndex: 0,
    template,
    inBox: false,
    width: PAGE.textWidth,
    seq: { 表: 0, 图: 0 },
    pendingBreak: false,
  };

  const segments: Segment[] = [];
  let run: Block[] = [];
  const flush = (): void => {
    if (run.length > 0) segments.push({ kind: 'body', children: renderBlocks(ctx, run) });
    run = [];
    ctx.pendingBreak = false;
  };
  for (const b of doc.blocks) {
    if (b.type === 'cover') {
      flush();
      segments.push({ kind: 'front', children: renderCover(ctx, b) });
    } else if (b.type === 'toc') {
      flush();
      segments.push({ kind: 'front', children: renderToc(ctx, b.title) });
    } else run.push(b);
  }
  flush();
  if (segments.length === 0) segments.push({ kind: 'body', children: [] });

  const page = {
    size: { width: PAGE.width, height: PAGE.height },
    margin: {
      top: PAGE.top,
      bottom: PAGE.bottom,
      left: PAGE.left,
      right: PAGE.right,
      header: PAGE.header,
      footer: PAGE.footer,
      gutter: 0,
    },
  };
  const grid = { type: 'lines' as const, linePitch: PAGE.linePitch };
  let firstBody = true;
  const sections = segments.map((s) => {
    const restart = s.kind === 'body' && firstBody;
    if (s.kind === 'body') firstBody = false;
    // Front matter gets explicit empty footers so it never inherits a page number.
    const footers =
      s.kind === 'body'
        ? {
            default: new Footer({ children: [footerParagraph(ctx, false)] }),
            even: new Footer({ children: [footerParagraph(ctx, true)] }),
          }
        : {
            default: new Footer({ children: [new Paragraph({ style: STYLE.footer })] }),
            even: new Footer({ children: [new Paragraph({ style: STYLE.footerEven })] }),
          };
    return {
      properties: { page: { ...page, ...(restart ? { pageNumbers: { start: 1 } } : {}) }, grid },
      footers,
      children: s.children,
    };
  });

  const meta = doc.meta;
  const description = [meta.template, meta.period].filter(Boolean).join('；');
  const fang = ctx.faces.fang;
  // Page numbers of the table of contents, from the house style's fixed metrics (./paginate).
  const pagination = paginate(doc, {
    figureSize: (f, i) =>
      figureMode(f, options.charts) === 'native' ? figureSizeMm(f.chart) : (options.figures[i] ?? undefined),
  });
  const document = new Document({
    title: meta.title,
    creator: meta.author,
    description,
    evenAndOddHeaderAndFooters: true,
    // The contents' page numbers and the SEQ numbers are written in already (paginate.ts), so the file
    // opens right without Word's "update fields?" prompt; F9 still refreshes them, as real fields.
    features: { updateFields: false },
    pageNumbers: tocPageNumbers(pagination),
    theme: {
      fonts: {
        headings: { latin: LATIN_FONT, eastAsia: fang, scripts: { Hans: fang } },
        body: { latin: LATIN_FONT, eastAsia: fang, scripts: { Hans: fang } },
      },
    },
    sections,
  });

  const packed = await Packer.toBuffer(document, false, [
    { path: 'word/styles.xml', data: stylesXml({ profile, h1InToc: template !== PLAN_TEMPLATE }) },
    { path: 'word/fontTable.xml', data: fontTableXml(profile) },
    {
      path: 'docProps/core.xml',
      data: coreXml({ title: meta.title, creator: meta.author, description, date: meta.date }),
    },
  ]);
  // Native charts: what docx/charts cannot say (East-Asian font, hatching, outlines) goes into their parts.
  return ctx.native.used ? finishNativeCharts(packed, ctx.faces.hei) : packed;
}

/**
 * Which body page each heading of an exported document starts on, so the table of contents can be
 * written with its page numbers (issue 6) and is right before anyone updates the fields.
 *
 * The house style makes this tractable: body lines are exact 28.95 pt (22 a page), CJK characters are
 * one em wide, digits and Latin letters are Times New Roman, and tables, captions and boxes use exact
 * line heights. The paginator lays the body out the way LibreOffice 7.4 lays out the exported .docx
 * (calibrated line by line against its layout, tests/render/toc.test.ts):
 *
 * - Lines: greedy fill of the 156 mm measure (8845 twips). Text is cut into portions where the script
 *   (Asian / Latin) or the look changes; within a portion every character but the first carries the
 *   −0.25 pt run spacing. Punctuation of General Punctuation (“ ” — …) and symbols (●) take the
 *   script of the character before them, Latin at the start of a paragraph. LibreOffice puts a fifth of
 *   the font size between an Asian and a Latin letter or digit (it ignores w:autoSpaceDE/DN). Line
 *   breaks follow LibreOffice's zh-CN rules (no closing mark at a line start, no opening mark at a line
 *   end, 、。，．：；？！ may hang past the margin), or ICU's when the cut falls in or just after a Latin
 *   word (no hanging; a closing 》） sticks to a following number).
 * - Pages: 12756 twips of 版心. Paragraphs split between any two lines (widow control is off). Space
 *   before is dropped at the top of a page, and between paragraphs the larger of space after and space
 *   before counts. Keep-with-next moves a heading (and what it is kept with) to the next page when the
 *   first line of what follows does not fit. Figures and table rows never split; a box (one-column
 *   table) splits between the lines of its content, repeating its title row; header rows repeat (with
 *   one more row for a table nested in a box, as LibreOffice does). Paragraphs that snap to the grid
 *   take at least one grid line per line (headings in boxes).
 *
 * Word lays text out differently in two ways that matter here: it honours autoSpaceDE/DN off (no
 * spacing around digits) and the eastAsia hint (“ ” ● full width). Its page numbers can therefore differ
 * where a heading sits right at a page break; Word recomputes them when it updates the fields.
 *
 * Pure: no file system. Only the body is paginated; body page numbers start at 1, as the footers do.
 */
import type {
  Block,
  BoxBlock,
  BriefDocument,
  FigureBlock,
  HeadingBlock,
  Inline,
  TableBlock,
  TableCell,
} from '../doc/model';
import type { PageNumberEstimator } from 'docx';
import { BODY_CHAR_SPACING, LINE, PAGE, SZ, TWIPS_PER_MM } from './styles';

// ---------------------------------------------------------------------------------------------
// Metrics

/** Height of the 版心 in twips (225 mm). */
export const BODY_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;
/** Width of the 版心 in twips (156 mm). */
export const BODY_WIDTH = PAGE.textWidth;

/** Times New Roman (= Liberation Serif) advance widths of U+0020–U+007E, in 1/2048 em. */
const TNR_REGULAR = [
  512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024,
  1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479,
  1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479,
  1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569,
  1024, 569, 1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983,
  1108,
];
const TNR_BOLD = [
  512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024, 1024, 1024,
  1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1905, 1479, 1366, 1479, 1479,
  1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479,
  2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569,
  682, 1139, 569, 1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451,
  807, 1065,
];

/** LibreOffice's zh-CN line-breaking lists (i18npool zh_CN.xml). */
const NO_LINE_START = new Set(
  ':!),.:;?]}¢\'"、。〉》」』】〕〗〞︰︱︳﹐､﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏～￠々‖•·ˇˉ―-′’”',
);
const NO_LINE_END = new Set('([{£¥\'"‵〈《「『【〔〖（［｛￡￥〝︵︷︹︻︽︿﹁﹃﹙﹛﹝“‘');
const HANGING = new Set('!,.:;?、。！，．：；？');

/** Characters ICU keeps together in a Latin word or number (letters, digits, . , % + and the like, ● ①). */
const WORD = /^[0-9A-Za-z.,:;%$+\-/&_#@*'●○■□▲△◆◇★☆①-⑳℃×·]$/u;
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\u3000';
/** Letters and digits (CJK ideographs are letters), between which LibreOffice puts script spacing. */
const isAlnum = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);

type Script = 'asian' | 'latin' | 'weak';

/**
 * LibreOffice's script of a character (i18npool getScriptClass): Latin, Greek and Cyrillic blocks are
 * Latin; the CJK blocks and full-width forms Asian; the rest (General Punctuation “ ” — …, ●, ①, ℃)
 * weak, taking the script of the character before it.
 */
function scriptOf(ch: string): Script {
  const c = ch.codePointAt(0)!;
  if (c === 0x20 || c === 0xa0) return 'weak';
  if (c < 0x0590 || (c >= 0x1e00 && c <= 0x1fff)) return 'latin';
  if ((c >= 0x2e80 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f))
    return 'asian';
  if ((c >= 0xff00 && c <= 0xffef) || c >= 0x20000) return 'asian';
  return 'weak';
}

/** Times New Roman widths (1/2048 em) of the non-ASCII characters LibreOffice may set in the Latin face. */
const TNR_EXTRA: Record<string, [number, number]> = {
  '“': [909, 1024],
  '”': [909, 1024],
  '‘': [682, 682],
  '’': [682, 682],
  '—': [2048, 2048],
  '–': [1024, 1024],
  '…': [2048, 2048],
  '·': [512, 512],
  '×': [1155, 1167],
  '●': [1237, 1237],
};

/**
 * Widths (1/1000 em) of the punctuation the 楷体 stand-in (LXGW WenKai) sets narrower than a full em
 * when the character takes the Asian face. The 仿宋, 黑体 and 宋体 stand-ins (Noto CJK) are full-width.
 */
const KAI_NARROW: Record<string, number> = {
  '“': 350,
  '”': 350,
  '‘': 350,
  '’': 350,
  '·': 350,
  '–': 500,
  '×': 600,
};

/** A run of text in one look: size in half-points, character spacing in twips. */
export interface TextSpan {
  text: string;
  size: number;
  spacing?: number;
  bold?: boolean;
  /** 楷体 runs (headings, run-in heads, captions): some punctuation is narrower in its stand-in. */
  kai?: boolean;
}

interface Glyph {
  ch: string;
  /** Natural advance in twips, in the face of its script. */
  w: number;
  /** Character spacing, applied to every glyph of a text portion but its first. */
  spacing: number;
  latin: boolean;
  alnum: boolean;
  /** Its look (size, bold, spacing): LibreOffice starts a new text portion where the look changes. */
  look: string;
  /** Script spacing (a fifth of the font size) LibreOffice puts between Asian and Latin letters or digits. */
  kern: number;
}

function glyphs(spans: readonly TextSpan[]): Glyph[] {
  const out: Glyph[] = [];
  // A weak character at the start of the paragraph is set in the Latin face (LibreOffice's default script).
  let script: Script = 'latin';
  for (const s of spans) {
    const em = s.size * 10; // half-points → twips
    const look = `${s.size}/${s.bold ? 1 : 0}/${s.spacing ?? 0}/${s.kai ? 1 : 0}`;
    for (const ch of s.text) {
      const own = scriptOf(ch);
      if (own !== 'weak') script = own;
      const latin = script === 'latin';
      const code = ch.charCodeAt(0);
      let units = 2048;
      if (latin && code >= 32 && code <= 126) units = (s.bold ? TNR_BOLD : TNR_REGULAR)[code - 32]!;
      else if (latin && TNR_EXTRA[ch]) units = TNR_EXTRA[ch]![s.bold ? 1 : 0];
      else if (!latin && s.kai && KAI_NARROW[ch]) units = (KAI_NARROW[ch]! * 2048) / 1000;
      out.push({
        ch,
        w: (units * em) / 2048,
        spacing: s.spacing ?? 0,
        latin,
        alnum: isAlnum(ch),
        look,
        kern: Math.floor(em / 5),
      });
    }
  }
  return out;
}

/**
 * Breaks text into lines the way LibreOffice does for the house style, returning the characters of
 * each line. `width` and `indent` (first line only) in twips; "\n" is a line break.
 */
export function breakLines(spans: readonly TextSpan[], width: number, indent = 0): string[] {
  const g = glyphs(spans);
  const lines: string[] = [];
  let start = 0;
  let first = true;
  if (g.length === 0) return [''];
  while (start < g.length) {
    const limit = width - (first ? indent : 0);
    let x = 0;
    let i = start;
    let end = -1; // where the line ends (exclusive)
    let next = -1; // where the next line starts
    while (i < g.length) {
      const c = g[i]!;
      if (c.ch === '\n') {
        end = i;
        next = i + 1;
        break;
      }
      const prev = i > start ? g[i - 1]! : undefined;
      const scriptChange = prev !== undefined && prev.latin !== c.latin;
      const portionStart = !prev || scriptChange || prev.look !== c.look;
      const kern = scriptChange && prev.alnum && c.alnum ? prev.kern : 0;
      if (kern > 0 && x + kern > limit) {
        // The script spacing after a portion does not fit: the line is full there.
        end = i;
        next = i;
        break;
      }
      const advance = c.w + (portionStart ? 0 : c.spacing);
      if (x + kern + advance <= limit) {
        x += kern + advance;
        i++;
        continue;
      }
      [end, next] = breakAt(g, start, i);
      break;
    }
    if (end < 0) {
      end = g.length;
      next = g.length;
    }
    lines.push(
      g
        .slice(start, end)
        .map((c) => c.ch)
        .join(''),
    );
    if (next >= g.length && g[g.length - 1]!.ch === '\n') lines.push('');
    start = next;
    first = false;
  }
  return lines;
}

/** [end of this line, start of the next] when glyph `cut` is the first that does not fit. */
function breakAt(g: Glyph[], start: number, cut: number): [number, number] {
  const c = g[cut]!;
  if (isSpace(c.ch)) {
    let next = cut;
    while (next < g.length && isSpace(g[next]!.ch)) next++;
    return [cut, next];
  }
  const inWord = (k: number): boolean =>
    k > start &&
    k < g.length &&
    WORD.test(g[k]!.ch) &&
    WORD.test(g[k - 1]!.ch) &&
    (g[k]!.latin || g[k - 1]!.latin);
  // Not inside a Latin word, not before a closing mark nor after an opening one, not between two em
  // dashes, and by the Latin rules (LibreOffice's ICU line.txt) not where UAX #14 glues two characters.
  const settle = (from: number, latinRules: boolean): number => {
    let p = from;
    for (;;) {
      const was = p;
      while (inWord(p)) p--;
      p = forbidden(g, start, p);
      while (p > start && p < g.length && g[p]!.ch === '—' && g[p - 1]!.ch === '—') p--;
      if (latinRules) while (p > start && p < g.length && icuGlued(g[p - 1]!.ch, g[p]!.ch)) p--;
      if (p === was) return p;
    }
  };
  // LibreOffice breaks by the rules of the language of the last letter or digit before the cut: a CJK
  // mark that follows a Latin word cannot hang, and the line breaks before the word instead.
  let k = cut;
  while (k > 0 && !g[k]!.alnum) k--;
  const latinRules = c.latin || (g[k]!.latin && g[k]!.alnum);
  let p = -1;
  if (!latinRules && HANGING.has(c.ch)) {
    if (cut + 1 >= g.length) return [cut + 1, cut + 1];
    const q = settle(cut + 1, false);
    if (q === cut + 1) p = q;
  }
  if (p < 0) p = settle(cut, latinRules);
  if (p <= start) p = cut > start ? cut : cut + 1;
  let next = p;
  while (next < g.length && g[next]!.ch === ' ') next++;
  return [p, next];
}

/** UAX #14 classes, as far as these documents need them. */
/** Closing marks a following Latin word or number sticks to (not the ones that may hang: ，。、). */
const CLOSE = new Set(')]}）》」』】〕〗〉］｝');
const OPEN = new Set('([{（《「『【〔〖〈［｛');
const QUOTE = new Set('“”‘’"\'');
const ELLIPSIS = new Set('…‥');
const ALNUM_SYM = /^[0-9A-Za-z%$●○■□▲△◆◇★☆①-⑳℃×·]$/u;

/** Whether LibreOffice's ICU rules forbid a line break between a and b (LB13/14/19/22/30). */
function icuGlued(a: string, b: string): boolean {
  if (QUOTE.has(a) || QUOTE.has(b)) return true; // LB19
  if (NO_LINE_START.has(b) || OPEN.has(a)) return true; // LB13, LB14, LB16, LB21
  if (ELLIPSIS.has(b) && !isSpace(a)) return true; // LB22
  if (CLOSE.has(a) && ALNUM_SYM.test(b)) return true; // LB30 (CL|CP) × (AL|NU)
  if (ALNUM_SYM.test(a) && OPEN.has(b)) return true; // LB30 (AL|NU) × OP
  return false;
}

function forbidden(g: Glyph[], start: number, pos: number): number {
  let p = pos;
  while (p > start && p < g.length && (NO_LINE_START.has(g[p]!.ch) || NO_LINE_END.has(g[p - 1]!.ch))) p--;
  return p;
}

// ---------------------------------------------------------------------------------------------
// The body as a flow of paragraphs, tables and boxes

/** A paragraph: its lines may go on different pages. */
interface ParaItem {
  kind: 'para';
  before: number;
  after: number;
  lines: number[];
  keepNext: boolean;
  breakBefore: boolean;
  /** Index into the headings list, when this paragraph is a heading. */
  heading?: number;
  label: string;
}

/** Never split: a figure's picture line, a table row. */
interface BlockItem {
  kind: 'block';
  height: number;
  keepNext: boolean;
  breakBefore: boolean;
  label: string;
}

interface TableItem {
  kind: 'table';
  /** Row heights, borders included. */
  rows: number[];
  /** How many leading rows repeat at the top of each page. */
  header: number;
  /**
   * How many rows LibreOffice repeats: the header rows, and for a table nested in a box one more
   * (LibreOffice 7.4 repeats the first data row of a nested table with its header).
   */
  repeat: number;
  breakBefore: boolean;
  label: string;
}

/** A 专栏: a one-column table; the title row repeats, the content row splits between lines. */
interface BoxItem {
  kind: 'box';
  title: number;
  /** Cell margin above and below the content, and the bottom border. */
  padTop: number;
  padBottom: number;
  content: Item[];
  breakBefore: boolean;
  label: string;
}

type Item = ParaItem | BlockItem | TableItem | BoxItem;

export interface FigureSize {
  widthMm: number;
  heightMm: number;
}

export interface PaginateOptions {
  /** The size each figure is exported at (document order, boxes included), or undefined for a placeholder. */
  figureSize?: (figure: FigureBlock, index: number) => FigureSize | undefined;
}

export interface HeadingPage {
  /** The heading as printed (label and text; a line break kept as "\n"). */
  text: string;
  kind: HeadingBlock['kind'];
  /** Body page number, from 1. */
  page: number;
  /** Inside a 专栏. */
  inBox: boolean;
}

export interface Placement {
  label: string;
  page: number;
  /** Twips below the top of the 版心. */
  y: number;
}

export interface Pagination {
  /** Every heading of the body in document order, boxes included. */
  headings: HeadingPage[];
  /** Number of body pages. */
  pages: number;
  /** Where each top-level paragraph and table starts, in document order (for calibration). */
  placements: Placement[];
}

const SZ_BODY = SZ.sanhao;
/** A line of a paragraph that snaps to the document grid: at least one grid line. */
const GRID_LINE = PAGE.linePitch;
const BODY_SPACING = BODY_CHAR_SPACING;
const TITLE_LINE = LINE.title;
/** Half a body line above and below a box (docx.ts BOX_GAP). */
const BOX_GAP = Math.round(LINE.body / 2);
const BOX_PAD = 113;
const BOX_BORDER = 15;
const GRID_BORDER = 10;
const SPACER = 20;
const INDENT_BODY = 640;
const INDENT_BOX = 560;

/** Heading kinds and their look (docx.ts HEADING and styles.ts). */
const HEADING_LOOK: Record<
  HeadingBlock['kind'],
  { bold?: boolean; centred?: boolean; before?: number; kai?: boolean }
> = {
  h1: {},
  h2: { bold: true, kai: true },
  h3: { bold: true },
  h4: {},
  chapter: { centred: true, before: LINE.body },
  section: { bold: true, centred: true, kai: true },
  item: { bold: true },
  question: { centred: true, before: LINE.body },
  theme: { bold: true, kai: true },
  part: {},
};

/** Label + text, as docx.ts headingText writes it. */
function headingString(h: HeadingBlock): string {
  const label = h.numbered === false ? '' : (h.label ?? '');
  if (!label) return h.text;
  const gap = /[章节]$/.test(label) && !/^[\s\u3000]/.test(h.text) ? '\u3000' : '';
  return label + gap + h.text;
}

function boxTitle(b: BoxBlock): string {
  let label = (b.label ?? '').trim();
  if (!label) return b.title;
  if (/^[0-9０-９]+$/.test(label)) label = `专栏 ${label}`;
  if (!/[：:]$/.test(label)) label += '：';
  return label + b.title;
}

const inlineText = (runs: readonly Inline[] | undefined): string => (runs ?? []).map((r) => r.text).join('');

function inlineSpans(runs: readonly Inline[] | undefined, look: Omit<TextSpan, 'text'>): TextSpan[] {
  return (runs ?? []).map((r) => ({
    ...look,
    text: r.text,
    bold: look.bold || (r.type === 'text' && r.bold),
  }));
}

const mmToPx = (mm: number): number => Math.round((mm / 25.4) * 96);

interface Ctx {
  opts: PaginateOptions;
  headings: HeadingPage[];
  figureIndex: number;
  seq: { 表: number; 图: number };
  inBox: boolean;
  width: number;
  pendingBreak: boolean;
}

function takeBreak(ctx: Ctx): boolean {
  if (ctx.pendingBreak && !ctx.inBox) {
    ctx.pendingBreak = false;
    return true;
  }
  return false;
}

function para(
  ctx: Ctx,
  spans: TextSpan[],
  o: {
    line: number;
    indent?: number;
    before?: number;
    after?: number;
    keepNext?: boolean;
    heading?: number;
    label: string;
  },
): ParaItem {
  const lines = breakLines(spans, ctx.width, o.indent ?? 0).map(() => o.line);
  return {
    kind: 'para',
    before: o.before ?? 0,
    after: o.after ?? 0,
    lines,
    keepNext: o.keepNext ?? false,
    breakBefore: takeBreak(ctx),
    heading: o.heading,
    label: o.label,
  };
}

function spacer(ctx: Ctx, height = SPACER, label = 'spacer'): ParaItem {
  return {
    kind: 'para',
    before: 0,
    after: 0,
    lines: [height],
    keepNext: false,
    breakBefore: takeBreak(ctx),
    label,
  };
}

function headingItem(ctx: Ctx, h: HeadingBlock): ParaItem {
  const look = HEADING_LOOK[h.kind];
  const text = headingString(h);
  const index = ctx.headings.length;
  ctx.headings.push({ text, kind: h.kind, page: 0, inBox: ctx.inBox });
  if (ctx.inBox) {
    // 四号 on exact 22 pt lines, but the heading styles snap to the document grid, so each line takes
    // a whole grid line in LibreOffice.
    return para(ctx, [{ text, size: SZ.sihao, bold: look.bold, kai: look.kai }], {
      line: GRID_LINE,
      indent: look.centred ? 0 : INDENT_BOX,
      heading: index,
      keepNext: true,
      label: `heading ${text}`,
    });
  }
  return para(ctx, [{ text, size: SZ_BODY, spacing: BODY_SPACING, bold: look.bold, kai: look.kai }], {
    line: LINE.body,
    indent: look.centred ? 0 : INDENT_BODY,
    before: look.before,
    keepNext: true,
    heading: index,
    label: `heading ${text}`,
  });
}

function paragraphItem(ctx: Ctx, p: Extract<Block, { type: 'paragraph' }>): ParaItem {
  const look: Omit<TextSpan, 'text'> = ctx.inBox
    ? { size: SZ.sihao }
    : { size: SZ_BODY, spacing: BODY_SPACING };
  const spans: TextSpan[] = [];
  if (p.bullet) spans.push({ ...look, text: '●' });
  if (p.runInHeading)
    spans.push({ ...look, text: (p.runInLabel ?? '') + p.runInHeading, bold: true, kai: true });
  if (p.lead) spans.push({ ...look, text: p.lead, bold: true });
  spans.push(...inlineSpans(p.runs, look));
  const noIndent = p.noIndent || p.align === 'center' || p.align === 'right';
  return para(ctx, spans, {
    line: ctx.inBox ? LINE.caption : LINE.body,
    indent: noIndent ? 0 : ctx.inBox ? INDENT_BOX : INDENT_BODY,
    label: `p ${inlineText(p.runs).slice(0, 12)}`,
  });
}

/** Lines of a cell: its text at the table's size, in the column width less the cell margins. */
function cellLines(c: TableCell, width: number, size: number, header: boolean): number {
  return breakLines(inlineSpans(c.runs, { size, bold: header || c.bold }), Math.max(width, 1)).length;
}

function columnWidths(widthsMm: number[], available: number): number[] {
  const raw = widthsMm.map((mm) => Math.round(mm * TWIPS_PER_MM));
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= available || total === 0) return raw;
  const scaled = raw.map((w) => Math.floor((w * available) / total));
  scaled[scaled.length - 1]! += available - scaled.reduce((a, b) => a + b, 0);
  return scaled;
}

/** The content heights of a table's rows (header rows first), and of a row spanning the whole table after them. */
function rowHeights(
  t: TableBlock,
  widths: number[],
  trailing?: { spans: TextSpan[]; line: number },
): { rows: number[]; trailing?: number } {
  const margin = t.compact ? 57 : 108;
  const size = t.compact ? SZ.xiaosi : SZ.sihao;
  const line = t.compact ? LINE.tableCompact : LINE.table;
  const all = [...t.header, ...t.rows];
  // Which grid column each cell starts in: docx fills the columns a row span covers with continuation
  // cells, so a row's own cells start after them (a span running past the rows narrows the row after).
  const spanning: { until: number; cols: number[] }[] = [];
  const taken = (r: number, c: number): boolean => spanning.some((x) => x.until >= r && x.cols.includes(c));
  const rows = all.map((row, r) => {
    let col = 0;
    let h = 0;
    for (const c of row) {
      while (taken(r, col)) col++;
      const span = c.colSpan ?? 1;
      const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0) - 2 * margin;
      if ((c.rowSpan ?? 1) > 1) {
        spanning.push({
          until: r + (c.rowSpan ?? 1) - 1,
          cols: Array.from({ length: span }, (_, k) => col + k),
        });
      } else h = Math.max(h, cellLines(c, w, size, r < t.header.length) * line);
      col += span;
    }
    return Math.max(h, line);
  });
  if (!trailing) return { rows };
  let col = 0;
  while (taken(all.length, col)) col++;
  const w = widths.slice(col).reduce((a, b) => a + b, 0) - 2 * margin;
  return { rows, trailing: breakLines(trailing.spans, Math.max(w, 1)).length * trailing.line };
}

function tableItems(ctx: Ctx, t: TableBlock): Item[] {
  const out: Item[] = [];
  if (t.title) {
    const n = ++ctx.seq.表;
    const size = ctx.inBox ? SZ.sihao : SZ_BODY;
    out.push(
      para(ctx, [{ text: `表${n} ${t.title}`, size }], {
        line: GRID_LINE, // the table title style snaps to the grid, in boxes too
        keepNext: true,
        label: `table title ${t.title}`,
      }),
    );
  } else if (ctx.pendingBreak && !ctx.inBox) {
    out.push(spacer(ctx));
  }
  const { rows: heights } = rowHeights(t, columnWidths(t.widthsMm, ctx.width));
  const threeLine = t.rules === 'three-line';
  const header = t.header.length;
  const rows = heights.map((h, r) => {
    if (threeLine) {
      let b = 0;
      if (r === 0) b += 30;
      if (r === header - 1) b += 15;
      if (r === heights.length - 1) b += 30;
      return h + b;
    }
    return h + GRID_BORDER + (r === 0 ? GRID_BORDER : 0);
  });
  out.push({
    kind: 'table',
    rows,
    header,
    repeat: ctx.inBox && header > 0 ? Math.min(header + 1, rows.length) : header,
    breakBefore: false,
    label: `table ${t.title ?? ''}`,
  });
  if (t.notes && t.notes.length > 0) {
    out.push(para(ctx, inlineSpans(t.notes, { size: SZ.sihao }), { line: LINE.note, label: 'table note' }));
  }
  return out;
}

/**
 * A 专栏 holding one untitled table, drawn as that table with the box title as its first row and the
 * notes as its last (docx.ts renderTableBox): box borders outside, grid lines inside.
 */
function tableBoxItems(ctx: Ctx, b: BoxBlock, t: TableBlock): Item[] {
  const before = spacer(ctx, BOX_GAP, 'box gap');
  const widths = columnWidths(t.widthsMm, ctx.width);
  const margin = t.compact ? 57 : 108;
  const total = widths.reduce((a, c) => a + c, 0);
  const notes =
    t.notes && t.notes.length > 0
      ? { spans: inlineSpans(t.notes, { size: SZ.sihao }), line: LINE.note }
      : undefined;
  const { rows: heights, trailing } = rowHeights(t, widths, notes);
  const titleLines = breakLines([{ text: boxTitle(b), size: SZ_BODY }], total - 2 * margin).length;
  const rows = [BOX_BORDER + titleLines * LINE.body + GRID_BORDER, ...heights.map((h) => h + GRID_BORDER)];
  if (trailing !== undefined) rows.push(trailing + GRID_BORDER);
  rows[rows.length - 1]! += BOX_BORDER - GRID_BORDER;
  return [
    before,
    {
      kind: 'table',
      rows,
      header: 1 + t.header.length,
      repeat: 1 + t.header.length,
      breakBefore: false,
      label: `box ${boxTitle(b)}`,
    },
    spacer(ctx, BOX_GAP, 'box gap'),
  ];
}

function figureItems(ctx: Ctx, f: FigureBlock): Item[] {
  const index = ctx.figureIndex++;
  const size = ctx.opts.figureSize?.(f, index);
  const maxMm = ctx.width / TWIPS_PER_MM;
  const scale = size && size.widthMm > maxMm ? maxMm / size.widthMm : 1;
  const height = size ? mmToPx(size.heightMm * scale) * 15 : LINE.body;
  const n = ++ctx.seq.图;
  const out: Item[] = [
    { kind: 'block', height, keepNext: true, breakBefore: takeBreak(ctx), label: `figure ${f.caption}` },
    para(ctx, [{ text: `图${n} ${f.caption}`, size: SZ.sihao, kai: true }], {
      line: LINE.caption,
      label: 'caption',
    }),
  ];
  if (f.chart.source) {
    out.push(para(ctx, [{ text: f.chart.source, size: SZ.xiaosi }], { line: 360, label: 'source' }));
  }
  return out;
}

function boxItems(ctx: Ctx, b: BoxBlock): Item[] {
  const [only] = b.blocks;
  if (b.blocks.length === 1 && only?.type === 'table' && !only.title) return tableBoxItems(ctx, b, only);
  const before = spacer(ctx, BOX_GAP, 'box gap');
  const titleText = boxTitle(b);
  const inner: Ctx = { ...ctx, inBox: true, width: ctx.width - 2 * BOX_PAD, pendingBreak: false };
  const content = flowOf(inner, b.blocks);
  ctx.figureIndex = inner.figureIndex;
  ctx.seq = inner.seq;
  const lastKind = content[content.length - 1]?.kind;
  if (!lastKind || lastKind === 'table' || lastKind === 'box') content.push(spacer(inner));
  const titleLines = breakLines([{ text: titleText, size: SZ_BODY }], ctx.width - 2 * BOX_PAD).length;
  return [
    before,
    {
      kind: 'box',
      title: BOX_BORDER + BOX_PAD + titleLines * LINE.body + BOX_PAD,
      padTop: BOX_PAD,
      padBottom: BOX_PAD + BOX_BORDER,
      content,
      breakBefore: false,
      label: `box ${titleText}`,
    },
    spacer(ctx, BOX_GAP, 'box gap'),
  ];
}

function flowOf(ctx: Ctx, blocks: readonly Block[]): Item[] {
  const out: Item[] = [];
  const push = (items: Item[]): void => {
    // Two tables in a row get a spacer paragraph between them (docx.ts renderBlocks).
    const last = out[out.length - 1];
    if (items[0]?.kind === 'table' && last?.kind === 'table') out.push(spacer(ctx));
    out.push(...items);
  };
  blocks.forEach((b, i) => {
    switch (b.type) {
      case 'title': {
        const next = blocks[i + 1]?.type;
        const groupEnds = next !== 'title' && next !== 'subtitle' && next !== 'byline';
        push([
          para(ctx, [{ text: b.text, size: SZ.erhao }], {
            line: TITLE_LINE,
            after: groupEnds ? LINE.body : 0,
            keepNext: true,
            label: `title ${b.text}`,
          }),
        ]);
        break;
      }
      case 'subtitle':
      case 'byline': {
        const next = blocks[i + 1]?.type;
        const groupEnds = next !== 'title' && next !== 'subtitle' && next !== 'byline';
        const afterTitle = blocks.slice(0, i).some((x) => x.type === 'title');
        push([
          para(ctx, [{ text: b.text, size: SZ_BODY, spacing: BODY_SPACING, kai: true }], {
            line: LINE.body,
            after: groupEnds && afterTitle ? LINE.body : 0,
            keepNext: true,
            label: `${b.type} ${b.text}`,
          }),
        ]);
        break;
      }
      case 'kicker':
        push([
          para(ctx, [{ text: b.text, size: SZ.sihao }], { line: LINE.body, keepNext: true, label: 'kicker' }),
        ]);
        break;
      case 'heading':
        push([headingItem(ctx, b)]);
        break;
      case 'paragraph':
        push([paragraphItem(ctx, b)]);
        break;
      case 'table':
        push(tableItems(ctx, b));
        break;
      case 'figure':
        push(figureItems(ctx, b));
        break;
      case 'box':
        push(boxItems(ctx, b));
        break;
      case 'pageBreak':
        if (!ctx.inBox && out.length > 0) ctx.pendingBreak = true;
        break;
      case 'cover':
      case 'toc':
        break;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pages

class Pager {
  page = 1;
  y = 0;
  /** Space after the last paragraph, not yet added: LibreOffice puts the larger of it and the next space before. */
  after = 0;
  placements: Placement[] = [];
  constructor(private readonly headings: HeadingPage[]) {}

  newPage(): void {
    this.page++;
    this.y = 0;
    this.after = 0;
  }

  /** The space above something with `before` space before it: none at the top of a page. */
  private gap(before = 0): number {
    return this.y > 0 ? Math.max(before, this.after) : 0;
  }

  /** Adds the pending space after the last paragraph (before something that has no space before). */
  private settle(before = 0): void {
    this.y += this.gap(before);
    this.after = 0;
  }

  /** Height the start of an item needs on the page it starts on: what keep-with-next asks for. */
  private need(items: readonly Item[], i: number, depth = 0): number {
    const it = items[i];
    if (!it) return 0;
    const chained = (own: number, keep: boolean): number =>
      keep && depth < 8 ? own + this.need(items, i + 1, depth + 1) : own;
    switch (it.kind) {
      case 'para': {
        const whole = it.before + it.lines.reduce((a, b) => a + b, 0) + it.after;
        return it.keepNext ? chained(whole, true) : it.before + (it.lines[0] ?? 0);
      }
      case 'block':
        return chained(it.height, it.keepNext);
      case 'table':
        return it.rows.slice(0, Math.max(1, it.header + 1)).reduce((a, b) => a + b, 0);
      case 'box':
        return it.title + it.padTop + this.need(it.content, 0, depth + 1);
    }
  }

  flow(items: readonly Item[], top = true): void {
    items.forEach((it, i) => {
      if (it.breakBefore && this.y > 0) this.newPage();
      if (top && (it.kind === 'para' ? it.keepNext : it.kind === 'block' && it.keepNext)) {
        if (this.y > 0 && this.y + this.need(items, i) > BODY_HEIGHT) this.newPage();
      }
      const place = (y = this.y): void => {
        if (top) this.placements.push({ label: it.label, page: this.page, y });
      };
      switch (it.kind) {
        case 'para':
          this.para(it, place);
          break;
        case 'block':
          if (this.y > 0 && this.y + this.gap() + it.height > BODY_HEIGHT) this.newPage();
          this.settle();
          place();
          this.y += it.height;
          break;
        case 'table':
          this.table(it, 0, 0, place);
          break;
        case 'box':
          this.box(it, place);
          break;
      }
    });
  }

  private para(it: ParaItem, place?: (y?: number) => void): void {
    if (this.y > 0 && this.y + this.gap(it.before) + (it.lines[0] ?? 0) > BODY_HEIGHT) this.newPage();
    // Space before is dropped at the top of a page, unless a page break put the paragraph there.
    if (it.breakBefore && this.y === 0) this.y += it.before;
    else this.settle(it.before);
    place?.();
    it.lines.forEach((h, k) => {
      if (this.y > 0 && this.y + h > BODY_HEIGHT) this.newPage();
      if (k === 0 && it.heading !== undefined) this.headings[it.heading]!.page = this.page;
      this.y += h;
    });
    this.after = it.after;
  }

  /** Rows of a table; `repeat` is what a new page starts with above the repeated header rows. */
  private table(it: TableItem, repeat: number, bottom = 0, place?: (y?: number) => void): void {
    this.settle();
    const header = it.rows.slice(0, it.repeat).reduce((a, b) => a + b, 0);
    // A row must end strictly above the bottom of the 版心 (LibreOffice moves one that ends on it), and
    // the header rows go with the first row after them.
    const fits = (h: number): boolean => this.y + h + bottom < BODY_HEIGHT;
    it.rows.forEach((h, r) => {
      const need = r < it.repeat ? it.rows.slice(r, it.repeat + 1).reduce((a, b) => a + b, 0) : h;
      if (this.y > 0 && !fits(need)) {
        this.newPage();
        this.y += repeat + (r >= it.repeat ? header : 0);
      }
      if (r === 0) place?.();
      this.y += h;
    });
  }

  private box(it: BoxItem, place?: (y?: number) => void): void {
    this.settle();
    const first = this.need(it.content, 0);
    if (this.y > 0 && this.y + it.title + it.padTop + first > BODY_HEIGHT) this.newPage();
    place?.();
    this.y += it.title + it.padTop;
    const repeat = it.title + it.padTop;
    for (const c of it.content) {
      if (c.kind === 'para') {
        this.y += c.before;
        c.lines.forEach((h, k) => {
          if (this.y + h + it.padBottom > BODY_HEIGHT) {
            this.newPage();
            this.y += repeat;
          }
          if (k === 0 && c.heading !== undefined) this.headings[c.heading]!.page = this.page;
          this.y += h;
        });
        this.y += c.after;
      } else if (c.kind === 'block') {
        if (this.y + c.height + it.padBottom > BODY_HEIGHT) {
          this.newPage();
          this.y += repeat;
        }
        this.y += c.height;
      } else if (c.kind === 'table') {
        this.table(c, repeat, it.padBottom);
      } else {
        // A box in a box: treated as its content, in place.
        this.box(c);
      }
    }
    this.y += it.padBottom;
  }
}

/** Lays out the body of a document (the blocks outside cover and TOC sections) page by page. */
export function paginate(doc: BriefDocument, options: PaginateOptions = {}): Pagination {
  const ctx: Ctx = {
    opts: options,
    headings: [],
    figureIndex: 0,
    seq: { 表: 0, 图: 0 },
    inBox: false,
    width: BODY_WIDTH,
    pendingBreak: false,
  };
  // Each run of blocks between cover/TOC sections is a section of its own, starting on a new page.
  const sections: Block[][] = [];
  let run: Block[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'cover' || b.type === 'toc') {
      if (run.length) sections.push(run);
      run = [];
    } else run.push(b);
  }
  if (run.length) sections.push(run);
  const pager = new Pager(ctx.headings);
  sections.forEach((blocks, s) => {
    if (s > 0) pager.newPage();
    ctx.pendingBreak = false;
    const items = flowOf(ctx, blocks);
    // A section that ends with a table gets an empty paragraph to carry its properties.
    const last = items[items.length - 1];
    if (last && (last.kind === 'table' || last.kind === 'box')) items.push(spacerLine());
    pager.flow(items);
  });
  return { headings: ctx.headings, pages: pager.page, placements: pager.placements };
}

function spacerLine(): ParaItem {
  return {
    kind: 'para',
    before: 0,
    after: 0,
    lines: [LINE.body],
    keepNext: false,
    breakBefore: false,
    label: 'section end',
  };
}

// ---------------------------------------------------------------------------------------------
// The table of contents

/** A formatted (prepForXml) element: `{ "w:p": [...] }`, with attributes under `_attr`. */
type Formatted = unknown;

function childrenOf(node: Formatted): Formatted[] {
  if (Array.isArray(node)) return node;
  if (node && typeof node === 'object')
    return Object.entries(node as Record<string, Formatted>)
      .filter(([k]) => k !== '_attr')
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
  return [];
}

const keyOf = (node: Formatted): string | undefined =>
  node && typeof node === 'object' && !Array.isArray(node)
    ? Object.keys(node).find((k) => k !== '_attr')
    : undefined;

/** The text of a paragraph (w:t, w:br as "\n") and the names of the bookmarks that start in it. */
function paragraphOf(p: Formatted): { text: string; bookmarks: string[] } {
  let text = '';
  const bookmarks: string[] = [];
  const walk = (node: Formatted): void => {
    const key = keyOf(node);
    if (key === 'w:t') {
      for (const c of childrenOf(node)) if (typeof c === 'string') text += c;
      return;
    }
    if (key === 'w:br') {
      text += '\n';
      return;
    }
    if (key === 'w:instrText' || key === 'w:delText') return;
    if (key === 'w:bookmarkStart') {
      const attr = (node as Record<string, { _attr?: Record<string, unknown> }>)[key]?._attr;
      const name = attr?.['w:name'];
      if (typeof name === 'string') bookmarks.push(name);
      return;
    }
    for (const c of childrenOf(node)) walk(c);
  };
  walk(p);
  return { text, bookmarks };
}

const normalise = (s: string): string => s.replace(/\s+/g, '');

/**
 * A docx page-number estimator that gives each heading bookmark the TOC field points at (`_Toc…`) the
 * body page the paginator put its heading on, so the cached TOC is written with its page numbers
 * (and clean). Headings are matched in document order by their text; one that does not match is left
 * blank, for Word to fill in when it updates the field.
 */
export function tocPageNumbers(pagination: Pagination): PageNumberEstimator {
  return (body) => {
    const bookmarks = new Map<string, string>();
    const numbers = new Map<string, number>();
    let next = 0;
    const visit = (node: Formatted): void => {
      if (keyOf(node) === 'w:p') {
        const p = paragraphOf(node);
        const names = p.bookmarks.filter((b) => b.startsWith('_Toc'));
        if (names.length === 0) return;
        const text = normalise(p.text);
        let j = next;
        while (j < pagination.headings.length && normalise(pagination.headings[j]!.text) !== text) j++;
        if (j >= pagination.headings.length) return;
        next = j + 1;
        const page = pagination.headings[j]!.page;
        for (const n of names) {
          bookmarks.set(n, String(page));
          numbers.set(n, page);
        }
        return;
      }
      for (const c of childrenOf(node)) visit(c);
    };
    visit(body);
    return { bookmarks, bookmarkPageNumbers: numbers };
  };
}

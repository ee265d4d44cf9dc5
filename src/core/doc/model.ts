/**
 * The document model: a tree of blocks that every stage shares. Templates produce it, the
 * numbering pass fills heading labels, the exporter turns it into .docx, the UI previews it.
 * It is plain data (JSON-serialisable) so it can cross the API contract unchanged.
 */
import type { ChartSpec } from '../chart/spec';

/** Where a number in a document came from: enough to show it, check it and tell when it went stale. */
export interface Provenance {
  indicatorCode: string;
  indicator: string;
  region: string;
  period: string;
  /** null for values that are not one number (structure ratios). */
  value: number | null;
  unit: string;
  status: string | null;
  source: string | null;
  /** Revision number of the observation the value was taken from (0 = as first recorded). */
  revision: number;
}

export type Inline =
  | { type: 'text'; text: string; bold?: boolean; subscript?: boolean }
  /** A data-bound value, already worded ("1594.98亿元", "8.1%"); `text` is what prints. */
  | { type: 'value'; text: string; provenance: Provenance[] }
  /** A value the database could not supply: printed as a visible marker, listed for the user. */
  | { type: 'missing'; text: string; reason: string };

/** Heading ladders of the house style (style-spec §A.0). Labels are literal text, computed at render. */
export type HeadingKind =
  | 'h1' // 一、  黑体
  | 'h2' // （一） 楷体, stand-alone
  | 'h3' // 1.   仿宋 bold
  | 'h4' // （1） 仿宋
  | 'chapter' // 第X章  centred 黑体
  | 'section' // 第X节  centred 楷体 bold
  | 'item' // 一、 under 第X节 (规划纲要), 仿宋 bold
  | 'question' // 解读 Q-style part title, centred 黑体, no number
  | 'theme' // un-numbered themed sub-head, 楷体 bold
  | 'part'; // un-numbered feature part heading ("…——"), 黑体

export interface HeadingBlock {
  type: 'heading';
  kind: HeadingKind;
  text: string;
  /** Filled by the numbering pass ("一、", "（二）", "第三章"); never typed by hand. */
  label?: string;
  /** Whether the kind's ladder numbers it; un-numbered kinds ignore this. Default true. */
  numbered?: boolean;
  /**
   * The text as runs, present only when it carries data-bound values or missing markers (so they
   * keep their provenance and are listed); `text` is always their concatenation.
   */
  runs?: Inline[];
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Inline[];
  /** ● bullet item (政府工作报告解读). */
  bullet?: boolean;
  /** Run-in bold lead phrase ("一是严守生态红线。", "（一）工业增加值占比髙。"). */
  lead?: string;
  /** Run-in heading of the （一） ladder, numbered at render: lead becomes "（一）" + runInHeading. */
  runInHeading?: string;
  runInLabel?: string;
  /** No first-line indent (notes, closing lines). */
  noIndent?: boolean;
  align?: 'left' | 'center' | 'right' | 'both';
}

export interface TableCell {
  runs: Inline[];
  rowSpan?: number;
  colSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export interface TableBlock {
  type: 'table';
  /** Caption text without the 表N label (the label is a SEQ field). */
  title?: string;
  /** Column widths in millimetres; they should add up to the text block width (156 mm). */
  widthsMm: number[];
  /** Header rows repeat on every page. Cells covered by a span are omitted. */
  header: TableCell[][];
  rows: TableCell[][];
  /** "注：…" under the table. */
  notes?: Inline[];
  /** 三线表 (three rules) or full grid. */
  rules: 'three-line' | 'grid';
  /** Smaller text for wide tables (小四 instead of 四号). */
  compact?: boolean;
}

export interface FigureBlock {
  type: 'figure';
  chart: ChartSpec;
  /** Caption text without the 图N label (the label is a SEQ field). */
  caption: string;
  /** Per-figure override of the export mode. */
  mode?: 'image' | 'native';
}

export interface BoxBlock {
  type: 'box';
  /** "专栏 1：…" — the number is computed at render. */
  title: string;
  label?: string;
  /** false: a sidebar without the "专栏 N" label (feature articles); it does not advance the count. */
  numbered?: boolean;
  blocks: Block[];
}

export interface CoverBlock {
  type: 'cover';
  titleLines: string[];
  issuer: string;
  /** Already worded, e.g. 二〇二六年五月. */
  date: string;
}

/** Title-like lines; `runs` as in HeadingBlock (only when the text carries values). */
export type Block =
  | { type: 'title'; text: string; runs?: Inline[] }
  | { type: 'subtitle'; text: string; runs?: Inline[] }
  | { type: 'byline'; text: string; runs?: Inline[] }
  | { type: 'kicker'; text: string; runs?: Inline[] }
  | HeadingBlock
  | ParagraphBlock
  | TableBlock
  | FigureBlock
  | BoxBlock
  | CoverBlock
  | { type: 'toc'; title: string }
  | { type: 'pageBreak' };

export interface DocumentMeta {
  title: string;
  /** Author unit (编制单位), written to the document properties. */
  author: string;
  /** ISO date the document is dated. */
  date: string;
  /** Template the document came from. */
  template: string;
  period: string;
}

export interface BriefDocument {
  meta: DocumentMeta;
  blocks: Block[];
}

/** Every data-bound value of a document, in reading order (for provenance views and checks). */
export function collectValues(blocks: Block[]): Provenance[] {
  const out: Provenance[] = [];
  const fromRuns = (runs: Inline[] | undefined): void => {
    for (const r of runs ?? []) if (r.type === 'value') out.push(...r.provenance);
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') fromRuns(b.runs);
    else if (b.type === 'table') {
      for (const row of [...b.header, ...b.rows]) for (const c of row) fromRuns(c.runs);
      fromRuns(b.notes);
    } else if (b.type === 'box') out.push(...collectValues(b.blocks));
    else if ('runs' in b) fromRuns(b.runs);
  }
  return out;
}

/** Values the database could not supply, in reading order. */
export function collectMissing(blocks: Block[]): { text: string; reason: string }[] {
  const out: { text: string; reason: string }[] = [];
  const fromRuns = (runs: Inline[] | undefined): void => {
    for (const r of runs ?? []) if (r.type === 'missing') out.push({ text: r.text, reason: r.reason });
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') fromRuns(b.runs);
    else if (b.type === 'table') {
      for (const row of [...b.header, ...b.rows]) for (const c of row) fromRuns(c.runs);
      fromRuns(b.notes);
    } else if (b.type === 'box') out.push(...collectMissing(b.blocks));
    else if ('runs' in b) fromRuns(b.runs);
  }
  return out;
}

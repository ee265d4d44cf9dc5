/**
 * Plain text of a report → the document model (doc/model.ts): cover, table of contents, title,
 * subtitle, byline, kicker, heading ladders (第X章 → 第X节 → 一、; 一、 → （一）; un-numbered themes,
 * Q-titles and "——" part lead-ins), run-in leads (一是…。, ——…。, （一）…。), ● bullets, 专栏 boxes,
 * tab-separated tables with their notes, photo captions.
 *
 * Heading labels are not kept in the text (the numbering pass computes them); a box's title is without
 * "专栏 N："; Markdown "**bold**" becomes bold runs. Half-width punctuation in Chinese text becomes
 * full-width (style-spec §B.1). Pure and total: any string gives a document.
 */
import type {
  Block,
  BoxBlock,
  BriefDocument,
  HeadingKind,
  Inline,
  ParagraphBlock,
  TableBlock,
  TableCell,
} from '../doc/model';
import { paragraphs, type RawParagraph } from './normalize';
import { isTableRow } from './table';

const CN = '[一二三四五六七八九十百〇零两]+';
const RE_CHAPTER = new RegExp(`^第(${CN})章[\\s\\u3000]*(.*)$`);
const RE_SECTION = new RegExp(`^第(${CN})节[\\s\\u3000]*(.*)$`);
const RE_H1 = new RegExp(`^(${CN})、[\\s\\u3000]*(.+)$`);
const RE_H2 = new RegExp(`^[（(](${CN})[)）][\\s\\u3000]*(.+)$`);
const RE_LEAD = new RegExp(`^((${CN})[是要])(.{1,30}?[。：:])`);
const RE_DASH_LEAD = /^——(.{2,40}?[。！])/;
/** A bold lead-in sentence of a feature ("减贫成效更加明显。2014年，…"): short, no comma. */
const RE_SHORT_LEAD = /^[^，。；：、,;:\s（）]{3,14}[。]/;
const RE_BOX = /^专栏[\s\u3000]*(\d{1,3})[：:][\s\u3000]*(.*)$/;
const RE_COVER_DATE =
  /^[〇零一二三四五六七八九]{4}年([一二三四五六七八九十]{1,3}月)?([一二三四五六七八九十]{1,3}日)?$/;
const RE_TOC = /^目[\s\u3000]*录$/;
const RE_BYLINE = /(记者|通讯员|撰稿|作者|执笔|编辑)|^○/;
const RE_ISSUER = /^[\u4e00-\u9fff（）()]{2,20}(办|局|委|政府|办公室|委员会|中心|研究室|研究院|小组|部)$/;
const END_PUNCT = /[。！？?!；;：:]$/;
const CJK = /[\u3400-\u9fff]/;

/** Half-width punctuation inside Chinese text → full-width (digits keep their "." ":" ","). */
export function fullWidthPunctuation(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const prev = s[i - 1] ?? '';
    const next = s[i + 1] ?? '';
    const digits = /\d/.test(prev) && /\d/.test(next);
    const cjkNear = CJK.test(prev) || CJK.test(next) || /[”“）（。，%)]/.test(prev) || /[“（(]/.test(next);
    if (ch === ',' && !digits && cjkNear) out += '，';
    else if (ch === ';' && cjkNear) out += '；';
    else if (ch === ':' && !digits && cjkNear) out += '：';
    else if (ch === '?' && (CJK.test(prev) || /[”）]/.test(prev))) out += '？';
    else if (ch === '!' && (CJK.test(prev) || /[”）]/.test(prev))) out += '！';
    else if (ch === '(' && cjkNear) out += '（';
    else if (ch === ')' && cjkNear) out += '）';
    else out += ch;
  }
  return out;
}

/** Text with Markdown bold → runs. */
function runsOf(text: string): Inline[] {
  const runs: Inline[] = [];
  const parts = text.split('**');
  parts.forEach((part, i) => {
    if (part === '') return;
    runs.push(
      i % 2 === 1 && i < parts.length - 1
        ? { type: 'text', text: part, bold: true }
        : { type: 'text', text: part },
    );
  });
  return runs.length ? runs : [{ type: 'text', text: '' }];
}

const plain = (text: string) => text.replace(/\*\*/g, '');

function paragraph(text: string, extra: Partial<ParagraphBlock> = {}): ParagraphBlock {
  return { type: 'paragraph', runs: runsOf(text), ...extra };
}

function heading(kind: HeadingKind, text: string): Block {
  return { type: 'heading', kind, text: plain(text).trim() };
}

/** A short stand-alone line with no sentence in it: a heading, a title or a caption. */
function isShortLine(text: string, max = 32): boolean {
  const t = plain(text);
  return t.length <= max && !/[。；;]/.test(t.slice(0, -1)) && !t.includes('\t');
}

// ---------------------------------------------------------------------------------------------
// Tables

/** "PM _{2.5} ）" (LaTeX left over from extraction) → PM + subscript 2.5 (style-spec §A.5). */
function runsWithSubscripts(text: string): Inline[] {
  const runs: Inline[] = [];
  const re = /\s*_\{([^{}]{1,12})\}\s*/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) runs.push({ type: 'text', text: text.slice(last, m.index) });
    runs.push({ type: 'text', text: m[1], subscript: true });
    last = m.index + m[0].length;
  }
  if (last < text.length || runs.length === 0) runs.push({ type: 'text', text: text.slice(last) });
  return runs;
}

function cell(text: string, extra: Partial<TableCell> = {}): TableCell {
  const t = text.trim();
  const numeric = /^[\d.—*%\s左右]+$/.test(t) && t !== '';
  return { runs: runsWithSubscripts(t), ...(numeric ? { align: 'center' as const } : {}), ...extra };
}

/**
 * A tab-separated table. A row that lost its empty first cell is put back in line (its first cell is
 * the 序号); a sub-indicator column used by some rows ("每千人口拥有医护人员数 | 执业医师数") becomes
 * its own grid column, spanned by the name in the other rows; empty cells under a category, and the
 * empty cells of a continuation row, merge with the cell above.
 */
export function tableFromRows(lines: string[], notes: string | null): TableBlock {
  const split = (l: string) => {
    const cells = l.split('\t').map((c) => fullWidthPunctuation(c.trim()));
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  };
  const header = split(lines[0]);
  const seqCol = header.findIndex((h) => /序号/.test(h));
  const nameCol = Math.max(
    0,
    header.findIndex((h) => /指标|名称|项目/.test(h)),
  );
  let rows = lines.slice(1).map(split);
  if (seqCol > 0)
    rows = rows.map((r) => (/^\d{1,3}$/.test(r[0] ?? '') && r[seqCol] !== r[0] ? ['', ...r] : r));
  const hasSub = (r: string[]) =>
    CJK.test(r[nameCol + 1] ?? '') &&
    /（[^（）]+）$/.test(r[nameCol + 1] ?? '') &&
    !/\d/.test(r[nameCol + 1] ?? '');
  const anySub = rows.some(hasSub);
  const extra = anySub ? 1 : 0;
  const width = Math.max(header.length + extra, ...rows.map((r) => r.length + (hasSub(r) ? 0 : extra)));
  // Logical grid: every row as `width` cells (null = covered by a span).
  const grid: (string | null)[][] = rows.map((r) => {
    if (!anySub) return [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')];
    const g = hasSub(r) ? [...r] : [...r.slice(0, nameCol + 1), '\u0000', ...r.slice(nameCol + 1)];
    return [...g, ...Array<string>(Math.max(0, width - g.length)).fill('')].slice(0, width);
  });
  const headerCells: TableCell[] = [];
  header.forEach((h, k) => {
    if (anySub && k === nameCol) headerCells.push(cell(h, { colSpan: 2, bold: true, align: 'center' }));
    else headerCells.push(cell(h, { bold: true, align: 'center' }));
  });
  while (headerCells.reduce((n, c) => n + (c.colSpan ?? 1), 0) < width)
    headerCells.push(cell('', { bold: true }));
  // Vertical merges.
  const span: number[][] = grid.map((g) => g.map(() => 1));
  const covered: boolean[][] = grid.map((g) => g.map(() => false));
  grid.forEach((g, r) => {
    const continuation = seqCol >= 0 && (g[seqCol] ?? '') === '' && r > 0;
    g.forEach((v, c) => {
      const mergeable = (c === 0 && v === '') || (continuation && (v === '' || v === '\u0000'));
      if (!mergeable || r === 0) return;
      let above = r - 1;
      while (above > 0 && covered[above][c]) above--;
      if (grid[above][c] === '' && c !== 0) return;
      covered[r][c] = true;
      span[above][c] += 1;
    });
  });
  const body: TableCell[][] = grid.map((g, r) => {
    const out: TableCell[] = [];
    g.forEach((v, c) => {
      if (covered[r][c] || v === '\u0000') return;
      const extra: Partial<TableCell> = {};
      if (span[r][c] > 1) extra.rowSpan = span[r][c];
      if (anySub && c === nameCol && g[c + 1] === '\u0000') extra.colSpan = 2;
      out.push(cell(v ?? '', extra));
    });
    return out;
  });
  // Widths by content, 156 mm in all: every column gets room for its content up to three characters
  // (so 序号, 属性 "预期性" and short figures never wrap), the rest goes to the columns with more to say.
  const headerOf = (c: number) =>
    !anySub ? header[c] : c <= nameCol ? header[c] : c === nameCol + 1 ? undefined : header[c - 1];
  const shown = (s: string) =>
    [...s.replace(/_\{([^{}]*)\}/g, '$1')].reduce((w, ch) => w + (ch < '\u2000' ? 0.5 : 1), 0);
  const charMm = width > 6 ? 4.3 : 5;
  const padMm = 2.4;
  const need = Array.from({ length: width }, (_, c) =>
    Math.min(14, Math.max(1.5, ...grid.map((g) => shown((g[c] ?? '').trim())), shown(headerOf(c) ?? ''))),
  );
  const floor = need.map((n) => Math.min(n, 3) * charMm + padMm);
  const excess = need.map((n, c) => n * charMm + padMm - floor[c]);
  const spare = 156 - floor.reduce((a, b) => a + b, 0);
  const excessTotal = excess.reduce((a, b) => a + b, 0);
  const mm =
    spare > 0 && excessTotal > 0
      ? floor.map((f, c) => f + (spare * excess[c]) / excessTotal)
      : floor.map((f) => (f * 156) / floor.reduce((a, b) => a + b, 0));
  const widthsMm = mm.map((w) => Math.round(w * 10) / 10);
  widthsMm[widthsMm.length - 1] =
    Math.round((156 - widthsMm.slice(0, -1).reduce((a, b) => a + b, 0)) * 10) / 10;
  return {
    type: 'table',
    widthsMm,
    header: [headerCells],
    rows: body,
    ...(notes ? { notes: runsOf(notes) } : {}),
    rules: 'grid',
    ...(width > 6 ? { compact: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The document

export interface TextToDocumentOptions {
  /** Document title when the text has none. */
  title?: string;
}

function guessTemplate(blocks: Block[]): string {
  const kinds = new Set(blocks.flatMap((b) => (b.type === 'heading' ? [b.kind] : [])));
  if (kinds.has('chapter')) return '规划纲要';
  if (kinds.has('question') || blocks.some((b) => b.type === 'paragraph' && b.bullet))
    return '政府工作报告解读';
  if (kinds.has('h1') || blocks.some((b) => b.type === 'paragraph' && b.runInHeading)) return '调研报告';
  return '专题报道';
}

const CN_DIGIT: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

function isoFromCoverDate(date: string): string {
  const y = /^([〇零一二三四五六七八九]{4})年/.exec(date);
  if (!y) return '';
  const year = [...y[1]].map((c) => CN_DIGIT[c]).join('');
  const m = /年([一二三四五六七八九十]{1,3})月/.exec(date);
  const month = m
    ? (
        {
          一: 1,
          二: 2,
          三: 3,
          四: 4,
          五: 5,
          六: 6,
          七: 7,
          八: 8,
          九: 9,
          十: 10,
          十一: 11,
          十二: 12,
        } as Record<string, number>
      )[m[1]]
    : 1;
  return `${year}-${String(month ?? 1).padStart(2, '0')}-01`;
}

/** Where each block came from: the paragraphs (indices into `paragraphs`) it was built from, inclusive. */
export interface StructuredText {
  document: BriefDocument;
  /** The input's paragraphs as the structure step read them (text, input offsets). */
  paragraphs: RawParagraph[];
  /** Every block (boxes and the blocks inside them too) → its first and last paragraph. */
  origins: Map<Block, { first: number; last: number }>;
}

export function textToDocument(input: string, options: TextToDocumentOptions = {}): BriefDocument {
  return structureOf(input, options).document;
}

/** textToDocument, keeping each block's source paragraphs (to map offsets of the input to blocks). */
export function structureOf(input: string, options: TextToDocumentOptions = {}): StructuredText {
  const raws = typeof input === 'string' ? paragraphs(input) : [];
  const paras = raws.map((p) => p.text);
  const origins = new Map<Block, { first: number; last: number }>();
  let from = 0;
  const note = <B extends Block>(b: B, first = from, last = i): B => {
    origins.set(b, { first, last });
    return b;
  };
  const blocks: Block[] = [];
  let box: BoxBlock | null = null;
  let sawChapter = false;
  let sawBody = false;
  let author = '';
  let coverDate = '';
  const push = (b: Block) => (box ? box.blocks.push(note(b)) : blocks.push(note(b)));
  const closeBox = () => {
    if (box) blocks.push(box);
    box = null;
  };

  let i = 0;
  // Cover: title lines, issuer, a date in Chinese numerals, within the first lines.
  const dateAt = paras.slice(0, 8).findIndex((p) => RE_COVER_DATE.test(p.trim()));
  if (dateAt >= 2) {
    const issuer = paras[dateAt - 1].trim();
    const title = paras.slice(0, dateAt - 1).join(' ');
    blocks.push(
      note(
        {
          type: 'cover',
          titleLines: title.split(/[\s\u3000]+/).filter(Boolean),
          issuer,
          date: paras[dateAt].trim(),
        },
        0,
        dateAt,
      ),
    );
    author = issuer;
    coverDate = paras[dateAt].trim();
    i = dateAt + 1;
  }

  for (; i < paras.length; i++) {
    from = i;
    const raw = paras[i];
    const md = /^#{1,6}\s*/.exec(raw);
    const text = fullWidthPunctuation(md ? raw.slice(md[0].length) : raw);
    const t = plain(text).trim();
    if (t === '') continue;

    // Table of contents: "目 录" and the tabbed entries after it.
    if (RE_TOC.test(t)) {
      closeBox();
      blocks.push(note({ type: 'toc', title: '目　录' }));
      while (i + 1 < paras.length && paras[i + 1].includes('\t')) i++;
      continue;
    }

    // Tables, with a "注：" paragraph after them.
    if (isTableRow(raw)) {
      const rows = [raw];
      while (i + 1 < paras.length && isTableRow(paras[i + 1])) rows.push(paras[++i]);
      let notes: string | null = null;
      if (i + 1 < paras.length && /^注[：:]/.test(paras[i + 1].trim()))
        notes = fullWidthPunctuation(paras[++i].trim());
      push(tableFromRows(rows, notes));
      continue;
    }

    // 专栏 boxes hold "label：text" items (or a table) until something else comes.
    const boxMatch = RE_BOX.exec(t);
    if (boxMatch) {
      closeBox();
      box = note({ type: 'box', title: boxMatch[2].trim(), blocks: [] });
      continue;
    }
    if (box) {
      const item = /^([^：。，；\t]{2,24}：)(.+)$/.exec(text);
      if (item && !RE_H1.test(t) && !RE_CHAPTER.test(t) && !RE_SECTION.test(t)) {
        push(paragraph(item[2], { lead: plain(item[1]) }));
        continue;
      }
      closeBox();
    }

    let m: RegExpExecArray | null;
    if ((m = RE_CHAPTER.exec(t)) && t.length <= 60 && !t.includes('。')) {
      let title = m[2].trim();
      // The second phrase of a chapter title may stand on the next line.
      const next = paras[i + 1] ? plain(paras[i + 1]).trim() : '';
      if (
        !/[\s\u3000]/.test(title) &&
        next &&
        next.length <= 24 &&
        !/[，。；：、？！,.;:?!]/.test(next) &&
        !RE_SECTION.test(next) &&
        !RE_H1.test(next)
      ) {
        title = `${title} ${next}`;
        i++;
      }
      blocks.push(note(heading('chapter', title)));
      sawChapter = true;
      sawBody = true;
      continue;
    }
    if ((m = RE_SECTION.exec(t)) && t.length <= 60 && !t.includes('。')) {
      push(heading('section', m[2]));
      sawBody = true;
      continue;
    }
    if ((m = RE_H1.exec(t)) && !t.includes('。') && t.length <= 50) {
      push(heading(sawChapter ? 'item' : 'h1', m[2]));
      sawBody = true;
      continue;
    }
    if ((m = RE_H2.exec(text.trim()))) {
      const rest = m[2];
      const stop = plain(rest).search(/[。！？]/);
      if (stop >= 0 && stop < plain(rest).length - 1) {
        // Run-in （一）: the heading sentence, then the body in the same paragraph.
        const head = plain(rest).slice(0, stop + 1);
        push(paragraph(plain(rest).slice(stop + 1), { runInHeading: head }));
      } else push(heading('h2', rest));
      sawBody = true;
      continue;
    }
    if (/^[●•]/.test(t)) {
      push(paragraph(text.trim().replace(/^[●•]\s*/, ''), { bullet: true }));
      sawBody = true;
      continue;
    }
    // A short first sentence is a bold lead-in only in a feature's run of them (after a part or theme
    // heading, or another lead-in): "减贫成效更加明显。2014年，…".
    const before = (box ? box.blocks : blocks)[(box ? box.blocks : blocks).length - 1];
    const leadRun =
      (before?.type === 'heading' && (before.kind === 'part' || before.kind === 'theme')) ||
      (before?.type === 'paragraph' &&
        !!before.lead &&
        !RE_LEAD.test(before.lead) &&
        !before.lead.startsWith('——'));
    if (
      (m = RE_LEAD.exec(t)) ||
      (m = RE_DASH_LEAD.exec(t)) ||
      (leadRun && (m = RE_SHORT_LEAD.exec(t)) && t.length > m[0].length + 10)
    ) {
      const lead = m[0];
      // Cut the same number of plain characters off the text with its ** marks.
      let k = 0;
      let n = 0;
      while (k < text.trim().length && n < lead.length) {
        if (text.trim().startsWith('**', k)) k += 2;
        else {
          k++;
          n++;
        }
      }
      const rest = text.trim().slice(k).replace(/^\*\*/, '');
      push(paragraph(rest, { lead }));
      sawBody = true;
      continue;
    }

    // Short stand-alone lines: titles and bylines before the body, headings and captions after it.
    if (
      (isShortLine(t, 48) && !END_PUNCT.test(t.replace(/[”’）]$/, '')) && !/[，、,]$/.test(t)) ||
      (isShortLine(t, 16) && /[。？?]$/.test(t))
    ) {
      const next = paras[i + 1] ? plain(fullWidthPunctuation(paras[i + 1])).trim() : '';
      if (/^——/.test(t) && t.length <= 40) {
        if (t.endsWith('——')) push(heading('part', t));
        else push({ type: 'subtitle', text: t });
        continue;
      }
      if (t.endsWith('——')) {
        closeBox();
        push(heading('part', t));
        sawBody = true;
        continue;
      }
      if (RE_BYLINE.test(t) || (!sawBody && RE_ISSUER.test(t))) {
        push({ type: 'byline', text: t.replace(/^○\s*/, '') });
        if (!author) author = t.replace(/^○\s*/, '');
        continue;
      }
      if (/[？?]$/.test(t)) {
        push(heading('question', t));
        sawBody = true;
        continue;
      }
      if (!sawBody) {
        if (md || /^——/.test(next) || RE_BYLINE.test(next) || RE_ISSUER.test(next)) {
          push({ type: 'title', text: t });
          continue;
        }
        if (/[？?]$/.test(next) && t.length <= 12) {
          push({ type: 'kicker', text: t });
          continue;
        }
        // Before the title: photo captions.
        push(paragraph(t, { align: 'center', noIndent: true }));
        continue;
      }
      // A long line without a full stop among the paragraphs is a photo caption; a short one a theme.
      const last = (box ? box.blocks : blocks)[(box ? box.blocks : blocks).length - 1];
      const afterCaption = last?.type === 'paragraph' && last.align === 'center';
      if (/\d/.test(t) && (t.length > 24 || afterCaption))
        push(paragraph(t, { align: 'center', noIndent: true }));
      else push(heading('theme', t.replace(/[。]$/, '')));
      continue;
    }

    push(paragraph(text.trim()));
    sawBody = true;
  }
  closeBox();

  const titleBlock = blocks.find((b) => b.type === 'title' || b.type === 'cover');
  const title =
    titleBlock?.type === 'cover'
      ? titleBlock.titleLines.join('')
      : titleBlock?.type === 'title'
        ? titleBlock.text
        : (options.title ??
          (blocks.find((b) => b.type === 'heading') as { text?: string } | undefined)?.text ??
          '');
  const years = [
    ...(typeof input === 'string' ? input : '')
      .replace(/《[^》]{0,80}》/g, '')
      .matchAll(/(19|20)\d{2}(?=\s*年)/g),
  ].map((y) => Number(y[0]));
  const date = coverDate ? isoFromCoverDate(coverDate) : '';
  const document: BriefDocument = {
    meta: {
      title,
      author,
      date,
      template: guessTemplate(blocks),
      period: date
        ? date.slice(0, 4)
        : years.length
          ? String(Math.max(...years.filter((y) => y <= 2100)))
          : '',
    },
    blocks,
  };
  return { document, paragraphs: raws, origins };
}

/**
 * The document model (src/core/doc/model.ts) ↔ the editor's ProseMirror JSON, both ways, losslessly
 * for everything the editor can show. Pure (no DOM, no TipTap runtime): unit-tested in Node.
 *
 * - text runs → text nodes with marks (bold, sub); a paragraph's run-in `lead` and `runInHeading`
 *   become leading text with the `lead` / `runIn` mark, so they stay editable;
 * - a data-bound value → an inline atom `chip` carrying text, provenance and how to word it again;
 *   a missing value → an inline atom `missing`;
 * - headings keep their kind; labels (一、 （一）) are not stored: the editor and the exporter number;
 * - tables, figures, cover, TOC and page breaks → atom nodes holding the block as it is;
 * - a 专栏 (box) → `box` with an editable `boxTitle` and its blocks.
 */
import type { JSONContent } from '@tiptap/core';
import type {
  Block,
  BriefDocument,
  DocumentMeta,
  HeadingBlock,
  Inline,
  ParagraphBlock,
  Provenance,
} from '../../../core/doc/model';

export interface ChipAttrs {
  text: string;
  provenance: Provenance[];
  expr: string | null;
  ref: number | null;
  /** Session-only identity for stale marks (never saved). */
  uid: string | null;
}

type Mark = { type: string };

let counter = 0;
/** Ids for chips within this session; unique enough for a page's lifetime. */
export function nextUid(): string {
  counter += 1;
  return `c${counter.toString(36)}`;
}

// ------------------------------------------------------------------------------------------ model → editor

function textNode(text: string, marks: Mark[] = []): JSONContent | null {
  if (!text) return null;
  return marks.length ? { type: 'text', text, marks } : { type: 'text', text };
}

export function inlineToJson(runs: readonly Inline[], uid: () => string = nextUid): JSONContent[] {
  const out: JSONContent[] = [];
  for (const r of runs) {
    if (r.type === 'text') {
      const marks: Mark[] = [];
      if (r.bold) marks.push({ type: 'bold' });
      if (r.subscript) marks.push({ type: 'sub' });
      const n = textNode(r.text, marks);
      if (n) out.push(n);
    } else if (r.type === 'value') {
      const extra = r as { expr?: string; ref?: number };
      const attrs: ChipAttrs = {
        text: r.text,
        provenance: r.provenance,
        expr: extra.expr ?? null,
        ref: extra.ref ?? null,
        uid: uid(),
      };
      out.push({ type: 'chip', attrs: attrs as unknown as Record<string, unknown> });
    } else {
      out.push({ type: 'missing', attrs: { text: r.text, reason: r.reason } });
    }
  }
  return out;
}

function paragraphToJson(b: ParagraphBlock, uid: () => string): JSONContent {
  const content: JSONContent[] = [];
  if (b.runInHeading) content.push(textNode(b.runInHeading, [{ type: 'runIn' }])!);
  if (b.lead) content.push(textNode(b.lead, [{ type: 'lead' }])!);
  content.push(...inlineToJson(b.runs, uid));
  const attrs: Record<string, unknown> = {};
  if (b.bullet) attrs.bullet = true;
  if (b.noIndent) attrs.noIndent = true;
  if (b.align) attrs.align = b.align;
  return {
    type: 'paragraph',
    ...(Object.keys(attrs).length ? { attrs } : {}),
    ...(content.length ? { content } : {}),
  };
}

function textOrRuns(b: { text: string; runs?: Inline[] }, uid: () => string): JSONContent[] {
  return b.runs ? inlineToJson(b.runs, uid) : b.text ? [{ type: 'text', text: b.text }] : [];
}

export function blockToJson(b: Block, uid: () => string = nextUid): JSONContent {
  switch (b.type) {
    case 'title':
    case 'subtitle':
    case 'byline':
    case 'kicker': {
      const content = textOrRuns(b, uid);
      return { type: 'line', attrs: { role: b.type }, ...(content.length ? { content } : {}) };
    }
    case 'heading': {
      const content = textOrRuns(b, uid);
      return {
        type: 'heading',
        attrs: { kind: b.kind, numbered: b.numbered !== false },
        ...(content.length ? { content } : {}),
      };
    }
    case 'paragraph':
      return paragraphToJson(b, uid);
    case 'table':
      return { type: 'dataTable', attrs: { table: b, uid: uid() } };
    case 'figure': {
      const f = b as typeof b & { query?: unknown };
      return {
        type: 'figure',
        attrs: { chart: b.chart, caption: b.caption, mode: b.mode ?? null, query: f.query ?? null },
      };
    }
    case 'box': {
      const children = b.blocks.map((x) => blockToJson(x, uid));
      return {
        type: 'box',
        content: [
          { type: 'boxTitle', ...(b.title ? { content: [{ type: 'text', text: b.title }] } : {}) },
          ...(children.length ? children : [{ type: 'paragraph' }]),
        ],
      };
    }
    case 'cover':
    case 'toc':
    case 'pageBreak':
      return { type: 'special', attrs: { block: b } };
  }
}

export function docToJson(doc: BriefDocument, uid: () => string = nextUid): JSONContent {
  const content = doc.blocks.map((b) => blockToJson(b, uid));
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

// ------------------------------------------------------------------------------------------ editor → model

const hasMark = (n: JSONContent, type: string) => (n.marks ?? []).some((m) => m.type === type);

export function jsonToInline(content: readonly JSONContent[] | undefined): Inline[] {
  const runs: Inline[] = [];
  for (const n of content ?? []) {
    if (n.type === 'text') {
      const bold = hasMark(n, 'bold');
      const subscript = hasMark(n, 'sub');
      const last = runs[runs.length - 1];
      if (last?.type === 'text' && !!last.bold === bold && !!last.subscript === subscript) {
        last.text += n.text ?? '';
      } else {
        runs.push({
          type: 'text',
          text: n.text ?? '',
          ...(bold ? { bold: true } : {}),
          ...(subscript ? { subscript: true } : {}),
        });
      }
    } else if (n.type === 'chip') {
      const a = n.attrs as unknown as ChipAttrs;
      const run: Inline & { expr?: string; ref?: number } = {
        type: 'value',
        text: a.text,
        provenance: a.provenance ?? [],
      };
      if (a.expr) run.expr = a.expr;
      if (a.ref !== null && a.ref !== undefined) run.ref = a.ref;
      runs.push(run);
    } else if (n.type === 'missing') {
      runs.push({
        type: 'missing',
        text: String(n.attrs?.text ?? ''),
        reason: String(n.attrs?.reason ?? ''),
      });
    }
  }
  return runs;
}

const plain = (runs: Inline[]) => runs.map((r) => r.text).join('');
const onlyText = (runs: Inline[]) => runs.every((r) => r.type === 'text' && !r.bold && !r.subscript);

function jsonToParagraph(n: JSONContent): ParagraphBlock {
  const content = [...(n.content ?? [])];
  let runInHeading = '';
  let lead = '';
  while (content.length && content[0].type === 'text' && hasMark(content[0], 'runIn'))
    runInHeading += content.shift()!.text ?? '';
  while (content.length && content[0].type === 'text' && hasMark(content[0], 'lead'))
    lead += content.shift()!.text ?? '';
  const b: ParagraphBlock = { type: 'paragraph', runs: jsonToInline(content) };
  if (runInHeading) b.runInHeading = runInHeading;
  if (lead) b.lead = lead;
  const a = n.attrs ?? {};
  if (a.bullet) b.bullet = true;
  if (a.noIndent) b.noIndent = true;
  if (a.align) b.align = a.align as ParagraphBlock['align'];
  return b;
}

export function jsonToBlock(n: JSONContent): Block | null {
  switch (n.type) {
    case 'line': {
      const runs = jsonToInline(n.content);
      const role = (n.attrs?.role ?? 'title') as 'title' | 'subtitle' | 'byline' | 'kicker';
      return onlyText(runs) ? { type: role, text: plain(runs) } : { type: role, text: plain(runs), runs };
    }
    case 'heading': {
      const runs = jsonToInline(n.content);
      const h: HeadingBlock = {
        type: 'heading',
        kind: (n.attrs?.kind ?? 'h1') as HeadingBlock['kind'],
        text: plain(runs),
      };
      if (n.attrs?.numbered === false) h.numbered = false;
      if (!onlyText(runs)) h.runs = runs;
      return h;
    }
    case 'paragraph':
      return jsonToParagraph(n);
    case 'dataTable':
      return (n.attrs?.table as Block) ?? null;
    case 'figure': {
      const a = n.attrs ?? {};
      const f: Block & { query?: unknown } = {
        type: 'figure',
        chart: a.chart as never,
        caption: String(a.caption ?? ''),
      };
      if (a.mode) f.mode = a.mode as 'image' | 'native';
      if (a.query) f.query = a.query;
      return f;
    }
    case 'box': {
      const [head, ...rest] = n.content ?? [];
      const title = head?.type === 'boxTitle' ? (head.content ?? []).map((x) => x.text ?? '').join('') : '';
      const blocks = (head?.type === 'boxTitle' ? rest : (n.content ?? []))
        .map(jsonToBlock)
        .filter((b): b is Block => b !== null);
      return { type: 'box', title, blocks };
    }
    case 'special':
      return (n.attrs?.block as Block) ?? null;
    default:
      return null;
  }
}

export function jsonToDoc(json: JSONContent, meta: DocumentMeta): BriefDocument {
  const blocks = (json.content ?? []).map(jsonToBlock).filter((b): b is Block => b !== null);
  // The editor always keeps an empty paragraph at the end for typing; it is not part of the document.
  while (blocks.length > 1) {
    const last = blocks[blocks.length - 1];
    if (last.type === 'paragraph' && last.runs.length === 0 && !last.lead && !last.runInHeading) blocks.pop();
    else break;
  }
  return { meta, blocks };
}

/** Every chip of an editor document in reading order, with the chip's attrs. */
export function chipsOf(json: JSONContent): ChipAttrs[] {
  const out: ChipAttrs[] = [];
  const walk = (n: JSONContent) => {
    if (n.type === 'chip') out.push(n.attrs as unknown as ChipAttrs);
    for (const c of n.content ?? []) walk(c);
  };
  walk(json);
  return out;
}

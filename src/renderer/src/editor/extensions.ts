/**
 * The editor's schema: the document model's blocks as TipTap nodes (see convert.ts for the mapping),
 * plus two view-only plugins — heading numbers (一、 （一） 专栏1, computed by the same numbering pass
 * the exporter uses) and stale marks on chips — that never enter the document or its undo history.
 */
import {
  Extension,
  Mark,
  Node,
  mergeAttributes,
  type JSONContent,
  type NodeViewRenderer,
} from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { numberHeadings } from '../../../core/doc/numbering';
import type { Block, HeadingKind } from '../../../core/doc/model';
import { zhCN as t } from '../locales/zh-CN';

const json = (v: unknown) => JSON.stringify(v ?? null);
const parseJson = (s: string | null) => {
  if (!s) return null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return null;
  }
};
/** An attribute kept in the document JSON and carried through the clipboard as data-* JSON. */
const jsonAttr = (name: string, fallback: unknown = null) => ({
  default: fallback,
  parseHTML: (el: HTMLElement) => parseJson(el.getAttribute(`data-${name}`)) ?? fallback,
  renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${name}`]: json(attrs[name]) }),
});

// ------------------------------------------------------------------------------------------ blocks

const Paragraph = Node.create({
  name: 'paragraph',
  priority: 1000,
  group: 'block',
  content: 'inline*',
  addAttributes() {
    return {
      bullet: { default: false, parseHTML: (el) => el.classList.contains('bullet'), renderHTML: () => ({}) },
      noIndent: {
        default: false,
        parseHTML: (el) => el.classList.contains('no-indent'),
        renderHTML: () => ({}),
      },
      align: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-align'),
        renderHTML: (a) => (a.align ? { 'data-align': a.align } : {}),
      },
    };
  },
  parseHTML: () => [{ tag: 'p' }],
  renderHTML({ node, HTMLAttributes }) {
    const cls = [node.attrs.bullet ? 'bullet' : '', node.attrs.noIndent ? 'no-indent' : '']
      .filter(Boolean)
      .join(' ');
    return ['p', mergeAttributes(HTMLAttributes, cls ? { class: cls } : {}), 0];
  },
});

const Line = Node.create({
  name: 'line',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return {
      role: {
        default: 'title',
        parseHTML: (el) => el.getAttribute('data-role'),
        renderHTML: (a) => ({ 'data-role': a.role }),
      },
    };
  },
  parseHTML: () => [{ tag: 'div.line' }],
  renderHTML: ({ node, HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { class: `line line-${node.attrs.role}` }),
    0,
  ],
});

export const HEADING_KINDS: HeadingKind[] = [
  'h1',
  'h2',
  'h3',
  'h4',
  'chapter',
  'section',
  'item',
  'question',
  'theme',
  'part',
];

const Heading = Node.create({
  name: 'heading',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return {
      kind: {
        default: 'h1',
        parseHTML: (el) => el.getAttribute('data-kind'),
        renderHTML: (a) => ({ 'data-kind': a.kind }),
      },
      numbered: {
        default: true,
        parseHTML: (el) => el.getAttribute('data-numbered') !== 'false',
        renderHTML: (a) => (a.numbered === false ? { 'data-numbered': 'false' } : {}),
      },
    };
  },
  parseHTML: () => [{ tag: 'div.heading' }],
  renderHTML: ({ node, HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { class: `heading h-${node.attrs.kind}` }),
    0,
  ],
});

const Box = Node.create({
  name: 'box',
  group: 'block',
  content: 'boxTitle block+',
  defining: true,
  parseHTML: () => [{ tag: 'section.box' }],
  renderHTML: ({ HTMLAttributes }) => ['section', mergeAttributes(HTMLAttributes, { class: 'box' }), 0],
});

const BoxTitle = Node.create({
  name: 'boxTitle',
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML: () => [{ tag: 'div.box-title' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { class: 'box-title' }), 0],
});

const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      chart: jsonAttr('chart'),
      caption: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-caption') ?? '',
        renderHTML: (a) => ({ 'data-caption': a.caption }),
      },
      mode: { default: null, renderHTML: () => ({}) },
      query: jsonAttr('query'),
    };
  },
  parseHTML: () => [{ tag: 'figure.figure' }],
  renderHTML: ({ HTMLAttributes, node }) => [
    'figure',
    mergeAttributes(HTMLAttributes, { class: 'figure' }),
    ['div', { class: 'figure-placeholder' }, t.editor.placeholders.figure],
    ['figcaption', {}, String(node.attrs.caption ?? '')],
  ],
});

function cellSpec(
  cell: {
    runs: { type: string; text: string }[];
    align?: string;
    bold?: boolean;
    rowSpan?: number;
    colSpan?: number;
  },
  tag: 'td' | 'th',
) {
  const attrs: Record<string, string> = {};
  if (cell.rowSpan && cell.rowSpan > 1) attrs.rowspan = String(cell.rowSpan);
  if (cell.colSpan && cell.colSpan > 1) attrs.colspan = String(cell.colSpan);
  if (cell.align) attrs.style = `text-align:${cell.align}`;
  const parts = cell.runs.map((r) =>
    r.type === 'value' ? ['span', { class: 'table-value' }, r.text] : r.text,
  );
  return [tag, attrs, ...(parts.length ? parts : [''])];
}

const DataTable = Node.create({
  name: 'dataTable',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      table: jsonAttr('table'),
      uid: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-uid'),
        renderHTML: (a) => (a.uid ? { 'data-uid': a.uid } : {}),
      },
    };
  },
  parseHTML: () => [{ tag: 'div.data-table' }],
  renderHTML({ HTMLAttributes, node }) {
    const table = node.attrs.table as Extract<Block, { type: 'table' }> | null;
    if (!table)
      return ['div', mergeAttributes(HTMLAttributes, { class: 'data-table' }), t.editor.placeholders.table];
    const total = table.widthsMm.reduce((a, w) => a + w, 0) || 1;
    return [
      'div',
      mergeAttributes(HTMLAttributes, { class: 'data-table' }),
      ['div', { class: 'table-title' }, table.title ?? ''],
      [
        'table',
        {},
        [
          'colgroup',
          {},
          ...table.widthsMm.map((w) => ['col', { style: `width:${((100 * w) / total).toFixed(2)}%` }]),
        ],
        ['thead', {}, ...table.header.map((row) => ['tr', {}, ...row.map((c) => cellSpec(c, 'th'))])],
        ['tbody', {}, ...table.rows.map((row) => ['tr', {}, ...row.map((c) => cellSpec(c, 'td'))])],
      ],
    ] as never;
  },
});

const Special = Node.create({
  name: 'special',
  group: 'block',
  atom: true,
  selectable: true,
  addAttributes() {
    return { block: jsonAttr('block') };
  },
  parseHTML: () => [{ tag: 'div.special' }],
  renderHTML({ HTMLAttributes, node }) {
    const b = node.attrs.block as Block | null;
    const attrs = mergeAttributes(HTMLAttributes, { class: `special special-${b?.type ?? 'unknown'}` });
    if (b?.type === 'cover')
      return [
        'div',
        attrs,
        ...b.titleLines.map((l) => ['div', { class: 'cover-line' }, l]),
        ['div', { class: 'cover-issuer' }, b.issuer],
        ['div', { class: 'cover-date' }, b.date],
      ] as never;
    if (b?.type === 'toc') return ['div', attrs, b.title || t.editor.placeholders.toc];
    return ['div', attrs, t.editor.placeholders.pageBreak];
  },
});

// ------------------------------------------------------------------------------------------ inline

const Chip = Node.create({
  name: 'chip',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      text: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-text') ?? el.textContent ?? '',
        renderHTML: (a) => ({ 'data-text': a.text }),
      },
      provenance: jsonAttr('provenance', []),
      expr: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-expr'),
        renderHTML: (a) => (a.expr ? { 'data-expr': a.expr } : {}),
      },
      ref: {
        default: null,
        parseHTML: (el) => (el.hasAttribute('data-ref') ? Number(el.getAttribute('data-ref')) : null),
        renderHTML: (a) => (a.ref !== null && a.ref !== undefined ? { 'data-ref': String(a.ref) } : {}),
      },
      uid: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-uid'),
        renderHTML: (a) => (a.uid ? { 'data-uid': a.uid } : {}),
      },
    };
  },
  parseHTML: () => [{ tag: 'span.chip' }],
  renderHTML: ({ node, HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { class: 'chip' }),
    String(node.attrs.text),
  ],
  renderText: ({ node }) => String(node.attrs.text),
});

const Missing = Node.create({
  name: 'missing',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      text: { default: '', parseHTML: (el) => el.textContent ?? '', renderHTML: () => ({}) },
      reason: {
        default: '',
        parseHTML: (el) => el.getAttribute('title') ?? '',
        renderHTML: (a) => ({ title: a.reason }),
      },
    };
  },
  parseHTML: () => [{ tag: 'span.missing' }],
  renderHTML: ({ node, HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { class: 'missing' }),
    String(node.attrs.text),
  ],
  renderText: ({ node }) => String(node.attrs.text),
});

const Sub = Mark.create({
  name: 'sub',
  parseHTML: () => [{ tag: 'sub' }],
  renderHTML: () => ['sub', 0],
});

/** Run-in bold lead phrase (一是严守生态红线。). */
const Lead = Mark.create({
  name: 'lead',
  inclusive: false,
  excludes: 'runIn',
  parseHTML: () => [{ tag: 'strong.lead' }],
  renderHTML: () => ['strong', { class: 'lead' }, 0],
});

/** Run-in heading of the （一） ladder; its label comes from numbering. */
const RunIn = Mark.create({
  name: 'runIn',
  inclusive: false,
  excludes: 'lead',
  parseHTML: () => [{ tag: 'strong.run-in' }],
  renderHTML: () => ['strong', { class: 'run-in' }, 0],
});

// ------------------------------------------------------------------------------------------ numbering (view only)

export const numberingKey = new PluginKey<DecorationSet>('numbering');

interface Numbered {
  pos: number;
  node: PmNode;
  block: Block;
  children?: Numbered[];
}

function numberedBlocks(parent: PmNode, offset: number): Numbered[] {
  const out: Numbered[] = [];
  parent.forEach((node, at) => {
    const pos = offset + at;
    if (node.type.name === 'heading') {
      out.push({
        pos,
        node,
        block: { type: 'heading', kind: node.attrs.kind, text: '', numbered: node.attrs.numbered },
      });
    } else if (
      node.type.name === 'paragraph' &&
      node.firstChild?.marks.some((m) => m.type.name === 'runIn')
    ) {
      out.push({
        pos,
        node,
        block: { type: 'paragraph', runs: [], runInHeading: node.firstChild.text ?? '' },
      });
    } else if (node.type.name === 'box') {
      const children = numberedBlocks(node, pos + 1);
      out.push({
        pos,
        node,
        block: { type: 'box', title: '', blocks: children.map((c) => c.block) },
        children,
      });
    }
  });
  return out;
}

/** What numbering depends on: the sequence of numbered things and their kinds (not their text). */
export function numberingShape(doc: PmNode): string {
  let out = '';
  const walk = (parent: PmNode) =>
    parent.forEach((node) => {
      const name = node.type.name;
      if (name === 'heading') out += `h${node.attrs.kind}${node.attrs.numbered === false ? '-' : ''};`;
      else if (name === 'paragraph' && node.firstChild?.marks.some((m) => m.type.name === 'runIn'))
        out += 'r;';
      else if (name === 'box') {
        out += 'b(';
        walk(node);
        out += ');';
      }
    });
  walk(doc);
  return out;
}

/** Heading labels (一、 （一） 第一章 专栏1) as node decorations, from the exporter's numbering pass. */
export function numberingDecorations(doc: PmNode): DecorationSet {
  const items = numberedBlocks(doc, 0);
  const decos: Decoration[] = [];
  const apply = (list: Numbered[], numbered: Block[]) => {
    list.forEach((item, i) => {
      const b = numbered[i];
      const label =
        b.type === 'heading'
          ? b.label
          : b.type === 'paragraph'
            ? b.runInLabel
            : b.type === 'box'
              ? b.label
              : undefined;
      if (label)
        decos.push(Decoration.node(item.pos, item.pos + item.node.nodeSize, { 'data-label': label }));
      if (item.children && b.type === 'box') apply(item.children, b.blocks);
    });
  };
  try {
    apply(items, numberHeadings(items.map((x) => x.block)));
  } catch {
    // Too many headings of a kind for the numerals: leave them unnumbered on screen; export reports it.
  }
  return DecorationSet.create(doc, decos);
}

const Numbering = Extension.create({
  name: 'numbering',
  addProseMirrorPlugins() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    return [
      new Plugin<DecorationSet>({
        key: numberingKey,
        state: {
          init: (_, state) => numberingDecorations(state.doc),
          apply(tr: Transaction, old: DecorationSet) {
            const fresh = tr.getMeta(numberingKey) as DecorationSet | undefined;
            if (fresh) return fresh;
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: { decorations: (state: EditorState) => numberingKey.getState(state) },
        view: (view: EditorView) => {
          let shape = numberingShape(view.state.doc);
          return {
            update(view: EditorView, prev: EditorState) {
              if (view.state.doc === prev.doc) return;
              // Renumber once typing pauses, and only if headings, run-in heads or boxes changed:
              // typing in a paragraph moves the labels (mapped above) but cannot change them.
              if (timer) clearTimeout(timer);
              timer = setTimeout(() => {
                timer = null;
                if (view.isDestroyed) return;
                const next = numberingShape(view.state.doc);
                if (next === shape) return;
                shape = next;
                view.dispatch(
                  view.state.tr
                    .setMeta(numberingKey, numberingDecorations(view.state.doc))
                    .setMeta('addToHistory', false),
                );
              }, 150);
            },
            destroy() {
              if (timer) clearTimeout(timer);
            },
          };
        },
      }),
    ];
  },
});

// ------------------------------------------------------------------------------------------ stale chips (view only)

export interface StaleInfo {
  /** For a table: its stale cells' runs, by path (header|rows, row, cell, run). */
  cells?: { path: [string, number, number, number]; text: string | null; provenance: unknown[] }[];
  text: string | null;
  provenance: unknown[];
  changes: {
    indicator: string;
    region: string;
    period: string;
    unit: string;
    old: number | null;
    current: number | null;
    oldRevision: number;
    currentRevision: number | null;
  }[];
}

export const staleKey = new PluginKey<{ map: Map<string, StaleInfo>; decos: DecorationSet }>('stale');

function staleDecorations(doc: PmNode, map: Map<string, StaleInfo>): DecorationSet {
  if (map.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'chip') {
      const info = node.attrs.uid ? map.get(node.attrs.uid as string) : undefined;
      if (info)
        decos.push(
          Decoration.node(pos, pos + node.nodeSize, {
            class: info.text === null ? 'stale stale-manual' : 'stale',
          }),
        );
      return false;
    }
    if (node.type.name === 'dataTable') {
      const info = node.attrs.uid ? map.get(node.attrs.uid as string) : undefined;
      if (info?.cells)
        decos.push(
          Decoration.node(pos, pos + node.nodeSize, {
            class: 'stale',
            title: t.editor.staleTable(info.cells.length),
          }),
        );
      return false;
    }
    return node.isBlock;
  });
  return DecorationSet.create(doc, decos);
}

const Stale = Extension.create({
  name: 'stale',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: staleKey,
        state: {
          init: () => ({ map: new Map<string, StaleInfo>(), decos: DecorationSet.empty }),
          apply(tr, old) {
            const map = tr.getMeta(staleKey) as Map<string, StaleInfo> | undefined;
            if (map) return { map, decos: staleDecorations(tr.doc, map) };
            return tr.docChanged ? { map: old.map, decos: old.decos.map(tr.mapping, tr.doc) } : old;
          },
        },
        props: { decorations: (state) => staleKey.getState(state)?.decos },
      }),
    ];
  },
});

// ------------------------------------------------------------------------------------------ the set

export function briefExtensions(options: { figureView?: () => NodeViewRenderer } = {}) {
  const figure = options.figureView ? Figure.extend({ addNodeView: options.figureView }) : Figure;
  return [
    Paragraph,
    StarterKit.configure({
      paragraph: false,
      heading: false,
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      listKeymap: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      italic: false,
      strike: false,
      underline: false,
      link: false,
      hardBreak: false,
      undoRedo: { depth: 200, newGroupDelay: 500 },
    }),
    Line,
    Heading,
    Box,
    BoxTitle,
    figure,
    DataTable,
    Special,
    Chip,
    Missing,
    Sub,
    Lead,
    RunIn,
    Numbering,
    Stale,
  ];
}

/** Node JSON helpers for insert commands. */
export const nodes = {
  heading: (kind: HeadingKind, text = ''): JSONContent => ({
    type: 'heading',
    attrs: { kind, numbered: true },
    ...(text ? { content: [{ type: 'text', text }] } : {}),
  }),
  box: (title: string): JSONContent => ({
    type: 'box',
    content: [{ type: 'boxTitle', content: [{ type: 'text', text: title }] }, { type: 'paragraph' }],
  }),
};

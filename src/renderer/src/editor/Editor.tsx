/**
 * The briefing editor: TipTap over the document model, data-bound values as chips (hover: where the
 * value came from; stale ones marked, one click updates), insert value / table / figure / 专栏 /
 * heading of the right level, autosave with a local journal, and a page preview beside it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EditorContent, ReactNodeViewRenderer, useEditor, useEditorState } from '@tiptap/react';
import type { Editor as TiptapEditor, JSONContent } from '@tiptap/core';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import type { Navigation } from '../App';
import type { BriefDocument, DocumentMeta, HeadingKind, Provenance } from '../../../core/doc/model';
import { registerCommand } from '../lib/commands';
import { errorText, formatTime } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import { docToJson, nextUid, type ChipAttrs } from './convert';
import { snapshot } from './snapshot';
import { briefExtensions, nodes, staleKey, type StaleInfo } from './extensions';
import { EDIT_FIGURE_EVENT, FigureView } from './FigureView';
import { ladderFor, suggestHeading } from './headings';
import type { JournalEntry } from './journal';
import { useAutosave, type SaveStatus } from './useAutosave';
import { useStale } from './useStale';
import { InsertValueDialog } from './InsertValueDialog';
import { FigureBuilder, type FigureResult } from './FigureBuilder';
import { TableBuilder } from './TableBuilder';

const PagePreview = lazy(() => import('./PagePreview'));

const PREVIEW_DELAY = 600;

export function EditorScreen({
  id,
  recovered,
  nav,
  active,
  onClose,
}: {
  id: number;
  recovered?: JournalEntry;
  nav: Navigation;
  active: boolean;
  onClose: () => void;
}) {
  const q = useQuery({
    queryKey: ['document', id],
    queryFn: () => api.loadDocument({ id }),
    staleTime: Infinity,
    gcTime: 0,
    retry: 0,
  });
  if (q.error)
    return (
      <div className="pad">
        <p className="error" role="alert">
          {errorText(q.error)}
        </p>
        <button type="button" onClick={onClose}>
          {t.editor.backToList}
        </button>
      </div>
    );
  if (!q.data) return <p className="muted pad">{t.editor.loading}</p>;
  return <LoadedEditor stored={q.data} recovered={recovered} nav={nav} active={active} onClose={onClose} />;
}

type Stored = Awaited<ReturnType<typeof api.loadDocument>>;

type Dialog =
  { kind: 'value' } | { kind: 'table' } | { kind: 'figure'; pos?: number; initial?: FigureResult } | null;

interface Hover {
  el: HTMLElement;
  attrs: ChipAttrs;
  stale: StaleInfo | undefined;
  rect: DOMRect;
}

function statusText(s: SaveStatus): string {
  switch (s.kind) {
    case 'saved':
      return t.editor.status.saved(formatTime(s.at));
    case 'saving':
      return t.editor.status.saving;
    case 'dirty':
      return t.editor.status.dirty;
    case 'offline':
      return t.editor.status.offline;
    case 'conflict':
      return t.editor.status.conflict;
  }
}

function LoadedEditor({
  stored,
  recovered,
  nav,
  active,
  onClose,
}: {
  stored: Stored;
  recovered?: JournalEntry;
  nav: Navigation;
  active: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const initial = (recovered?.doc ?? stored.doc) as BriefDocument;
  const [meta, setMeta] = useState<DocumentMeta>(initial.meta);
  const metaRef = useRef(meta);
  metaRef.current = meta;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toast, setToast] = useState<string | null>(recovered ? t.recovery.restored : null);
  const [showPreview, setShowPreview] = useState(() => localStorage.getItem('brief-preview') !== 'off');
  const [previewDoc, setPreviewDoc] = useState<BriefDocument | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const editor = useEditor({
    extensions: briefExtensions({ figureView: () => ReactNodeViewRenderer(FigureView) }),
    content: docToJson(initial),
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: 'doc-body',
        'aria-label': t.editor.bodyLabel,
        spellcheck: 'false',
        role: 'textbox',
        'aria-multiline': 'true',
      },
    },
  });

  const autosave = useAutosave({
    editor,
    id: stored.id,
    version: stored.version,
    savedAt: stored.updatedAt,
    meta: () => metaRef.current,
    initiallyDirty: !!recovered,
  });
  // Only the stable callbacks: the effects below must not re-run on every render.
  const { saveNow } = autosave;
  const { updateAt: updateStaleAt, updateAll: updateAllStale } = useStale(
    editor,
    stored.id,
    () => ({ template: metaRef.current.template, period: metaRef.current.period }),
    active,
  );
  const staleCount =
    useEditorState({
      editor,
      selector: ({ editor: e }) => (e ? (staleKey.getState(e.state)?.map.size ?? 0) : 0),
    }) ?? 0;

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(timer);
  }, [toast]);

  // Page preview: rebuilt from the model shortly after typing stops (and only while shown).
  useEffect(() => {
    if (!editor || !showPreview) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const rebuild = () => setPreviewDoc(snapshot(editor.state.doc, metaRef.current));
    rebuild();
    const onUpdate = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(rebuild, PREVIEW_DELAY);
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [editor, showPreview]);

  // Chips: hover card, and one click updates a stale one.
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const chipAt = (target: EventTarget | null) =>
      target instanceof HTMLElement ? target.closest<HTMLElement>('.chip') : null;
    const attrsOf = (el: HTMLElement): { pos: number; attrs: ChipAttrs } | null => {
      try {
        const pos = editor.view.posAtDOM(el, 0);
        const node = editor.state.doc.nodeAt(pos);
        if (node?.type.name === 'chip') return { pos, attrs: node.attrs as ChipAttrs };
        const before = editor.state.doc.nodeAt(pos - 1);
        if (before?.type.name === 'chip') return { pos: pos - 1, attrs: before.attrs as ChipAttrs };
      } catch {
        return null;
      }
      return null;
    };
    const over = (e: MouseEvent) => {
      const el = chipAt(e.target);
      if (!el) return;
      const found = attrsOf(el);
      if (!found) return;
      if (hideTimer.current) clearTimeout(hideTimer.current);
      const info = found.attrs.uid ? staleKey.getState(editor.state)?.map.get(found.attrs.uid) : undefined;
      setHover({ el, attrs: found.attrs, stale: info, rect: el.getBoundingClientRect() });
    };
    const out = (e: MouseEvent) => {
      if (!chipAt(e.target)) return;
      if (hideTimer.current) clearTimeout(hideTimer.current);
      hideTimer.current = setTimeout(() => setHover(null), 250);
    };
    const click = (e: MouseEvent) => {
      const table =
        e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.data-table.stale') : null;
      if (table) {
        const pos = editor.view.posAtDOM(table, 0) - 1;
        const at = editor.state.doc.nodeAt(pos)?.type.name === 'dataTable' ? pos : pos + 1;
        if (updateStaleAt(at)) setToast(t.editor.updatedTable);
        return;
      }
      const el = chipAt(e.target);
      if (!el?.classList.contains('stale')) return;
      const found = attrsOf(el);
      if (!found) return;
      const text = updateStaleAt(found.pos);
      if (text) {
        setToast(t.editor.updated(text));
        setHover(null);
      }
    };
    const editFigure = (e: Event) => {
      const pos = (e as CustomEvent<{ pos: number }>).detail.pos;
      const node = editor.state.doc.nodeAt(pos);
      if (node?.type.name !== 'figure') return;
      setDialog({
        kind: 'figure',
        pos,
        initial: {
          chart: node.attrs.chart,
          caption: node.attrs.caption,
          query: node.attrs.query ?? undefined,
        },
      });
    };
    dom.addEventListener('mouseover', over);
    dom.addEventListener('mouseout', out);
    dom.addEventListener('click', click);
    dom.addEventListener(EDIT_FIGURE_EVENT, editFigure);
    return () => {
      dom.removeEventListener('mouseover', over);
      dom.removeEventListener('mouseout', out);
      dom.removeEventListener('click', click);
      dom.removeEventListener(EDIT_FIGURE_EVENT, editFigure);
    };
  }, [editor, updateStaleAt]);

  // Ctrl+S saves now (autosave would anyway).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, saveNow]);

  // The desktop menu's 保存, 导出 Word, 撤销 and 重做 while the editor is showing.
  useEffect(() => {
    if (!active || !editor) return;
    const off = [
      registerCommand('save', () => void saveNow()),
      registerCommand('export', () => void saveNow().then(() => nav.exportDocument(stored.id))),
      registerCommand('undo', () => editor.chain().focus().undo().run()),
      registerCommand('redo', () => editor.chain().focus().redo().run()),
    ];
    return () => off.forEach((f) => f());
  }, [active, editor, saveNow, nav, stored.id]);

  const setTitle = (title: string) => {
    const next = { ...metaRef.current, title };
    metaRef.current = next;
    setMeta(next);
    autosave.markChanged();
  };

  const insert = useCallback(
    (content: JSONContent | JSONContent[]) => {
      editor?.chain().focus().insertContent(content).run();
    },
    [editor],
  );

  const insertFigure = (r: FigureResult, pos?: number) => {
    if (!editor) return;
    const attrs = { chart: r.chart, caption: r.caption, query: r.query ?? null, mode: null };
    if (pos !== undefined && editor.state.doc.nodeAt(pos)?.type.name === 'figure') {
      editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, attrs));
    } else {
      insert({ type: 'figure', attrs });
    }
  };

  const ladder = useMemo(() => ladderFor(meta.template), [meta.template]);

  return (
    <div className="editor-screen">
      <div className="editor-bar">
        <button type="button" onClick={onClose}>
          ← {t.editor.backToList}
        </button>
        <input
          className="doc-title"
          aria-label={t.editor.titleLabel}
          value={meta.title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <span className="muted small">
          {meta.template || t.documents.blankTemplate} · {meta.period}
        </span>
        <span className={`save-status save-${autosave.status.kind}`} role="status" aria-live="polite">
          {statusText(autosave.status)}
        </span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => {
            void autosave.saveNow().then(() => nav.exportDocument(stored.id));
          }}
        >
          {t.editor.exportButton}
        </button>
      </div>
      {autosave.status.kind === 'conflict' && (
        <div className="banner warn" role="alert">
          {t.editor.status.conflict}
          <button type="button" onClick={() => void autosave.resolveConflict(true)}>
            {t.editor.conflictKeepMine}
          </button>
          <button
            type="button"
            onClick={() => {
              void autosave
                .resolveConflict(false)
                .then(() => qc.invalidateQueries({ queryKey: ['document', stored.id] }));
            }}
          >
            {t.editor.conflictTakeTheirs}
          </button>
        </div>
      )}
      {editor && (
        <Toolbar
          editor={editor}
          ladder={ladder}
          staleCount={staleCount}
          showPreview={showPreview}
          onPreview={() => {
            localStorage.setItem('brief-preview', showPreview ? 'off' : 'on');
            setShowPreview(!showPreview);
          }}
          onUpdateAll={() => {
            const n = updateAllStale();
            if (n) setToast(t.editor.updatedAll(n));
          }}
          onDialog={setDialog}
        />
      )}
      {toast && (
        <div className="toast" role="status">
          {toast}
        </div>
      )}
      <div className={`editor-main${showPreview ? ' with-preview' : ''}`}>
        <div className="editor-scroll">
          <div className="paper">
            <EditorContent editor={editor} />
          </div>
        </div>
        {showPreview && (
          <aside className="preview-pane" aria-label={t.preview.title}>
            <Suspense fallback={<p className="muted pad">{t.common.loading}</p>}>
              {previewDoc && <PagePreview doc={previewDoc} />}
            </Suspense>
          </aside>
        )}
      </div>
      {hover && (
        <ChipCard
          hover={hover}
          onEnter={() => hideTimer.current && clearTimeout(hideTimer.current)}
          onLeave={() => setHover(null)}
        />
      )}
      {dialog?.kind === 'value' && (
        <InsertValueDialog
          period={meta.period}
          onClose={() => setDialog(null)}
          onInsert={(run) => {
            setDialog(null);
            if (run.type === 'value') {
              const extra = run as { expr?: string };
              insert({
                type: 'chip',
                attrs: {
                  text: run.text,
                  provenance: run.provenance,
                  expr: extra.expr ?? null,
                  ref: null,
                  uid: nextUid(),
                },
              });
            } else if (run.type === 'missing') {
              insert({ type: 'missing', attrs: { text: run.text, reason: run.reason } });
            }
          }}
        />
      )}
      {dialog?.kind === 'figure' && (
        <FigureBuilder
          period={meta.period}
          initial={dialog.initial}
          editing={dialog.pos !== undefined}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            const pos = dialog.pos;
            setDialog(null);
            insertFigure(r, pos);
          }}
        />
      )}
      {dialog?.kind === 'table' && (
        <TableBuilder
          period={meta.period}
          onClose={() => setDialog(null)}
          onInsert={(table) => {
            setDialog(null);
            insert({ type: 'dataTable', attrs: { table, uid: nextUid() } });
          }}
        />
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------ toolbar

type BlockStyle = string;

function currentStyle(editor: TiptapEditor): BlockStyle {
  const { $from } = editor.state.selection;
  const parent = $from.parent;
  if (parent.type.name === 'heading') return `h:${parent.attrs.kind}`;
  if (parent.type.name === 'line') return `l:${parent.attrs.role}`;
  if (parent.type.name === 'paragraph') return parent.attrs.bullet ? 'bullet' : 'p';
  return '';
}

function Toolbar({
  editor,
  ladder,
  staleCount,
  showPreview,
  onPreview,
  onUpdateAll,
  onDialog,
}: {
  editor: TiptapEditor;
  ladder: HeadingKind[];
  staleCount: number;
  showPreview: boolean;
  onPreview: () => void;
  onUpdateAll: () => void;
  onDialog: (d: Dialog) => void;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      style: currentStyle(e),
      bold: e.isActive('bold'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      suggestion: suggestAt(e, ladder),
    }),
  });
  const setStyle = (v: string) => {
    const chain = editor.chain().focus();
    if (v === 'p') chain.setNode('paragraph', { bullet: false }).run();
    else if (v === 'bullet') chain.setNode('paragraph', { bullet: true }).run();
    else if (v.startsWith('h:')) chain.setNode('heading', { kind: v.slice(2), numbered: true }).run();
    else if (v.startsWith('l:')) chain.setNode('line', { role: v.slice(2) }).run();
  };
  const insertHeading = (kind: HeadingKind) => {
    const { selection } = editor.state;
    const { $from } = selection;
    const parent = $from.parent;
    if (parent.type.name === 'paragraph' && parent.content.size === 0) {
      editor.chain().focus().setNode('heading', { kind, numbered: true }).run();
      return;
    }
    // After the block the cursor is in (or after the selected figure/table).
    const at = $from.depth === 0 ? selection.to : $from.after($from.depth);
    editor
      .chain()
      .focus()
      .insertContentAt(at, nodes.heading(kind))
      .setTextSelection(at + 1)
      .run();
  };
  const kinds = [
    ...ladder,
    ...(['h1', 'h2', 'h3', 'h4'] as HeadingKind[]).filter((k) => !ladder.includes(k)),
  ];
  return (
    <div className="toolbar editor-toolbar" role="toolbar" aria-label={t.editor.toolbar}>
      <button
        type="button"
        title={t.editor.undo}
        aria-label={t.editor.undo}
        disabled={!state.canUndo}
        onClick={() => editor.chain().focus().undo().run()}
      >
        ↶
      </button>
      <button
        type="button"
        title={t.editor.redo}
        aria-label={t.editor.redo}
        disabled={!state.canRedo}
        onClick={() => editor.chain().focus().redo().run()}
      >
        ↷
      </button>
      <span className="sep" />
      <select aria-label={t.editor.blockStyle} value={state.style} onChange={(e) => setStyle(e.target.value)}>
        <option value="" disabled>
          {t.editor.blockStyle}
        </option>
        <option value="p">{t.editor.body}</option>
        <option value="bullet">{t.editor.bullet}</option>
        {kinds.map((k) => (
          <option key={k} value={`h:${k}`}>
            {t.editor.headingKinds[k]}
          </option>
        ))}
        {Object.entries(t.editor.lines).map(([role, label]) => (
          <option key={role} value={`l:${role}`}>
            {label}
          </option>
        ))}
      </select>
      <button
        type="button"
        title={t.editor.insertHeadingOf(t.editor.headingKinds[state.suggestion])}
        onClick={() => insertHeading(state.suggestion)}
      >
        {t.editor.insertHeading}：{t.editor.headingKinds[state.suggestion]}
      </button>
      <button
        type="button"
        className={state.bold ? 'active' : ''}
        aria-pressed={state.bold}
        title={t.editor.bold}
        aria-label={t.editor.bold}
        onClick={() => editor.chain().focus().toggleBold().run()}
      >
        <strong>B</strong>
      </button>
      <span className="sep" />
      <button type="button" onClick={() => onDialog({ kind: 'value' })}>
        {t.editor.insertValue}
      </button>
      <button type="button" onClick={() => onDialog({ kind: 'table' })}>
        {t.editor.insertTable}
      </button>
      <button type="button" onClick={() => onDialog({ kind: 'figure' })}>
        {t.editor.insertFigure}
      </button>
      <button
        type="button"
        onClick={() => editor.chain().focus().insertContent(nodes.box(t.editor.newBoxTitle)).run()}
      >
        {t.editor.insertBox}
      </button>
      <span className="spacer" />
      {staleCount > 0 && (
        <span className="stale-note" role="status">
          {t.editor.stale(staleCount)}
          <button type="button" className="primary" onClick={onUpdateAll}>
            {t.editor.updateAll}
          </button>
        </span>
      )}
      <button type="button" aria-pressed={showPreview} onClick={onPreview}>
        {showPreview ? t.editor.hidePreview : t.editor.preview}
      </button>
    </div>
  );
}

function suggestAt(editor: TiptapEditor, ladder: HeadingKind[]): HeadingKind {
  const { $from } = editor.state.selection;
  const index = $from.index(0);
  const before: ({ type: 'heading'; kind: HeadingKind } | { type: 'other'; empty?: boolean })[] = [];
  // Only the nearest blocks matter; walk back a bounded distance (a 100-page document has thousands).
  for (let i = Math.max(0, index - 400); i <= index && i < editor.state.doc.childCount; i++) {
    const n = editor.state.doc.child(i);
    if (n.type.name === 'heading') before.push({ type: 'heading', kind: n.attrs.kind as HeadingKind });
    else before.push({ type: 'other', empty: n.type.name === 'paragraph' && n.content.size === 0 });
  }
  // The block the cursor is in counts as "above" only if it is not empty (where the heading would go).
  return suggestHeading(ladder, before);
}

// ------------------------------------------------------------------------------------------ chip card

function ChipCard({ hover, onEnter, onLeave }: { hover: Hover; onEnter: () => void; onLeave: () => void }) {
  const p: Provenance[] = hover.attrs.provenance ?? [];
  const top = hover.rect.bottom + 6;
  const left = Math.min(hover.rect.left, window.innerWidth - 380);
  return (
    <div
      className="chip-card"
      role="tooltip"
      style={{ top, left }}
      onMouseEnter={onEnter}
      onMouseLeave={onLeave}
    >
      {p.map((x, i) => (
        <dl key={i} className="facts">
          <dt>{t.chip.indicator}</dt>
          <dd>
            <strong>{x.indicator}</strong> <span className="muted">{x.indicatorCode}</span>
          </dd>
          <dt>{t.chip.region}</dt>
          <dd>{x.region}</dd>
          <dt>{t.chip.period}</dt>
          <dd>
            {x.period}
            {x.status ? `（${x.status}）` : ''}
          </dd>
          <dt>{t.chip.unit}</dt>
          <dd>{x.unit}</dd>
          <dt>{t.chip.source}</dt>
          <dd>{x.source ?? t.common.none}</dd>
          <dt>{t.chip.revision}</dt>
          <dd>{t.chip.revisionOf(x.revision)}</dd>
        </dl>
      ))}
      {hover.stale && (
        <div className="chip-stale">
          <strong>{t.chip.stale}</strong>
          {hover.stale.changes.map((c, i) => (
            <div key={i}>
              {c.indicator}：
              {t.chip.staleChange(
                `${c.old ?? '—'}${c.unit}`,
                `${c.current ?? '—'}${c.unit}`,
                c.currentRevision === null ? t.chip.gone : t.chip.revisionOf(c.currentRevision),
              )}
            </div>
          ))}
          {hover.stale.text !== null ? (
            <div>
              {t.chip.clickToUpdate}
              <strong>{hover.stale.text}</strong>
            </div>
          ) : (
            <div className="warn">{t.chip.manual}</div>
          )}
        </div>
      )}
    </div>
  );
}

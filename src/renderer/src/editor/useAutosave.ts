/**
 * Autosave: the document goes to the core about a second after typing stops (and at least every
 * 15 s while typing goes on). Until the core acknowledges a save, the edits are journaled locally
 * (journal.ts) so that a crash or a killed server does not lose them.
 */
import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { BriefDocument, DocumentMeta } from '../../../core/doc/model';
import { snapshot } from './snapshot';
import { clearJournal, writeJournal } from './journal';
import { registerFlusher } from './saves';

export type SaveStatus =
  | { kind: 'saved'; at: string }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'offline'; message: string }
  | { kind: 'conflict'; version: number };

const SAVE_DELAY = 1200;
const MAX_WAIT = 15_000;
const JOURNAL_DELAY = 300;
const RETRY = 4000;

export function useAutosave(opts: {
  editor: Editor | null;
  id: number;
  version: number;
  savedAt: string;
  meta: () => DocumentMeta;
  /** Start dirty (recovered edits that must be saved). */
  initiallyDirty?: boolean;
}) {
  const { editor, id } = opts;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: opts.savedAt });
  const s = useRef({
    version: opts.version,
    seq: 0,
    savedSeq: 0,
    saving: null as Promise<void> | null,
    saveTimer: null as ReturnType<typeof setTimeout> | null,
    journalTimer: null as ReturnType<typeof setTimeout> | null,
    firstDirtyAt: 0,
    conflict: false,
    force: false,
  });
  const metaRef = useRef(opts.meta);
  metaRef.current = opts.meta;

  const current = useCallback(
    (): BriefDocument | null => (editor ? snapshot(editor.state.doc, metaRef.current()) : null),
    [editor],
  );

  const journal = useCallback(() => {
    const st = s.current;
    if (st.journalTimer) clearTimeout(st.journalTimer);
    st.journalTimer = null;
    if (st.seq === st.savedSeq) return;
    const doc = current();
    if (doc) writeJournal({ id, title: doc.meta.title, baseVersion: st.version, at: Date.now(), doc });
  }, [current, id]);

  const save = useCallback(async (): Promise<void> => {
    const st = s.current;
    if (st.saveTimer) clearTimeout(st.saveTimer);
    st.saveTimer = null;
    if (st.saving) {
      await st.saving;
      if (st.seq !== st.savedSeq && !st.conflict) return save();
      return;
    }
    if (st.seq === st.savedSeq || st.conflict) return;
    const doc = current();
    if (!doc) return;
    const seq = st.seq;
    setStatus({ kind: 'saving' });
    st.saving = (async () => {
      try {
        const r = await api.saveDocument({ id, doc, baseVersion: st.version, force: st.force });
        if (!r.saved) {
          st.conflict = true;
          journal();
          setStatus({ kind: 'conflict', version: r.version });
          return;
        }
        st.version = r.version;
        st.force = false;
        st.savedSeq = seq;
        if (st.seq === seq) {
          clearJournal(id);
          st.firstDirtyAt = 0;
          setStatus({ kind: 'saved', at: r.updatedAt });
        } else {
          setStatus({ kind: 'dirty' });
        }
      } catch (err) {
        journal();
        setStatus({ kind: 'offline', message: err instanceof Error ? err.message : String(err) });
        st.saveTimer = setTimeout(() => void save(), RETRY);
      } finally {
        st.saving = null;
      }
    })();
    await st.saving;
  }, [current, id, journal]);

  const changed = useCallback(() => {
    const st = s.current;
    st.seq += 1;
    const now = Date.now();
    if (!st.firstDirtyAt) st.firstDirtyAt = now;
    if (st.conflict) return;
    setStatus((prev) => (prev.kind === 'dirty' || prev.kind === 'offline' ? prev : { kind: 'dirty' }));
    if (st.journalTimer) clearTimeout(st.journalTimer);
    st.journalTimer = setTimeout(journal, JOURNAL_DELAY);
    if (st.saveTimer) clearTimeout(st.saveTimer);
    const wait = now - st.firstDirtyAt > MAX_WAIT ? 0 : SAVE_DELAY;
    st.saveTimer = setTimeout(() => void save(), wait);
  }, [journal, save]);

  useEffect(() => {
    if (!editor) return;
    const onUpdate = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) changed();
    };
    editor.on('update', onUpdate);
    if (opts.initiallyDirty) {
      s.current.force = true;
      changed();
    }
    const flush = async () => {
      journal();
      await save();
    };
    const unregister = registerFlusher(flush);
    // Leaving the page: the journal is written synchronously; the save may not finish.
    const onHide = () => journal();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      editor.off('update', onUpdate);
      unregister();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [editor]);

  /** Resolves a conflict: save ours over theirs, or drop ours (the caller reloads). */
  const resolveConflict = useCallback(
    async (keepMine: boolean) => {
      const st = s.current;
      st.conflict = false;
      if (keepMine) {
        st.force = true;
        st.seq += 1;
        await save();
      } else {
        st.savedSeq = st.seq;
        clearJournal(id);
      }
    },
    [id, save],
  );

  return { status, saveNow: save, markChanged: changed, resolveConflict, current };
}

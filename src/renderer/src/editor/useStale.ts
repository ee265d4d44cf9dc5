/**
 * Stale values: the chips of the open document are compared with the database (checkValues) when the
 * document opens, when data is edited anywhere in the app (the ['chips'] query is invalidated) and
 * when the window regains focus. Stale chips get a mark (a view decoration, not a document change);
 * updating one is an ordinary, undoable edit.
 */
import type { Editor } from '@tiptap/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api';
import type { ChipAttrs } from './convert';
import { staleKey, type StaleInfo } from './extensions';

const keyOf = (a: ChipAttrs) => JSON.stringify([a.text, a.provenance, a.expr ?? null, a.ref ?? null]);

export function useStale(
  editor: Editor | null,
  id: number,
  ctx: () => { template: string; period: string },
  active: boolean,
) {
  const q = useQuery({
    queryKey: ['chips', id],
    enabled: !!editor && active,
    refetchOnWindowFocus: true,
    staleTime: 0,
    queryFn: async () => {
      if (!editor) return 0;
      const byKey = new Map<string, { attrs: ChipAttrs; uids: string[] }>();
      editor.state.doc.descendants((node) => {
        if (node.type.name !== 'chip') return node.isBlock;
        const a = node.attrs as ChipAttrs;
        if (!a.uid) return false;
        const k = keyOf(a);
        const entry = byKey.get(k);
        if (entry) entry.uids.push(a.uid);
        else byKey.set(k, { attrs: a, uids: [a.uid] });
        return false;
      });
      const list = [...byKey.values()];
      const { template, period } = ctx();
      const r = list.length
        ? await api.checkValues({
            template,
            period,
            chips: list.map(({ attrs }) => ({
              text: attrs.text,
              provenance: attrs.provenance,
              ...(attrs.expr ? { expr: attrs.expr } : {}),
              ...(attrs.ref !== null && attrs.ref !== undefined ? { ref: attrs.ref } : {}),
            })),
          })
        : { states: [] };
      const map = new Map<string, StaleInfo>();
      r.states.forEach((st, i) => {
        if (st.stale)
          for (const uid of list[i].uids)
            map.set(uid, { text: st.text, provenance: st.provenance, changes: st.changes });
      });
      if (!editor.isDestroyed)
        editor.view.dispatch(editor.state.tr.setMeta(staleKey, map).setMeta('addToHistory', false));
      return map.size;
    },
  });

  /** Updates the chip at `pos` to its current value (one undoable step). Returns the new text or null. */
  const updateAt = useCallback(
    (pos: number): string | null => {
      if (!editor) return null;
      const node = editor.state.doc.nodeAt(pos);
      const st = staleKey.getState(editor.state);
      const info = node?.attrs.uid ? st?.map.get(node.attrs.uid) : undefined;
      if (!node || !info || info.text === null) return null;
      const map = new Map(st!.map);
      map.delete(node.attrs.uid);
      editor.view.dispatch(
        editor.state.tr
          .setNodeMarkup(pos, undefined, { ...node.attrs, text: info.text, provenance: info.provenance })
          .setMeta(staleKey, map),
      );
      return info.text;
    },
    [editor],
  );

  const updateAll = useCallback((): number => {
    if (!editor) return 0;
    const st = staleKey.getState(editor.state);
    if (!st || st.map.size === 0) return 0;
    const tr = editor.state.tr;
    const map = new Map(st.map);
    let n = 0;
    editor.state.doc.descendants((node, pos) => {
      if (node.type.name !== 'chip') return node.isBlock;
      const info = node.attrs.uid ? st.map.get(node.attrs.uid) : undefined;
      if (info && info.text !== null) {
        tr.setNodeMarkup(pos, undefined, { ...node.attrs, text: info.text, provenance: info.provenance });
        n++;
      }
      return false;
    });
    for (const [uid, info] of st.map) if (info.text !== null) map.delete(uid);
    if (n) editor.view.dispatch(tr.setMeta(staleKey, map));
    return n;
  }, [editor]);

  return {
    count: q.data ?? 0,
    checking: q.isFetching,
    error: q.error,
    recheck: q.refetch,
    updateAt,
    updateAll,
  };
}

/**
 * Stale values: the chips (and the bound cells of data tables) of the open document are compared with
 * the database (checkValues) when the document opens, when data is edited anywhere in the app (the
 * ['chips'] query is invalidated) and when the window regains focus. Stale ones get a mark (a view
 * decoration, not a document change); updating one is an ordinary, undoable edit.
 */
import type { Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api';
import type { Inline, Provenance, TableBlock, TableCell } from '../../../core/doc/model';
import type { ChipAttrs } from './convert';
import { staleKey, type StaleInfo } from './extensions';

type Bound = Pick<ChipAttrs, 'text' | 'provenance' | 'expr' | 'ref'>;
type CellPath = [string, number, number, number];

const keyOf = (a: Bound) => JSON.stringify([a.text, a.provenance, a.expr ?? null, a.ref ?? null]);

/** The bound values of a table, with where each sits. */
function tableValues(table: TableBlock): { path: CellPath; run: Bound }[] {
  const out: { path: CellPath; run: Bound }[] = [];
  for (const section of ['header', 'rows'] as const)
    table[section].forEach((row, r) =>
      row.forEach((cell, c) =>
        cell.runs.forEach((run, k) => {
          if (run.type !== 'value') return;
          const extra = run as { expr?: string; ref?: number };
          out.push({
            path: [section, r, c, k],
            run: {
              text: run.text,
              provenance: run.provenance,
              expr: extra.expr ?? null,
              ref: extra.ref ?? null,
            },
          });
        }),
      ),
    );
  return out;
}

/** The table with the given cells' runs replaced by their current wording. */
function updatedTable(table: TableBlock, cells: NonNullable<StaleInfo['cells']>): TableBlock {
  const copy = structuredClone(table);
  for (const c of cells) {
    if (c.text === null) continue;
    const [section, r, col, k] = c.path;
    const cell: TableCell | undefined = copy[section as 'header' | 'rows'][r]?.[col];
    const run = cell?.runs[k];
    if (run?.type === 'value')
      cell!.runs[k] = { ...run, text: c.text, provenance: c.provenance as Provenance[] } as Inline;
  }
  return copy;
}

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
      const byKey = new Map<
        string,
        { run: Bound; uids: string[]; cells: { uid: string; path: CellPath }[] }
      >();
      const entry = (run: Bound) => {
        const k = keyOf(run);
        let e = byKey.get(k);
        if (!e) byKey.set(k, (e = { run, uids: [], cells: [] }));
        return e;
      };
      editor.state.doc.descendants((node: PmNode) => {
        if (node.type.name === 'chip') {
          const a = node.attrs as ChipAttrs;
          if (a.uid) entry(a).uids.push(a.uid);
          return false;
        }
        if (node.type.name === 'dataTable') {
          const uid = node.attrs.uid as string | null;
          const table = node.attrs.table as TableBlock | null;
          if (uid && table)
            for (const v of tableValues(table)) entry(v.run).cells.push({ uid, path: v.path });
          return false;
        }
        return node.isBlock;
      });
      const list = [...byKey.values()];
      const { template, period } = ctx();
      const r = list.length
        ? await api.checkValues({
            template,
            period,
            chips: list.map(({ run }) => ({
              text: run.text,
              provenance: run.provenance,
              ...(run.expr ? { expr: run.expr } : {}),
              ...(run.ref !== null && run.ref !== undefined ? { ref: run.ref } : {}),
            })),
          })
        : { states: [] };
      const map = new Map<string, StaleInfo>();
      r.states.forEach((st, i) => {
        if (!st.stale) return;
        for (const uid of list[i].uids)
          map.set(uid, { text: st.text, provenance: st.provenance, changes: st.changes });
        for (const { uid, path } of list[i].cells) {
          const info = map.get(uid) ?? { text: null, provenance: [], changes: [], cells: [] };
          info.cells!.push({ path, text: st.text, provenance: st.provenance });
          info.changes.push(...st.changes);
          map.set(uid, info);
        }
      });
      if (!editor.isDestroyed)
        editor.view.dispatch(editor.state.tr.setMeta(staleKey, map).setMeta('addToHistory', false));
      return map.size;
    },
  });

  /** Updates the chip or table at `pos` to current values (one undoable step). Returns a description or null. */
  const updateAt = useCallback(
    (pos: number): string | null => {
      if (!editor) return null;
      const node = editor.state.doc.nodeAt(pos);
      const st = staleKey.getState(editor.state);
      const info = node?.attrs.uid ? st?.map.get(node.attrs.uid) : undefined;
      if (!node || !info) return null;
      const map = new Map(st!.map);
      map.delete(node.attrs.uid);
      if (node.type.name === 'dataTable' && info.cells) {
        const table = updatedTable(node.attrs.table as TableBlock, info.cells);
        editor.view.dispatch(
          editor.state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, table }).setMeta(staleKey, map),
        );
        return table.title ?? '';
      }
      if (info.text === null) return null;
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
      if (node.type.name !== 'chip' && node.type.name !== 'dataTable') return node.isBlock;
      const info = node.attrs.uid ? st.map.get(node.attrs.uid) : undefined;
      if (!info) return false;
      if (node.type.name === 'dataTable' && info.cells) {
        tr.setNodeMarkup(pos, undefined, {
          ...node.attrs,
          table: updatedTable(node.attrs.table as TableBlock, info.cells),
        });
        map.delete(node.attrs.uid);
        n += info.cells.length;
      } else if (info.text !== null) {
        tr.setNodeMarkup(pos, undefined, { ...node.attrs, text: info.text, provenance: info.provenance });
        map.delete(node.attrs.uid);
        n++;
      }
      return false;
    });
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

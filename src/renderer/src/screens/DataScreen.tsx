/**
 * 数据: the catalogue, one indicator's grid (regions × periods) with undo and redo, the history of the
 * selected cell, the consistency report, import (checked before anything is written) and export.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, downloadBase64 } from '../api';
import { Catalogue } from '../data/Catalogue';
import { Backups } from '../data/Backups';
import { CellHistory } from '../data/CellHistory';
import { CheckReport } from '../data/CheckReport';
import { describeEdit, Grid, type CellRef, type Edit } from '../data/Grid';
import { ImportWizard } from '../data/ImportWizard';
import { registerCommand } from '../lib/commands';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import type { IncomingFile } from './ImportReportScreen';

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function DataScreen({
  active = true,
  incoming = null,
}: {
  /** Showing: the menu's 撤销/重做 go to the grid's revisions. */
  active?: boolean;
  /** A .csv/.xlsx chosen in the desktop menu's 打开…: opens the import wizard with it. */
  incoming?: IncomingFile | null;
} = {}) {
  const qc = useQueryClient();
  const [indicator, setIndicator] = useState<string | null>(null);
  const [cell, setCell] = useState<CellRef | null>(null);
  const [side, setSide] = useState<'history' | 'checks'>('history');
  const [importing, setImporting] = useState(false);
  const [backups, setBackups] = useState(false);
  const [undoStack, setUndoStack] = useState<Edit[]>([]);
  const [redoStack, setRedoStack] = useState<Edit[]>([]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const onEdited = useCallback((e: Edit) => {
    setUndoStack((s) => [...s.slice(-199), e]);
    setRedoStack([]);
  }, []);

  // Undo and redo write the old (or new) value back: another recorded revision, never an erasure.
  const replay = useMutation({
    mutationFn: async ({ edit, direction }: { edit: Edit; direction: 'undo' | 'redo' }) =>
      api.setObservation({
        indicator: edit.indicator,
        region: edit.region,
        period: edit.period,
        status: edit.status,
        value: direction === 'undo' ? edit.before : edit.after,
        reason: direction === 'undo' ? t.grid.undoReason : t.grid.redoReason,
      }),
    onSuccess: (_r, { edit, direction }) => {
      if (direction === 'undo') {
        setUndoStack((s) => s.slice(0, -1));
        setRedoStack((s) => [...s, edit]);
      } else {
        setRedoStack((s) => s.slice(0, -1));
        setUndoStack((s) => [...s, edit]);
      }
      setIndicator(edit.indicator);
      setCell({ indicator: edit.indicator, region: edit.region, period: edit.period, status: edit.status });
      setNotice({
        kind: 'ok',
        text: `${direction === 'undo' ? t.grid.undo : t.grid.redo}：${describeEdit(edit)}`,
      });
      void qc.invalidateQueries({ queryKey: ['grid'] });
      void qc.invalidateQueries({ queryKey: ['history'] });
      void qc.invalidateQueries({ queryKey: ['chips'] });
    },
    onError: (err) => setNotice({ kind: 'error', text: errorText(err) }),
  });
  const lastUndo = undoStack[undoStack.length - 1];
  const lastRedo = redoStack[redoStack.length - 1];
  const undo = () => lastUndo && !replay.isPending && replay.mutate({ edit: lastUndo, direction: 'undo' });
  const redo = () => lastRedo && !replay.isPending && replay.mutate({ edit: lastRedo, direction: 'redo' });
  const history = useRef({ undo, redo });
  history.current = { undo, redo };
  useEffect(() => {
    if (!active) return;
    const off = [
      registerCommand('undo', () => history.current.undo()),
      registerCommand('redo', () => history.current.redo()),
    ];
    return () => off.forEach((f) => f());
  }, [active]);
  const [menuFile, setMenuFile] = useState<IncomingFile | null>(null);
  const lastIncoming = useRef<number | null>(null);
  useEffect(() => {
    if (!incoming || lastIncoming.current === incoming.key) return;
    lastIncoming.current = incoming.key;
    setMenuFile(incoming);
    setImporting(true);
  }, [incoming]);

  const exporting = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => api.exportData({ format }),
    onSuccess: (r, format) => {
      downloadBase64(r.base64, r.fileName, MIME[format]);
      setNotice({ kind: 'ok', text: t.exportData.done(r.fileName, r.rows) });
    },
    onError: (err) => setNotice({ kind: 'error', text: errorText(err) }),
  });

  return (
    <div className="data-screen">
      <div className="screen-bar">
        <h2 className="screen-title">{t.nav.data}</h2>
        {notice && (
          <span className={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </span>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => setImporting(true)}>
          {t.importer.button}
        </button>
        <button type="button" onClick={() => setBackups(true)}>
          {t.backups.button}
        </button>
        <button type="button" onClick={() => exporting.mutate('csv')} disabled={exporting.isPending}>
          {t.exportData.csv}
        </button>
        <button type="button" onClick={() => exporting.mutate('xlsx')} disabled={exporting.isPending}>
          {t.exportData.xlsx}
        </button>
      </div>
      <div className="data-layout">
        <Catalogue
          selected={indicator}
          onSelect={(name) => {
            setIndicator(name);
            setCell(null);
          }}
        />
        <section className="panel grid-panel">
          {indicator ? (
            <Grid
              key={indicator}
              indicator={indicator}
              selected={cell}
              onSelect={(c) => {
                setCell(c);
                setSide('history');
              }}
              onEdited={onEdited}
              undo={undo}
              redo={redo}
              canUndo={lastUndo ? describeEdit(lastUndo) : null}
              canRedo={lastRedo ? describeEdit(lastRedo) : null}
            />
          ) : (
            <p className="muted pad">{t.grid.pick}</p>
          )}
        </section>
        <aside className="panel side-panel">
          <div className="tabs" role="tablist">
            {(['history', 'checks'] as const).map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={side === id}
                className={side === id ? 'active' : ''}
                onClick={() => setSide(id)}
              >
                {t.side[id]}
              </button>
            ))}
          </div>
          {side === 'history' ? <CellHistory cell={cell} /> : <CheckReport indicator={indicator} />}
        </aside>
      </div>
      {backups && <Backups onClose={() => setBackups(false)} />}
      {importing && (
        <ImportWizard
          key={menuFile?.key ?? 0}
          initialFile={menuFile}
          onClose={() => {
            setImporting(false);
            setMenuFile(null);
          }}
          onImported={(r) => {
            setNotice({ kind: 'ok', text: t.importer.done(r.added, r.revised.length) });
            const first = r.revised[0]?.indicator ?? r.newIndicators[0]?.name;
            if (first && !indicator) setIndicator(first);
          }}
        />
      )}
    </div>
  );
}

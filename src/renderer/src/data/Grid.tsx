/**
 * One indicator as regions × periods. Cells are edited in place; every change is a recorded revision
 * (the core never overwrites), and undo/redo are further revisions back and forth.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/api';
import { cellText, errorText, parseCellInput } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

export interface CellRef {
  indicator: string;
  region: string;
  /** Period label (2019, 2021—2025). */
  period: string;
  status: string;
}

export interface Edit extends CellRef {
  before: number | string | null;
  after: number | string | null;
}

type GridData = Output<'getGrid'>;
type Cell = GridData['cells'][number];

const valueOf = (c: Cell | undefined | null): number | string | null => (c ? (c.value ?? c.text) : null);
const show = (v: number | string | null) => (v === null ? t.grid.empty : String(v));

export function describeEdit(e: Edit): string {
  return t.grid.change(e.region, e.period, show(e.before), show(e.after));
}

export function Grid({
  indicator,
  selected,
  onSelect,
  onEdited,
  undo,
  redo,
  canUndo,
  canRedo,
}: {
  indicator: string;
  selected: CellRef | null;
  onSelect: (c: CellRef | null) => void;
  onEdited: (e: Edit) => void;
  undo: () => void;
  redo: () => void;
  canUndo: string | null;
  canRedo: string | null;
}) {
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [extraPeriods, setExtraPeriods] = useState<string[]>([]);
  const [onlyWithData, setOnlyWithData] = useState(true);
  const [newPeriod, setNewPeriod] = useState('');
  const [editing, setEditingState] = useState<{ region: string; period: string; draft: string } | null>(null);
  // The latest edit, read by commit: Enter and the blur that follows must not both save.
  const editingRef = useRef(editing);
  const setEditing = (e: typeof editing) => {
    editingRef.current = e;
    setEditingState(e);
  };
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  const grid = useQuery({
    queryKey: ['grid', indicator, status ?? null, extraPeriods],
    queryFn: () => api.getGrid({ indicator, status, periods: extraPeriods }),
    placeholderData: (prev) => prev,
  });
  const data = grid.data;
  const currentStatus = data?.status ?? '';

  const cells = useMemo(() => {
    const m = new Map<string, Cell>();
    for (const c of data?.cells ?? []) m.set(`${c.region}|${c.period}`, c);
    return m;
  }, [data]);
  const regions = useMemo(
    () =>
      (data?.regions ?? []).filter(
        (r) => !onlyWithData || r.hasData || (selected && selected.region === r.name),
      ),
    [data, onlyWithData, selected],
  );
  const periods = data?.periods ?? [];

  const save = useMutation({
    mutationFn: (v: { region: string; period: string; value: number | string | null }) =>
      api.setObservation({
        indicator,
        region: v.region,
        period: v.period,
        status: currentStatus,
        value: v.value,
        reason: t.grid.editReason,
      }),
    onSuccess: (r, v) => {
      const edit: Edit = {
        indicator: data?.indicator.name ?? indicator,
        region: v.region,
        period: v.period,
        status: currentStatus,
        before: valueOf(r.previous),
        after: valueOf(r.cell),
      };
      if (r.outcome !== 'unchanged') {
        onEdited(edit);
        setMessage({ kind: 'ok', text: t.grid.saved(describeEdit(edit)) });
      }
      void qc.invalidateQueries({ queryKey: ['grid'] });
      void qc.invalidateQueries({ queryKey: ['history'] });
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      void qc.invalidateQueries({ queryKey: ['chips'] });
    },
    onError: (err) => setMessage({ kind: 'error', text: errorText(err) }),
  });

  const commit = () => {
    const editing = editingRef.current;
    if (!editing) return;
    const value = parseCellInput(editing.draft);
    const before = valueOf(cells.get(`${editing.region}|${editing.period}`));
    setEditing(null);
    tableRef.current?.focus();
    if (typeof value === 'string' && data?.indicator.kind !== 'structure') {
      setMessage({ kind: 'error', text: t.grid.notANumber(value) });
      return;
    }
    if (value === before) return;
    save.mutate({ region: editing.region, period: editing.period, value });
  };

  const startEdit = (region: string, period: string, initial?: string) => {
    const v = valueOf(cells.get(`${region}|${period}`));
    onSelect({ indicator, region, period, status: currentStatus });
    setEditing({ region, period, draft: initial ?? (v === null ? '' : String(v)) });
  };

  const move = (dr: number, dc: number) => {
    if (!selected || regions.length === 0 || periods.length === 0) {
      if (regions[0] && periods[0])
        onSelect({ indicator, region: regions[0].name, period: periods[0].label, status: currentStatus });
      return;
    }
    const r = Math.max(
      0,
      Math.min(regions.length - 1, regions.findIndex((x) => x.name === selected.region) + dr),
    );
    const c = Math.max(
      0,
      Math.min(periods.length - 1, periods.findIndex((x) => x.label === selected.period) + dc),
    );
    onSelect({ indicator, region: regions[r].name, period: periods[c].label, status: currentStatus });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) {
      e.preventDefault();
      undo();
    } else if (mod && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey))) {
      e.preventDefault();
      redo();
    } else if (e.key === 'ArrowUp') move(-1, 0);
    else if (e.key === 'ArrowDown') move(1, 0);
    else if (e.key === 'ArrowLeft') move(0, -1);
    else if (e.key === 'ArrowRight' || e.key === 'Tab') {
      if (e.key === 'Tab') e.preventDefault();
      move(0, e.shiftKey ? -1 : 1);
    } else if (selected && (e.key === 'Enter' || e.key === 'F2')) {
      e.preventDefault();
      startEdit(selected.region, selected.period);
    } else if (selected && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      if (valueOf(cells.get(`${selected.region}|${selected.period}`)) !== null)
        save.mutate({ region: selected.region, period: selected.period, value: null });
    } else if (selected && !mod && e.key.length === 1 && /[\d.\-+]/.test(e.key)) {
      e.preventDefault();
      startEdit(selected.region, selected.period, e.key);
    }
  };

  if (grid.error)
    return (
      <p className="error" role="alert">
        {errorText(grid.error)}
      </p>
    );
  if (!data) return <p className="muted">{t.common.loading}</p>;

  return (
    <div className="grid-wrap">
      <div className="grid-head">
        <h2>{data.indicator.name}</h2>
        <span className="muted">
          {data.indicator.code} · {t.grid.unit(data.indicator.unit)}
        </span>
      </div>
      <div className="toolbar" role="toolbar" aria-label={data.indicator.name}>
        <label>
          {t.grid.status}
          <select value={currentStatus} onChange={(e) => setStatus(e.target.value)}>
            {data.statuses.map((s) => (
              <option key={s.status} value={s.status}>
                {t.grid.statusName(s.status)}（{s.count}）
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={onlyWithData} onChange={(e) => setOnlyWithData(e.target.checked)} />
          {t.grid.onlyWithData}
        </label>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (newPeriod.trim()) setExtraPeriods((p) => [...p, newPeriod.trim()]);
            setNewPeriod('');
            setOnlyWithData(false);
          }}
        >
          <input
            aria-label={t.grid.addPeriod}
            placeholder={t.grid.addPeriodPlaceholder}
            value={newPeriod}
            onChange={(e) => setNewPeriod(e.target.value)}
            size={22}
          />
          <button type="submit">{t.grid.addPeriodButton}</button>
        </form>
        <span className="spacer" />
        <button
          type="button"
          onClick={undo}
          disabled={!canUndo}
          title={canUndo ? t.grid.undoTitle(canUndo) : t.grid.nothingToUndo}
        >
          ↶ {t.grid.undo}
        </button>
        <button
          type="button"
          onClick={redo}
          disabled={!canRedo}
          title={canRedo ? t.grid.redoTitle(canRedo) : t.grid.nothingToRedo}
        >
          ↷ {t.grid.redo}
        </button>
      </div>
      {message && (
        <p
          className={message.kind === 'error' ? 'error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <div className="grid-scroll" ref={tableRef} tabIndex={0} onKeyDown={onKeyDown} aria-label={t.grid.hint}>
        <table className="grid data-grid" aria-label={data.indicator.name}>
          <thead>
            <tr>
              <th scope="col">{t.grid.region}</th>
              {periods.map((p) => (
                <th key={p.key} scope="col" className="num">
                  {p.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.name}>
                <th scope="row" className={`level-${r.level}`}>
                  {r.name}
                </th>
                {periods.map((p) => {
                  const c = cells.get(`${r.name}|${p.label}`);
                  const isSel = selected?.region === r.name && selected.period === p.label;
                  const isEdit = editing?.region === r.name && editing.period === p.label;
                  return (
                    <td
                      key={p.key}
                      className={`num cell${isSel ? ' selected' : ''}${c && c.revision > 0 ? ' revised' : ''}`}
                      aria-label={t.grid.cellLabel(r.name, p.label)}
                      aria-selected={isSel}
                      onClick={() =>
                        onSelect({ indicator, region: r.name, period: p.label, status: currentStatus })
                      }
                      onDoubleClick={() => startEdit(r.name, p.label)}
                      title={c?.source ?? undefined}
                    >
                      {isEdit ? (
                        <input
                          autoFocus
                          className="cell-input"
                          aria-label={t.grid.edit(r.name, p.label)}
                          value={editing.draft}
                          onChange={(e) => setEditing({ ...editing, draft: e.target.value })}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              commit();
                            } else if (e.key === 'Escape') {
                              e.preventDefault();
                              setEditing(null);
                              tableRef.current?.focus();
                            }
                          }}
                          onBlur={commit}
                        />
                      ) : (
                        <>
                          {cellText(c)}
                          {c && c.revision > 0 && (
                            <span className="rev-dot" title={t.grid.revised} aria-hidden="true" />
                          )}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t.grid.hint}</p>
    </div>
  );
}

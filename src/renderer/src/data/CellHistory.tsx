/** Where a cell's value came from and every revision it went through, newest first. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { cellText, errorText, formatTime } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import type { CellRef } from './Grid';

const v = (n: number | null, s: string | null) => (n !== null ? String(n) : (s ?? t.grid.empty));

export function CellHistory({ cell }: { cell: CellRef | null }) {
  const q = useQuery({
    queryKey: ['history', cell?.indicator, cell?.region, cell?.period, cell?.status],
    queryFn: () =>
      api.cellHistory({
        indicator: cell!.indicator,
        region: cell!.region,
        period: cell!.period,
        status: cell!.status,
      }),
    enabled: cell !== null,
  });
  if (!cell) return <p className="muted">{t.history.pick}</p>;
  if (q.error) return <p className="error">{errorText(q.error)}</p>;
  if (!q.data) return <p className="muted">{t.common.loading}</p>;
  const h = q.data;
  return (
    <div className="history" aria-label={t.side.history}>
      <h3>
        {h.indicator} · {h.region} · {h.period}
      </h3>
      {!h.cell ? (
        <p className="muted">{t.history.none}</p>
      ) : (
        <dl className="facts">
          <dt>{t.history.current}</dt>
          <dd className="big">
            {cellText(h.cell)} {h.cell.unit}
          </dd>
          <dt>{t.history.source}</dt>
          <dd>{h.cell.source ?? t.common.none}</dd>
          {h.cell.sourceText && (
            <>
              <dt>{t.history.words}</dt>
              <dd className="quote">{h.cell.sourceText}</dd>
            </>
          )}
          {h.cell.note && (
            <>
              <dt>{t.history.note}</dt>
              <dd>{h.cell.note}</dd>
            </>
          )}
        </dl>
      )}
      <h4>{t.history.revisions}</h4>
      {h.revisions.length === 0 ? (
        <p className="muted">{h.cell ? t.history.noRevisions : ''}</p>
      ) : (
        <ol className="revisions" reversed>
          {[...h.revisions].reverse().map((r) => (
            <li key={r.revision}>
              <div>
                <strong>{t.history.revision(r.revision)}</strong>{' '}
                <span className="muted">{formatTime(r.changedAt)}</span>
              </div>
              <div className="change">
                {t.history.change(v(r.oldValue, r.oldText), v(r.newValue, r.newText))}
              </div>
              {r.reason && (
                <div className="muted">
                  {t.history.reason}：{r.reason}
                </div>
              )}
              {r.sourceFile && (
                <div className="muted">
                  {t.history.file}：{r.sourceFile}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

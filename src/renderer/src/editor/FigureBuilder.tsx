/**
 * The figure builder: indicators, regions, periods and a chart type → a chart spec from the database,
 * previewed live with the same spec → option function the Word export uses.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api } from '../api';
import type { Input } from '../../../shared/api';
import type { ChartSpec, ChartType } from '../../../core/chart/spec';
import { Chart } from '../components/Chart';
import { Modal } from '../components/Modal';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import { DataSelectionFields, selectionQuery, useDimensions, type DataSelection } from './pickers';

export type FigureQuery = Input<'buildFigure'>;

export interface FigureResult {
  chart: ChartSpec;
  caption: string;
  query?: FigureQuery;
}

const TYPES: ChartType[] = ['bar', 'line', 'bar-line', 'stacked', 'percent', 'pie', 'ring', 'ranking'];

export function FigureBuilder({
  period,
  initial,
  editing,
  onClose,
  onDone,
}: {
  period: string;
  initial?: FigureResult;
  editing: boolean;
  onClose: () => void;
  onDone: (r: FigureResult) => void;
}) {
  const dims = useDimensions();
  const q0 = initial?.query;
  const [type, setType] = useState<ChartType>(q0?.type ?? initial?.chart.type ?? 'bar');
  const [selection, setSelection] = useState<DataSelection>({
    indicators: (q0?.indicators ?? []).map((name) => ({ name, unit: '', kind: '', code: name })),
    regions: q0?.regions ?? ['咸宁市'],
    periods: q0?.periods ?? [period],
    status: q0?.status ?? '',
  });
  const [title, setTitle] = useState(q0?.title ?? initial?.chart.title ?? '');
  const [caption, setCaption] = useState<string | null>(initial?.caption ?? null);

  const base = selectionQuery(selection, dims.data?.periods, title);
  const query: FigureQuery | null = base && { type, ...base };
  const deferred = useDeferredValue(query);
  const built = useQuery({
    queryKey: ['buildFigure', deferred],
    queryFn: () => api.buildFigure(deferred!),
    enabled: deferred !== null,
    placeholderData: (prev) => prev,
    retry: 0,
  });
  const spec = deferred ? built.data?.chart : initial?.chart;
  const autoCaption = built.data?.caption ?? '';

  return (
    <Modal
      title={editing ? t.figure.editTitle : t.figure.title}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="muted small">{t.figure.hint}</span>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!spec}
            onClick={() =>
              spec && onDone({ chart: spec, caption: caption ?? autoCaption, query: query ?? q0 })
            }
          >
            {editing ? t.figure.update : t.figure.insert}
          </button>
        </>
      }
    >
      <div className="builder">
        <div className="builder-form">
          <label>
            {t.figure.type}
            <select
              aria-label={t.figure.type}
              value={type}
              onChange={(e) => setType(e.target.value as ChartType)}
            >
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t.figure.types[x]}
                </option>
              ))}
            </select>
          </label>
          <DataSelectionFields value={selection} onChange={setSelection} />
        </div>
        <div className="builder-preview">
          <label>
            {t.figure.caption}
            <input value={caption ?? autoCaption} onChange={(e) => setCaption(e.target.value)} />
          </label>
          <label>
            {t.figure.chartTitle}
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <div className="chart-preview" aria-label={t.figure.title}>
            {built.error && <p className="error">{errorText(built.error)}</p>}
            {spec ? (
              <Chart spec={spec} scale={0.9} withoutSource label={caption ?? autoCaption} />
            ) : (
              <p className="muted">{t.figure.choose}</p>
            )}
          </div>
          {built.data && built.data.missing > 0 && (
            <p className="warn small">{t.figure.missing(built.data.missing)}</p>
          )}
          {(caption ?? autoCaption) && <p className="figure-caption-preview">{caption ?? autoCaption}</p>}
          {spec?.source && <p className="small">{spec.source}</p>}
        </div>
      </div>
    </Modal>
  );
}

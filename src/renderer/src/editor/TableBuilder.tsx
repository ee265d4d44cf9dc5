/** A table from the database: indicators (× regions) by periods, each number a bound value. */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api } from '../api';
import type { Block, TableBlock } from '../../../core/doc/model';
import { Modal } from '../components/Modal';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import {
  CheckList,
  inDatabaseOrder,
  IndicatorPicker,
  periodOptions,
  StatusSelect,
  useDimensions,
  type IndicatorChoice,
} from './pickers';

export function TableBuilder({
  period,
  onClose,
  onInsert,
}: {
  period: string;
  onClose: () => void;
  onInsert: (table: Block) => void;
}) {
  const dims = useDimensions();
  const [indicators, setIndicators] = useState<IndicatorChoice[]>([]);
  const [regions, setRegions] = useState<string[]>(['咸宁市']);
  const [periods, setPeriods] = useState<string[]>([period]);
  const [status, setStatus] = useState('');
  const [title, setTitle] = useState('');
  const query =
    indicators.length && periods.length
      ? {
          indicators: indicators.map((i) => i.name),
          regions,
          periods: inDatabaseOrder(periods, dims.data?.periods),
          status: status || undefined,
          title: title || undefined,
        }
      : null;
  const deferred = useDeferredValue(query);
  const built = useQuery({
    queryKey: ['buildTable', deferred],
    queryFn: () => api.buildTable(deferred!),
    enabled: deferred !== null,
    placeholderData: (prev) => prev,
    retry: 0,
  });
  const table = built.data?.table as TableBlock | undefined;
  return (
    <Modal
      title={t.table.title}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!table || !query}
            onClick={() => table && onInsert(table)}
          >
            {t.table.insert}
          </button>
        </>
      }
    >
      <div className="builder">
        <div className="builder-form">
          <IndicatorPicker
            chosen={indicators}
            onChange={setIndicators}
            multiple
            label={t.figure.indicators}
          />
          <CheckList
            label={t.figure.regions}
            options={(dims.data?.regions ?? []).map((r) => ({ value: r.name, label: r.name }))}
            chosen={regions}
            onChange={setRegions}
          />
          <CheckList
            label={t.figure.periods}
            options={periodOptions(dims.data?.periods)}
            chosen={periods}
            onChange={setPeriods}
          />
          <StatusSelect label={t.figure.status} value={status} onChange={setStatus} />
        </div>
        <div className="builder-preview">
          <label>
            {t.table.tableTitle}
            <input value={title} placeholder={table?.title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          {built.error && <p className="error">{errorText(built.error)}</p>}
          {table ? (
            <div className="data-table preview-table">
              <div className="table-title">{table.title}</div>
              <table>
                <thead>
                  {table.header.map((row, i) => (
                    <tr key={i}>
                      {row.map((c, k) => (
                        <th key={k}>{c.runs.map((r) => r.text).join('')}</th>
                      ))}
                    </tr>
                  ))}
                </thead>
                <tbody>
                  {table.rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((c, k) => (
                        <td key={k} style={{ textAlign: c.align }}>
                          {c.runs.map((r) => r.text).join('')}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t.figure.choose}</p>
          )}
        </div>
      </div>
    </Modal>
  );
}

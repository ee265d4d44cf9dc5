/** A table from the database: indicators (× regions) by periods, each number a bound value. */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api } from '../api';
import type { Block, TableBlock } from '../../../core/doc/model';
import { Modal } from '../components/Modal';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import { DataSelectionFields, selectionQuery, useDimensions, type DataSelection } from './pickers';

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
  const [selection, setSelection] = useState<DataSelection>({
    indicators: [],
    regions: ['咸宁市'],
    periods: [period],
    status: '',
  });
  const [title, setTitle] = useState('');
  const query = selectionQuery(selection, dims.data?.periods, title);
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
          <DataSelectionFields value={selection} onChange={setSelection} />
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

/**
 * Import in two steps: the file is checked first (a dry run: nothing is written) and the user sees
 * what would be added and revised, or every error by row and column; only then "确认导入".
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/api';
import { Modal } from '../components/Modal';
import { base64OfFile, errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

type Report = Output<'importFile'>;
/** The server takes requests up to 2 MB; base64 grows files by a third. */
// The server admits 64 MB of JSON; base64 makes a file a third larger.
const MAX_BYTES = 40 * 1024 * 1024;

export function ImportWizard({
  onClose,
  onImported,
  initialFile = null,
}: {
  onClose: () => void;
  onImported: (r: Report) => void;
  /** A file already chosen (the desktop menu's 打开…): checked at once. */
  initialFile?: { name: string; base64: string } | null;
}) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [strict, setStrict] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const check = useMutation({
    mutationFn: (f: { name: string; base64: string }) =>
      api.importFile({ fileName: f.name, base64: f.base64, dryRun: true, strict }),
  });
  const apply = useMutation({
    mutationFn: (f: { name: string; base64: string }) =>
      api.importFile({ fileName: f.name, base64: f.base64, dryRun: false, strict }),
    onSuccess: (r) => {
      if (r.errors.length) return;
      void qc.invalidateQueries();
      onImported(r);
    },
  });

  const choose = async (f: File | undefined) => {
    setProblem(null);
    check.reset();
    apply.reset();
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setProblem(t.importer.tooLarge);
      return;
    }
    try {
      const next = { name: f.name, base64: await base64OfFile(f) };
      setFile(next);
      check.mutate(next);
    } catch (err) {
      setProblem(errorText(err));
    }
  };

  useEffect(() => {
    if (!initialFile) return;
    setFile(initialFile);
    // Once, for the file the wizard was opened with (the parent gives each file its own wizard).
    check.mutate(initialFile);
  }, [initialFile]);

  const report = apply.data ?? check.data;
  const refused = report && report.errors.length > 0;
  const done = apply.data && apply.data.errors.length === 0;

  return (
    <Modal
      title={t.importer.title}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {done ? t.common.close : t.common.cancel}
          </button>
          {!done && (
            <button
              type="button"
              className="primary"
              disabled={!file || !check.data || refused || apply.isPending || check.isPending}
              onClick={() => file && apply.mutate(file)}
            >
              {apply.isPending ? t.importer.importing : t.importer.confirm}
            </button>
          )}
        </>
      }
    >
      <p className="muted">{t.importer.intro}</p>
      <div className="toolbar">
        <span className="file-pick">
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t.importer.choose}
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="button" className={file ? '' : 'primary'} onClick={() => input.current?.click()}>
            {file ? t.importer.chooseAgain : `${t.importer.choose}…`}
          </button>
          <span className="muted">{file?.name ?? t.importer.noFile}</span>
        </span>
        <label className="check">
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
          {t.importer.strict}
        </label>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {(check.isPending || apply.isPending) && (
        <div>
          <p className="muted">{check.isPending ? t.importer.reading : t.importer.importing}</p>
          <progress aria-label={t.importer.reading} />
        </div>
      )}
      {(check.error || apply.error) && (
        <p className="error" role="alert">
          {errorText(check.error ?? apply.error)}
        </p>
      )}
      {report && refused && (
        <div className="import-errors" role="alert">
          <p className="error">
            <strong>{file?.name}</strong>：{t.importer.refused(report.errorCount)}
          </p>
          <ul>
            {report.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
          {report.errorCount > report.errors.length && (
            <p className="muted">{t.importer.more(report.errorCount - report.errors.length)}</p>
          )}
          <p>{t.importer.fixHint}</p>
        </div>
      )}
      {report && !refused && (
        <div className="import-preview" role="status">
          <p className="muted">
            <strong>{report.file}</strong> ·{' '}
            {t.importer.fileInfo(report.format ?? '', report.encoding, report.layout, report.rows)}
          </p>
          <p className={done ? 'ok' : ''}>
            {done ? t.importer.done(report.added, report.revised.length) : t.importer.preview}
          </p>
          <ul>
            <li>{t.importer.added(report.added)}</li>
            <li>{t.importer.revisedCount(report.revised.length)}</li>
            <li>{t.importer.unchanged(report.unchanged)}</li>
            {report.converted > 0 && <li>{t.importer.converted(report.converted)}</li>}
            {report.newIndicators.length > 0 && (
              <li>{t.importer.newIndicators(report.newIndicators.map((i) => i.name).join('、'))}</li>
            )}
            {report.newRegions.length > 0 && (
              <li>{t.importer.newRegions(report.newRegions.map((r) => r.name).join('、'))}</li>
            )}
          </ul>
          {report.revised.length > 0 && (
            <table className="grid compact">
              <thead>
                <tr>
                  <th>{t.importer.revisedColumns.row}</th>
                  <th>{t.importer.revisedColumns.indicator}</th>
                  <th>{t.importer.revisedColumns.region}</th>
                  <th>{t.importer.revisedColumns.period}</th>
                  <th className="num">{t.importer.revisedColumns.old}</th>
                  <th className="num">{t.importer.revisedColumns.new}</th>
                </tr>
              </thead>
              <tbody>
                {report.revised.slice(0, 100).map((r, i) => (
                  <tr key={i}>
                    <td>{r.row}</td>
                    <td>{r.indicator}</td>
                    <td>{r.region}</td>
                    <td>{r.period}</td>
                    <td className="num">{r.old ?? '—'}</td>
                    <td className="num">
                      {r.new ?? '—'} {r.unit}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.warnings.length > 0 && (
            <>
              <h4>{t.importer.warnings}</h4>
              <ul className="muted">
                {report.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Modal>
  );
}

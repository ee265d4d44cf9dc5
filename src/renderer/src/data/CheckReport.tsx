/** The consistency report (brief check): figures that disagree with each other beyond rounding. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

export function CheckReport({ indicator }: { indicator: string | null }) {
  const [started, setStarted] = useState(false);
  const [onlyCurrent, setOnlyCurrent] = useState(false);
  const q = useQuery({ queryKey: ['checks'], queryFn: () => api.runChecks({}), enabled: started });
  const findings = (q.data?.findings ?? []).filter(
    (f) => !onlyCurrent || !indicator || f.values.some((v) => v.indicator === indicator),
  );
  return (
    <div className="checks" aria-label={t.side.checks}>
      <p className="muted small">{t.checks.intro}</p>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() => (started ? void q.refetch() : setStarted(true))}
          disabled={q.isFetching}
        >
          {q.isFetching ? t.checks.running : t.checks.run}
        </button>
        {indicator && (
          <label className="check">
            <input type="checkbox" checked={onlyCurrent} onChange={(e) => setOnlyCurrent(e.target.checked)} />
            {t.checks.onlyCurrent}
          </label>
        )}
      </div>
      {q.isFetching && <progress aria-label={t.checks.running} />}
      {q.error && <p className="error">{errorText(q.error)}</p>}
      {q.data && (
        <>
          <p role="status">{t.checks.summary(q.data.checked, q.data.findings.length)}</p>
          {q.data.findings.length === 0 && <p className="ok">{t.checks.clean}</p>}
          <ul className="findings">
            {findings.map((f, i) => (
              <li key={i} className={`finding sev-${f.severity}`}>
                <span className="badge">{t.checks.severity[f.severity]}</span>
                <p>{f.message}</p>
                <ul className="muted small">
                  {f.values.map((v, k) => (
                    <li key={k}>
                      {v.indicator} · {v.region} · {v.period}：{v.value ?? '—'}
                      {v.unit}
                      {v.source ? `（${v.source}）` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

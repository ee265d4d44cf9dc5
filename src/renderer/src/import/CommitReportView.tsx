/** What a 导入报告 commit did: added / revised / unchanged, new indicators and regions, figures not bound. */
import type { Output } from '../../../shared/api';
import { zhCN as t } from '../locales/zh-CN';

export type CommitReport = NonNullable<Output<'commitReport'>['report']>;

const s = t.reportImport.report;

/** `compact`: without the headline (the banner above it already says it). */
export function CommitReportView({ report, compact = false }: { report: CommitReport; compact?: boolean }) {
  return (
    <div className="commit-report" role="status" aria-label={s.title(report.source)}>
      {!compact && (
        <p className="ok">
          <strong>{s.title(report.source)}</strong>：
          {s.summary(report.added, report.revised.length, report.unchanged)}
        </p>
      )}
      <ul>
        <li>{s.accepted(report.accepted, report.rejected)}</li>
        {report.converted > 0 && <li>{s.converted(report.converted)}</li>}
        {report.newIndicators.length > 0 && (
          <li>
            {s.newIndicators}：{report.newIndicators.map((i) => `${i.name}（${i.unit}）`).join('、')}
          </li>
        )}
        {report.newRegions.length > 0 && (
          <li>
            {s.newRegions}：{report.newRegions.map((r) => r.name).join('、')}
          </li>
        )}
      </ul>
      {report.revised.length > 0 && (
        <>
          <h4>{s.revisedTitle}</h4>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t.reportImport.fields.indicator}</th>
                <th>{t.reportImport.fields.region}</th>
                <th>{t.reportImport.fields.period}</th>
                <th className="num">{s.old}</th>
                <th className="num">{s.new}</th>
                <th>{t.reportImport.fields.words}</th>
              </tr>
            </thead>
            <tbody>
              {report.revised.map((r, i) => (
                <tr key={i}>
                  <td>{r.indicator}</td>
                  <td>{r.region}</td>
                  <td>{r.period}</td>
                  <td className="num">{r.old ?? '—'}</td>
                  <td className="num">
                    {r.new ?? '—'} {r.unit}
                  </td>
                  <td>{r.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.unplaced.length > 0 && (
        <>
          <p className="warn">{s.unplaced(report.unplaced.length)}</p>
          <ul className="muted small">
            {report.unplaced.map((u, i) => (
              <li key={i}>
                「{u.text}」：{u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, downloadBase64 } from './api';
import { zhCN as t } from './locales/zh-CN';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function IndicatorList({ selected, onSelect }: { selected: string | null; onSelect: (name: string) => void }) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const { data, error } = useQuery({
    queryKey: ['indicators', deferred],
    queryFn: () => api.listIndicators({ search: deferred }),
  });
  return (
    <section className="panel indicators" aria-label={t.indicators.title}>
      <h2>{t.indicators.title}</h2>
      <input
        type="search"
        placeholder={t.indicators.search}
        aria-label={t.indicators.search}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {error && <p className="error">{(error as Error).message}</p>}
      {data && <p className="muted">{t.indicators.count(data.indicators.length)}</p>}
      <ul>
        {data?.indicators.map((i) => (
          <li key={i.code}>
            <button
              type="button"
              className={selected === i.name ? 'active' : ''}
              onClick={() => onSelect(i.name)}
              title={i.aliases.length ? `别名：${i.aliases.join('、')}` : undefined}
            >
              <span className="name">{i.name}</span>
              <span className="meta">
                {i.unit} · {t.indicators.observations(i.observations)}
              </span>
            </button>
          </li>
        ))}
        {data && data.indicators.length === 0 && <li className="muted">{t.indicators.empty}</li>}
      </ul>
    </section>
  );
}

function SeriesTable({ indicator }: { indicator: string | null }) {
  const { data, error } = useQuery({
    queryKey: ['series', indicator],
    queryFn: () => api.getSeries({ indicator: indicator! }),
    enabled: indicator !== null,
  });
  if (!indicator) return <p className="muted">{t.series.pick}</p>;
  if (error) return <p className="error">{(error as Error).message}</p>;
  if (!data) return null;
  return (
    <div>
      <h2>{data.indicator}</h2>
      <table className="grid" aria-label={data.indicator}>
        <thead>
          <tr>
            <th>{t.series.region}</th>
            <th>{t.series.period}</th>
            <th className="num">{t.series.value}</th>
            <th>{t.series.unit}</th>
            <th>{t.series.status}</th>
            <th>{t.series.source}</th>
          </tr>
        </thead>
        <tbody>
          {data.series.map((o, idx) => (
            <tr key={idx}>
              <td>{o.region}</td>
              <td>{o.period}</td>
              <td className="num">
                {o.qualifier && /^(突破|超过|超|近|约|冲刺)$/.test(o.qualifier) ? o.qualifier : ''}
                {o.value ?? o.text}
                {o.qualifier && !/^(突破|超过|超|近|约|冲刺)$/.test(o.qualifier) ? o.qualifier : ''}
              </td>
              <td>{o.unit}</td>
              <td>{o.status || t.series.actual}</td>
              <td title={o.sourceText ? `${t.series.words}：${o.sourceText}` : undefined}>{o.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExportPanel() {
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api.listTemplates({}) });
  const [template, setTemplate] = useState('政府工作报告解读');
  const [year, setYear] = useState('');
  const [charts, setCharts] = useState<'image' | 'native'>('image');
  const exporting = useMutation({
    mutationFn: () => api.exportBriefing({ template, year: year ? Number(year) : undefined, charts }),
    onSuccess: (r) => downloadBase64(r.base64, r.fileName, DOCX_MIME),
  });
  const current = templates.data?.templates.find((x) => x.name === template);
  return (
    <section className="panel export" aria-label={t.export.title}>
      <h2>{t.export.title}</h2>
      <label>
        {t.export.template}
        <select value={template} onChange={(e) => setTemplate(e.target.value)}>
          {templates.data?.templates.map((x) => (
            <option key={x.name} value={x.name}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      {current && <p className="muted">{current.description}</p>}
      <label>
        {t.export.year}
        <input
          inputMode="numeric"
          pattern="\d{4}"
          maxLength={4}
          placeholder={current ? t.export.yearDefault(current.defaultPeriod) : ''}
          value={year}
          onChange={(e) => setYear(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <label>
        {t.export.charts}
        <select value={charts} onChange={(e) => setCharts(e.target.value as 'image' | 'native')}>
          <option value="image">{t.export.chartsImage}</option>
          <option value="native">{t.export.chartsNative}</option>
        </select>
      </label>
      <button type="button" className="primary" disabled={exporting.isPending} onClick={() => exporting.mutate()}>
        {exporting.isPending ? t.export.working : t.export.button}
      </button>
      {exporting.isPending && <progress aria-label={t.export.working} />}
      {exporting.error && <p className="error">{(exporting.error as Error).message}</p>}
      {exporting.data && (
        <div className="result" role="status">
          <p>{t.export.done(exporting.data.fileName, exporting.data.values)}</p>
          <p className="muted">{t.export.fonts(exporting.data.fonts.join('、'))}</p>
          {exporting.data.missing.length > 0 && (
            <>
              <p className="warn">{t.export.missing(exporting.data.missing.length)}</p>
              <ul>
                {exporting.data.missing.map((m, i) => (
                  <li key={i}>{m.text}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

export function App() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="app">
      <header>
        <h1>{t.appName}</h1>
        <span className="muted">{t.tagline}</span>
      </header>
      <main>
        <IndicatorList selected={selected} onSelect={setSelected} />
        <section className="panel series">
          <SeriesTable indicator={selected} />
        </section>
        <ExportPanel />
      </main>
    </div>
  );
}

/**
 * 导出: before exporting, what would be wrong with the file (stale values, failed checks, missing
 * values, fonts not installed here); then the .docx with a progress bar, handed over as a download.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, downloadBase64 } from '../api';
import type { Navigation } from '../App';
import type { BriefDocument } from '../../../core/doc/model';
import { flushAllSaves } from '../editor/saves';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Stage = 'prepare' | 'figures' | 'docx' | 'download' | 'done';

export default function ExportScreen({ nav, initialId }: { nav: Navigation; initialId: number | null }) {
  const list = useQuery({ queryKey: ['documents'], queryFn: () => api.listDocuments({}) });
  const [id, setId] = useState<number | null>(initialId);
  const [charts, setCharts] = useState<'image' | 'native'>('image');
  const [fontProfile, setFontProfile] = useState<'standard' | 'fallback'>('standard');
  const docs = list.data?.documents ?? [];
  const chosen = id ?? docs[0]?.id ?? null;

  // The document as saved, after any open editor has saved what it has.
  const doc = useQuery({
    queryKey: ['export-doc', chosen],
    enabled: chosen !== null,
    gcTime: 0,
    queryFn: async () => {
      await flushAllSaves();
      return api.loadDocument({ id: chosen! });
    },
  });
  const check = useQuery({
    queryKey: ['preflight', chosen, doc.data?.version, fontProfile],
    enabled: !!doc.data,
    gcTime: 0,
    queryFn: () => api.preflightDocument({ doc: doc.data!.doc as BriefDocument, fontProfile }),
  });

  const [stage, setStage] = useState<Stage | null>(null);
  const [progress, setProgress] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);
  const exporting = useMutation({
    mutationFn: async () => {
      setStage('prepare');
      setProgress(5);
      await flushAllSaves();
      const fresh = await api.loadDocument({ id: chosen! });
      const figures = check.data?.figures ?? 0;
      setStage(figures ? 'figures' : 'docx');
      setProgress(15);
      // The core answers once; move the bar along its expected time (≈ 0.3 s + 0.15 s a figure).
      const expected = 300 + 150 * figures;
      const started = performance.now();
      timer.current = setInterval(() => {
        const f = Math.min(1, (performance.now() - started) / expected);
        setProgress(15 + Math.round(75 * (1 - Math.pow(1 - f, 2))));
        if (f > 0.6) setStage('docx');
      }, 80);
      try {
        const r = await api.exportDocument({ doc: fresh.doc as BriefDocument, charts, fontProfile });
        setStage('download');
        setProgress(95);
        downloadBase64(r.base64, r.fileName, DOCX_MIME);
        return r;
      } finally {
        if (timer.current) clearInterval(timer.current);
        timer.current = null;
      }
    },
    onSuccess: () => {
      setStage('done');
      setProgress(100);
    },
    onError: () => setStage(null),
  });

  const pf = check.data;
  const warnings = pf
    ? pf.stale.length + pf.findings.length + pf.missing.length + (pf.fonts.missing.length ? 1 : 0)
    : 0;

  return (
    <div className="export-screen">
      <div className="screen-bar">
        <h2 className="screen-title">{t.export.title}</h2>
      </div>
      <div className="export-layout">
        <section className="panel export" aria-label={t.export.title}>
          {docs.length === 0 && list.data && <p className="muted">{t.export.noDocuments}</p>}
          <label>
            {t.export.pickDocument}
            <select value={chosen ?? ''} onChange={(e) => setId(Number(e.target.value))}>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}（{d.template ?? t.documents.blankTemplate} · {d.period}）
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.export.charts}
            <select value={charts} onChange={(e) => setCharts(e.target.value as 'image' | 'native')}>
              <option value="image">{t.export.chartsImage}</option>
              <option value="native">{t.export.chartsNative}</option>
            </select>
          </label>
          <label>
            {t.export.fonts}
            <select
              value={fontProfile}
              onChange={(e) => setFontProfile(e.target.value as 'standard' | 'fallback')}
            >
              <option value="standard">{t.export.fontsStandard}</option>
              <option value="fallback">{t.export.fontsFallback}</option>
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={chosen === null || exporting.isPending || !pf}
            onClick={() => exporting.mutate()}
          >
            {exporting.isPending ? t.export.working : warnings ? t.export.anyway : t.export.button}
          </button>
          {stage && (
            <div className="export-progress" aria-live="polite">
              <progress max={100} value={progress} aria-label={t.export.working} />
              <ol className="stages">
                {(['prepare', 'figures', 'docx', 'download'] as const)
                  .filter((s) => s !== 'figures' || (pf?.figures ?? 0) > 0)
                  .map((s) => (
                    <li key={s} className={stageClass(s, stage)}>
                      {s === 'figures' ? t.export.stages.figures(pf?.figures ?? 0) : t.export.stages[s]}
                    </li>
                  ))}
              </ol>
            </div>
          )}
          {exporting.error && (
            <p className="error" role="alert">
              {errorText(exporting.error)}
            </p>
          )}
          {exporting.data && stage === 'done' && (
            <div className="result" role="status">
              <p className="ok">{t.export.done(exporting.data.fileName, exporting.data.values)}</p>
              <p className="muted">{t.export.savedTo}</p>
              <p className="muted small">{t.export.fontsUsed(exporting.data.fonts.join('、'))}</p>
              <button
                type="button"
                onClick={() => downloadBase64(exporting.data.base64, exporting.data.fileName, DOCX_MIME)}
              >
                {t.export.showDownload}
              </button>
            </div>
          )}
        </section>
        <section className="panel preflight" aria-label={t.export.checksTitle}>
          <h3>{t.export.checksTitle}</h3>
          {(doc.isFetching || check.isFetching) && (
            <>
              <p className="muted">{t.export.checking}</p>
              <progress aria-label={t.export.checking} />
            </>
          )}
          {(doc.error || check.error) && <p className="error">{errorText(doc.error ?? check.error)}</p>}
          {pf && !check.isFetching && (
            <div className="warnings">
              {warnings === 0 && <p className="ok">{t.export.allClear}</p>}
              {pf.stale.length > 0 && (
                <div className="warning-group">
                  <h4 className="warn">{t.export.staleTitle(pf.stale.length)}</h4>
                  <ul>
                    {pf.stale.slice(0, 20).map((s, i) => (
                      <li key={i}>
                        {s.indicator} · {s.region} · {s.period}：{t.export.staleItem(s.text, s.current)}
                      </li>
                    ))}
                  </ul>
                  <button type="button" onClick={() => chosen !== null && nav.openDocument(chosen)}>
                    {t.export.openInEditor}
                  </button>
                </div>
              )}
              {pf.findings.length > 0 && (
                <div className="warning-group">
                  <h4 className="warn">{t.export.findingsTitle(pf.findings.length)}</h4>
                  <ul>
                    {pf.findings.map((f, i) => (
                      <li key={i} className={`sev-${f.severity}`}>
                        <span className="badge">{t.checks.severity[f.severity]}</span> {f.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {pf.missing.length > 0 && (
                <div className="warning-group">
                  <h4 className="warn">{t.export.missingTitle(pf.missing.length)}</h4>
                  <ul>
                    {pf.missing.map((m, i) => (
                      <li key={i}>{m.text}</li>
                    ))}
                  </ul>
                </div>
              )}
              {pf.fonts.checked && pf.fonts.missing.length > 0 && (
                <div className="warning-group">
                  <h4 className="warn">{t.export.fontsTitle(pf.fonts.missing.join('、'))}</h4>
                </div>
              )}
              {!pf.fonts.checked && <p className="muted">{t.export.fontsUnknown}</p>}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

function stageClass(s: Stage, current: Stage): string {
  const order: Stage[] = ['prepare', 'figures', 'docx', 'download', 'done'];
  const a = order.indexOf(s);
  const b = order.indexOf(current);
  return a < b ? 'done' : a === b ? 'current' : '';
}

/** Insert a data-bound value: indicator, region, period, and the way the reports write it. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/api';
import { Modal } from '../components/Modal';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';
import { IndicatorPicker, StatusSelect, useDimensions, type IndicatorChoice } from './pickers';

type Form = 'v' | 'n' | 'growth' | 'points' | 'rank' | 'ratio';

/** The wordings that make sense for a kind of indicator. */
export function formsFor(kind: string): Form[] {
  if (kind === 'structure') return ['ratio'];
  if (kind === 'rank') return ['rank', 'v'];
  if (kind === 'rate' || kind === 'share') return ['v', 'growth', 'points', 'n'];
  return ['v', 'n', 'growth'];
}

export function InsertValueDialog({
  period: docPeriod,
  onClose,
  onInsert,
}: {
  period: string;
  onClose: () => void;
  onInsert: (run: Output<'resolveValue'>['run']) => void;
}) {
  const dims = useDimensions();
  const [indicator, setIndicator] = useState<IndicatorChoice[]>([]);
  const [region, setRegion] = useState('咸宁市');
  const [period, setPeriod] = useState(docPeriod);
  const [status, setStatus] = useState('');
  const [form, setForm] = useState<Form>('v');
  const chosen = indicator[0];
  // What the database has for the chosen indicator: steer region, period and status to a real value.
  const [steeredFor, setSteeredFor] = useState<string | null>(null);
  // Until steered, let the core pick the status most of the indicator's values have.
  const gridStatus = steeredFor === chosen?.name ? status : undefined;
  const grid = useQuery({
    queryKey: ['grid', chosen?.name ?? null, gridStatus ?? null, []],
    queryFn: () => api.getGrid({ indicator: chosen!.name, status: gridStatus, periods: [] }),
    enabled: !!chosen,
  });
  useEffect(() => {
    const g = grid.data;
    if (!g || !chosen || steeredFor === chosen.name || g.indicator.name !== chosen.name) return;
    setSteeredFor(chosen.name);
    setStatus(g.status);
    if (g.cells.some((c) => c.region === region && c.period === period)) return;
    const here = g.cells.filter((c) => c.region === region);
    const pick = (here.length ? here : g.cells).at(-1);
    if (pick) {
      setRegion(pick.region);
      setPeriod(pick.period);
    }
  }, [grid.data, chosen, steeredFor, region, period]);
  const available = (grid.data?.cells ?? []).filter((c) => c.region === region).map((c) => c.period);
  const forms = chosen ? formsFor(chosen.kind) : (['v'] as Form[]);
  const effectiveForm = forms.includes(form) ? form : forms[0];
  const preview = useQuery({
    queryKey: ['resolveValue', chosen?.name, region, period, status, effectiveForm],
    queryFn: () =>
      api.resolveValue({
        indicator: chosen!.name,
        region,
        period,
        status: status || undefined,
        form: effectiveForm,
        year: Number.parseInt(docPeriod, 10) || undefined,
      }),
    enabled: !!chosen && !!region && !!period,
    retry: 0,
  });
  const run = preview.data?.run;
  return (
    <Modal
      title={t.insertValue.title}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button type="button" className="primary" disabled={!run} onClick={() => run && onInsert(run)}>
            {t.insertValue.insert}
          </button>
        </>
      }
    >
      <div className="dialog-columns">
        <IndicatorPicker chosen={indicator} onChange={setIndicator} />
        <div className="form-col">
          <label>
            {t.insertValue.region}
            <select value={region} onChange={(e) => setRegion(e.target.value)}>
              {dims.data?.regions.map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.insertValue.period}
            <input list="period-options" value={period} onChange={(e) => setPeriod(e.target.value)} />
            <datalist id="period-options">
              {dims.data?.periods.map((p) => (
                <option key={p.key} value={p.label} />
              ))}
            </datalist>
          </label>
          {chosen && grid.data && (
            <p className="muted small">
              {available.length ? t.insertValue.available(region) : t.insertValue.noneFor(region)}
              {available.map((p) => (
                <button
                  key={p}
                  type="button"
                  className={`link period-link${p === period ? ' active' : ''}`}
                  onClick={() => setPeriod(p)}
                >
                  {p}
                </button>
              ))}
            </p>
          )}
          <StatusSelect label={t.insertValue.status} value={status} onChange={setStatus} />
          <fieldset className="radios">
            <legend>{t.insertValue.form}</legend>
            {forms.map((f) => (
              <label key={f} className="check">
                <input type="radio" name="form" checked={effectiveForm === f} onChange={() => setForm(f)} />
                {t.insertValue.forms[f]}
              </label>
            ))}
          </fieldset>
          <div className="value-preview" aria-live="polite">
            <span className="muted">{t.insertValue.preview}：</span>
            {preview.isFetching && <span className="muted">{t.common.loading}</span>}
            {preview.error && <span className="error">{errorText(preview.error)}</span>}
            {run?.type === 'value' && <span className="chip">{run.text}</span>}
            {run?.type === 'missing' && (
              <>
                <span className="missing">{run.text}</span>
                <p className="warn small">{t.insertValue.missing}</p>
              </>
            )}
          </div>
        </div>
      </div>
    </Modal>
  );
}

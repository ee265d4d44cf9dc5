/** The fields of one candidate figure: indicator (catalogue search or 新建指标), region, period, value, unit. */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { api } from '../api';
import { zhCN as t } from '../locales/zh-CN';
import type { Fields, Item } from './review';

const s = t.reportImport;

export function CandidateEditor({
  item,
  regions,
  onChange,
  onReset,
  edited,
}: {
  item: Item;
  regions: string[];
  onChange: (patch: Partial<Fields>) => void;
  onReset: () => void;
  edited: boolean;
}) {
  const f = item.fields;
  const id = useId();
  const [searching, setSearching] = useState(false);
  const deferred = useDeferredValue(f.indicator.trim());
  const matches = useQuery({
    queryKey: ['indicators', deferred],
    queryFn: () => api.listIndicators({ search: deferred }),
    enabled: searching && deferred.length > 0,
    placeholderData: (prev) => prev,
  });
  const suggestions = searching ? (matches.data?.indicators ?? []).slice(0, 8) : [];
  const exact = matches.data?.indicators.find((i) => i.name === f.indicator.trim());

  return (
    <div className="cand-editor" role="group" aria-label={`${s.fields.words}「${item.candidate.text}」`}>
      <div className="cand-field indicator-field">
        <label htmlFor={`${id}-ind`}>{s.fields.indicator}</label>
        <input
          id={`${id}-ind`}
          value={f.indicator}
          placeholder={s.indicatorHint}
          autoComplete="off"
          onFocus={() => setSearching(true)}
          onBlur={() => setTimeout(() => setSearching(false), 150)}
          onChange={(e) => {
            setSearching(true);
            onChange({ indicator: e.target.value });
          }}
        />
        {suggestions.length > 0 && (
          <ul className="suggestions" role="listbox" aria-label={s.suggestions}>
            {suggestions.map((i) => (
              <li key={i.code} role="option" aria-selected={i.name === f.indicator}>
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    onChange({ indicator: i.name, isNew: false });
                    setSearching(false);
                  }}
                >
                  <span>{i.name}</span>
                  <span className="muted small">
                    {i.code} · {i.unit}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="check">
          <input type="checkbox" checked={f.isNew} onChange={(e) => onChange({ isNew: e.target.checked })} />
          {s.fields.isNew}
        </label>
        {f.isNew && exact && <span className="warn small">{s.exactMatch(exact.name, exact.unit)}</span>}
      </div>
      <div className="cand-row">
        <label>
          {s.fields.region}
          <input
            value={f.region}
            list={`${id}-regions`}
            onChange={(e) => onChange({ region: e.target.value })}
            size={8}
          />
        </label>
        <datalist id={`${id}-regions`}>
          {regions.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <label>
          {s.fields.period}
          <input
            value={f.period}
            placeholder={s.periodHint}
            onChange={(e) => onChange({ period: e.target.value })}
            size={10}
          />
        </label>
      </div>
      <div className="cand-row">
        <label>
          {s.fields.value}
          <input
            value={f.value}
            inputMode="decimal"
            onChange={(e) => onChange({ value: e.target.value })}
            size={10}
          />
        </label>
        <label title={s.unitHint}>
          {f.isNew ? s.fields.unitNew : s.fields.unit}
          <input value={f.unit} onChange={(e) => onChange({ unit: e.target.value })} size={6} />
        </label>
        {item.candidate.relation && (
          <span className="muted small">
            {s.fields.relation}：{item.candidate.relation}
          </span>
        )}
      </div>
      {edited && (
        <button type="button" className="link small" onClick={onReset}>
          {s.reset}
        </button>
      )}
    </div>
  );
}

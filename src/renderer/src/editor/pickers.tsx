/** Choosers shared by the insert dialogs: indicators (searchable), regions and periods (from the database). */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api } from '../api';
import { zhCN as t } from '../locales/zh-CN';

export function useDimensions() {
  return useQuery({ queryKey: ['dimensions'], queryFn: () => api.listDimensions({}), staleTime: 30_000 });
}

export interface IndicatorChoice {
  name: string;
  unit: string;
  kind: string;
  code: string;
}

/** A searchable list; `multiple` keeps a chosen set, otherwise one choice. */
export function IndicatorPicker({
  chosen,
  onChange,
  multiple = false,
  label = t.insertValue.indicator,
}: {
  chosen: IndicatorChoice[];
  onChange: (list: IndicatorChoice[]) => void;
  multiple?: boolean;
  label?: string;
}) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const q = useQuery({
    queryKey: ['indicators', deferred],
    queryFn: () => api.listIndicators({ search: deferred }),
    placeholderData: (prev) => prev,
  });
  const isChosen = (name: string) => chosen.some((c) => c.name === name);
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      {multiple && chosen.length > 0 && (
        <div className="chosen">
          {chosen.map((c) => (
            <span key={c.name} className="tag">
              {c.name}
              <button
                type="button"
                aria-label={t.insertValue.remove(c.name)}
                onClick={() => onChange(chosen.filter((x) => x.name !== c.name))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <input
        type="search"
        placeholder={t.insertValue.search}
        aria-label={`${label}：${t.insertValue.search}`}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="pick-list" role="listbox" aria-label={label} aria-multiselectable={multiple}>
        {q.data?.indicators
          .filter((i) => i.observations > 0)
          .slice(0, 200)
          .map((i) => (
            <li key={i.code} role="option" aria-selected={isChosen(i.name)}>
              <button
                type="button"
                className={isChosen(i.name) ? 'active' : ''}
                onClick={() => {
                  const choice = { name: i.name, unit: i.unit, kind: i.kind, code: i.code };
                  if (!multiple) onChange([choice]);
                  else
                    onChange(
                      isChosen(i.name) ? chosen.filter((c) => c.name !== i.name) : [...chosen, choice],
                    );
                }}
              >
                <span>{i.name}</span>
                <span className="meta">
                  {i.unit} · {t.indicators.observations(i.observations)}
                </span>
              </button>
            </li>
          ))}
      </ul>
    </fieldset>
  );
}

export function CheckList({
  label,
  options,
  chosen,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  chosen: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="checklist">
      <legend>{label}</legend>
      <div className="checklist-items">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const STATUS_OPTIONS = [
  { value: '', label: t.common.actual },
  { value: '目标', label: '目标' },
  { value: '预计', label: '预计' },
  { value: '初步核算', label: '初步核算' },
  { value: '最终核实', label: '最终核实' },
];

/** 口径 of the values a dialog asks for ('' = 实际). */
export function StatusSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (status: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {STATUS_OPTIONS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Plan periods (2021—2025) and years; the labels the database uses. */
export function periodOptions(periods: { label: string; kind: string }[] | undefined) {
  return (periods ?? []).map((p) => ({ value: p.label, label: p.label }));
}

/** The chosen periods in the order the database lists them (chronological), whatever order they were ticked; any it does not list come last. */
export function inDatabaseOrder(chosen: string[], periods: { label: string }[] | undefined): string[] {
  const known = (periods ?? []).map((p) => p.label);
  return known.filter((p) => chosen.includes(p)).concat(chosen.filter((p) => !known.includes(p)));
}

/** What a figure or a table draws from the database, chosen the same way in both builders. */
export interface DataSelection {
  indicators: IndicatorChoice[];
  regions: string[];
  periods: string[];
  status: string;
}

export function DataSelectionFields({
  value,
  onChange,
}: {
  value: DataSelection;
  onChange: (next: DataSelection) => void;
}) {
  const dims = useDimensions();
  return (
    <>
      <IndicatorPicker
        chosen={value.indicators}
        onChange={(indicators) => onChange({ ...value, indicators })}
        multiple
        label={t.figure.indicators}
      />
      <CheckList
        label={t.figure.regions}
        options={(dims.data?.regions ?? []).map((r) => ({ value: r.name, label: r.name }))}
        chosen={value.regions}
        onChange={(regions) => onChange({ ...value, regions })}
      />
      <CheckList
        label={t.figure.periods}
        options={periodOptions(dims.data?.periods)}
        chosen={value.periods}
        onChange={(periods) => onChange({ ...value, periods })}
      />
      <StatusSelect
        label={t.figure.status}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
      />
    </>
  );
}

/** The query both builders send for a selection; null until there is something to draw. */
export function selectionQuery(
  selection: DataSelection,
  databasePeriods: { label: string }[] | undefined,
  title: string,
) {
  const { indicators, regions, periods, status } = selection;
  if (!indicators.length || !periods.length) return null;
  return {
    indicators: indicators.map((i) => i.name),
    regions,
    periods: inDatabaseOrder(periods, databasePeriods),
    status: status || undefined,
    title: title || undefined,
  };
}

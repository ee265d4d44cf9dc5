/**
 * The dataset grid of the UI: one indicator as regions × periods, edited one cell at a time. Every
 * change goes through ObservationStore.upsert, so a changed value is a recorded revision (old, new,
 * when, why) — undo in the UI is one more revision back to the old value, never an erasure.
 */
import type { Db } from '../db/connection';
import { Catalogue } from './catalogue';
import { ObservationStore, STATUSES, type Observation, type Status } from './observations';
import { parsePeriod } from './periods';

/** A user error in an edit: the message is shown as it is (mapped to the contract's bad-input). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface GridCell {
  region: string;
  /** Period label as the reports write it (2019, 2020年上半年, 2021—2025). */
  period: string;
  value: number | null;
  text: string | null;
  unit: string;
  qualifier: string | null;
  source: string | null;
  sourceText: string | null;
  note: string | null;
  revision: number;
  updatedAt: string;
}

export interface Grid {
  indicator: { code: string; name: string; unit: string; kind: string; decimals: number | null };
  status: Status;
  /** Statuses this indicator has values for, with counts ('' = 实际). */
  statuses: { status: Status; count: number }[];
  regions: { name: string; level: string; hasData: boolean }[];
  periods: { key: string; label: string }[];
  cells: GridCell[];
}

function cellOf(o: Observation): GridCell {
  return {
    region: o.region,
    period: o.periodLabel,
    value: o.value,
    text: o.textValue,
    unit: o.unit,
    qualifier: o.qualifier,
    source: o.source,
    sourceText: o.sourceText,
    note: o.note,
    revision: o.revision,
    updatedAt: o.updatedAt,
  };
}

function statusOf(s: string | undefined | null): Status {
  const status = (s ?? '') as Status;
  if (!STATUSES.includes(status))
    throw new InputError(`未知的状态「${s}」：可用 实际、初步核算、最终核实、预计、目标`);
  return status;
}

export class GridService {
  private readonly catalogue: Catalogue;
  private readonly store: ObservationStore;

  constructor(private readonly db: Db) {
    this.catalogue = new Catalogue(db);
    this.store = new ObservationStore(db);
  }

  grid(indicator: string, status?: string, extraPeriods: string[] = []): Grid {
    const ind = this.catalogue.indicator(indicator);
    const all = this.store.series({ indicatorId: ind.id });
    const counts = new Map<Status, number>();
    for (const o of all) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    // Default to the status most values have, 实际 first on a tie.
    const chosen =
      status !== undefined
        ? statusOf(status)
        : ([...counts.entries()].sort(
            (a, b) => b[1] - a[1] || STATUSES.indexOf(a[0]) - STATUSES.indexOf(b[0]),
          )[0]?.[0] ?? '');
    const rows = all.filter((o) => o.status === chosen);
    const periods = new Map<
      string,
      { key: string; label: string; start: number; end: number; kind: string }
    >();
    for (const o of rows) {
      const p = parsePeriod(o.period);
      periods.set(p.key, { key: p.key, label: p.label, start: p.startYear, end: p.endYear, kind: p.kind });
    }
    for (const extra of extraPeriods) {
      const p = parsePeriod(extra);
      periods.set(p.key, { key: p.key, label: p.label, start: p.startYear, end: p.endYear, kind: p.kind });
    }
    const withData = new Set(rows.map((o) => o.region));
    return {
      indicator: { code: ind.code, name: ind.name, unit: ind.unit, kind: ind.kind, decimals: ind.decimals },
      status: chosen,
      statuses: STATUSES.filter((s) => counts.has(s) || s === chosen).map((s) => ({
        status: s,
        count: counts.get(s) ?? 0,
      })),
      regions: this.catalogue
        .regions()
        .map((r) => ({ name: r.name, level: r.level, hasData: withData.has(r.name) })),
      periods: [...periods.values()]
        .sort((a, b) => a.start - b.start || a.end - b.end || a.key.localeCompare(b.key))
        .map(({ key, label }) => ({ key, label })),
      cells: rows.map(cellOf),
    };
  }

  private locate(indicator: string, region: string, period: string, status?: string) {
    const ind = this.catalogue.indicator(indicator);
    const reg = this.catalogue.region(region);
    const per = parsePeriod(period);
    const st = statusOf(status);
    return { ind, reg, per, st, existing: this.store.find(ind.id, reg.id, per.key, st) };
  }

  /**
   * Sets one cell. `value` is a number, a structure ratio as text (12.5:44.2:43.3) or null to clear a
   * cell that was never revised (clearing a revised value would erase its history, so it is refused).
   */
  set(input: {
    indicator: string;
    region: string;
    period: string;
    status?: string;
    value: number | string | null;
    reason?: string;
  }): {
    outcome: 'added' | 'revised' | 'unchanged' | 'removed';
    cell: GridCell | null;
    previous: GridCell | null;
  } {
    const { ind, reg, per, st, existing } = this.locate(
      input.indicator,
      input.region,
      input.period,
      input.status,
    );
    const previous = existing ? cellOf(existing) : null;
    if (input.value === null || input.value === '') {
      if (!existing) return { outcome: 'unchanged', cell: null, previous };
      if (existing.revision > 0) {
        throw new InputError(
          `「${ind.name}」${reg.name} ${per.label} 已有 ${existing.revision} 次修订记录，不能清空；可改为其他数值。`,
        );
      }
      this.db.prepare('DELETE FROM observations WHERE id = ?').run(existing.id);
      return { outcome: 'removed', cell: null, previous };
    }
    let value: number | null = null;
    let textValue: string | null = null;
    if (typeof input.value === 'number') {
      if (!Number.isFinite(input.value)) throw new InputError('数值应是有限的数字');
      value = input.value;
    } else {
      const t = input.value.trim();
      if (ind.kind !== 'structure' || !/^\d+(\.\d+)?([:：]\d+(\.\d+)?)+$/.test(t)) {
        throw new InputError(
          ind.kind === 'structure'
            ? `「${t}」不是结构比：应写作 12.5:44.2:43.3`
            : `「${t}」不是数字：请输入如 1594.98 的数值`,
        );
      }
      textValue = t.replace(/：/g, ':');
    }
    const outcome = this.db.transaction(() =>
      this.store.upsert(
        {
          indicatorId: ind.id,
          regionId: reg.id,
          period: per,
          status: st,
          value,
          textValue,
          unit: existing?.unit ?? ind.unit,
          qualifier: existing?.qualifier ?? null,
          source: existing ? undefined : '手工录入',
        },
        { reason: input.reason?.trim() || '在数据表中修改' },
      ),
    )();
    const now = this.store.find(ind.id, reg.id, per.key, st);
    return { outcome, cell: now ? cellOf(now) : null, previous };
  }

  /** The cell as it is now and every revision it went through, oldest first. */
  history(input: { indicator: string; region: string; period: string; status?: string }) {
    const { ind, reg, per, existing } = this.locate(
      input.indicator,
      input.region,
      input.period,
      input.status,
    );
    return {
      indicator: ind.name,
      region: reg.name,
      period: per.label,
      cell: existing ? cellOf(existing) : null,
      revisions: existing ? this.store.history(existing.id) : [],
    };
  }
}

import type { Db } from '../db/connection';
import { parsePeriod, type Period } from './periods';

export type Status = '' | '初步核算' | '最终核实' | '预计' | '目标';
export const STATUSES: Status[] = ['', '初步核算', '最终核实', '预计', '目标'];

export interface ObservationInput {
  indicatorId: number;
  regionId: number;
  period: Period;
  status: Status;
  value: number | null;
  /** For values that are not one number: structure ratios such as 12.5:44.2:43.3. */
  textValue?: string | null;
  unit: string;
  qualifier?: string | null;
  attribute?: '预期性' | '约束性' | null;
  source?: string | null;
  sourceFile?: string | null;
  sourceText?: string | null;
  note?: string | null;
}

export interface Observation {
  id: number;
  indicatorId: number;
  indicator: string;
  indicatorCode: string;
  regionId: number;
  region: string;
  period: string;
  periodLabel: string;
  periodKind: string;
  status: Status;
  value: number | null;
  textValue: string | null;
  unit: string;
  qualifier: string | null;
  attribute: string | null;
  source: string | null;
  sourceText: string | null;
  note: string | null;
  revision: number;
  updatedAt: string;
}

export interface Revision {
  revision: number;
  oldValue: number | null;
  newValue: number | null;
  oldText: string | null;
  newText: string | null;
  changedAt: string;
  reason: string | null;
  sourceFile: string | null;
}

export type UpsertOutcome = 'added' | 'revised' | 'unchanged';

const SELECT = `
  SELECT o.id, o.indicator_id AS indicatorId, i.name AS indicator, i.code AS indicatorCode,
         o.region_id AS regionId, r.name AS region, o.period, p.label AS periodLabel, p.kind AS periodKind,
         o.status, o.value, o.text_value AS textValue, o.unit, o.qualifier, o.attribute,
         s.name AS source, o.source_text AS sourceText, o.note, o.revision, o.updated_at AS updatedAt
  FROM observations o
  JOIN indicators i ON i.id = o.indicator_id
  JOIN regions r ON r.id = o.region_id
  JOIN periods p ON p.key = o.period
  LEFT JOIN sources s ON s.id = o.source_id`;

export interface SeriesQuery {
  indicatorId: number;
  regionId?: number;
  from?: string;
  to?: string;
  status?: Status;
}

/** Observations and their revisions. A changed value is always recorded as a revision, never overwritten. */
export class ObservationStore {
  constructor(private readonly db: Db) {}

  ensurePeriod(p: Period): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO periods (key, kind, start_year, end_year, sub, label) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(p.key, p.kind, p.startYear, p.endYear, p.sub, p.label);
  }

  ensureSource(name: string, file: string | null = null): number {
    this.db.prepare('INSERT OR IGNORE INTO sources (name, file) VALUES (?, ?)').run(name, file);
    return (this.db.prepare('SELECT id FROM sources WHERE name = ?').get(name) as { id: number }).id;
  }

  find(indicatorId: number, regionId: number, period: string, status: Status = ''): Observation | null {
    return (
      (this.db
        .prepare(`${SELECT} WHERE o.indicator_id = ? AND o.region_id = ? AND o.period = ? AND o.status = ?`)
        .get(indicatorId, regionId, period, status) as Observation | undefined) ?? null
    );
  }

  /** Adds an observation, or records a revision when the value differs from the stored one. */
  upsert(input: ObservationInput, why: { reason?: string; file?: string } = {}): UpsertOutcome {
    this.ensurePeriod(input.period);
    const sourceId = input.source ? this.ensureSource(input.source, input.sourceFile ?? null) : null;
    const existing = this.find(input.indicatorId, input.regionId, input.period.key, input.status);
    if (!existing) {
      this.db
        .prepare(
          `INSERT INTO observations (indicator_id, region_id, period, status, value, text_value, unit, qualifier,
             attribute, source_id, source_text, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.indicatorId,
          input.regionId,
          input.period.key,
          input.status,
          input.value,
          input.textValue ?? null,
          input.unit,
          input.qualifier ?? null,
          input.attribute ?? null,
          sourceId,
          input.sourceText ?? null,
          input.note ?? null,
        );
      return 'added';
    }
    const sameValue =
      existing.value === input.value && (existing.textValue ?? null) === (input.textValue ?? null);
    if (sameValue) return 'unchanged';
    const revision = existing.revision + 1;
    this.db
      .prepare(
        `INSERT INTO revisions (observation_id, revision, old_value, new_value, old_text, new_text, reason, source_file)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        existing.id,
        revision,
        existing.value,
        input.value,
        existing.textValue,
        input.textValue ?? null,
        why.reason ?? null,
        why.file ?? null,
      );
    this.db
      .prepare(
        `UPDATE observations SET value = ?, text_value = ?, unit = ?, qualifier = ?, attribute = COALESCE(?, attribute),
           source_id = COALESCE(?, source_id), source_text = COALESCE(?, source_text), note = COALESCE(?, note),
           revision = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
         WHERE id = ?`,
      )
      .run(
        input.value,
        input.textValue ?? null,
        input.unit,
        input.qualifier ?? null,
        input.attribute ?? null,
        sourceId,
        input.sourceText ?? null,
        input.note ?? null,
        revision,
        existing.id,
      );
    return 'revised';
  }

  /** A series ordered by period; `from`/`to` are period strings as users write them. */
  series(q: SeriesQuery): Observation[] {
    const where = ['o.indicator_id = @indicatorId'];
    const params: Record<string, unknown> = { indicatorId: q.indicatorId };
    if (q.regionId !== undefined) {
      where.push('o.region_id = @regionId');
      params.regionId = q.regionId;
    }
    if (q.status !== undefined) {
      where.push('o.status = @status');
      params.status = q.status;
    }
    if (q.from) {
      where.push('p.start_year >= @from');
      params.from = parsePeriod(q.from).startYear;
    }
    if (q.to) {
      where.push('p.end_year <= @to');
      params.to = parsePeriod(q.to).endYear;
    }
    return this.db
      .prepare(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.start_year, p.end_year, p.kind, p.sub, o.status, r.id`,
      )
      .all(params) as Observation[];
  }

  history(observationId: number): Revision[] {
    return this.db
      .prepare(
        `SELECT revision, old_value AS oldValue, new_value AS newValue, old_text AS oldText, new_text AS newText,
                changed_at AS changedAt, reason, source_file AS sourceFile
         FROM revisions WHERE observation_id = ? ORDER BY revision`,
      )
      .all(observationId) as Revision[];
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n;
  }
}

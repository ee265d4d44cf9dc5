/**
 * Briefings composed in the app: stored as the document model, kept in step with the database.
 *
 * A data-bound value in a document carries the provenance (indicator, region, period, revision) it was
 * taken from. `ValueChecker` compares that with the database and, for a value that changed, words the
 * current value the way the document worded the old one:
 *   - a value inserted in the editor carries `expr`, a template expression (growth("…", "2020", "咸宁市"))
 *     that is simply evaluated again;
 *   - a value composed from a template carries `ref`, its ordinal among the template's values, and is
 *     taken from the template composed again (checked against its provenance);
 *   - otherwise the old number in the text is replaced by the new one, when it can be found.
 * The wording itself always comes from the template language (doc/wording), never from here.
 */
import type { ChartSeries, ChartSpec, ChartType } from './chart/spec';
import type { Db } from './db/connection';
import { composeBriefing } from './briefing';
import { Catalogue, NotFoundError } from './data/catalogue';
import { runChecks, type FigureRef } from './data/checks';
import { ObservationStore, STATUSES, type Status } from './data/observations';
import { parsePeriod } from './data/periods';
import { DbDataSource } from './data/source';
import {
  collectMissing,
  collectValues,
  type Block,
  type BriefDocument,
  type Inline,
  type Provenance,
  type TableBlock,
  type TableCell,
} from './doc/model';
import { evaluateTemplate } from './doc/template/evaluate';
import { parseTemplate } from './doc/template/parse';
import { formatNumber } from './doc/wording';
import { fontsNeeded, type FontProfile } from './export/docx';
import { missingFonts } from './export/installed-fonts';

// ------------------------------------------------------------------------------------------ types

/** A value run as the editor keeps it: the model's value plus how to word it again. */
export type BoundValue = Extract<Inline, { type: 'value' }> & { expr?: string; ref?: number };

export interface DocumentSummary {
  id: number;
  title: string;
  template: string | null;
  period: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredDocument extends DocumentSummary {
  doc: BriefDocument;
}

export type SaveResult =
  { saved: true; version: number; updatedAt: string } | { saved: false; version: number; updatedAt: string };

interface Row extends DocumentSummary {
  json?: string;
}

const COLUMNS = `id, title, template, period, version, created_at AS createdAt, updated_at AS updatedAt`;

function titleOf(doc: BriefDocument): string {
  const first = doc.blocks.find((b) => b.type === 'title' || (b.type === 'heading' && b.kind === 'question'));
  const fromBlock = first && 'text' in first ? first.text : '';
  return (doc.meta.title || fromBlock || '未命名简报').slice(0, 200);
}

// ------------------------------------------------------------------------------------------ store

export class DocumentStore {
  constructor(private readonly db: Db) {}

  list(): DocumentSummary[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM documents ORDER BY updated_at DESC, id DESC`)
      .all() as Row[];
  }

  get(id: number): StoredDocument {
    const row = this.db.prepare(`SELECT ${COLUMNS}, json FROM documents WHERE id = ?`).get(id) as
      Row | undefined;
    if (!row) throw new NotFoundError(`未找到文档（编号 ${id}）：它可能已被删除。`);
    const { json, ...summary } = row;
    return { ...summary, doc: JSON.parse(json!) as BriefDocument };
  }

  create(doc: BriefDocument): StoredDocument {
    const info = this.db
      .prepare('INSERT INTO documents (title, template, period, json) VALUES (?, ?, ?, ?)')
      .run(titleOf(doc), doc.meta.template || null, doc.meta.period, JSON.stringify(doc));
    return this.get(Number(info.lastInsertRowid));
  }

  /**
   * Saves over version `baseVersion`; if the stored document has moved on since (another window
   * saved), nothing is written and the stored version is returned. `force` saves regardless.
   */
  save(id: number, doc: BriefDocument, baseVersion: number | undefined, force = false): SaveResult {
    return this.db.transaction((): SaveResult => {
      const row = this.db
        .prepare('SELECT version, updated_at AS updatedAt FROM documents WHERE id = ?')
        .get(id) as { version: number; updatedAt: string } | undefined;
      if (!row) throw new NotFoundError(`未找到文档（编号 ${id}）：它可能已被删除。`);
      if (!force && baseVersion !== undefined && baseVersion !== row.version) return { saved: false, ...row };
      this.db
        .prepare(
          `UPDATE documents SET title = ?, period = ?, json = ?, version = version + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
        )
        .run(titleOf(doc), doc.meta.period, JSON.stringify(doc), id);
      const now = this.db
        .prepare('SELECT version, updated_at AS updatedAt FROM documents WHERE id = ?')
        .get(id) as {
        version: number;
        updatedAt: string;
      };
      return { saved: true, ...now };
    })();
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  }
}

// ------------------------------------------------------------------------------------------ walking

/** Every value run of a document in reading order: titles, headings, paragraphs, tables, boxes. */
export function valueRuns(blocks: readonly Block[]): BoundValue[] {
  const out: BoundValue[] = [];
  const runs = (list: Inline[] | undefined) => {
    for (const r of list ?? []) if (r.type === 'value') out.push(r);
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') runs(b.runs);
    else if (b.type === 'table') {
      for (const row of [...b.header, ...b.rows]) for (const c of row) runs(c.runs);
      runs(b.notes);
    } else if (b.type === 'box') out.push(...valueRuns(b.blocks));
    else if ('runs' in b) runs(b.runs);
  }
  return out;
}

/** Numbers each value run of a freshly composed template (`ref`), so it can be worded again later. */
export function annotateRefs(doc: BriefDocument): BriefDocument {
  const copy = structuredClone(doc);
  valueRuns(copy.blocks).forEach((r, i) => (r.ref = i));
  return copy;
}

const provKey = (p: Provenance) => `${p.indicatorCode}|${p.region}|${p.period}|${p.status ?? ''}`;
const signature = (ps: readonly Provenance[]) => ps.map(provKey).join('‖');

// ------------------------------------------------------------------------------------------ documents

export function blankDocument(year: number, title = '未命名简报'): BriefDocument {
  return {
    meta: {
      title,
      author: '',
      date: new Date().toISOString().slice(0, 10),
      template: '',
      period: String(year),
    },
    blocks: [
      { type: 'title', text: title },
      { type: 'paragraph', runs: [] },
    ],
  };
}

export function templateDocument(db: Db, template: string, year?: number, title?: string): BriefDocument {
  const doc = annotateRefs(composeBriefing(db, template, { year }));
  if (title?.trim()) doc.meta.title = title.trim();
  return doc;
}

// ------------------------------------------------------------------------------------------ values

/** Quotes a name or period for an expression: "…" with \" and \\ escaped. */
export function quoteArg(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type ValueForm = 'v' | 'n' | 'growth' | 'points' | 'rank' | 'ratio';

export function valueExpr(q: {
  form: ValueForm;
  indicator: string;
  period: string;
  region: string;
  status?: string;
}): string {
  const status = q.status ? `, status=${quoteArg(q.status)}` : '';
  return `${q.form}(${quoteArg(q.indicator)}, ${quoteArg(q.period)}, ${quoteArg(q.region)}${status})`;
}

/** Evaluates one expression of the template language against the database: a value run or a missing marker. */
export function evaluateExpr(db: Db, expr: string, year: number): Inline {
  const parsed = parseTemplate(`@name 数值\n@period ${year}\np: {${expr}}`);
  const doc = evaluateTemplate(parsed, new DbDataSource(db), { year });
  const block = doc.blocks[0];
  const runs = block && block.type === 'paragraph' ? block.runs : [];
  const run = runs.find((r) => r.type === 'value' || r.type === 'missing');
  if (run?.type === 'value') return { ...run, expr } as BoundValue;
  if (run?.type === 'missing') return run;
  return { type: 'missing', text: `【缺数：${expr}】`, reason: '表达式没有给出数值' };
}

export interface ChipQuery {
  text: string;
  provenance: Provenance[];
  expr?: string;
  ref?: number;
}

export interface ChipChange {
  indicator: string;
  region: string;
  period: string;
  unit: string;
  old: number | null;
  current: number | null;
  oldRevision: number;
  currentRevision: number | null;
}

export interface ChipState {
  /** The database's value differs from the one the chip was taken from. */
  stale: boolean;
  /** Current wording, when stale and it could be worded again; null otherwise. */
  text: string | null;
  provenance: Provenance[];
  changes: ChipChange[];
}

function rewordByNumber(text: string, p: Provenance, current: number): string | null {
  if (p.value === null) return null;
  const variants = [formatNumber(p.value), ...[0, 1, 2, 3].map((d) => formatNumber(p.value!, d))];
  for (const old of [...new Set(variants)].sort((a, b) => b.length - a.length)) {
    const at = text.indexOf(old);
    if (at < 0 || text.indexOf(old, at + 1) >= 0) continue;
    const decimals = old.includes('.') ? old.split('.')[1].length : 0;
    if (current < 0 && /增长|提高|上升|增加/.test(text)) return null; // the sign flips the verb
    return text.slice(0, at) + formatNumber(Math.abs(current), decimals) + text.slice(at + old.length);
  }
  return null;
}

export class ValueChecker {
  private readonly catalogue: Catalogue;
  private readonly store: ObservationStore;
  private readonly composed = new Map<string, BoundValue[] | null>();

  constructor(private readonly db: Db) {
    this.catalogue = new Catalogue(db);
    this.store = new ObservationStore(db);
  }

  /** The observation a provenance points at, as it is now (null when it is gone). */
  current(p: Provenance): Provenance | null {
    const ind = this.catalogue.findIndicator(p.indicatorCode) ?? this.catalogue.findIndicator(p.indicator);
    const reg = this.catalogue.findRegion(p.region);
    if (!ind || !reg) return null;
    let key: string;
    try {
      key = parsePeriod(p.period).key;
    } catch {
      return null;
    }
    const status = (p.status ?? '') as Status;
    if (!STATUSES.includes(status)) return null;
    const o = this.store.find(ind.id, reg.id, key, status);
    if (!o) return null;
    return {
      indicatorCode: ind.code,
      indicator: ind.name,
      region: reg.name,
      period: o.periodLabel,
      value: o.value,
      unit: o.unit,
      status: o.status || null,
      source: o.source,
      revision: o.revision,
    };
  }

  private composedRuns(template: string, period: string): BoundValue[] | null {
    const key = `${template}|${period}`;
    if (!this.composed.has(key)) {
      try {
        const year = parsePeriod(period).startYear;
        this.composed.set(key, valueRuns(composeBriefing(this.db, template, { year }).blocks));
      } catch {
        this.composed.set(key, null);
      }
    }
    return this.composed.get(key)!;
  }

  state(chip: ChipQuery, ctx: { template: string; period: string }): ChipState {
    const changes: ChipChange[] = [];
    const now: Provenance[] = [];
    for (const p of chip.provenance) {
      const c = this.current(p);
      if (c) now.push(c);
      if (!c || c.revision !== p.revision || c.value !== p.value) {
        changes.push({
          indicator: p.indicator,
          region: p.region,
          period: p.period,
          unit: p.unit,
          old: p.value,
          current: c?.value ?? null,
          oldRevision: p.revision,
          currentRevision: c?.revision ?? null,
        });
      }
    }
    if (changes.length === 0) return { stale: false, text: null, provenance: chip.provenance, changes };
    let text: string | null = null;
    let provenance = now;
    let year = Number.parseInt(ctx.period, 10);
    if (!Number.isFinite(year)) year = new Date().getFullYear();
    if (chip.expr) {
      try {
        const run = evaluateExpr(this.db, chip.expr, year);
        if (run.type === 'value') {
          text = run.text;
          provenance = run.provenance;
        }
      } catch {
        text = null;
      }
    } else if (chip.ref !== undefined && ctx.template) {
      const runs = this.composedRuns(ctx.template, ctx.period);
      const sig = signature(chip.provenance);
      const match =
        runs?.[chip.ref] && signature(runs[chip.ref].provenance) === sig ? runs[chip.ref] : undefined;
      const found = match ?? runs?.find((r) => signature(r.provenance) === sig);
      if (found) {
        text = found.text;
        provenance = found.provenance;
      }
    }
    if (text === null && chip.provenance.length === 1 && now.length === 1 && now[0].value !== null) {
      text = rewordByNumber(chip.text, chip.provenance[0], now[0].value);
    }
    return { stale: true, text, provenance, changes };
  }
}

// ------------------------------------------------------------------------------------------ figures and tables

export interface DataQuery {
  indicators: string[];
  regions: string[];
  periods: string[];
  status?: string;
}

export interface FigureQuery extends DataQuery {
  type: ChartType;
  title?: string;
}

interface Lookup {
  indicator: string;
  unit: string;
  rows: Map<string, { value: number | null; unit: string; source: string | null; provenance: Provenance }>;
}

function lookupAll(
  db: Db,
  q: DataQuery,
): { data: Lookup[]; regions: string[]; periods: { label: string }[] } {
  const source = new DbDataSource(db);
  const catalogue = new Catalogue(db);
  const regions = (q.regions.length ? q.regions : ['咸宁市']).map((r) => catalogue.region(r).name);
  const periods = q.periods.map((p) => ({ label: parsePeriod(p).label }));
  if (periods.length === 0) throw new NotFoundError('请至少选择一个时期');
  const status = q.status ?? '';
  const data = q.indicators.map((name) => {
    const ind = catalogue.indicator(name);
    const rows: Lookup['rows'] = new Map();
    let unit = ind.unit;
    for (const r of regions)
      for (const p of periods) {
        const d = source.lookup(ind.name, r, p.label, status);
        if (d) {
          unit = d.unit;
          rows.set(`${r}|${p.label}`, {
            value: d.value,
            unit: d.unit,
            source: d.provenance.source,
            provenance: d.provenance,
          });
        }
      }
    return { indicator: ind.name, unit, rows };
  });
  if (data.length === 0) throw new NotFoundError('请至少选择一个指标');
  return { data, regions, periods };
}

function sourcesNote(data: Lookup[]): string | undefined {
  const names = [
    ...new Set(
      data.flatMap((d) => [...d.rows.values()].map((r) => r.source).filter((s): s is string => !!s)),
    ),
  ];
  return names.length ? `资料来源：${names.slice(0, 3).join('；')}` : undefined;
}

/**
 * A figure from the database. Several regions at one period put the regions on the axis (rankings,
 * comparisons); otherwise the periods are the axis and each indicator (× region) is a series.
 */
export function buildFigure(db: Db, q: FigureQuery): { chart: ChartSpec; caption: string; missing: number } {
  const { data, regions, periods } = lookupAll(db, q);
  const byRegion = regions.length > 1 && periods.length === 1;
  const pieLike = q.type === 'pie' || q.type === 'ring';
  let categories: string[];
  let series: ChartSeries[];
  let missing = 0;
  const get = (d: Lookup, r: string, p: string) => {
    const v = d.rows.get(`${r}|${p}`)?.value ?? null;
    if (v === null) missing++;
    return v;
  };
  if (pieLike && data.length > 1) {
    // Shares of several indicators (the structure of a total) at one region and period.
    categories = data.map((d) => d.indicator);
    series = [
      {
        name: periods[0].label,
        values: data.map((d) => get(d, regions[0], periods[0].label)),
        unit: data[0].unit,
      },
    ];
  } else if (byRegion || (pieLike && regions.length > 1)) {
    categories = regions;
    series = data.map((d) => ({
      name: d.indicator,
      values: regions.map((r) => get(d, r, periods[0].label)),
      unit: d.unit,
    }));
  } else {
    categories = periods.map((p) => (/^\d{4}$/.test(p.label) ? `${p.label}年` : p.label));
    series = data.flatMap((d) =>
      regions.map((r) => ({
        name: regions.length > 1 ? `${r}${data.length > 1 ? d.indicator : ''}` : d.indicator,
        values: periods.map((p) => get(d, r, p.label)),
        unit: d.unit,
      })),
    );
  }
  if (q.type === 'bar-line') {
    series = series.map((s, i) => ({ ...s, axis: i > 0 ? 1 : 0, as: i > 0 ? 'line' : 'bar' }));
  }
  const units = [...new Set(series.map((s) => s.unit))];
  const chart: ChartSpec = {
    type: q.type,
    title: q.title ?? '',
    categories,
    series,
    axisNames: units,
    source: sourcesNote(data),
  };
  const where = regions.length === 1 ? regions[0] : '';
  const when =
    periods.length === 1 ? periods[0].label : `${periods[0].label}—${periods[periods.length - 1].label}`;
  const year = /^\d{4}(—\d{4})?$/.test(when) ? `${when}年` : /^\d/.test(when) ? when : '';
  const caption = `${year}${where}${data.map((d) => d.indicator).join('、')}`;
  return { chart, caption, missing };
}

/** A table from the database: rows are indicators (× regions), columns the periods; cells are bound values. */
export function buildTable(db: Db, q: DataQuery & { title?: string }): TableBlock & { query: DataQuery } {
  const { data, regions, periods } = lookupAll(db, q);
  const catalogue = new Catalogue(db);
  const text = (t: string, extra: Partial<TableCell> = {}): TableCell => ({
    runs: [{ type: 'text', text: t }],
    ...extra,
  });
  const rows: TableCell[][] = [];
  for (const d of data) {
    const decimals = catalogue.indicator(d.indicator).decimals ?? undefined;
    for (const r of regions) {
      const label = data.length === 1 ? r : regions.length === 1 ? d.indicator : `${d.indicator}（${r}）`;
      const cells = periods.map((p): TableCell => {
        const hit = d.rows.get(`${r}|${p.label}`);
        if (!hit || hit.value === null) return text('—', { align: 'center' });
        return {
          runs: [{ type: 'value', text: formatNumber(hit.value, decimals), provenance: [hit.provenance] }],
          align: 'right',
        };
      });
      rows.push([text(label, { align: 'left' }), text(d.unit, { align: 'center' }), ...cells]);
    }
  }
  const n = periods.length;
  const unitW = 20;
  const periodW = Math.max(16, Math.min(26, Math.floor((156 - unitW - 40) / n)));
  const firstW = 156 - unitW - periodW * n;
  const headLabel = data.length === 1 ? '地区' : '指标';
  return {
    type: 'table',
    title: q.title ?? (data.length === 1 ? `${data[0].indicator}` : '主要指标'),
    widthsMm: [firstW, unitW, ...periods.map(() => periodW)],
    header: [
      [
        text(headLabel, { align: 'center', bold: true }),
        text('单位', { align: 'center', bold: true }),
        ...periods.map((p) => text(p.label, { align: 'center', bold: true })),
      ],
    ],
    rows,
    rules: 'three-line',
    compact: n > 4,
    query: { indicators: q.indicators, regions: q.regions, periods: q.periods, status: q.status },
  };
}

// ------------------------------------------------------------------------------------------ before export

export interface Preflight {
  stale: { text: string; current: string | null; indicator: string; region: string; period: string }[];
  missing: { text: string; reason: string }[];
  findings: { severity: 'error' | 'warning' | 'info'; message: string }[];
  fonts: { needed: string[]; missing: string[]; checked: boolean };
  figures: number;
  values: number;
}

export function preflight(db: Db, doc: BriefDocument, profile: FontProfile = 'standard'): Preflight {
  const checker = new ValueChecker(db);
  const ctx = { template: doc.meta.template, period: doc.meta.period };
  const runs = valueRuns(doc.blocks);
  const stale: Preflight['stale'] = [];
  for (const r of runs) {
    const s = checker.state(r, ctx);
    if (s.stale) {
      const c = s.changes[0];
      stale.push({
        text: r.text,
        current: s.text,
        indicator: c.indicator,
        region: c.region,
        period: c.period,
      });
    }
  }
  const figures: FigureRef[] = [];
  const seen = new Set<string>();
  for (const p of collectValues(doc.blocks)) {
    const k = provKey(p);
    if (seen.has(k)) continue;
    seen.add(k);
    figures.push({ indicator: p.indicator, region: p.region, period: p.period, status: p.status });
  }
  let findings: Preflight['findings'] = [];
  if (figures.length) {
    try {
      findings = runChecks(db, { figures })
        .findings.filter((f) => f.severity !== 'info')
        .map((f) => ({ severity: f.severity, message: f.message }));
    } catch {
      findings = [];
    }
  }
  const needed = fontsNeeded(profile);
  const fonts = missingFonts(needed);
  const countFigures = (bs: readonly Block[]): number =>
    bs.reduce((n, b) => n + (b.type === 'figure' ? 1 : b.type === 'box' ? countFigures(b.blocks) : 0), 0);
  return {
    stale,
    missing: collectMissing(doc.blocks),
    findings,
    fonts: { needed, ...fonts },
    figures: countFigures(doc.blocks),
    values: runs.length,
  };
}

/** A file name for the export: the title, without characters Windows refuses. */
export function exportFileName(doc: BriefDocument): string {
  const base =
    titleOf(doc)
      .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
      .trim() || '简报';
  return `${base}${doc.meta.period && !base.includes(doc.meta.period) ? `（${doc.meta.period}）` : ''}.docx`;
}

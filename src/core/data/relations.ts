/**
 * Relations between indicators: what stated figures say about each other. A share with its part and
 * total, the three industries with GDP, a growth with its two levels, a rank with the regions' values.
 * The catalogue declares them once (per indicator, optionally for one region or period); `brief check`
 * recomputes each from the data (derive.ts, checks.ts). Declaring or checking a relation never changes
 * an observation.
 *
 * Relations file (resources/demo/relations.tsv, UTF-8, tab-separated, `#` starts a comment line):
 *   kind  target  operands  region  period  decimals  definitions  options  note
 * - kind: sum 合计 · share 占比 · growth 增速 · cagr 年均增速 · difference 差值 · ratio 比值 ·
 *   structure 结构 · per_capita 人均 · rank 排位;
 * - operands: indicator names separated by `|`; `名称@基期` (the year before the target period starts),
 *   `名称@末期` (its last year) or `名称@2020` take the operand from another period;
 * - region, period: empty = every region / period where the target has a figure;
 * - decimals: decimals the target is stated to (default: as stored); definitions: 同口径 (default) or
 *   口径可能不同; options: `order=asc`, `regions=黄冈市,荆州市`, `complete=yes` (rank).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connection';
import { resourcesDir } from '../resources';
import { Catalogue, NotFoundError, type Indicator } from './catalogue';
import { ObservationStore } from './observations';
import { parsePeriod, PeriodError } from './periods';

export const RELATION_KINDS = [
  'sum',
  'share',
  'growth',
  'cagr',
  'difference',
  'ratio',
  'structure',
  'per_capita',
  'rank',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** How the reports name each kind (for messages and for relation files written in Chinese). */
export const KIND_LABELS: Record<RelationKind, string> = {
  sum: '合计',
  share: '占比',
  growth: '增速',
  cagr: '年均增速',
  difference: '差值',
  ratio: '比值',
  structure: '结构',
  per_capita: '人均',
  rank: '排位',
};

/**
 * Which period an operand is read at, relative to the target figure's period:
 * 'same' (default), 'base' (the year before the target period starts; for a half-year, quarter or
 * month the same part of the previous year), 'end' (the last year of the target period), or a fixed
 * period key ("2020").
 */
export type OperandAt = 'same' | 'base' | 'end' | (string & {});

export type Definitions = 'same' | 'may-differ';

export interface RelationOptions {
  /** rank: 'desc' (default; the largest is 第1位) or 'asc'. */
  order?: 'desc' | 'asc';
  /** rank: the regions ranked; default the regions sharing the target region's parent. */
  regions?: string[];
  /** rank: the regions listed (or the siblings) are all there are, so the rank is exact, not a bound. */
  complete?: boolean;
}

export interface RelationOperand {
  indicatorId: number;
  indicator: string;
  unit: string;
  at: OperandAt;
  regionId: number | null;
  region: string | null;
}

export interface Relation {
  id: number;
  kind: RelationKind;
  targetId: number;
  target: string;
  targetUnit: string;
  regionId: number | null;
  region: string | null;
  /** Period key, or null for every period. */
  period: string | null;
  decimals: number | null;
  /** Extra absolute tolerance, in the target's unit. */
  tolerance: number | null;
  definitions: Definitions;
  options: RelationOptions;
  note: string | null;
  operands: RelationOperand[];
}

export type OperandInput = string | { indicator: string; at?: string | null; region?: string | null };

export interface RelationInput {
  kind: RelationKind;
  target: string;
  operands: OperandInput[];
  region?: string | null;
  period?: string | null;
  decimals?: number | null;
  tolerance?: number | null;
  definitions?: Definitions;
  options?: RelationOptions | null;
  note?: string | null;
}

/** A relation that cannot be declared as written (wrong number of operands, unknown kind…). */
export class RelationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelationError';
  }
}

/** Fewest and most operands per kind. */
const ARITY: Record<RelationKind, [number, number]> = {
  sum: [2, 50],
  share: [1, 2],
  growth: [1, 2],
  cagr: [1, 2],
  difference: [2, 2],
  ratio: [2, 2],
  structure: [2, 20],
  per_capita: [2, 2],
  rank: [1, 1],
};

const ARITY_HELP: Record<RelationKind, string> = {
  sum: '合计需要至少两个分项',
  share: '占比需要“部分|总数”（或只有部分，总数为未列出的整数）',
  growth: '增速需要一个总量指标（或“基期|末期”两个）',
  cagr: '年均增速需要一个总量指标（或“基期|末期”两个）',
  difference: '差值需要“被减数|减数”两个',
  ratio: '比值需要“分子|分母”两个',
  structure: '结构比需要至少两个分项',
  per_capita: '人均值需要“总量|人数（户数、家数）”两个',
  rank: '排位需要一个用来排序的指标',
};

const KIND_ALIASES: Record<string, RelationKind> = Object.fromEntries([
  ...RELATION_KINDS.map((k) => [k, k]),
  ...Object.entries(KIND_LABELS).map(([k, label]) => [label, k]),
  ['求和', 'sum'],
  ['比重', 'share'],
  ['增长', 'growth'],
  ['年均增长', 'cagr'],
  ['百分点', 'difference'],
  ['倍数', 'ratio'],
  ['户均', 'per_capita'],
  ['平均', 'per_capita'],
  ['排名', 'rank'],
  ['per-capita', 'per_capita'],
]) as Record<string, RelationKind>;

/** Parses a kind written in English or Chinese ("share", "占比"). */
export function parseKind(text: string): RelationKind {
  const k = KIND_ALIASES[text.trim().toLowerCase()] ?? KIND_ALIASES[text.trim()];
  if (!k) {
    throw new RelationError(
      `未知的关系类型「${text}」：可用 ${RELATION_KINDS.map((x) => `${x}（${KIND_LABELS[x]}）`).join('、')}`,
    );
  }
  return k;
}

/** Normalises an operand's `at`: 同期/基期/末期 or a period as users write it. */
export function parseAt(text: string | null | undefined): OperandAt {
  const t = (text ?? '').trim();
  if (t === '' || t === 'same' || t === '同期' || t === '当期') return 'same';
  if (t === 'base' || t === '基期' || t === '上年' || t === '上年同期') return 'base';
  if (t === 'end' || t === '末期' || t === '期末') return 'end';
  return parsePeriod(t).key;
}

interface RelationRow {
  id: number;
  kind: RelationKind;
  targetId: number;
  target: string;
  targetUnit: string;
  regionId: number | null;
  region: string | null;
  period: string | null;
  decimals: number | null;
  tolerance: number | null;
  definitions: Definitions;
  options: string | null;
  note: string | null;
}

interface OperandRow extends RelationOperand {
  relationId: number;
}

/** The relations repository. */
export class Relations {
  private readonly catalogue: Catalogue;
  private readonly store: ObservationStore;

  constructor(private readonly db: Db) {
    this.catalogue = new Catalogue(db);
    this.store = new ObservationStore(db);
  }

  /** Every relation, in the order declared. */
  list(): Relation[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.kind, r.target_id AS targetId, i.name AS target, i.unit AS targetUnit,
                r.region_id AS regionId, g.name AS region, r.period, r.decimals, r.tolerance, r.definitions,
                r.options, r.note
         FROM relations r JOIN indicators i ON i.id = r.target_id LEFT JOIN regions g ON g.id = r.region_id
         ORDER BY r.id`,
      )
      .all() as RelationRow[];
    const operands = new Map<number, RelationOperand[]>();
    for (const o of this.db
      .prepare(
        `SELECT o.relation_id AS relationId, o.indicator_id AS indicatorId, i.name AS indicator, i.unit,
                o.at, o.region_id AS regionId, g.name AS region
         FROM relation_operands o JOIN indicators i ON i.id = o.indicator_id
         LEFT JOIN regions g ON g.id = o.region_id
         ORDER BY o.relation_id, o.position`,
      )
      .all() as OperandRow[]) {
      const { relationId, ...operand } = o;
      operands.set(relationId, [...(operands.get(relationId) ?? []), operand]);
    }
    return rows.map((r) => ({
      ...r,
      options: r.options ? (JSON.parse(r.options) as RelationOptions) : {},
      operands: operands.get(r.id) ?? [],
    }));
  }

  get(id: number): Relation | null {
    return this.list().find((r) => r.id === id) ?? null;
  }

  /** Relations whose target or any operand is one of these indicators. */
  touching(indicatorIds: Iterable<number>): Relation[] {
    const ids = new Set(indicatorIds);
    return this.list().filter((r) => ids.has(r.targetId) || r.operands.some((o) => ids.has(o.indicatorId)));
  }

  /** Resolves names and checks the shape; throws NotFoundError (unknown names) or RelationError. */
  resolve(input: RelationInput): Omit<Relation, 'id'> {
    const kind = parseKind(input.kind);
    const target = this.catalogue.indicator(input.target);
    const [min, max] = ARITY[kind];
    if (input.operands.length < min || input.operands.length > max) {
      throw new RelationError(`${target.name}：${ARITY_HELP[kind]}，现有 ${input.operands.length} 个`);
    }
    let operands = input.operands.map((o) => {
      const spec = typeof o === 'string' ? { indicator: o } : o;
      const indicator: Indicator = this.catalogue.indicator(spec.indicator);
      const region = spec.region ? this.catalogue.region(spec.region) : null;
      return {
        indicatorId: indicator.id,
        indicator: indicator.name,
        unit: indicator.unit,
        at: parseAt(spec.at),
        regionId: region?.id ?? null,
        region: region?.name ?? null,
      };
    });
    if (kind === 'growth' || kind === 'cagr') {
      // One level: read it at the base and at the end of the target period. Two: base and end.
      if (operands.length === 1)
        operands = [
          { ...operands[0], at: 'base' },
          { ...operands[0], at: 'end' },
        ];
      else {
        if (operands[0].at === 'same') operands[0] = { ...operands[0], at: 'base' };
        if (operands[1].at === 'same') operands[1] = { ...operands[1], at: 'end' };
      }
    }
    if (operands.some((o) => o.indicatorId === target.id && o.at === 'same' && o.regionId === null)) {
      throw new RelationError(`${target.name}：关系不能以自身同期的数值计算自身`);
    }
    const region = input.region ? this.catalogue.region(input.region) : null;
    const period = input.period ? parsePeriod(input.period) : null;
    if (
      input.decimals != null &&
      !(Number.isInteger(input.decimals) && input.decimals >= 0 && input.decimals <= 10)
    ) {
      throw new RelationError(`${target.name}：小数位数应是 0…10 的整数，收到 ${input.decimals}`);
    }
    if (input.tolerance != null && !(Number.isFinite(input.tolerance) && input.tolerance >= 0)) {
      throw new RelationError(`${target.name}：容差应是非负数，收到 ${input.tolerance}`);
    }
    const options: RelationOptions = { ...(input.options ?? {}) };
    if (options.order !== undefined && options.order !== 'asc' && options.order !== 'desc') {
      throw new RelationError(`${target.name}：排序只能是 asc 或 desc`);
    }
    if (options.regions) options.regions = options.regions.map((r) => this.catalogue.region(r).name);
    return {
      kind,
      targetId: target.id,
      target: target.name,
      targetUnit: target.unit,
      regionId: region?.id ?? null,
      region: region?.name ?? null,
      period: period?.key ?? null,
      decimals: input.decimals ?? null,
      tolerance: input.tolerance ?? null,
      definitions: input.definitions ?? 'same',
      options,
      note: input.note?.trim() || null,
      operands,
    };
  }

  /** Declares a relation. */
  add(input: RelationInput): Relation {
    const r = this.resolve(input);
    return this.db.transaction(() => {
      if (r.period) this.store.ensurePeriod(parsePeriod(r.period));
      const info = this.db
        .prepare(
          `INSERT INTO relations (kind, target_id, region_id, period, decimals, tolerance, definitions, options, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          r.kind,
          r.targetId,
          r.regionId,
          r.period,
          r.decimals,
          r.tolerance,
          r.definitions,
          Object.keys(r.options).length ? JSON.stringify(r.options) : null,
          r.note,
        );
      const id = Number(info.lastInsertRowid);
      const addOperand = this.db.prepare(
        'INSERT INTO relation_operands (relation_id, position, indicator_id, at, region_id) VALUES (?, ?, ?, ?, ?)',
      );
      r.operands.forEach((o, i) => addOperand.run(id, i, o.indicatorId, o.at, o.regionId));
      return { ...r, id };
    })();
  }

  /** Declares a relation unless the same one (kind, target, scope and operands) is already declared. */
  ensure(input: RelationInput): { relation: Relation; added: boolean } {
    const r = this.resolve(input);
    const same = this.list().find((x) => sameRelation(x, r));
    return same ? { relation: same, added: false } : { relation: this.add(input), added: true };
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM relations WHERE id = ?').run(id).changes > 0;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM relations').get() as { n: number }).n;
  }
}

function sameRelation(a: Omit<Relation, 'id'>, b: Omit<Relation, 'id'>): boolean {
  return (
    a.kind === b.kind &&
    a.targetId === b.targetId &&
    a.regionId === b.regionId &&
    a.period === b.period &&
    a.operands.length === b.operands.length &&
    a.operands.every(
      (o, i) =>
        o.indicatorId === b.operands[i].indicatorId &&
        o.at === b.operands[i].at &&
        o.regionId === b.operands[i].regionId,
    )
  );
}

// ---------------------------------------------------------------------------------------------
// Relation files

export interface ParsedRelation extends RelationInput {
  /** 1-based line in the file, for messages. */
  line: number;
}

const COLUMNS = [
  'kind',
  'target',
  'operands',
  'region',
  'period',
  'decimals',
  'definitions',
  'options',
  'note',
];
const COLUMN_LABELS: Record<string, string> = {
  kind: '类型',
  target: '指标',
  operands: '运算数',
  region: '地区',
  period: '时间',
  decimals: '小数位',
  definitions: '口径',
  options: '选项',
  note: '说明',
};

function parseOptions(text: string): RelationOptions {
  const out: RelationOptions = {};
  for (const part of text.split(/[;；]/)) {
    if (!part.trim()) continue;
    const m = part.match(/^\s*(\w+)\s*=\s*(.*?)\s*$/);
    if (!m) throw new RelationError(`选项「${part.trim()}」应写作 键=值`);
    const [, key, value] = m;
    if (key === 'order') {
      if (value !== 'asc' && value !== 'desc')
        throw new RelationError(`order 只能是 asc 或 desc：「${value}」`);
      out.order = value;
    } else if (key === 'regions')
      out.regions = value
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (key === 'complete') out.complete = /^(yes|true|1|是)$/i.test(value);
    else throw new RelationError(`未知的选项「${key}」：可用 order、regions、complete`);
  }
  return out;
}

function parseDefinitions(text: string): Definitions {
  const t = text.trim();
  if (t === '' || t === 'same' || t === '同口径') return 'same';
  if (t === 'may-differ' || t === '口径可能不同' || t === '口径不同') return 'may-differ';
  throw new RelationError(`口径应写作“同口径”或“口径可能不同”：「${text}」`);
}

/**
 * Parses a relations file. Errors name the file, line and column:
 * `relations.tsv：第12行「运算数」列：…`.
 */
export function parseRelationsTsv(text: string, file = 'relations.tsv'): ParsedRelation[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: ParsedRelation[] = [];
  let header: string[] | null = null;
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t');
    if (!header) {
      header = cells.map((c) => c.trim());
      const missing = ['kind', 'target', 'operands'].filter((c) => !header!.includes(c));
      if (missing.length) {
        throw new RelationError(
          `${file}：第${lineNo}行：表头缺少 ${missing.join('、')} 列（应为 ${COLUMNS.join('\t')}）`,
        );
      }
      return;
    }
    const h = header;
    const cell = (name: string) => (h.indexOf(name) >= 0 ? (cells[h.indexOf(name)] ?? '').trim() : '');
    let column = 'kind';
    try {
      const kind = parseKind(cell('kind'));
      column = 'target';
      const target = cell('target');
      if (!target) throw new RelationError('缺少指标名称');
      column = 'operands';
      const operands = cell('operands')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
          const at = s.lastIndexOf('@');
          return at > 0
            ? { indicator: s.slice(0, at).trim(), at: parseAt(s.slice(at + 1)) }
            : { indicator: s };
        });
      column = 'period';
      const period = cell('period') ? parsePeriod(cell('period')).key : null;
      column = 'decimals';
      const decimalsText = cell('decimals');
      if (decimalsText && !/^\d+$/.test(decimalsText))
        throw new RelationError(`小数位应是整数：「${decimalsText}」`);
      column = 'definitions';
      const definitions = parseDefinitions(cell('definitions'));
      column = 'options';
      const options = parseOptions(cell('options'));
      out.push({
        line: lineNo,
        kind,
        target,
        operands,
        region: cell('region') || null,
        period,
        decimals: decimalsText ? Number(decimalsText) : null,
        definitions,
        options,
        note: cell('note') || null,
      });
    } catch (err) {
      if (err instanceof RelationError || err instanceof PeriodError) {
        throw new RelationError(`${file}：第${lineNo}行「${COLUMN_LABELS[column]}」列：${err.message}`);
      }
      throw err;
    }
  });
  return out;
}

/**
 * Declares every relation of a relations file (all or nothing); relations already declared are
 * left alone. Returns how many were added. An unknown indicator or region is an error that names
 * the line.
 */
export function loadRelations(db: Db, text: string, file = 'relations.tsv'): number {
  const parsed = parseRelationsTsv(text, file);
  const relations = new Relations(db);
  let added = 0;
  db.transaction(() => {
    for (const p of parsed) {
      try {
        if (relations.ensure(p).added) added++;
      } catch (err) {
        if (err instanceof NotFoundError || err instanceof RelationError || err instanceof PeriodError) {
          throw new RelationError(`${file}：第${p.line}行：${err.message}`);
        }
        throw err;
      }
    }
  })();
  return added;
}

/** Declares the demo relations shipped in resources/demo/relations.tsv. */
export function loadDemoRelations(db: Db, resources?: string): number {
  const file = join(resourcesDir(resources), 'demo', 'relations.tsv');
  return loadRelations(db, readFileSync(file, 'utf8'), 'relations.tsv');
}

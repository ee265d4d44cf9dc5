/**
 * Resolves parsed rows against the catalogue and the stored observations, then (unless it is a dry
 * run) writes them — all inside one transaction, so an import is all or nothing.
 *
 * Built for speed (100,000 rows in well under two seconds): the catalogue is read once into maps,
 * every statement is prepared once, and the only per-row query is the unique-key lookup of the
 * stored observation.
 */
import type { Db } from '../../db/connection';
import { convertUnit, parseUnit, UnitError } from '../../doc/wording';
import {
  Catalogue,
  closestName,
  nameKey,
  type Indicator,
  type IndicatorKind,
  type Region,
} from '../catalogue';
import type { Status } from '../observations';
import type { Period } from '../periods';
import { failWith, issue, type ImportIssue } from './errors';
import { hasColumn, isRatio, type ParsedFile, type ParsedRow } from './parse';

export interface RevisedEntry {
  indicator: string;
  region: string;
  /** As the reports write it: 2019, 2020年上半年, 2026—2030. */
  period: string;
  status: Status;
  /** The stored value (in the catalogue unit), or the stored text of a structure ratio. */
  old: number | string | null;
  new: number | string | null;
  unit: string;
  row: number;
}

export interface NewIndicator {
  name: string;
  code: string;
  unit: string;
}

export interface NewRegion {
  name: string;
  code: string;
  level: string;
}

export interface ApplyResult {
  added: number;
  revised: RevisedEntry[];
  unchanged: number;
  /** Values converted from the file's unit into the catalogue unit (万元 → 亿元). */
  converted: number;
  newIndicators: NewIndicator[];
  newRegions: NewRegion[];
  warnings: string[];
}

export interface ApplyOptions {
  file: string;
  dryRun: boolean;
  strict: boolean;
}

interface IndicatorRef {
  /** Negative until a new indicator is written. */
  id: number;
  name: string;
  unit: string;
  isNew: boolean;
}

interface RegionRef {
  id: number;
  name: string;
  isNew: boolean;
}

interface Existing {
  id: number;
  value: number | null;
  text_value: string | null;
  unit: string;
  revision: number;
}

interface Write {
  row: ParsedRow;
  indicator: IndicatorRef;
  region: RegionRef;
  value: number | null;
  unit: string;
  existing: Existing | null;
}

/** The kind of a new indicator, from its name and unit (a text value is a structure ratio). */
export function inferKind(name: string, unit: string, text: boolean): IndicatorKind {
  if (text || unit === '比值') return 'structure';
  if (unit === '位') return 'rank';
  if (unit === '个百分点') return 'difference';
  if (unit === '%') return /增速|增长|涨幅|降幅|提高|提升|降低|下降/.test(name) ? 'rate' : 'share';
  if (/^(家|个|人|名|户|所|座|艘|套|件|口|项)$/.test(unit)) return 'count';
  return 'level';
}

/** The level of a new region, from its name: 省, 区 (districts and zones), 县, else a city. */
export function regionLevel(name: string): string {
  if (/(省|自治区)$/.test(name)) return 'province';
  if (/(高新区|开发区|新区|园区|示范区|试验区)$/.test(name)) return 'zone';
  if (/(县|旗)$/.test(name)) return 'county';
  if (/区$/.test(name)) return 'district';
  return 'city';
}

function maxCodeNumber(codes: string[], prefix: string): number {
  let max = 0;
  const re = new RegExp(`^${prefix}(\\d+)$`);
  for (const c of codes) {
    const m = re.exec(c);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** Hands out codes for new regions: R and four digits, above every R code of `regions`, none in use. */
export function newRegionCodes(regions: readonly Region[]): () => string {
  const used = new Set(regions.map((r) => r.code));
  let next = maxCodeNumber([...used], 'R') + 1;
  return () => {
    let code: string;
    do code = `R${String(next++).padStart(4, '0')}`;
    while (used.has(code));
    return code;
  };
}

/** Plans the import and, unless it is a dry run, writes it. Throws ImportError and writes nothing on any problem. */
export function applyImport(db: Db, parsed: ParsedFile, opts: ApplyOptions): ApplyResult {
  const run = () => plan(db, parsed, opts);
  const tx = db.transaction(run);
  return opts.dryRun ? tx.deferred() : tx.immediate();
}

function plan(db: Db, parsed: ParsedFile, opts: ApplyOptions): ApplyResult {
  // Problems the parser found in some rows are reported together with those found here in the others.
  const issues: ImportIssue[] = [...parsed.issues];
  const warnings: string[] = [];
  const catalogue = new Catalogue(db);
  const regions = catalogue.regions();
  const unitHeader = parsed.headers.unit ?? '单位';
  const indicatorHeader = parsed.headers.indicator ?? '指标';
  const regionHeader = parsed.headers.region ?? '地区';

  // ---- names → catalogue entries (new ones planned in memory)
  const indicatorByText = new Map<string, IndicatorRef>();
  const newIndicatorByKey = new Map<string, IndicatorRef & { code: string; kind: IndicatorKind }>();
  const regionByText = new Map<string, RegionRef>();
  const newRegionByKey = new Map<string, RegionRef & { code: string; level: string }>();
  let nextIndicator = Number(catalogue.nextIndicatorCode().slice(1));
  const nextRegionCode = newRegionCodes(regions);
  let tempId = -1;
  let allIndicatorNames: string[] | null = null;
  let suggestions = 0;

  const resolveIndicator = (r: ParsedRow): IndicatorRef | null => {
    const hit = indicatorByText.get(r.indicator);
    if (hit) return hit.id === 0 ? null : hit;
    const key = nameKey(r.indicator);
    const found: Indicator | null = catalogue.findIndicator(r.indicator);
    let ref: IndicatorRef | undefined = found
      ? { id: found.id, name: found.name, unit: found.unit, isNew: false }
      : newIndicatorByKey.get(key);
    if (!ref) {
      allIndicatorNames ??= catalogue.indicators().flatMap((i) => [i.name, ...i.aliases]);
      const near = suggestions < 20 ? closestName(r.indicator, allIndicatorNames) : null;
      suggestions++;
      // Warn of likely typos only: a longer name that merely contains this one is another indicator.
      const typo = near !== null && Math.abs(near.length - r.indicator.length) <= 2 ? near : null;
      if (opts.strict) {
        issues.push(
          issue(
            r.row,
            indicatorHeader,
            `指标「${r.indicator}」不在指标目录中（严格模式不新建指标）` +
              (near ? `，是否指「${near}」？` : ''),
          ),
        );
        indicatorByText.set(r.indicator, { id: 0, name: r.indicator, unit: r.unit, isNew: true });
        return null;
      }
      let unit: string;
      try {
        unit = parseUnit(r.unit).unit;
      } catch (err) {
        if (!(err instanceof UnitError)) throw err;
        issues.push(issue(r.row, unitHeader, err.message));
        return null; // not remembered: a later row with a good unit creates the indicator
      }
      if (typo)
        warnings.push(`新指标「${r.indicator}」（第${r.row}行）与已有的「${typo}」相近，请确认不是笔误`);
      const created = {
        id: tempId--,
        name: r.indicator,
        unit,
        isNew: true,
        code: `I${String(nextIndicator++).padStart(4, '0')}`,
        kind: inferKind(r.indicator, unit, r.text !== null && isRatio(r.text)),
      };
      newIndicatorByKey.set(key, created);
      ref = created;
    }
    indicatorByText.set(r.indicator, ref);
    return ref;
  };

  const resolveRegion = (r: ParsedRow): RegionRef | null => {
    const hit = regionByText.get(r.region);
    if (hit) return hit.id === 0 ? null : hit;
    const key = nameKey(r.region);
    const found = catalogue.findRegion(r.region);
    let ref: RegionRef | undefined = found
      ? { id: found.id, name: found.name, isNew: false }
      : newRegionByKey.get(key);
    if (!ref) {
      if (opts.strict) {
        const near = closestName(
          r.region,
          regions.map((x) => x.name),
        );
        issues.push(
          issue(
            r.row,
            regionHeader,
            `地区「${r.region}」不在地区目录中（严格模式不新建地区）` + (near ? `，是否指「${near}」？` : ''),
          ),
        );
        regionByText.set(r.region, { id: 0, name: r.region, isNew: true });
        return null;
      }
      const created = {
        id: tempId--,
        name: r.region,
        isNew: true,
        code: nextRegionCode(),
        level: regionLevel(r.region),
      };
      newRegionByKey.set(key, created);
      ref = created;
    }
    regionByText.set(r.region, ref);
    return ref;
  };

  // ---- units: a file's unit is converted into the catalogue unit where that is a change of scale
  const unitProblem = new Map<string, string | null>();
  const checkUnits = (from: string, to: string): string | null => {
    const k = `${from}\u0001${to}`;
    let p = unitProblem.get(k);
    if (p === undefined) {
      try {
        convertUnit(1, from, to);
        p = null;
      } catch (err) {
        if (!(err instanceof UnitError)) throw err;
        p = err.message;
      }
      unitProblem.set(k, p);
    }
    return p;
  };

  // ---- rows
  const find = db.prepare<[number, number, string, string], Existing>(
    'SELECT id, value, text_value, unit, revision FROM observations WHERE indicator_id = ? AND region_id = ? AND period = ? AND status = ?',
  );
  const seen = new Map<string, { row: number; value: number | null; text: string | null }>();
  const writes: Write[] = [];
  const revised: RevisedEntry[] = [];
  let unchanged = 0;
  let converted = 0;
  let duplicates = 0;

  for (const r of parsed.rows) {
    const indicator = resolveIndicator(r);
    const region = resolveRegion(r);
    if (!indicator || !region) continue;

    let value = r.value;
    let unit = r.unit;
    if (unit !== indicator.unit) {
      const problem = checkUnits(unit, indicator.unit);
      const sameUnit = problem === null && parseUnit(unit).unit === parseUnit(indicator.unit).unit;
      if (problem !== null) {
        issues.push(
          issue(r.row, unitHeader, `${problem}（指标「${indicator.name}」的单位是「${indicator.unit}」）`),
        );
        continue;
      }
      if (r.text !== null && !sameUnit) {
        issues.push(
          issue(
            r.row,
            unitHeader,
            `「${r.text}」是${isRatio(r.text) ? '比值' : '文字'}，不能从「${unit}」换算为指标「${indicator.name}」的单位「${indicator.unit}」`,
          ),
        );
        continue;
      }
      if (value !== null && !sameUnit) {
        value = convertUnit(value, unit, indicator.unit);
        converted++;
      }
      unit = indicator.unit;
    }

    const key = `${indicator.id}\u0001${region.id}\u0001${r.period.key}\u0001${r.status}`;
    const dup = seen.get(key);
    if (dup) {
      if (dup.value !== value || dup.text !== r.text) {
        issues.push(
          issue(
            r.row,
            r.valueColumn,
            `与第${dup.row}行是同一条数据（指标、地区、时间、状态都相同），数值却不同（${dup.value ?? dup.text} 与 ${value ?? r.text}）`,
          ),
        );
      } else if (duplicates++ < 5) warnings.push(`第${r.row}行与第${dup.row}行完全相同，只导入一次`);
      continue;
    }
    seen.set(key, { row: r.row, value, text: r.text });

    const existing =
      indicator.id > 0 && region.id > 0
        ? (find.get(indicator.id, region.id, r.period.key, r.status) ?? null)
        : null;
    if (existing) {
      let old = existing.value;
      if (old !== null && existing.unit !== unit && checkUnits(existing.unit, unit) === null)
        old = convertUnit(old, existing.unit, unit);
      if (old === value && (existing.text_value ?? null) === r.text && (old !== null || r.text !== null)) {
        unchanged++;
        continue;
      }
      revised.push({
        indicator: indicator.name,
        region: region.name,
        period: r.period.label,
        status: r.status,
        old: old ?? existing.text_value,
        new: value ?? r.text,
        unit,
        row: r.row,
      });
    }
    writes.push({ row: r, indicator, region, value, unit, existing });
  }
  if (duplicates > 5) warnings.push(`……另有 ${duplicates - 5} 行重复，均只导入一次`);
  if (issues.length > 0) failWith(opts.file, issues);

  const result: ApplyResult = {
    added: writes.length - revised.length,
    revised,
    unchanged,
    converted,
    newIndicators: [...newIndicatorByKey.values()].map((i) => ({ name: i.name, code: i.code, unit: i.unit })),
    newRegions: [...newRegionByKey.values()].map((r) => ({ name: r.name, code: r.code, level: r.level })),
    warnings,
  };
  if (!opts.dryRun) write(db, catalogue, parsed, opts, writes, newIndicatorByKey, newRegionByKey);
  return result;
}

function write(
  db: Db,
  catalogue: Catalogue,
  parsed: ParsedFile,
  opts: ApplyOptions,
  writes: Write[],
  newIndicators: Map<string, IndicatorRef & { code: string; kind: IndicatorKind }>,
  newRegions: Map<string, RegionRef & { code: string; level: string }>,
): void {
  // New catalogue entries get their real ids; the refs the writes hold are updated in place.
  for (const i of newIndicators.values()) {
    i.id = catalogue.addIndicator({
      code: i.code,
      name: i.name,
      unit: i.unit,
      category: null,
      definition: null,
      decimals: null,
      kind: i.kind,
      formula: null,
      aliases: [],
    }).id;
  }
  for (const r of newRegions.values()) {
    r.id = catalogue.addRegion({ code: r.code, name: r.name, parentId: null, level: r.level }).id;
  }

  const periods = new Map<string, Period>();
  const sources = new Map<string, number>();
  for (const w of writes) {
    periods.set(w.row.period.key, w.row.period);
    if (w.row.source) sources.set(w.row.source, 0);
  }
  const addPeriod = db.prepare(
    'INSERT OR IGNORE INTO periods (key, kind, start_year, end_year, sub, label) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const p of periods.values()) addPeriod.run(p.key, p.kind, p.startYear, p.endYear, p.sub, p.label);
  const addSource = db.prepare('INSERT OR IGNORE INTO sources (name) VALUES (?)');
  const sourceId = db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE name = ?');
  for (const name of sources.keys()) {
    addSource.run(name);
    sources.set(name, sourceId.get(name)!.id);
  }

  const insert = db.prepare(
    `INSERT INTO observations (indicator_id, region_id, period, status, value, text_value, unit, qualifier,
       attribute, source_id, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addRevision = db.prepare(
    `INSERT INTO revisions (observation_id, revision, old_value, new_value, old_text, new_text, reason, source_file)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A revised value's provenance is the file: its source (if it names one) replaces the old one, and
  // the old report's wording (source_text) no longer supports the new value. Attribute and note are
  // about the indicator's target rather than the number, and are kept unless the file gives them;
  // the qualifier (超过, 余) is replaced when the file has that column.
  const qualifierColumn = hasColumn(parsed, 'qualifier');
  const update = db.prepare(
    `UPDATE observations SET value = ?, text_value = ?, unit = ?,
       qualifier = CASE WHEN ? THEN ? ELSE qualifier END,
       attribute = COALESCE(?, attribute), source_id = ?, source_text = NULL, note = COALESCE(?, note),
       revision = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = ?`,
  );
  const reason = `导入 ${opts.file}`;
  for (const w of writes) {
    const r = w.row;
    const source = r.source ? sources.get(r.source)! : null;
    if (!w.existing) {
      insert.run(
        w.indicator.id,
        w.region.id,
        r.period.key,
        r.status,
        w.value,
        r.text,
        w.unit,
        r.qualifier,
        r.attribute,
        source,
        r.note,
      );
      continue;
    }
    const e = w.existing;
    const revision = e.revision + 1;
    addRevision.run(e.id, revision, e.value, w.value, e.text_value, r.text, reason, opts.file);
    update.run(
      w.value,
      r.text,
      w.unit,
      qualifierColumn ? 1 : 0,
      r.qualifier,
      r.attribute,
      source,
      r.note,
      revision,
      e.id,
    );
  }
}

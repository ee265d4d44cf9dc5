import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';

export type IndicatorKind =
  'level' | 'rate' | 'share' | 'count' | 'ratio' | 'index' | 'rank' | 'structure' | 'difference';

export interface Indicator {
  id: number;
  code: string;
  name: string;
  unit: string;
  category: string | null;
  definition: string | null;
  decimals: number | null;
  kind: IndicatorKind;
  formula: string | null;
  aliases: string[];
}

export interface Region {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  level: string;
}

export class NotFoundError extends Error {
  constructor(
    message: string,
    readonly suggestion: string | null = null,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Folds the spellings the reports use for the same name: widths of brackets, spaces, quotes. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s“”"‘’']/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toUpperCase();
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest of `names` to `query`, if it is close enough to be worth suggesting. */
export function closestName(query: string, names: string[]): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const n of names) {
    const d = editDistance(nameKey(query), nameKey(n));
    const contains = nameKey(n).includes(nameKey(query)) || nameKey(query).includes(nameKey(n));
    const score = contains ? Math.min(d, 1) : d;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(query.length / 3)) ? best : null;
}

interface IndicatorRow {
  id: number;
  code: string;
  name: string;
  unit: string;
  category: string | null;
  definition: string | null;
  decimals: number | null;
  kind: IndicatorKind;
  formula: string | null;
}

/** The indicator catalogue and the regions: lookup by name, code or alias. */
export class Catalogue {
  /**
   * Lookup maps built from the tables, kept while `stamp` is unchanged: the connection's own writes
   * (total_changes) and other connections' commits (data_version, e.g. a restored backup). Any write
   * through any Catalogue, an import or a restore rebuilds them on the next lookup.
   */
  private cache: {
    stamp: string;
    indicators?: Map<string, Indicator>;
    regions?: { list: Region[]; find: (key: string) => Region | null };
  } | null = null;
  private stampQuery: Statement<[], { changes: number; version: number }> | null = null;

  constructor(private readonly db: Db) {}

  private fresh() {
    this.stampQuery ??= this.db.prepare(
      'SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version',
    );
    const { changes, version } = this.stampQuery.get()!;
    const stamp = `${changes}:${version}`;
    if (this.cache?.stamp !== stamp) this.cache = { stamp };
    return this.cache;
  }

  indicators(search = ''): Indicator[] {
    const rows = this.db.prepare('SELECT * FROM indicators ORDER BY code').all() as IndicatorRow[];
    const aliases = this.aliasMap();
    const all = rows.map((r) => ({ ...r, aliases: aliases.get(r.id) ?? [] }));
    if (!search.trim()) return all;
    const q = nameKey(search);
    return all.filter((i) => [i.name, i.code, ...i.aliases].some((n) => nameKey(n).includes(q)));
  }

  private aliasMap(): Map<number, string[]> {
    const map = new Map<number, string[]>();
    for (const a of this.db
      .prepare('SELECT alias, indicator_id FROM indicator_aliases ORDER BY alias')
      .all() as {
      alias: string;
      indicator_id: number;
    }[]) {
      map.set(a.indicator_id, [...(map.get(a.indicator_id) ?? []), a.alias]);
    }
    return map;
  }

  /** Finds an indicator by name, code or alias (exact after folding widths), or null. */
  findIndicator(query: string): Indicator | null {
    const cache = this.fresh();
    if (!cache.indicators) {
      const index = new Map<string, Indicator>();
      const all = this.indicators();
      // Names win over codes, codes over aliases: insert in reverse order of precedence.
      for (const i of all) for (const a of i.aliases) index.set(nameKey(a), i);
      for (const i of all) index.set(nameKey(i.code), i);
      for (const i of all) index.set(nameKey(i.name), i);
      cache.indicators = index;
    }
    return cache.indicators.get(nameKey(query)) ?? null;
  }

  /** Like findIndicator, but a miss is an error that suggests the nearest name. */
  indicator(query: string): Indicator {
    const found = this.findIndicator(query);
    if (found) return found;
    const all = this.indicators();
    const suggestion = closestName(
      query,
      all.flatMap((i) => [i.name, ...i.aliases]),
    );
    throw new NotFoundError(
      `未找到指标「${query}」` +
        (suggestion ? `，是否指「${suggestion}」？` : '。可用 brief query --list 查看指标目录。'),
      suggestion,
    );
  }

  regions(): Region[] {
    return this.regionIndex().list.map((r) => ({ ...r }));
  }

  /** Finds a region by name, then code, then name without 市/县/区/省 (after folding widths), or null. */
  findRegion(query: string): Region | null {
    const found = this.regionIndex().find(nameKey(query));
    return found ? { ...found } : null;
  }

  private regionIndex() {
    const cache = this.fresh();
    if (!cache.regions) {
      const list = this.db
        .prepare('SELECT id, code, name, parent_id AS parentId, level FROM regions ORDER BY id')
        .all() as Region[];
      const byName = new Map<string, Region>();
      const byCode = new Map<string, Region>();
      const byStem = new Map<string, Region>();
      for (const r of list) {
        const key = nameKey(r.name);
        if (!byName.has(key)) byName.set(key, r);
        if (!byCode.has(nameKey(r.code))) byCode.set(nameKey(r.code), r);
        const stem = key.replace(/[市县区省]$/, '');
        if (!byStem.has(stem)) byStem.set(stem, r);
      }
      cache.regions = {
        list,
        find: (key) => byName.get(key) ?? byCode.get(key) ?? byStem.get(key) ?? null,
      };
    }
    return cache.regions;
  }

  region(query: string): Region {
    const found = this.findRegion(query);
    if (found) return found;
    const suggestion = closestName(
      query,
      this.regions().map((r) => r.name),
    );
    throw new NotFoundError(
      `未找到地区「${query}」` + (suggestion ? `，是否指「${suggestion}」？` : '。'),
      suggestion,
    );
  }

  /** Regions directly under `parent` (the counties of a city). */
  childrenOf(parentId: number): Region[] {
    return this.regions().filter((r) => r.parentId === parentId);
  }

  addIndicator(i: Omit<Indicator, 'id'>): Indicator {
    const info = this.db
      .prepare(
        `INSERT INTO indicators (code, name, unit, category, definition, decimals, kind, formula)
         VALUES (@code, @name, @unit, @category, @definition, @decimals, @kind, @formula)`,
      )
      .run({ ...i });
    const id = Number(info.lastInsertRowid);
    const addAlias = this.db.prepare(
      'INSERT OR IGNORE INTO indicator_aliases (alias, indicator_id) VALUES (?, ?)',
    );
    for (const a of i.aliases) if (a !== i.name) addAlias.run(a, id);
    return { ...i, id };
  }

  addAlias(indicatorId: number, alias: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO indicator_aliases (alias, indicator_id) VALUES (?, ?)')
      .run(alias, indicatorId);
  }

  addRegion(r: Omit<Region, 'id'>): Region {
    const info = this.db
      .prepare('INSERT INTO regions (code, name, parent_id, level) VALUES (?, ?, ?, ?)')
      .run(r.code, r.name, r.parentId, r.level);
    return { ...r, id: Number(info.lastInsertRowid) };
  }

  nextIndicatorCode(): string {
    const row = this.db
      .prepare("SELECT MAX(CAST(SUBSTR(code, 2) AS INTEGER)) AS n FROM indicators WHERE code GLOB 'I[0-9]*'")
      .get() as { n: number | null };
    return `I${String((row.n ?? 0) + 1).padStart(4, '0')}`;
  }
}

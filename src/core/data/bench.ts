/**
 * Data benchmarks (issue 3; wired into `npm run bench`): import of 100,000 observations from CSV,
 * a 30-year series query on a database of one million observations, and how fast that database opens
 * and how big it is. Everything is generated in a temporary directory and removed afterwards.
 * Targets: import < 2 s, query p99 < 1 ms, open < 200 ms, file < 200 MB.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { openStore } from '../db/store';
import { importData } from './import';
import { writeCsv } from './import/csv';
import { ObservationStore } from './observations';
import { parsePeriod } from './periods';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A CSV of indicators × regions × years, as a statistics office would hand it over. */
function makeCsv(indicators: number, regions: number, years: number): { bytes: Buffer; rows: number } {
  const rows: string[][] = [['指标', '地区', '时间', '数值', '单位', '状态', '来源']];
  for (let i = 0; i < indicators; i++)
    for (let r = 0; r < regions; r++)
      for (let y = 0; y < years; y++)
        rows.push([
          `指标${i}`,
          `地区${r}县`,
          String(1980 + y),
          String(((i + 1) * (r + 3) * (y + 7)) / 100),
          '亿元',
          '',
          '统计年鉴',
        ]);
  return { bytes: writeCsv(rows), rows: rows.length - 1 };
}

async function benchImport(dir: string): Promise<Record<string, number>> {
  const { bytes, rows } = makeCsv(100, 20, 50);
  const path = join(dir, 'import.db');
  const { db } = openStore(path, { demo: false });
  try {
    let t = process.hrtime.bigint();
    const dry = await importData(db, { fileName: 'bench.csv', bytes, dryRun: true });
    const dryMs = ms(t);
    t = process.hrtime.bigint();
    const report = await importData(db, { fileName: 'bench.csv', bytes });
    const importMs = ms(t);
    if (report.added !== rows || dry.added !== rows)
      throw new Error(`bench: imported ${report.added} of ${rows}`);
    t = process.hrtime.bigint();
    const again = await importData(db, { fileName: 'bench.csv', bytes });
    const againMs = ms(t);
    if (again.unchanged !== rows) throw new Error('bench: re-import was not all unchanged');
    return {
      import_rows: rows,
      import_csv_mb: round(bytes.length / 1e6),
      import_100k_ms: round(importMs, 0),
      import_100k_dry_run_ms: round(dryMs, 0),
      import_100k_unchanged_ms: round(againMs, 0),
    };
  } finally {
    db.close();
  }
}

/** One million observations written straight through SQL (the import path is measured above). */
function buildMillion(path: string): { indicators: number; regions: number } {
  const { db } = openStore(path, { demo: false });
  const indicators = 500;
  const regions = 40;
  const years = 50;
  db.transaction(() => {
    const addI = db.prepare("INSERT INTO indicators (code, name, unit, kind) VALUES (?, ?, '亿元', 'level')");
    for (let i = 0; i < indicators; i++) addI.run(`I${i}`, `指标${i}`);
    const addR = db.prepare("INSERT INTO regions (code, name, level) VALUES (?, ?, 'county')");
    for (let r = 0; r < regions; r++) addR.run(`R${r}`, `地区${r}`);
    const addP = db.prepare(
      'INSERT INTO periods (key, kind, start_year, end_year, sub, label) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let y = 0; y < years; y++) {
      const p = parsePeriod(1980 + y);
      addP.run(p.key, p.kind, p.startYear, p.endYear, p.sub, p.label);
    }
    const add = db.prepare(
      "INSERT INTO observations (indicator_id, region_id, period, status, value, unit, source_id) VALUES (?, ?, ?, '', ?, '亿元', NULL)",
    );
    for (let i = 1; i <= indicators; i++)
      for (let r = 1; r <= regions; r++)
        for (let y = 0; y < years; y++) add.run(i, r, String(1980 + y), (i * r * (y + 1)) / 100);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { indicators, regions };
}

function benchMillion(dir: string): Record<string, number> {
  const path = join(dir, 'million.db');
  const t = process.hrtime.bigint();
  const { indicators, regions } = buildMillion(path);
  const buildMs = ms(t);
  const sizeMb = statSync(path).size / 1e6;

  const opens: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    const db = openDatabase(path);
    db.prepare('SELECT COUNT(*) FROM indicators').get();
    opens.push(ms(t0));
    db.close();
  }

  const db = openDatabase(path);
  try {
    const count = (db.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n;
    const store = new ObservationStore(db);
    const times: number[] = [];
    let rows = 0;
    for (let k = 0; k < 2000; k++) {
      const indicatorId = 1 + ((k * 7919) % indicators);
      const regionId = 1 + ((k * 104729) % regions);
      const from = 1980 + (k % 20);
      const t0 = process.hrtime.bigint();
      rows = store.series({ indicatorId, regionId, from: String(from), to: String(from + 29) }).length;
      times.push(ms(t0));
      if (rows !== 30) throw new Error(`bench: a 30-year series had ${rows} rows`);
    }
    times.sort((a, b) => a - b);
    return {
      million_observations: count,
      million_build_ms: round(buildMs, 0),
      million_db_mb: round(sizeMb, 1),
      million_open_ms_median: round([...opens].sort((a, b) => a - b)[2]),
      million_open_ms_max: round(Math.max(...opens)),
      series_30y_p50_ms: round(percentile(times, 50), 3),
      series_30y_p99_ms: round(percentile(times, 99), 3),
    };
  } finally {
    db.close();
  }
}

/** Runs the data benchmarks and returns their figures. */
export async function benchData(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'brief-bench-'));
  try {
    return { ...(await benchImport(dir)), ...benchMillion(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Crash tests that really crash (issue 9): `brief import` of 100,000 rows, run as a user runs it (the
// built bin under plain Node), killed with SIGKILL in the middle. Kill points: when the WAL has grown
// past a size (the transaction is writing pages), and at fractions of the measured import time. After
// each kill the database opens, passes PRAGMA integrity_check, and holds all 100,000 rows or none.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/core/db/backup';

const BIN = resolve('bin/brief.js');
const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'brief-crash-import-'));
const csv = join(dir, 'big.csv');
const pristine = join(dir, 'pristine.db');

interface Counts {
  observations: number;
  indicators: number;
  regions: number;
}

function counts(path: string): Counts & { integrity: string } {
  const db = new Database(path);
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      integrity: (db.pragma('integrity_check', { simple: true }) as string) ?? '',
      observations: one('SELECT COUNT(*) FROM observations'),
      indicators: one('SELECT COUNT(*) FROM indicators'),
      regions: one('SELECT COUNT(*) FROM regions'),
    };
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function walSize(db: string): number {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return 0;
  }
}

type KillAt = { walBytes: number } | { afterMs: number } | { afterWalMs: number };

interface Outcome {
  point: string;
  killed: boolean;
  walAtKill: number;
  ms: number;
  /** When the WAL first had content (the write transaction had begun spilling pages), and its largest size. */
  firstWalMs: number | null;
  maxWal: number;
}

function describePoint(at: KillAt): string {
  if ('walBytes' in at) return `WAL ≥ ${at.walBytes} B`;
  if ('afterMs' in at) return `${at.afterMs} ms after start`;
  return `${at.afterWalMs} ms after WAL`;
}

/** Runs the import on `db` and kills it at the given point (null: never; the run is measured). */
async function importAndKill(db: string, at: KillAt | null): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'import', csv, '--db', db], { stdio: 'ignore' });
  let exited = false;
  const done = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  let walAtKill = 0;
  let firstWalMs: number | null = null;
  let maxWal = 0;
  while (!exited) {
    const ms = Date.now() - started;
    const wal = walSize(db);
    maxWal = Math.max(maxWal, wal);
    if (wal > 0 && firstWalMs === null) firstWalMs = ms;
    const due =
      at === null
        ? false
        : 'walBytes' in at
          ? wal >= at.walBytes
          : 'afterMs' in at
            ? ms >= at.afterMs
            : firstWalMs !== null && ms - firstWalMs >= at.afterWalMs;
    if (due) {
      walAtKill = wal;
      child.kill('SIGKILL');
      break;
    }
    if (ms > 60_000) throw new Error('import did not finish in 60 s');
    await sleep(1);
  }
  await done;
  return {
    point: at ? describePoint(at) : 'none',
    killed: child.signalCode === 'SIGKILL',
    walAtKill,
    ms: Date.now() - started,
    firstWalMs,
    maxWal,
  };
}

let before: Counts;
let after: Counts;
let baseline: Outcome;

beforeAll(async () => {
  const lines = ['指标,地区,时间,数值,单位'];
  for (let i = 0; i < 100; i++)
    for (let r = 0; r < 10; r++)
      for (let p = 0; p < 100; p++)
        lines.push(`压力测试指标${i},测试区${r},${1950 + p},${i * 1000 + r * 100 + p},亿元`);
  writeFileSync(csv, lines.join('\n') + '\n');
  expect(lines.length - 1).toBe(ROWS);
  const init = spawnSync(process.execPath, [BIN, 'init', '--demo', '--db', pristine], { encoding: 'utf8' });
  expect(init.status).toBe(0);
  before = counts(pristine);

  // The whole import, undisturbed, watched: how long it takes, when the write transaction starts
  // spilling pages to the WAL, how large the WAL gets, and what "all rows" looks like.
  const full = join(mkdtempSync(join(dir, 'full-')), 'x.db');
  copyFileSync(pristine, full);
  baseline = await importAndKill(full, null);
  after = counts(full);
  expect(after.observations).toBe(before.observations + ROWS);
  expect(baseline.firstWalMs).not.toBeNull();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 in the middle of importing 100,000 rows', () => {
  it('every time: the database opens, passes integrity_check, and holds all rows or none', async () => {
    const wal0 = baseline.firstWalMs!;
    const txMs = baseline.ms - wal0;
    const points: KillAt[] = [
      { afterMs: Math.round(wal0 * 0.5) }, // reading and checking the file, before any write
      { walBytes: 64 * 1024 }, // the transaction has begun writing
      { walBytes: Math.round(baseline.maxWal * 0.5) },
      { walBytes: Math.round(baseline.maxWal * 0.95) }, // about to commit
      { afterWalMs: Math.round(txMs * 0.3) },
      { afterWalMs: Math.round(txMs * 0.7) },
    ];
    const outcomes: string[] = [];
    let n = 0;
    for (const at of points) {
      const run = join(dir, `run-${n++}`);
      mkdirSync(run);
      const db = join(run, 'x.db');
      copyFileSync(pristine, db);
      const o = await importAndKill(db, at);
      const leftWal = walSize(db) > 0;
      // What the app does on the next open: the full check, since a WAL was left behind.
      const prepared = await prepareDatabase(db);
      const c = counts(db);
      expect(c.integrity).toBe('ok');
      const none = c.observations === before.observations && c.indicators === before.indicators;
      const all =
        c.observations === after.observations &&
        c.indicators === after.indicators &&
        c.regions === after.regions;
      expect(none || all, `${o.point}: ${JSON.stringify(c)}`).toBe(true);
      if (leftWal) expect(prepared.checked).toBe('full');
      outcomes.push(
        `${o.point.padEnd(22)} ${o.killed ? `killed at ${o.ms} ms, WAL ${o.walAtKill} B` : `finished before the kill (${o.ms} ms)`}` +
          ` → ${all ? 'all 100,000 rows' : 'no rows'}, integrity ok${leftWal ? ', WAL left: full check on open' : ''}`,
      );
    }
    console.info(
      `import of ${ROWS} rows undisturbed: ${baseline.ms} ms, WAL from ${wal0} ms, up to ${baseline.maxWal} B\n` +
        outcomes.join('\n'),
    );
    // At least the WAL-triggered kills landed inside the import.
    expect(outcomes.filter((o) => o.includes('killed')).length).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('after a kill the import can simply be run again, and completes', async () => {
    const run = join(dir, 'again');
    mkdirSync(run);
    const db = join(run, 'x.db');
    copyFileSync(pristine, db);
    const o = await importAndKill(db, { walBytes: 1024 * 1024 });
    expect(o.killed).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'import', csv, '--db', db], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(counts(db)).toMatchObject({ integrity: 'ok', observations: after.observations });
    expect(existsSync(join(run, 'backups'))).toBe(true);
  }, 120_000);
});

// Crash tests that really crash (issue 9): `brief render … --out target.docx` and `brief export-data`
// killed with SIGKILL while the export is being written over an existing file. The target is always
// byte for byte the old file or a complete new one (a valid zip), never a partial; the only trace of
// the killed write is a hidden, clearly named temp file (.target.docx.PID.hex.tmp), removed by the
// next export to that target.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/brief.js');
const HOLD = resolve('tests/crash/hold-write.mjs');
const dir = mkdtempSync(join(tmpdir(), 'brief-crash-export-'));
const db = join(dir, 'x.db');

/** Figures are cached here, not in the user's application-data folder. */
const env = { ...process.env, BRIEF_CACHE_DIR: join(dir, 'figure-cache') };

function brief(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', timeout: 120_000, env });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `brief` and kills it: when the hold-write hook says the write is halfway (`hold`), or after `ms`. */
async function runAndKill(args: string[], at: { hold: true } | { ms: number }) {
  const mark = join(dir, `mark-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const node = 'hold' in at ? ['--import', HOLD] : [];
  const started = Date.now();
  const child = spawn(process.execPath, [...node, BIN, ...args, '--db', db], {
    stdio: 'ignore',
    env: { ...env, BRIEF_HOLD_WRITE_MARK: 'hold' in at ? mark : '' },
  });
  let exited = false;
  const done = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  while (!exited) {
    if ('hold' in at ? existsSync(mark) : Date.now() - started >= at.ms) {
      child.kill('SIGKILL');
      break;
    }
    if (Date.now() - started > 90_000) throw new Error('no kill point reached in 90 s');
    await sleep(2);
  }
  await done;
  return { killed: child.signalCode === 'SIGKILL', ms: Date.now() - started, pid: child.pid! };
}

function isCompleteZip(bytes: Buffer, entry: string): boolean {
  try {
    return entry in unzipSync(new Uint8Array(bytes));
  } catch {
    return false;
  }
}

const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

beforeAll(() => {
  expect(brief(['init', '--demo']).status).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 in the middle of writing an export over an existing file', () => {
  it('brief render: the old .docx stays whole; the next render replaces it and removes the dead temp file', async () => {
    const target = join(dir, '解读.docx');
    const first = brief(['render', '政府工作报告解读', '--out', target]);
    expect(first.status, first.stderr).toBe(0);
    const old = readFileSync(target);
    expect(isCompleteZip(old, 'word/document.xml')).toBe(true);

    const run = await runAndKill(['render', '政府工作报告解读', '--year', '2019', '--out', target], {
      hold: true,
    });
    expect(run.killed).toBe(true);
    expect(readFileSync(target).equals(old)).toBe(true);
    // The half-written temp file of the killed process: hidden, named after the target and the pid.
    const left = temps();
    expect(left).toEqual([
      expect.stringMatching(new RegExp(`^\\.解读\\.docx\\.${run.pid}\\.[0-9a-f]{12}\\.tmp$`)),
    ]);
    expect(statSync(join(dir, left[0])).size).toBeLessThan(old.length);

    const next = brief(['render', '政府工作报告解读', '--year', '2019', '--out', target]);
    expect(next.status, next.stderr).toBe(0);
    const now = readFileSync(target);
    expect(now.equals(old)).toBe(false);
    expect(isCompleteZip(now, 'word/document.xml')).toBe(true);
    expect(temps()).toEqual([]);
  }, 180_000);

  it('brief render killed at points across its run: always the old file or a complete new one', async () => {
    const target = join(dir, '专题.docx');
    const t = Date.now();
    expect(brief(['render', '专题报道', '--out', target]).status).toBe(0);
    const total = Date.now() - t;
    const old = readFileSync(target);
    const outcomes: string[] = [];
    for (const f of [0.5, 0.8, 0.9, 0.97]) {
      const run = await runAndKill(['render', '专题报道', '--year', '2019', '--out', target], {
        ms: Math.round(total * f),
      });
      const bytes = readFileSync(target);
      const same = bytes.equals(old);
      expect(same || isCompleteZip(bytes, 'word/document.xml')).toBe(true);
      outcomes.push(
        `${Math.round(f * 100)}% (${run.ms} ms): ${run.killed ? 'killed' : 'finished'} → ${same ? 'old file' : 'new complete file'}`,
      );
    }
    console.info(`render takes ${total} ms\n${outcomes.join('\n')}`);
  }, 180_000);

  for (const ext of ['xlsx', 'csv']) {
    it(`brief export-data .${ext}: the old file stays whole`, async () => {
      const target = join(dir, `数据.${ext}`);
      expect(brief(['export-data', '--out', target]).status).toBe(0);
      const old = readFileSync(target);
      const run = await runAndKill(['export-data', '--out', target], { hold: true });
      expect(run.killed).toBe(true);
      expect(readFileSync(target).equals(old)).toBe(true);
      expect(temps()).toHaveLength(1);
      expect(brief(['export-data', '--out', target]).status).toBe(0);
      if (ext === 'xlsx') expect(isCompleteZip(readFileSync(target), 'xl/workbook.xml')).toBe(true);
      expect(temps()).toEqual([]);
    }, 120_000);
  }
});

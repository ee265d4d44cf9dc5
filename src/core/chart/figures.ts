/**
 * Rendering a document's figures: a content-hash cache (memory, and optionally a folder on disk) so an
 * unchanged figure is never drawn twice, and worker threads so the rest use every core.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_DPI, renderFigure, type Figure, type PngOptions } from './render';
import type { ChartSpec } from './spec';

/** Bump when the drawing changes, so cached figures of an older look are not reused. */
const RENDER_VERSION = 1;
const MEMORY_LIMIT = 256;
const memory = new Map<string, Figure>();

export interface FiguresOptions extends PngOptions {
  /** Folder for the on-disk cache (survives restarts and separate `brief render` runs). */
  cacheDir?: string;
  /** Threads to use for figures not in the cache (this one included); default: the cores, at most 4. */
  workers?: number;
  /** The built worker script; default: chart-worker.js beside this module (out/cli, out/main). */
  workerPath?: string;
}

export interface FiguresResult {
  figures: Figure[];
  /** How many came from the cache. */
  cached: number;
}

export function figureKey(spec: ChartSpec, opts: PngOptions = {}): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        v: RENDER_VERSION,
        spec,
        dpi: opts.dpi ?? DEFAULT_DPI,
        title: opts.showTitle ?? false,
      }),
    )
    .digest('hex');
}

function remember(key: string, figure: Figure): void {
  memory.delete(key);
  memory.set(key, figure);
  if (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value!);
}

function fromDisk(dir: string, key: string): Figure | null {
  const meta = join(dir, `${key}.json`);
  if (!existsSync(meta)) return null;
  try {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as Omit<Figure, 'svg' | 'png'>;
    return { ...m, svg: readFileSync(join(dir, `${key}.svg`)), png: readFileSync(join(dir, `${key}.png`)) };
  } catch {
    return null; // a damaged cache entry is simply drawn again
  }
}

function toDisk(dir: string, key: string, f: Figure): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${key}.svg`), f.svg);
    writeFileSync(join(dir, `${key}.png`), f.png);
    const { svg: _svg, png: _png, ...meta } = f;
    // The .json is written last and renamed into place: its presence means the entry is complete.
    writeFileSync(join(dir, `${key}.json.tmp`), JSON.stringify(meta));
    renameSync(join(dir, `${key}.json.tmp`), join(dir, `${key}.json`));
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail an export.
  }
}

/** The built worker beside this module (out/cli, out/main); under vitest (TypeScript) there is none. */
function workerFile(): string | null {
  const file = fileURLToPath(new URL('./chart-worker.js', import.meta.url));
  // In a packaged app the worker is unpacked beside the asar (electron-builder asarUnpack):
  // worker threads cannot load a script from inside the archive.
  const unpacked = file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (unpacked !== file && existsSync(unpacked)) return unpacked;
  return existsSync(file) ? file : null;
}

function revive(f: Figure): Figure {
  return { ...f, svg: Buffer.from(f.svg), png: Buffer.from(f.png) };
}

type Job = { spec: ChartSpec; index: number };
type Reply = { id: number; figure?: Figure; error?: { name: string; message: string } };

/**
 * Worker threads kept for the life of the process (their start-up — loading ECharts, resvg and the
 * font — costs more than a figure), unref'd while idle so they never keep a process alive.
 */
const pool: Worker[] = [];

function poolOf(size: number, file: string): Worker[] {
  while (pool.length < size) {
    const worker = new Worker(file);
    worker.unref();
    worker.once('exit', () => pool.splice(pool.indexOf(worker), 1));
    pool.push(worker);
  }
  return pool.slice(0, size);
}

function renderInWorker(worker: Worker, job: Job, opts: PngOptions): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: Reply) => {
      if (msg.id !== job.index) return;
      done();
      if (msg.error) reject(Object.assign(new Error(msg.error.message), { name: msg.error.name }));
      else resolve(revive(msg.figure!));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.unref();
    };
    worker.ref();
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id: job.index, spec: job.spec, opts });
  });
}

/** One queue, drained by the workers and by this thread too (it would otherwise sit waiting). */
async function renderShared(jobs: Job[], opts: PngOptions, workers: Worker[]): Promise<Map<number, Figure>> {
  const out = new Map<number, Figure>();
  const queue = [...jobs];
  const drain = async (worker: Worker) => {
    for (let job = queue.shift(); job; job = queue.shift())
      out.set(job.index, await renderInWorker(worker, job, opts));
  };
  const running = workers.map(drain);
  for (let job = queue.shift(); job; job = queue.shift()) {
    out.set(job.index, renderFigure(job.spec, opts));
    await new Promise((r) => setImmediate(r)); // let finished workers take the next job
  }
  await Promise.all(running);
  return out;
}

/** Renders every spec (in order), from the cache where it can and in parallel where it must. */
export async function renderFigures(specs: ChartSpec[], opts: FiguresOptions = {}): Promise<FiguresResult> {
  const { cacheDir, workers, workerPath, ...png } = opts;
  const figures: (Figure | undefined)[] = new Array(specs.length);
  const todo: { spec: ChartSpec; index: number; key: string }[] = [];
  let cached = 0;
  specs.forEach((spec, index) => {
    const key = figureKey(spec, png);
    const hit = memory.get(key) ?? (cacheDir ? fromDisk(cacheDir, key) : null);
    if (hit) {
      remember(key, hit);
      figures[index] = hit;
      cached++;
    } else todo.push({ spec, index, key });
  });
  const file = workerPath ?? workerFile();
  const threads = Math.min(workers ?? Math.min(availableParallelism(), 4), todo.length);
  if (file && threads >= 2 && todo.length >= 4) {
    const done = await renderShared(todo, png, poolOf(threads - 1, file));
    for (const t of todo) figures[t.index] = done.get(t.index);
  } else {
    for (const t of todo) figures[t.index] = renderFigure(t.spec, png);
  }
  for (const t of todo) {
    remember(t.key, figures[t.index]!);
    if (cacheDir) toDisk(cacheDir, t.key, figures[t.index]!);
  }
  return { figures: figures as Figure[], cached };
}

export function clearFigureCache(): void {
  memory.clear();
}

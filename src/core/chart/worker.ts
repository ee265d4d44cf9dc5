/** A worker thread that renders figures, so a document's figures use every core (see figures.ts). */
import { parentPort } from 'node:worker_threads';
import { renderFigure, type PngOptions } from './render';
import type { ChartSpec } from './spec';

parentPort?.on('message', (job: { id: number; spec: ChartSpec; opts: PngOptions }) => {
  try {
    const figure = renderFigure(job.spec, job.opts);
    parentPort!.postMessage({ id: job.id, figure });
  } catch (err) {
    parentPort!.postMessage({
      id: job.id,
      error: { name: (err as Error).name, message: (err as Error).message },
    });
  }
});

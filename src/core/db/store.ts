import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDemo } from '../data/demo';
import { resourcesDir } from '../resources';
import { openDatabase, type Db } from './connection';

/** Reads the demo TSV shipped in resources/demo. */
export function demoTsv(resources = resourcesDir()): string {
  return readFileSync(join(resources, 'demo', 'indicators-from-seeds.tsv'), 'utf8');
}

export interface OpenStoreResult {
  db: Db;
  created: boolean;
  demoRows: number;
}

/**
 * Opens the database at `path`; a missing one is created with the demo data (DESIGN §3).
 * `demo: false` creates an empty one instead.
 */
export function openStore(path: string, options: { demo?: boolean } = {}): OpenStoreResult {
  const created = path === ':memory:' || !existsSync(path);
  if (created && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path);
  let demoRows = 0;
  if (created && options.demo !== false) demoRows = loadDemo(db, demoTsv());
  return { db, created, demoRows };
}

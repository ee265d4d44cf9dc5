import fc from 'fast-check';
import Database from 'better-sqlite3';
import { plausibleTable } from '../tests/fuzz/arbitraries';
import { openStore } from '../src/core/db/store';
import { importData } from '../src/core/data/import';
const { db } = openStore(':memory:');
const pristine = db.serialize();
const samples = fc.sample(plausibleTable, 30);
const counts = new Map<string, number>();
for (const rows of samples) {
  const t = new Database(pristine);
  try { await importData(t, { fileName: 'a.csv', bytes: Buffer.from(rows.map((r) => r.join(',')).join('\n')) }); counts.set('ok', (counts.get('ok') ?? 0) + 1); }
  catch (e) { const m = (e as Error).message.split('\n')[0].replace(/第\d+行/, '').slice(0, 80); counts.set(m, (counts.get(m) ?? 0) + 1); }
}
console.log(counts);

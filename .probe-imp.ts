import { readFileSync } from 'node:fs';
import { openStore } from '/work/main/src/core/db/store';
import { importData, summarise, ImportError } from '/work/main/src/core/data/import';
const { db } = openStore(':memory:');
for (const f of process.argv.slice(2)) {
  try {
    const r = await importData(db, { fileName: f.split('/').pop()!, bytes: readFileSync(f), dryRun: false });
    console.log(summarise(r), r.encoding, r.layout);
  } catch (e) { if (e instanceof ImportError) console.log(e.message); else throw e; }
}

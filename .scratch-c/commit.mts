import { readFileSync } from 'node:fs';
import { openStore } from '../src/core/db/store';
import { createService } from '../src/core/service';
import { commitReport, ReportError } from '../src/core/extract/commit';
import { collectValues } from '../src/core/doc/model';
const f = process.argv[2];
const text = readFileSync(f, 'utf8');
const { db } = openStore(':memory:');
const s = createService(db);
const c = s.extractText({ text }).candidates;
let decisions = c.map((x) => ({ start: x.start, end: x.end, accept: true }));
try {
  commitReport(db, { fileName: f.split('/').pop()!, text, decisions });
} catch (e) {
  if (!(e instanceof ReportError)) throw e;
  console.log(e.message.split('\n').slice(0, 8).join('\n'));
  const bad = new Set(e.issues.map((i) => i.start));
  decisions = decisions.filter((d) => !bad.has(d.start));
}
const t0 = Date.now();
const r = commitReport(db, { fileName: f.split('/').pop()!, text, decisions });
console.log('ms', Date.now() - t0, { ...r.report, figures: r.report.figures.length, revised: r.report.revised.length, newIndicators: r.report.newIndicators.length });
console.log('chips', collectValues(r.document.blocks).length, 'accepted', decisions.length);
console.log(JSON.stringify(r.report.revised), JSON.stringify(r.report.figures.filter(f=>f.outcome==='unchanged').slice(0,3)));

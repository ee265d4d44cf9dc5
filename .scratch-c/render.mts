import { readFileSync, writeFileSync } from 'node:fs';
import { openStore } from '../src/core/db/store';
import { createService } from '../src/core/service';
import { renderDocument } from '../src/core/briefing';
const f = process.argv[2];
const text = readFileSync(f, 'utf8');
const { db } = openStore(':memory:');
const s = createService(db);
const c = s.extractText({ text }).candidates;
let decisions = c.map((x) => ({ start: x.start, end: x.end, accept: true }));
let r = s.commitReport({ fileName: f.split('/').pop()!, text, decisions });
if (r.errors.length) {
  const bad = new Set(r.errors.map((e) => e.start));
  decisions = decisions.filter((d) => !bad.has(d.start));
  r = s.commitReport({ fileName: f.split('/').pop()!, text, decisions });
}
console.log(r.errors.length, r.report?.figures.length, r.documentId);
const doc = s.loadDocument({ id: r.documentId! }).doc;
console.log(doc.meta, doc.blocks.length);
const out = await renderDocument(doc, {});
writeFileSync(process.argv[3], out.docx);
console.log('values', out.values, 'missing', out.missing.length);

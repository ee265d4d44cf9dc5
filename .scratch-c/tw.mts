import { readFileSync } from 'node:fs';
import { textToDocument } from '../src/core/extract';
const doc = textToDocument(readFileSync('tests/fixtures/seeds/004_6d3ef805cadc91a0.txt', 'utf8'));
const walk = (bs: any[]): any[] => bs.flatMap((b) => (b.type === 'box' ? walk(b.blocks) : [b]));
for (const t of walk(doc.blocks).filter((b) => b.type === 'table')) console.log(t.widthsMm, t.header[0].map((c: any) => c.runs.map((r: any) => r.text).join('')), t.rows.length);

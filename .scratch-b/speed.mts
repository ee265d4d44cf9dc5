import Database from 'better-sqlite3';
import { openStore } from '../src/core/db/store';
import { importData } from '../src/core/data/import';
import { extractFigures } from '../src/core/extract';
import { parseTemplate } from '../src/core/doc/template/parse';
const { db } = openStore(':memory:');
const buf = db.serialize();
console.log('db bytes', buf.length);
let t = performance.now();
for (let i = 0; i < 200; i++) {
  const d = new Database(buf); d.pragma('foreign_keys = ON');
  const before = d.serialize();
  try { await importData(d, { fileName: 'f.csv', bytes: Buffer.from('指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,1,亿元\nx,y,2019,abc,亿元\n') }); } catch (e) { }
  const after = d.serialize(); if (!after.equals(before)) console.log('changed');
  d.close();
}
console.log('import per case ms', (performance.now() - t) / 200);
const text = '2019年，全市实现地区生产总值1594.98亿元，比上年增长7.9%，增速居全省第3位；城镇化率提高1.2个百分点。咸安区规上工业增加值增长8.5%。';
t = performance.now();
for (let i = 0; i < 1000; i++) extractFigures(text + i, { year: 2019, homeRegion: '咸宁市' });
console.log('extract per case ms', (performance.now() - t) / 1000);
const tpl = '@name 测试\n@period 2020\np: {year}年地区生产总值{v(地区生产总值)}，{growth(地区生产总值增速)}。\nfor c in [咸宁市, 黄冈市]\np: {c}\nend\n';
t = performance.now();
for (let i = 0; i < 1000; i++) { try { parseTemplate(tpl + 'p: ' + i) } catch {} }
console.log('template per case ms', (performance.now() - t) / 1000);

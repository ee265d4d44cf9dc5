import { openStore } from '../src/core/db/store';
import { importData } from '../src/core/data/import';
const { db } = openStore(':memory:');
for (const text of ['指标,地区,时间,数值,单位\n' + '地区生产总值,咸宁市,2019,abc,亿元\n'.repeat(300_000), '指标,地区,时间,数值,单位\n' + '地区生产总值,咸宁市,2019,1,亿元\n'.repeat(300_000)]) {
try { const r = await importData(db, { fileName: 'x.csv', bytes: Buffer.from(text), dryRun: true }); console.log('ok', r.rows); } catch (e) { console.log((e as Error).stack?.split('\n').slice(0, 6).join('\n')); }
}

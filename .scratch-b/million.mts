import { openStore } from '../src/core/db/store';
import { importData } from '../src/core/data/import';
const { db } = openStore(':memory:');
for (const [name, text] of [
  ['million-cols', '指标,地区,时间,数值,单位' + ',x'.repeat(1_000_000) + '\n地区生产总值,咸宁市,2019,1,亿元\n'],
  ['million-cols-data', '指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,1,亿元' + ',1'.repeat(1_000_000) + '\n'],
  ['huge-cell', '指标,地区,时间,数值,单位\n' + '地'.repeat(20_000_000) + ',咸宁市,2019,abc,亿元\n'],
  ['huge-value', '指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,' + '9'.repeat(10_000_000) + ',亿元\n'],
  ['many-rows-bad', '指标,地区,时间,数值,单位\n' + '地区生产总值,咸宁市,2019,abc,亿元\n'.repeat(300_000)],
] as const) {
  const t = performance.now();
  try {
    const r = await importData(db, { fileName: name + '.csv', bytes: Buffer.from(text), dryRun: true });
    console.log(name, 'OK', r.rows, (performance.now() - t).toFixed(0), 'ms');
  } catch (e) {
    console.log(name, (e as Error).name, (performance.now() - t).toFixed(0), 'ms', (e as Error).message.length, (e as Error).message.slice(0, 300));
  }
}

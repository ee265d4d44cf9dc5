import { openStore } from '../src/core/db/store';
import { createService } from '../src/core/service';
import { textToDocument } from '../src/core/extract';
const text = `2019年全市经济运行情况

咸宁市统计局

2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。全市规模以上工业企业达到976家。

一是工业税收增长12.5%。全年工业企业完成税收90.6亿元，占全口径税收的40.1%。

专栏 1：重点项目

产业项目：全年新开工亿元以上项目120个。

指标\t2018年\t2019年\t增长（%）
地区生产总值（亿元）\t1563.4\t1594.98\t8.1
`;
const { db } = openStore(':memory:');
const s = createService(db);
for (const c of s.extractText({ text }).candidates) console.log(JSON.stringify([c.indicator, c.indicatorCode, c.region, c.period, c.value, c.unit, c.text, c.start, c.end]));
console.log(JSON.stringify(textToDocument(text).blocks, null, 0));

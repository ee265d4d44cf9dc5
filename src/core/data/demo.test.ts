import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { resourcesDir } from '../resources';
import { Catalogue } from './catalogue';
import { loadDemo, normaliseDemoName, parseDemoTsv, planIndicatorsTsv } from './demo';
import { ObservationStore } from './observations';

const tsv = readFileSync(join(resourcesDir(), 'demo', 'indicators-from-seeds.tsv'), 'utf8');

function demoDb() {
  const db = openDatabase(':memory:');
  const added = loadDemo(db, tsv);
  return { db, added, catalogue: new Catalogue(db), store: new ObservationStore(db) };
}

describe('normaliseDemoName', () => {
  it('turns notes into data: a plan target is a status, not an indicator', () => {
    expect(normaliseDemoName('常住人口城镇化率目标(专栏1)', '目标')).toMatchObject({
      name: '常住人口城镇化率',
      status: '目标',
      inBox1: true,
    });
    expect(normaliseDemoName('GDP增速(专栏1)', '实际')).toMatchObject({
      name: '地区生产总值增速',
      status: '',
    });
    expect(normaliseDemoName('规上企业数(比较)', '比较')).toMatchObject({
      name: '规上工业企业数',
      status: '',
    });
    expect(normaliseDemoName('城镇登记失业率控制目标', '目标')).toMatchObject({
      name: '城镇登记失业率',
      status: '目标',
    });
    expect(normaliseDemoName('地区生产总值恢复程度', '预计')).toMatchObject({ status: '预计' });
  });
});

describe('loadDemo', () => {
  it('loads every row of the seeds TSV, each with its seed file and exact words', () => {
    const rows = [...parseDemoTsv(tsv), ...parseDemoTsv(planIndicatorsTsv())];
    const { db, added } = demoDb();
    expect(added).toBe(rows.length);
    const withProvenance = db
      .prepare(
        `SELECT COUNT(*) FROM observations o JOIN sources s ON s.id = o.source_id
         WHERE s.file LIKE '00%.txt' AND o.source_text <> ''`,
      )
      .pluck()
      .get();
    expect(withProvenance).toBe(rows.length);
    expect(db.prepare('SELECT COUNT(*) FROM revisions').pluck().get()).toBe(0);
  });

  it('finds indicators by name, code or alias', () => {
    const { catalogue } = demoDb();
    expect(catalogue.indicator('地区生产总值').code).toBe('GDP');
    expect(catalogue.indicator('GDP').name).toBe('地区生产总值');
    expect(catalogue.indicator('地区生产总值(GDP)').name).toBe('地区生产总值');
    expect(catalogue.indicator('地区生产总值（GDP）').name).toBe('地区生产总值');
    expect(() => catalogue.indicator('地区生产总直')).toThrow(
      '未找到指标「地区生产总直」，是否指「地区生产总值」？',
    );
  });

  it('keeps the stated GDP of 2019 with its source words', () => {
    const { catalogue, store } = demoDb();
    const gdp = catalogue.indicator('GDP');
    const [o] = store.series({
      indicatorId: gdp.id,
      regionId: catalogue.region('咸宁市').id,
      from: '2019',
      to: '2019',
    });
    expect(o).toMatchObject({ value: 1594.98, unit: '亿元', sourceText: '咸宁市实现GDP1594.98亿元' });
    expect(o.source).toContain('关于我市工业转型发展的思考');
  });

  it('gives every 专栏1 target its 属性 from the plan table', () => {
    const { db } = demoDb();
    const rows = db
      .prepare(
        `SELECT i.name, o.attribute FROM observations o JOIN indicators i ON i.id = o.indicator_id
         JOIN sources s ON s.id = o.source_id WHERE o.status = '目标' AND o.source_text IS NOT NULL AND s.file LIKE '004%'
         AND o.attribute IS NOT NULL`,
      )
      .all() as { name: string; attribute: string }[];
    const attr = Object.fromEntries(rows.map((r) => [r.name, r.attribute]));
    expect(attr['劳动年龄人口平均受教育年限']).toBe('约束性');
    expect(attr['森林覆盖率']).toBe('约束性');
    expect(attr['粮食综合生产能力']).toBe('约束性');
    expect(attr['常住人口城镇化率']).toBe('预期性');
    expect(attr['地区生产总值年均增速']).toBe('预期性');
    expect(rows.length).toBeGreaterThanOrEqual(14);
  });

  it('puts the peer cities on the same indicator, so they can be compared', () => {
    const { catalogue, store } = demoDb();
    const firms = store.series({
      indicatorId: catalogue.indicator('规上工业企业数').id,
      from: '2019',
      to: '2019',
    });
    expect(firms.map((o) => o.region).sort()).toEqual(
      ['九江市', '咸宁市', '孝感市', '岳阳市', '荆州市', '荆门市', '黄冈市'].sort(),
    );
  });

  it('records a changed value as a revision, never silently', () => {
    const { catalogue, store } = demoDb();
    const gdp = catalogue.indicator('GDP');
    const region = catalogue.region('咸宁市');
    const period = {
      key: '2019',
      kind: 'year' as const,
      startYear: 2019,
      endYear: 2019,
      sub: null,
      label: '2019',
    };
    const base = { indicatorId: gdp.id, regionId: region.id, period, status: '' as const, unit: '亿元' };
    expect(store.upsert({ ...base, value: 1594.98 })).toBe('unchanged');
    expect(store.upsert({ ...base, value: 1600 }, { reason: '最终核实', file: 'x.csv' })).toBe('revised');
    const o = store.find(gdp.id, region.id, '2019')!;
    expect(o).toMatchObject({ value: 1600, revision: 1 });
    expect(store.history(o.id)).toEqual([
      expect.objectContaining({
        revision: 1,
        oldValue: 1594.98,
        newValue: 1600,
        reason: '最终核实',
        sourceFile: 'x.csv',
      }),
    ]);
  });
});

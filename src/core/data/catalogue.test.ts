import { describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { createService } from '../service';
import { Catalogue } from './catalogue';

describe('Catalogue lookups', () => {
  it('see indicators and regions added through another Catalogue', () => {
    const { db } = openStore(':memory:');
    const held = new Catalogue(db);
    expect(held.findIndicator('新奇指标甲')).toBeNull();
    expect(held.findRegion('新奇县')).toBeNull();
    const other = new Catalogue(db);
    other.addIndicator({
      code: other.nextIndicatorCode(),
      name: '新奇指标甲',
      unit: '亿元',
      category: null,
      definition: null,
      decimals: null,
      kind: 'level',
      formula: null,
      aliases: ['新奇甲'],
    });
    other.addRegion({ code: 'R9001', name: '新奇县', parentId: null, level: 'county' });
    expect(held.findIndicator('新奇甲')?.name).toBe('新奇指标甲');
    expect(held.findRegion('新奇')?.code).toBe('R9001');
    expect(held.regions().some((r) => r.name === '新奇县')).toBe(true);
  });

  it('find a region by name, then code, then name without 市/县/区/省', () => {
    const { db } = openStore(':memory:');
    const c = new Catalogue(db);
    const [first] = c.regions();
    expect(c.findRegion(first.name)?.id).toBe(first.id);
    expect(c.findRegion(first.code.toLowerCase())?.id).toBe(first.id);
    expect(c.findRegion(first.name.replace(/[市县区省]$/, ''))?.id).toBe(first.id);
    expect(c.findRegion('不存在的地方')).toBeNull();
  });

  it('the service finds an indicator imported after it started', async () => {
    const { db } = openStore(':memory:');
    const s = createService(db);
    s.getSeries({ indicator: s.listIndicators({ search: '' }).indicators[0].name });
    const csv = '指标,地区,时间,数值,单位\n新奇指标甲,咸宁市,2020,5,亿元\n';
    const r = await s.importFile({
      fileName: 'a.csv',
      base64: Buffer.from(csv).toString('base64'),
      dryRun: false,
      strict: false,
    });
    expect(r.errors).toEqual([]);
    expect(s.getSeries({ indicator: '新奇指标甲' }).series).toHaveLength(1);
  });
});

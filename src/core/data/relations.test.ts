import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../db/connection';
import { openStore } from '../db/store';
import { resourcesDir } from '../resources';
import { NotFoundError } from './catalogue';
import { loadRelations, parseKind, parseRelationsTsv, RelationError, Relations } from './relations';

const demoRelations = readFileSync(join(resourcesDir(), 'demo', 'relations.tsv'), 'utf8');
const dataLines = demoRelations.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length - 1;

describe('migration 002', () => {
  it('adds the relations tables at schema version 2', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['relations', 'relation_operands']));
    expect(() => db.prepare("INSERT INTO relations (kind, target_id) VALUES ('median', 1)").run()).toThrow(
      /CHECK constraint|FOREIGN KEY/,
    );
    db.close();
  });
});

describe('Relations', () => {
  it('the demo declares every relation of resources/demo/relations.tsv, with resolved names', () => {
    const { db } = openStore(':memory:');
    const list = new Relations(db).list();
    expect(list).toHaveLength(dataLines);
    const share = list.find((r) => r.target === '建有科创平台规上企业占比')!;
    expect(share).toMatchObject({
      kind: 'share',
      targetUnit: '%',
      definitions: 'same',
      region: null,
      period: null,
    });
    expect(share.operands.map((o) => o.indicator)).toEqual([
      '建有市级以上科技创新平台的规上企业数',
      '规上工业企业数',
    ]);
    const urban = list.find((r) => r.target === '城镇化率较2020年提升')!;
    expect(urban.operands.map((o) => [o.indicator, o.at])).toEqual([
      ['常住人口城镇化率', 'end'],
      ['常住人口城镇化率', 'base'],
    ]);
    // Loading again adds nothing.
    expect(loadRelations(db, demoRelations)).toBe(0);
    expect(new Relations(db).count()).toBe(dataLines);
  });

  it('a growth of one level reads it at the base and the end of the target period', () => {
    const { db } = openStore(':memory:');
    const r = new Relations(db).add({ kind: 'growth', target: '地区生产总值增速', operands: ['GDP'] });
    expect(r.operands.map((o) => [o.indicator, o.at])).toEqual([
      ['地区生产总值', 'base'],
      ['地区生产总值', 'end'],
    ]);
    expect(new Relations(db).get(r.id)?.operands).toHaveLength(2);
  });

  it('refuses relations of the wrong shape, with a message that says what is needed', () => {
    const { db } = openStore(':memory:');
    const rel = new Relations(db);
    expect(() =>
      rel.add({ kind: 'difference', target: '城镇化率较2020年提升', operands: ['城镇化率'] }),
    ).toThrow(/差值需要“被减数\|减数”两个/);
    expect(() =>
      rel.add({ kind: 'share', target: '工业税收占比', operands: ['工业企业税收', '全口径税收收'] }),
    ).toThrow(NotFoundError);
    expect(() =>
      rel.add({ kind: 'share', target: '工业税收占比', operands: ['工业税收占比', 'TAX'] }),
    ).toThrow(/不能以自身/);
    expect(() => parseKind('median')).toThrow(RelationError);
    expect(parseKind('占比')).toBe('share');
    expect(parseKind('年均增速')).toBe('cagr');
  });

  it('touching() finds relations by target or operand; remove() deletes the operands too', () => {
    const { db } = openStore(':memory:');
    const rel = new Relations(db);
    const ids = (names: string[]) => names.map((n) => rel.list().find((r) => r.target === n)!.targetId);
    const firms = rel
      .list()
      .flatMap((r) => r.operands)
      .find((o) => o.indicator === '规上工业企业数')!.indicatorId;
    const touching = rel.touching([firms]).map((r) => r.target);
    expect(touching).toEqual(
      expect.arrayContaining([
        '建有科创平台规上企业占比',
        '六大传统主导产业规上企业占比',
        '规上企业数全省排位',
      ]),
    );
    expect(touching).not.toContain('工业税收占比');
    const tax = rel.list().find((r) => r.target === '工业税收占比')!;
    expect(rel.touching(ids(['工业税收占比'])).map((r) => r.id)).toEqual([tax.id]);
    expect(rel.remove(tax.id)).toBe(true);
    expect(
      db.prepare('SELECT COUNT(*) FROM relation_operands WHERE relation_id = ?').pluck().get(tax.id),
    ).toBe(0);
  });
});

describe('relation files', () => {
  it('parse kinds, operands with periods, options and definitions', () => {
    const parsed = parseRelationsTsv(
      [
        '# comment',
        'kind\ttarget\toperands\tregion\tperiod\tdecimals\tdefinitions\toptions\tnote',
        '排位\t规上企业数全省排位\t规上工业企业数\t咸宁市\t2019\t\t\torder=asc; regions=黄冈市,荆州市\t说明',
        '差值\t城镇化率较2020年提升\t城镇化率@2025|城镇化率@基期\t\t十四五\t2\t口径可能不同\t\t',
      ].join('\n'),
    );
    expect(parsed[0]).toMatchObject({
      line: 3,
      kind: 'rank',
      region: '咸宁市',
      period: '2019',
      options: { order: 'asc', regions: ['黄冈市', '荆州市'] },
      note: '说明',
    });
    expect(parsed[1]).toMatchObject({
      line: 4,
      kind: 'difference',
      period: '2021-2025',
      decimals: 2,
      definitions: 'may-differ',
      operands: [
        { indicator: '城镇化率', at: '2025' },
        { indicator: '城镇化率', at: 'base' },
      ],
    });
  });

  it('errors name the file, the line and the column', () => {
    const head = 'kind\ttarget\toperands\tregion\tperiod\n';
    expect(() => parseRelationsTsv(head + 'median\tA\tB\n', 'r.tsv')).toThrow(
      /^r\.tsv：第2行「类型」列：未知的关系类型「median」/,
    );
    expect(() => parseRelationsTsv(head + 'share\tA\tB\t\t19年\n', 'r.tsv')).toThrow(
      /^r\.tsv：第2行「时间」列：/,
    );
    expect(() => parseRelationsTsv('kind\ttarget\n', 'r.tsv')).toThrow(/第1行：表头缺少 operands/);
    const { db } = openStore(':memory:');
    const before = new Relations(db).count();
    expect(() =>
      loadRelations(
        db,
        head +
          'ratio\t平均每家规上企业营业收入\t规上工业营业收入|规上工业企业数\nshare\t工业税收占比\t没有这个指标|TAX\n',
        'r.tsv',
      ),
    ).toThrow(/^r\.tsv：第3行：未找到指标「没有这个指标」/);
    // all or nothing
    expect(new Relations(db).count()).toBe(before);
  });
});

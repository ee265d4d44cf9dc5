import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import { openStore } from '../db/store';
import { Catalogue } from './catalogue';
import { exportData, EXPORT_HEADER, formatOf } from './exportData';
import { importData } from './import';
import { ObservationStore, STATUSES, type Status } from './observations';
import { parsePeriod } from './periods';
import { isExcelNoise } from './import/xlsx';

/** What "the same observations" means (DESIGN §3): values, units, status, attribute, sources, notes, qualifiers. */
function snapshot(db: Db) {
  return db
    .prepare(
      `SELECT i.name AS indicator, r.name AS region, o.period, o.status, o.value, o.text_value AS text, o.unit,
              o.attribute, s.name AS source, o.note, o.qualifier
       FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN regions r ON r.id = o.region_id
       LEFT JOIN sources s ON s.id = o.source_id
       ORDER BY i.name, r.name, o.period, o.status`,
    )
    .all();
}

async function roundTrip(db: Db, format: 'csv' | 'xlsx') {
  const { bytes, rows } = await exportData(db, format);
  const target = openStore(':memory:', { demo: false }).db;
  const report = await importData(target, { fileName: `export.${format}`, bytes });
  return { target, rows, report, bytes };
}

describe('export-data', () => {
  it('CSV: UTF-8 with a BOM, CRLF, the Chinese import columns', async () => {
    const { db } = openStore(':memory:');
    const { bytes, rows } = await exportData(db, 'csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('指标,地区,时间,数值,单位,状态,属性,来源,备注,限定词');
    expect(lines).toHaveLength(rows + 2); // header + rows + the empty string after the last CRLF
    expect(lines).toContain(
      '地区生产总值,咸宁市,2019,1594.98,亿元,,,咸宁日报·关于我市工业转型发展的思考（2020）,,',
    );
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: export then import into an empty database gives back the same observations`, async () => {
      const { db } = openStore(':memory:');
      const { target, rows, report } = await roundTrip(db, format);
      expect(rows).toBeGreaterThan(250);
      expect(report).toMatchObject({ added: rows, revised: [], unchanged: 0, converted: 0 });
      expect(snapshot(target)).toEqual(snapshot(db));
      // ... and importing the export into the database it came from changes nothing.
      const { bytes } = await exportData(db, format);
      const again = await importData(db, { fileName: `export.${format}`, bytes });
      expect(again).toMatchObject({ added: 0, revised: [], unchanged: rows });
    });
  }

  it('xlsx: numbers are numeric cells, a frozen bold header', async () => {
    const { db } = openStore(':memory:');
    const { bytes } = await exportData(db, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_HEADER);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(typeof ws.getCell('D2').value).toBe('number');
  });

  it('neutralises text a spreadsheet would run as a formula, and import takes it back', async () => {
    const db = openStore(':memory:', { demo: false }).db;
    const c = new Catalogue(db);
    const store = new ObservationStore(db);
    const region = c.addRegion({ code: 'X', name: '@地区', parentId: null, level: 'city' });
    const names = ['=HYPERLINK("http://x","点")', '+1', '-2+3', '@SUM(A1)', "'=A1", '\t=1'];
    names.forEach((name, i) => {
      const ind = c.addIndicator({
        code: `I${i}`,
        name: name.trim() === name ? name : `指标${i}`,
        unit: '亿元',
        category: null,
        definition: null,
        decimals: null,
        kind: 'level',
        formula: null,
        aliases: [],
      });
      store.upsert({
        indicatorId: ind.id,
        regionId: region.id,
        period: parsePeriod(2019),
        status: '',
        value: -i,
        unit: '亿元',
        source: '=cmd|"/c calc"!A1',
        note: name,
      });
    });
    const { bytes, target } = await roundTrip(db, 'csv');
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点"")"`);
    expect(text).toContain(`'@地区`);
    expect(text).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(text).toContain(`''=A1`);
    expect(text).not.toMatch(/(^|,)[=+@]/m);
    expect(snapshot(target)).toEqual(snapshot(db));
    expect(snapshot((await roundTrip(db, 'xlsx')).target)).toEqual(snapshot(db));
  });

  it('round-trips arbitrary observations (property)', async () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.trim() !== '');
    const periods = fc.constantFrom('2019', '2020H1', '2020Q3', '2021-11', '2026-2030', '2006-2010');
    const obsArb = fc.record({
      indicator: fc.constantFrom('甲', 'B,"x"', '=丙'),
      region: fc.constantFrom('咸宁市', '-地区', '地 区'),
      period: periods,
      status: fc.constantFrom(...STATUSES),
      // Doubles that look like Excel's binary noise (1594.9800000000002) are read from XLSX as Excel shows them.
      value: fc.oneof(
        fc
          .double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })
          .filter((v) => !isExcelNoise(v)),
        fc.integer({ min: -1e9, max: 1e9 }),
      ),
      attribute: fc.constantFrom(null, '预期性', '约束性'),
      source: fc.option(text, { nil: null }),
      note: fc.option(
        fc
          .string({ maxLength: 20 })
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        { nil: null },
      ),
      qualifier: fc.constantFrom(null, '余', '超过', '左右'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(obsArb, { minLength: 1, maxLength: 15 }),
        fc.constantFrom('csv', 'xlsx'),
        async (list, format) => {
          const db = openStore(':memory:', { demo: false }).db;
          const c = new Catalogue(db);
          const store = new ObservationStore(db);
          for (const o of list) {
            const ind =
              c.findIndicator(o.indicator) ??
              c.addIndicator({
                code: `C${o.indicator}`,
                name: o.indicator,
                unit: '万元',
                category: null,
                definition: null,
                decimals: null,
                kind: 'level',
                formula: null,
                aliases: [],
              });
            const reg =
              c.findRegion(o.region) ??
              c.addRegion({ code: o.region, name: o.region, parentId: null, level: 'city' });
            store.upsert({
              indicatorId: ind.id,
              regionId: reg.id,
              period: parsePeriod(o.period.replace(/^(\d{4})-(\d{4})$/, '$1—$2')),
              status: o.status as Status,
              value: o.value === 0 ? 0 : o.value,
              unit: '万元',
              attribute: o.attribute as '预期性' | null,
              source: o.source,
              note: o.note,
              qualifier: o.qualifier,
            });
          }
          const { target } = await roundTrip(db, format as 'csv' | 'xlsx');
          expect(snapshot(target)).toEqual(snapshot(db));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('formatOf tells the format from the name', () => {
    expect(formatOf('a.CSV')).toBe('csv');
    expect(formatOf('数据.xlsx')).toBe('xlsx');
    expect(formatOf('a.xls')).toBeNull();
  });
});

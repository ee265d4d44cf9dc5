// Exported CSV and XLSX never hand a spreadsheet a formula (issue 9): every text cell that Excel, WPS or
// LibreOffice would run (= + - @, or a tab or CR before them) is written with a leading ' — whatever
// column it is in, the value column's text included — and import takes exactly that ' off again.
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportData } from '../../src/core/data/exportData';
import { importData } from '../../src/core/data/import';
import { neutralise, unneutralise } from '../../src/core/data/import/columns';
import { decodeText, parseCsv } from '../../src/core/data/import/csv';
import { readXlsx } from '../../src/core/data/import/xlsx';
import { openStore } from '../../src/core/db/store';
import { trickyString } from './arbitraries';

const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","点击领取")',
  '+1',
  '-1',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  "'=1",
  '＝全角等号',
];
const RUNS_AT_START = /^[=+\-@\t\r]/;

describe('formula neutralising', () => {
  it('10,000 generated texts: never starts like a formula once neutralised, and comes back exactly', () => {
    fc.assert(
      fc.property(trickyString(24), (s) => {
        const n = neutralise(s);
        expect(RUNS_AT_START.test(n)).toBe(false);
        expect(unneutralise(n)).toBe(s);
      }),
      { numRuns: 10_000 },
    );
  });

  it('export of hostile text in every text column and in target values: CSV and XLSX neutralised, import gives it back', async () => {
    const { db } = openStore(':memory:', { demo: false });
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const rows = PAYLOADS.map((p, i) =>
      [
        i % 2 ? p : `指标${i}`,
        '咸宁市',
        String(2001 + i),
        i % 3 === 0 ? '=完成省下达目标' : String(i),
        '亿元',
        i % 3 === 0 ? '目标' : '',
        p,
        p,
      ]
        .map(q)
        .join(','),
    );
    const csv = ['指标,地区,时间,数值,单位,状态,来源,备注', ...rows].join('\n');
    const report = await importData(db, { fileName: '恶意.csv', bytes: Buffer.from(csv) });
    expect(report.added).toBe(PAYLOADS.length);

    const out = await exportData(db, 'csv');
    const table = parseCsv(decodeText(out.bytes).text).table.rows.map((r) => r.cells);
    for (const cells of table.slice(1))
      for (const c of cells) expect(c, String(c)).not.toMatch(RUNS_AT_START);

    const xlsx = await exportData(db, 'xlsx');
    const files = unzipSync(new Uint8Array(xlsx.bytes));
    for (const [name, data] of Object.entries(files))
      if (name.startsWith('xl/worksheets/')) expect(strFromU8(data)).not.toContain('<f>');
    const sheet = await readXlsx(xlsx.bytes, 'x.xlsx');
    for (const r of sheet.rows.slice(1))
      for (const c of r.cells) if (typeof c === 'string') expect(c, c).not.toMatch(RUNS_AT_START);

    // And back: a fresh database importing the export holds the very same texts.
    for (const [format, bytes] of [
      ['csv', out.bytes],
      ['xlsx', xlsx.bytes],
    ] as const) {
      const { db: again } = openStore(':memory:', { demo: false });
      await importData(again, { fileName: `回读.${format}`, bytes });
      const texts = (d: typeof db) =>
        d
          .prepare(
            `SELECT i.name, o.text_value, o.note, s.name AS source FROM observations o
             JOIN indicators i ON i.id = o.indicator_id LEFT JOIN sources s ON s.id = o.source_id ORDER BY o.period`,
          )
          .all();
      expect(texts(again)).toEqual(texts(db));
      again.close();
    }
    db.close();
  });
});

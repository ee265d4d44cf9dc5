// Hostile and broken XLSX (issue 9). Reading a real workbook costs milliseconds, so the 10,000 generated
// cases go through what follows the reading: the sheet's cells (any type exceljs can hand over: text,
// numbers incl. NaN and ±Infinity, dates incl. invalid ones, error cells, blanks) → rows → checks. A
// smaller run writes and reads real workbooks, and a corpus of broken files (truncated, not a zip, zip
// bombs, lying sizes, enormous sheets and cells) must each be refused with a message, quickly, with the
// database unchanged.
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importData, ImportError } from '../../src/core/data/import';
import { parseTable } from '../../src/core/data/import/parse';
import type { Cell, Table } from '../../src/core/data/import/table';
import { readXlsx, writeXlsx } from '../../src/core/data/import/xlsx';
import { XLSX_LIMITS } from '../../src/core/data/import/zip';
import { openStore } from '../../src/core/db/store';
import { cell, plausibleTable } from './arbitraries';

const RUNS = 10_000;
// eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDFFF]/g;

const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: cell },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('#N/A', '#DIV/0!', '公式没有保存计算结果').map((bad) => ({ bad })),
  },
);

const sheet: fc.Arbitrary<Table> = fc
  .oneof(
    fc.array(fc.array(anyCell, { maxLength: 10 }), { maxLength: 14 }),
    plausibleTable.map((rows) => rows as Cell[][]),
  )
  .chain((rows) =>
    // Rows as exceljs numbers them: increasing, with gaps where blank rows were skipped.
    fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: rows.length, maxLength: rows.length })
      .map((gaps) => {
        let n = 0;
        return { rows: rows.map((cells, i) => ({ row: (n += gaps[i]), cells })), otherSheets: [] };
      }),
  );

describe('XLSX import, fuzzed', () => {
  it(`${RUNS} generated sheets: rows checked without a crash, short messages, bounded time`, () => {
    let slowest = 0;
    let accepted = 0;
    const started = performance.now();
    fc.assert(
      fc.property(sheet, (table) => {
        const t = performance.now();
        const parsed = parseTable(table);
        if (parsed.rows.length && !parsed.issues.length) accepted++;
        for (const i of parsed.issues) expect(i.message.length).toBeLessThan(1100);
        const ms = performance.now() - t;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(1_000);
      }),
      { numRuns: RUNS },
    );
    console.info(
      `XLSX sheet fuzz: ${RUNS} sheets in ${Math.round(performance.now() - started)} ms, slowest ${slowest.toFixed(1)} ms, ${accepted} fully valid`,
    );
    expect(accepted).toBeGreaterThan(100);
  }, 300_000);

  it('150 real workbooks: what export writes, the reader gives back cell for cell', async () => {
    const value = fc.oneof(
      cell,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    ) as fc.Arbitrary<string | number | null>;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { maxLength: 6 }),
        async (rows) => {
          // Text as a database can hold it: no lone surrogates; XML cannot carry most control characters,
          // and its parsers read a CR as a line feed (Excel keeps line breaks in cells as LF too).
          const clean = rows.map((r) =>
            r.map((c) => (typeof c === 'string' ? c.replace(NOT_XML, '').replace(/\r\n?/g, '\n') : c)),
          );
          const bytes = await writeXlsx('数据', ['指标', '地区', '备注'], clean);
          const table = await readXlsx(bytes, '往返.xlsx');
          const expected = [['指标', '地区', '备注'], ...clean]
            .map((r) => r.map((c) => (c === '' ? null : c)))
            .filter((r) => r.some((c) => c !== null && !(typeof c === 'string' && c.trim() === '')));
          const got = table.rows.map((r) =>
            [0, 1, 2].map((i) => (r.cells[i] === '' ? null : (r.cells[i] ?? null))),
          );
          expect(got.map((r) => r.map((c) => (typeof c === 'number' && Object.is(c, -0) ? 0 : c)))).toEqual(
            expected.map((r) => r.map((c) => (typeof c === 'number' && Object.is(c, -0) ? 0 : c))),
          );
        },
      ),
      { numRuns: 150 },
    );
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------
// The corpus of broken files

/** A zip written by hand: entries with the sizes we choose to declare (liars included). */
function rawZip(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data, { level: 9 });
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/** A workbook whose one sheet is `rowXml` repeated `times` times (built as a stream of bytes). */
function sheetOf(rowXml: (i: number) => string, times: number): Buffer {
  const parts: Buffer[] = [Buffer.from('<?xml version="1.0"?><worksheet><sheetData>')];
  let chunk = '';
  for (let i = 1; i <= times; i++) {
    chunk += rowXml(i);
    if (chunk.length > 1 << 20) {
      parts.push(Buffer.from(chunk));
      chunk = '';
    }
  }
  parts.push(Buffer.from(chunk + '</sheetData></worksheet>'));
  return Buffer.concat(parts);
}

async function validWorkbook(): Promise<Buffer> {
  return writeXlsx(
    '数据',
    ['指标', '地区', '时间', '数值', '单位'],
    [['地区生产总值', '咸宁市', '2019', 1594.98, '亿元']],
  );
}

async function expectRefused(name: string, bytes: Uint8Array, pattern: RegExp, limitMs = 5_000) {
  const { db } = openStore(':memory:');
  const before = db.serialize();
  const t = performance.now();
  const err = await importData(db, { fileName: name, bytes }).catch((e: unknown) => e);
  const ms = performance.now() - t;
  expect(err, `${name} was not refused`).toBeInstanceOf(ImportError);
  expect((err as Error).message).toMatch(pattern);
  expect((err as Error).message.length).toBeLessThan(3000);
  expect(db.serialize().equals(before)).toBe(true);
  expect(ms, `${name} took ${ms} ms`).toBeLessThan(limitMs);
  db.close();
  return ms;
}

describe('XLSX import, the broken-file corpus', () => {
  it('truncated workbooks, at any length, are refused with a message', async () => {
    const good = await validWorkbook();
    for (const f of [0.05, 0.3, 0.5, 0.8, 0.95, 0.999]) {
      const cut = good.subarray(0, Math.floor(good.length * f));
      await expectRefused(`截断${f}.xlsx`, cut, /不是有效的 \.xlsx 文件/);
    }
  });

  it('not a workbook: a zip without one, random bytes after "PK", a renamed text file, an old .xls', async () => {
    await expectRefused(
      '空压缩包.xlsx',
      zipSync({ 'a.txt': strToU8('hello') }),
      /不是有效的 \.xlsx 文件|文件是空的/,
    );
    const pk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5000, 0x41)]);
    await expectRefused('乱码.xlsx', pk, /不是有效的 \.xlsx 文件/);
    await expectRefused('文本.xlsx', Buffer.from('指标,地区\n'), /不是有效的 \.xlsx 文件/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(2000)]);
    await expectRefused('旧版.xls', ole, /旧版 Excel/);
  });

  it('a zip bomb (150 MB of sheet XML in a few hundred KB) is refused by its declared size, before inflating', async () => {
    // Rows without numbers (they are optional): the same 80 bytes again and again compress 1000 to 1.
    const xml = sheetOf(
      () => '<row><c t="inlineStr"><is><t>炸弹炸弹炸弹炸弹炸弹炸弹</t></is></c></row>'.padEnd(80, ' '),
      1_900_000,
    );
    expect(xml.length).toBeGreaterThan(150_000_000);
    const bomb = rawZip([
      { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
      { name: 'xl/worksheets/sheet1.xml', data: xml },
    ]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const ms = await expectRefused('炸弹.xlsx', bomb, /解压后有 \d+ MB，超过上限 100 MB/, 1_000);
    console.info(`zip bomb: ${bomb.length} B → ${xml.length} B declared, refused in ${ms.toFixed(0)} ms`);
  }, 60_000);

  it('a bomb that lies about its size is stopped at the declared size while inflating', async () => {
    const xml = sheetOf((i) => `<row r="${i}"><c r="A${i}"><v>1</v></c></row>`, 1_500_000);
    const liar = rawZip([
      { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
      { name: 'xl/worksheets/sheet1.xml', data: xml, declared: 1000 },
    ]);
    await expectRefused('说谎的炸弹.xlsx', liar, /解压后比声明的大（疑似“压缩炸弹”）/, 2_000);
  }, 60_000);

  it('an enormous sheet (1.2 million cells, within the size limit) is refused before exceljs reads it', async () => {
    const xml = sheetOf(
      (i) => `<row r="${i}"><c r="A${i}"><v>1</v></c><c r="B${i}"><v>2</v></c></row>`,
      600_001,
    );
    expect(xml.length).toBeLessThan(XLSX_LIMITS.uncompressedBytes);
    const big = rawZip([
      { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
      { name: 'xl/worksheets/sheet1.xml', data: xml },
    ]);
    await expectRefused('巨大工作表.xlsx', big, /工作表超过 1,000,000 个单元格/, 3_000);
  }, 60_000);

  it('an enormous cell (5 million characters) is refused with its place named briefly', async () => {
    const good = unzipSync(await validWorkbook());
    const files: Zippable = { ...good };
    const shared = new TextDecoder().decode(good['xl/sharedStrings.xml']);
    files['xl/sharedStrings.xml'] = strToU8(shared.replace('咸宁市', '咸'.repeat(5_000_000)));
    await expectRefused(
      '巨大单元格.xlsx',
      zipSync(files),
      /第2行：第B列的内容有 5,000,000 个字符，超过上限 32,767/,
      15_000,
    );
  }, 60_000);

  it('formulas and injection-style cells in a workbook are data: a formula’s saved result is read, never run', async () => {
    const { db } = openStore(':memory:');
    const good = unzipSync(await validWorkbook());
    const sheet1 = new TextDecoder().decode(good['xl/worksheets/sheet1.xml']);
    // The value cell becomes a formula that would run a program, with no saved result.
    const evil = sheet1.replace(/<c r="D2"([^>]*)>.*?<\/c>/, `<c r="D2"$1><f>cmd|' /C calc'!A0</f></c>`);
    expect(evil).not.toBe(sheet1);
    const bytes = zipSync({ ...good, 'xl/worksheets/sheet1.xml': strToU8(evil) });
    await expect(importData(db, { fileName: '公式.xlsx', bytes })).rejects.toThrow(/公式没有保存计算结果/);
    db.close();
  });
});

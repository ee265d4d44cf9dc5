// Hostile and broken CSV (issue 9), property-based: 10,000 generated files through the import's
// reading and checking (bytes → encoding → CSV → table → rows, in memory), then through the whole import
// against a database. Only the importer's typed error may come out; nothing is ever changed by a failed
// import; every message stays short; every file is dealt with in bounded time.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectFormat, importData, ImportError } from '../../src/core/data/import';
import { decodeText, parseCsv, writeCsv } from '../../src/core/data/import/csv';
import { parseTable } from '../../src/core/data/import/parse';
import { openStore } from '../../src/core/db/store';
import { EXPORT_HEADER } from '../../src/core/data/exportData';
import { cell, plausibleTable, table } from './arbitraries';

const RUNS = 10_000;
// eslint-disable-next-line no-control-regex -- NUL is exactly what is meant
const NOT_CONTENT = /[\uFEFF\u0000]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Per-file ceiling: far above what a file takes (milliseconds), to stay clear of GC pauses on a busy machine. */
const CASE_MS = 1_000;

type Mode = 'quoted' | 'raw' | 'stray-quotes';
type Enc = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';

function toCsv(rows: string[][], sep: string, mode: Mode, eol: string): string {
  const q = (c: string, i: number) => {
    if (mode === 'raw') return c;
    if (mode === 'stray-quotes') return i % 3 === 0 ? `"${c}` : c;
    return /["\r\n,;\t]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  };
  return rows.map((r) => r.map(q).join(sep)).join(eol);
}

function encode(text: string, enc: Enc): Buffer {
  if (enc === 'utf-8') return Buffer.from(text, 'utf8');
  if (enc === 'utf-8-bom') return Buffer.from('\uFEFF' + text, 'utf8');
  if (enc === 'gb18030') return iconv.encode(text, 'gb18030');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

const csvFile = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        rows: fc.oneof(table, plausibleTable),
        sep: fc.constantFrom(',', '\t', ';', '|'),
        mode: fc.constantFrom<Mode>('quoted', 'quoted', 'raw', 'stray-quotes'),
        eol: fc.constantFrom('\n', '\r\n', '\r'),
        enc: fc.constantFrom<Enc>('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'),
      })
      .map(({ rows, sep, mode, eol, enc }) => encode(toCsv(rows, sep, mode, eol), enc)),
  },
  // Bytes that are no text at all, or text cut in the middle of a character.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
);

/** What importData does before it touches the database, in memory. */
function readAndCheck(bytes: Buffer) {
  detectFormat('数据.csv', bytes);
  const { text } = decodeText(bytes);
  const csv = parseCsv(text);
  const parsed = parseTable(csv.table);
  return { issues: [...csv.issues, ...parsed.issues], rows: parsed.rows.length };
}

describe('CSV import, fuzzed', () => {
  it(`${RUNS} generated files: read and checked without a crash, short messages, bounded time`, () => {
    let slowest = 0;
    let withIssues = 0;
    const started = performance.now();
    fc.assert(
      fc.property(csvFile, (bytes) => {
        const t = performance.now();
        let result: ReturnType<typeof readAndCheck> | null = null;
        try {
          result = readAndCheck(bytes);
        } catch (err) {
          // The format check may refuse a file (ImportError); nothing else may be thrown.
          if (!(err instanceof ImportError)) throw err;
          expect(err.message.length).toBeLessThan(2000);
        }
        if (result) {
          if (result.issues.length) withIssues++;
          for (const i of result.issues) {
            expect(typeof i.message).toBe('string');
            expect(i.message.length).toBeLessThan(1100);
            if (i.row !== null) expect(i.row).toBeGreaterThanOrEqual(1);
          }
        }
        const ms = performance.now() - t;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(CASE_MS);
      }),
      { numRuns: RUNS },
    );
    console.info(
      `CSV fuzz: ${RUNS} files in ${Math.round(performance.now() - started)} ms, slowest ${slowest.toFixed(1)} ms, ` +
        `${withIssues} with problems reported`,
    );
  }, 300_000);

  it('1,000 of them imported for real: a refused file leaves the database byte for byte as it was', async () => {
    const { db } = openStore(':memory:');
    const pristine = db.serialize();
    db.close();
    let refused = 0;
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(csvFile, fc.boolean(), async (bytes, strict) => {
        const target = new Database(pristine);
        target.pragma('foreign_keys = ON');
        try {
          await importData(target, { fileName: '数据.csv', bytes, strict });
          imported++;
        } catch (err) {
          if (!(err instanceof ImportError)) throw err;
          refused++;
          expect(target.serialize().equals(pristine)).toBe(true);
        } finally {
          target.close();
        }
      }),
      { numRuns: 1_000 },
    );
    console.info(`CSV import against a database: ${refused} refused unchanged, ${imported} imported`);
    expect(refused).toBeGreaterThan(100);
    expect(imported).toBeGreaterThan(30);
  }, 300_000);

  it('export’s CSV read back gives the same cells, whatever they hold (2,000 tables)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 10, maxLength: 10 }), { maxLength: 10 }), (rows) => {
        // BOM and NUL are not cell content, and a lone surrogate is not text (no encoding can hold
        // it: SQLite and UTF-8 make it U+FFFD), so a database never gives export one.
        const clean = rows.map((r) =>
          r.map((c) => c.replace(NOT_CONTENT, '').replace(LONE_SURROGATE, '\uFFFD')),
        );
        const bytes = writeCsv([EXPORT_HEADER, ...clean]);
        const back = parseCsv(decodeText(bytes).text);
        expect(back.issues).toEqual([]);
        expect(back.table.rows.map((r) => r.cells)).toEqual(
          [EXPORT_HEADER, ...clean].filter((r) => r.some((c) => c.trim() !== '')),
        );
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('CSV import, the broken-file corpus', () => {
  async function refuse(name: string, bytes: Buffer, pattern: RegExp, limitMs: number) {
    const { db } = openStore(':memory:');
    const before = db.serialize();
    const t = performance.now();
    const err = await importData(db, { fileName: name, bytes }).catch((e: unknown) => e);
    const ms = performance.now() - t;
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(pattern);
    expect((err as Error).message.length).toBeLessThan(6000);
    expect(db.serialize().equals(before)).toBe(true);
    expect(ms).toBeLessThan(limitMs);
    db.close();
    return ms;
  }

  it('a CSV with a million columns fails fast with a message', async () => {
    const wide = Buffer.from(
      '指标,地区,时间,数值,单位' + ',x'.repeat(1_000_000) + '\n地区生产总值,咸宁市,2019,1,亿元\n',
    );
    await refuse('百万列.csv', wide, /文件有 1,000,005 列，超过上限 16,384 列/, 5_000);
  });

  it('enormous cells are refused by size, and named briefly', async () => {
    const huge = Buffer.from(
      '指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,' + '9'.repeat(5_000_000) + ',亿元\n',
    );
    await refuse('巨大单元格.csv', huge, /第2行：第D列的内容有 5,000,000 个字符，超过上限 32,767/, 5_000);
  });

  it('300,000 bad rows: every problem counted, 50 listed, no stack overflow', async () => {
    const rows = '地区生产总值,咸宁市,2019,abc,亿元\n'.repeat(300_000);
    await refuse(
      '三十万行.csv',
      Buffer.from('指标,地区,时间,数值,单位\n' + rows),
      /共 300000 处错误/,
      20_000,
    );
  }, 60_000);

  it('mixed encodings: GBK bytes inside a UTF-8 file are read as one encoding, never half-decoded', async () => {
    const mixed = Buffer.concat([
      Buffer.from('指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,1594.98,亿元\n', 'utf8'),
      iconv.encode('粮食产量,咸宁市,2019,abc,万吨\n', 'gbk'),
    ]);
    const { db } = openStore(':memory:');
    const err = await importData(db, { fileName: '混合编码.csv', bytes: mixed }).catch((e: unknown) => e);
    // Not valid UTF-8, so the whole file is read as GB18030: the header no longer reads 指标…, and the
    // message says which columns it expected, instead of importing garbled names.
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toContain('数据库未作任何改动');
    db.close();
  });

  it('formula and injection cells are data, never run: imported as text or refused as values', async () => {
    const { db } = openStore(':memory:');
    const csv = [
      '指标,地区,时间,数值,单位,备注',
      "地区生产总值,咸宁市,2019,1594.98,亿元,=cmd|' /C calc'!A0",
      '地区生产总值,咸宁市,2020,1500,亿元,@SUM(A1:A9)',
    ].join('\n');
    const r = await importData(db, { fileName: '公式.csv', bytes: Buffer.from(csv), dryRun: true });
    expect(r.rows).toBe(2);
    const bad = Buffer.from('指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,=1+1,亿元\n');
    await expect(importData(db, { fileName: '公式.csv', bytes: bad })).rejects.toThrow(/「=1\+1」不是数字/);
    db.close();
  });
});

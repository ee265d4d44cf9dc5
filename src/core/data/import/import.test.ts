import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { openStore } from '../../db/store';
import { Catalogue } from '../catalogue';
import { ObservationStore } from '../observations';
import { importData, ImportError, MAX_ISSUES, type ImportReport } from './index';
import { isExcelNoise } from './xlsx';

const FIXTURES = resolve('tests/fixtures/import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

function demoDb(): Db {
  return openStore(':memory:').db;
}

function emptyDb(): Db {
  return openStore(':memory:', { demo: false }).db;
}

/** Row counts of every table an import may touch: "nothing changed" is these being equal. */
function counts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of [
    'observations',
    'revisions',
    'indicators',
    'indicator_aliases',
    'regions',
    'periods',
    'sources',
  ])
    out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  out.sum = (db.prepare('SELECT TOTAL(value) AS s FROM observations').get() as { s: number }).s;
  return out;
}

function run(
  db: Db,
  fileName: string,
  bytes: Uint8Array | string,
  opts: { dryRun?: boolean; strict?: boolean } = {},
) {
  return importData(db, { fileName, bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes, ...opts });
}

async function failure(
  db: Db,
  fileName: string,
  bytes: Uint8Array | string,
  opts = {},
): Promise<ImportError> {
  const before = counts(db);
  const err = await run(db, fileName, bytes, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  expect(counts(db)).toEqual(before);
  return err as ImportError;
}

function obs(db: Db, indicator: string, region: string, period: string, status = '') {
  const c = new Catalogue(db);
  return new ObservationStore(db).find(c.indicator(indicator).id, c.region(region).id, period, status as '');
}

describe('import: real files', () => {
  it('reads a GBK CSV as Excel saves it on Chinese Windows, every column and every period form', async () => {
    const bytes = fixture('gbk-long.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really GBK
    const db = demoDb();
    const r = await run(db, 'gbk-long.csv', bytes);
    expect(r).toMatchObject({
      encoding: 'gb18030',
      format: 'csv',
      layout: 'long',
      rows: 7,
      added: 7,
      unchanged: 0,
    });
    expect(obs(db, '地区生产总值', '咸宁市', '2021')).toMatchObject({
      value: 1751.82,
      unit: '亿元',
      source: '咸宁市统计公报（2021）',
    });
    expect(obs(db, '地区生产总值', '咸宁市', '2021H1', '初步核算')).toMatchObject({ value: 829.4 });
    expect(obs(db, '地区生产总值', '咸宁市', '2021Q1', '初步核算')).toMatchObject({
      value: 381.57,
      source: null,
    });
    expect(obs(db, '规上工业增加值增速', '赤壁市', '2021-03')).toMatchObject({ value: 27.1, unit: '%' });
    expect(obs(db, '森林覆盖率', '咸宁市', '2026-2030', '目标')).toMatchObject({
      value: 54,
      attribute: '约束性',
      note: '五年目标，含"十五五"',
    });
    expect(obs(db, '粮食产量', '咸宁市', '2026-2030', '目标')).toMatchObject({
      value: 85,
      attribute: '预期性',
    });
  });

  it('reads UTF-8 with a BOM and English headers, converting 万元 into the catalogue unit 亿元', async () => {
    const db = demoDb();
    const r = await run(db, 'utf8-bom-english.csv', fixture('utf8-bom-english.csv'));
    expect(r).toMatchObject({ encoding: 'utf-8', added: 2, converted: 1 });
    expect(obs(db, 'GDP', '咸宁市', '2022')).toMatchObject({ value: 1775.6, unit: '亿元' });
    expect(obs(db, 'GDP', '嘉鱼县', '2022')).toMatchObject({
      value: 321.5,
      source: 'Statistical bulletin 2022',
    });
  });

  it('reads a wide XLSX: numeric year headers, a month Excel made a date, percentages, formulas, blanks', async () => {
    const db = demoDb();
    const r = await run(db, 'wide.xlsx', fixture('wide.xlsx'));
    expect(r).toMatchObject({ format: 'xlsx', layout: 'wide', added: 9, unchanged: 1 });
    expect(r.warnings.join()).toContain('说明');
    expect(obs(db, '常住人口城镇化率', '咸宁市', '2018')).toMatchObject({ value: 53.5, unit: '%' });
    expect(obs(db, '常住人口城镇化率', '咸宁市', '2019')?.value).toBe(54.95);
    expect(obs(db, '社会消费品零售总额', '通城县', '2019')?.value).toBe(88);
    expect(obs(db, '社会消费品零售总额', '通城县', '2020-03')?.value).toBe(7.2);
    expect(obs(db, '地区生产总值', '咸宁市', '2020H1')?.value).toBe(605.3);
    expect(obs(db, '地区生产总值', '咸宁市', '2020-03')).toBeNull();
  });

  it('reads an XLSX with inline strings, and takes a 17-digit 1594.9800000000002 as the 1594.98 Excel shows', async () => {
    const db = emptyDb();
    const r = await run(db, 'inline-strings.xlsx', fixture('inline-strings.xlsx'));
    expect(r.added).toBe(2);
    expect(obs(db, '地区生产总值', '赤壁市', '2019')?.value).toBe(1594.98);
    expect(obs(db, '地区生产总值', '赤壁市', '2020', '初步核算')?.value).toBe(450.91);
  });

  it('reads a UTF-16 tab-separated "Unicode text" file and a semicolon-separated one', async () => {
    const db = emptyDb();
    const text = '指标\t地区\t时间\t数值\t单位\r\n财政收入\t咸宁市\t2019\t100.5\t亿元\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect((await run(db, 'unicode.txt', utf16)).added).toBe(1);
    expect(
      (await run(db, 'semi.csv', '指标;地区;时间;数值;单位\n财政收入;咸宁市;2020;101;亿元\n')).added,
    ).toBe(1);
  });
});

describe('import: every bad input is refused whole, with file, row and column', () => {
  it('reports all row errors of broken.csv, each with what was expected, and changes nothing', async () => {
    const db = demoDb();
    const err = await failure(db, 'broken.csv', fixture('broken.csv'));
    expect(err.total).toBe(6);
    expect(err.issues.map((i) => [i.row, i.column])).toEqual([
      [12, '数值'],
      [13, '时间'],
      [14, '地区'],
      [15, '数值'],
      [16, '状态'],
      [17, '单位'],
    ]);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('broken.csv 第12行「数值」列：「12,3.4」不是数字');
    expect(lines[1]).toContain(
      'broken.csv 第13行「时间」列：「2008年度」不是可识别的时间：应写作 2019、2020年上半年',
    );
    expect(lines[2]).toBe('broken.csv 第14行「地区」列：不能为空');
    expect(lines[3]).toContain('「85亿元」不是数字：「数值」列只写数字，单位写在「单位」列');
    expect(lines[4]).toContain('「实际数」不是可识别的状态');
    expect(lines[5]).toBe(
      'broken.csv 第17行「单位」列：单位不兼容：“万人”（人数）不能换算为“亿元”（金额）（指标「全口径税收收入」的单位是「亿元」）',
    );
    expect(lines.at(-1)).toBe('导入失败：共 6 处错误，数据库未作任何改动。');
  });

  it('names a missing required column, in Chinese and English', async () => {
    const err = await failure(demoDb(), 'missing-column.csv', fixture('missing-column.csv'));
    expect(err.issues).toEqual([
      { row: 1, column: null, message: '第1行（表头）：缺少「数值」列（英文表头写作 value）' },
    ]);
    expect(err.message).toContain('missing-column.csv 第1行（表头）：缺少「数值」列');
  });

  it('refuses an empty file and a file with only a header', async () => {
    expect((await failure(demoDb(), 'empty.csv', fixture('empty.csv'))).message).toContain(
      'empty.csv 文件是空的',
    );
    expect((await failure(demoDb(), 'blank.csv', '\r\n \r\n')).message).toContain('blank.csv 文件是空的');
    expect((await failure(demoDb(), 'header-only.csv', fixture('header-only.csv'))).message).toContain(
      'header-only.csv 第1行（表头）：只有表头，没有数据行',
    );
  });

  it('refuses XLSX error values, formulas saved without a result, and text in the number column', async () => {
    const err = await failure(demoDb(), 'broken.xlsx', fixture('broken.xlsx'));
    expect(err.issues.map((i) => i.message)).toEqual([
      '第2行「数值」列：单元格是错误值 #N/A',
      '第3行「数值」列：公式没有保存计算结果（请在 Excel 中打开并保存，或粘贴为数值）',
      '第4行「数值」列：「约1700」不是数字',
    ]);
  });

  it('refuses a unit that cannot be converted, and a structure ratio in another unit', async () => {
    const db = demoDb();
    const e1 = await failure(db, 'u.csv', '指标,地区,时间,数值,单位\n粮食产量,咸宁市,2030,5,亿元\n');
    expect(e1.issues[0].message).toBe(
      '第2行「单位」列：单位不兼容：“亿元”（金额）不能换算为“万吨”（重量）（指标「粮食产量」的单位是「万吨」）',
    );
    const e2 = await failure(
      db,
      'u.csv',
      '指标,地区,时间,数值,单位\n三次产业结构比,咸宁市,2030,10:40:50,%\n',
    );
    expect(e2.issues[0].column).toBe('单位');
    const e3 = await failure(db, 'u.csv', '指标,地区,时间,数值,单位\n新的指标,咸宁市,2030,5,10万元\n');
    expect(e3.issues[0].message).toContain('第2行「单位」列：不是有效的单位');
    const e4 = await failure(db, 'u.csv', '指标,地区,时间,数值,单位\n粮食产量,咸宁市,2030,8.5%,万吨\n');
    expect(e4.issues[0].message).toBe(
      '第2行「数值」列：「8.5%」带百分号，但单位是「万吨」：百分数请把单位写作 %',
    );
  });

  it('--strict refuses indicators and regions not in the catalogue, once each, with a suggestion', async () => {
    const db = demoDb();
    const err = await failure(db, 'new-names.csv', fixture('new-names.csv'), { strict: true });
    expect(err.issues.map((i) => i.message)).toEqual([
      '第2行「指标」列：指标「数字经济核心产业增加值」不在指标目录中（严格模式不新建指标），是否指「数字经济核心产业增加值占GDP比重」？',
      '第3行「地区」列：地区「咸宁新区」不在地区目录中（严格模式不新建地区），是否指「咸宁高新区」？',
    ]);
    const typo = await failure(
      db,
      't.csv',
      '指标,地区,时间,数值,单位\n地区生产总直,咸宁市,2030,1,亿元\n地区生产总直,咸宁市,2031,1,亿元\n',
      {
        strict: true,
      },
    );
    expect(typo.total).toBe(1);
    expect(typo.message).toContain('是否指「地区生产总值」？');
  });

  it('refuses two rows that state different values for the same observation', async () => {
    const err = await failure(
      demoDb(),
      'dup.csv',
      '指标,地区,时间,数值,单位\n财政收入,咸宁市,2019,1,亿元\n财政收入,咸宁,2019,2,亿元\n',
    );
    expect(err.issues[0].message).toContain('第3行「数值」列：与第2行是同一条数据');
  });

  it('reports at most 50 problems and counts the rest', async () => {
    const lines = ['指标,地区,时间,数值,单位'];
    for (let i = 0; i < 120; i++) lines.push(`财政收入,咸宁市,${1950 + i},x${i},亿元`);
    const err = await failure(demoDb(), 'many.csv', lines.join('\n'));
    expect(err.total).toBe(120);
    expect(err.issues).toHaveLength(MAX_ISSUES);
    expect(err.message).toContain('……另有 70 处错误未列出');
  });

  it('refuses unknown and duplicate columns, headerless data, old .xls, other files, broken quoting', async () => {
    const db = demoDb();
    const unknown = await failure(
      db,
      'x.csv',
      '指标,地区,时间,数值,单位,数 据\n财政收入,咸宁市,2019,1,亿元,2\n',
    );
    expect(unknown.issues[0].message).toContain('第1行（表头）「数 据」列：不是可识别的列名');
    const dup = await failure(db, 'x.csv', '指标,地区,时间,数值,单位,value\n财政收入,咸宁市,2019,1,亿元,2\n');
    expect(dup.issues[0].message).toBe('第1行（表头）「value」列：与第D列重复');
    const noName = await failure(db, 'x.csv', '指标,地区,时间,数值,单位\n财政收入,咸宁市,2019,1,亿元,2\n');
    expect(noName.issues[0].message).toBe('第1行（表头）：第F列有数据但没有列名');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await failure(db, 'old.xls', xls)).message).toContain('旧版 Excel（.xls）');
    expect((await failure(db, 'a.docx', Buffer.from('PK\x03\x04xx'))).message).toContain(
      '只能导入 .csv 或 .xlsx',
    );
    expect((await failure(db, 'a.xlsx', 'not a zip')).message).toContain('不是有效的 .xlsx 文件');
    expect((await failure(db, 'a.xlsx', Buffer.from('PK\x03\x04broken'))).message).toContain(
      '不是有效的 .xlsx',
    );
    expect(
      (await failure(db, 'q.csv', '指标,地区,时间,数值,单位\n"财政收入,咸宁市,2019,1,亿元\n')).message,
    ).toContain('引号不成对');
  });

  it('a failure while writing (here a trigger) rolls back everything, new catalogue entries included', async () => {
    const db = demoDb();
    db.exec(
      "CREATE TRIGGER boom BEFORE INSERT ON observations WHEN NEW.value = 999 BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    const before = counts(db);
    const csv = '指标,地区,时间,数值,单位\n全新指标,全新县,2019,1,亿元\n全新指标,全新县,2020,999,亿元\n';
    await expect(run(db, 'boom.csv', csv)).rejects.toThrow('boom');
    expect(counts(db)).toEqual(before);
  });
});

describe('Excel binary noise', () => {
  it('is recognised only in the 17-digit forms Excel writes for short numbers', () => {
    for (const v of [1594.9800000000002, 0.30000000000000004, 1.9999999999999998, 605.2999999999998])
      expect(isExcelNoise(v), String(v)).toBe(true);
    for (const v of [1594.98, 0.1, 9999999999999998, 999999999999.9001, 3.463246186409995e-48, 1e21, -0])
      expect(isExcelNoise(v), String(v)).toBe(false);
  });
});

describe('import: catalogue, revisions, dry run', () => {
  it('dry run lists new names and changes nothing; the real run creates them', async () => {
    const db = demoDb();
    const before = counts(db);
    const dry = await run(db, 'new-names.csv', fixture('new-names.csv'), { dryRun: true });
    expect(counts(db)).toEqual(before);
    expect(dry).toMatchObject({
      dryRun: true,
      added: 2,
      newIndicators: [{ name: '数字经济核心产业增加值', unit: '亿元' }],
      newRegions: [{ name: '咸宁新区', level: 'zone' }],
    });
    const real = await run(db, 'new-names.csv', fixture('new-names.csv'));
    expect({ ...real, dryRun: true }).toEqual(dry);
    const ind = new Catalogue(db).indicator('数字经济核心产业增加值');
    expect(ind).toMatchObject({ code: dry.newIndicators[0].code, unit: '亿元', kind: 'level' });
    expect(counts(db).observations).toBe(before.observations + 2);
  });

  it('a changed value is a revision: reported, recorded with old, new, when and which file', async () => {
    const db = demoDb();
    const file =
      '指标,地区,时间,数值,单位,来源\n地区生产总值,咸宁市,2019,16005000,万元,统计年鉴2021\nGDP增速,咸宁市,2019,8.1,%,\n';
    const before = counts(db);
    const dry = await run(db, '修订.csv', file, { dryRun: true });
    expect(counts(db)).toEqual(before);
    const expected: Partial<ImportReport> = {
      added: 0,
      unchanged: 1,
      revised: [
        {
          indicator: '地区生产总值',
          region: '咸宁市',
          period: '2019',
          status: '',
          old: 1594.98,
          new: 1600.5,
          unit: '亿元',
          row: 2,
        },
      ],
    };
    expect(dry).toMatchObject(expected);
    const started = new Date().toISOString();
    const real = await run(db, '修订.csv', file);
    expect(real).toMatchObject(expected);
    const o = obs(db, '地区生产总值', '咸宁市', '2019')!;
    expect(o).toMatchObject({
      value: 1600.5,
      unit: '亿元',
      revision: 1,
      source: '统计年鉴2021',
      sourceText: null,
    });
    const [h] = new ObservationStore(db).history(o.id);
    expect(h).toMatchObject({ revision: 1, oldValue: 1594.98, newValue: 1600.5, sourceFile: '修订.csv' });
    expect(h.changedAt >= started.slice(0, 19)).toBe(true);
    expect(counts(db).revisions).toBe(before.revisions + 1);
    // The same file again changes nothing.
    const again = await run(db, '修订.csv', file);
    expect(again).toMatchObject({ added: 0, revised: [], unchanged: 2 });
  });

  it('import never changes a value silently: only value changes count, and each is reported', async () => {
    const db = emptyDb();
    await run(
      db,
      'a.csv',
      '指标,地区,时间,数值,单位,备注\n甲,咸宁市,2019,1,亿元,初值\n甲,咸宁市,2020,2,亿元,\n',
    );
    const r = await run(
      db,
      'b.csv',
      '指标,地区,时间,数值,单位,备注\n甲,咸宁市,2019,1,亿元,改了备注\n甲,咸宁市,2020,3,亿元,\n',
    );
    expect(r.revised.map((v) => [v.period, v.old, v.new])).toEqual([['2020', 2, 3]]);
    expect(r.unchanged).toBe(1);
    expect(obs(db, '甲', '咸宁市', '2019')?.note).toBe('初值');
  });

  it('identical duplicate rows import once, with a warning', async () => {
    const db = emptyDb();
    const r = await run(
      db,
      'd.csv',
      '指标,地区,时间,数值,单位\n甲,咸宁市,2019,1,亿元\n甲,咸宁市,2019,1.0,亿元\n',
    );
    expect(r.added).toBe(1);
    expect(r.warnings[0]).toContain('第3行与第2行完全相同');
  });

  it('accepts numbers as people type them and the export neutraliser, and structure ratios', async () => {
    const db = emptyDb();
    const csv = [
      '指标,地区,时间,数值,单位,状态,备注',
      '甲,咸宁市,2019,"1,594.98",亿元,,',
      '甲,咸宁市,2020,１２.５,亿元,实际,',
      '乙,咸宁市,2019,−3.5,%,,',
      '乙,咸宁市,2020,8.1%,%,,',
      "乙,咸宁市,2021,'-2,%,,'=SUM(A1)",
      '丙,咸宁市,2019,12.5：44.2：43.3,比值,,',
    ].join('\n');
    await run(db, 'n.csv', csv);
    expect(obs(db, '甲', '咸宁市', '2019')?.value).toBe(1594.98);
    expect(obs(db, '甲', '咸宁市', '2020')?.value).toBe(12.5);
    expect(obs(db, '乙', '咸宁市', '2019')?.value).toBe(-3.5);
    expect(obs(db, '乙', '咸宁市', '2020')?.value).toBe(8.1);
    expect(obs(db, '乙', '咸宁市', '2021')).toMatchObject({ value: -2, note: '=SUM(A1)' });
    expect(obs(db, '丙', '咸宁市', '2019')).toMatchObject({ value: null, textValue: '12.5:44.2:43.3' });
    expect(new Catalogue(db).indicator('乙')).toMatchObject({ kind: 'share' });
    expect(new Catalogue(db).indicator('丙')).toMatchObject({ kind: 'structure' });
  });

  it('takes a target stated in words (完成省下达目标) as text, only for status 目标 and only without figures', async () => {
    const db = emptyDb();
    const ok =
      '指标,地区,时间,数值,单位,状态\n甲,咸宁市,2030,完成省下达目标,%,目标\n乙,咸宁市,2026—2030,与GDP增长同步，略高,%,目标\n';
    await run(db, 'w.csv', ok);
    expect(obs(db, '甲', '咸宁市', '2030', '目标')).toMatchObject({
      value: null,
      textValue: '完成省下达目标',
    });
    expect(obs(db, '乙', '咸宁市', '2026-2030', '目标')?.textValue).toBe('与GDP增长同步，略高');
    expect(new Catalogue(db).indicator('甲').kind).toBe('share');
    const bad =
      '指标,地区,时间,数值,单位,状态\n甲,咸宁市,2031,完成省下达目标,%,\n甲,咸宁市,2032,abc,%,目标\n甲,咸宁市,2033,约1700,%,目标\n';
    const err = await failure(db, 'w.csv', bad);
    expect(err.issues.map((i) => i.message)).toEqual([
      '第2行「数值」列：「完成省下达目标」不是数字（文字表述只能用于状态为「目标」的行）',
      '第3行「数值」列：「abc」不是数字',
      '第4行「数值」列：「约1700」不是数字',
    ]);
  });

  it('wide layout: — - … / in a year column mean no figure', async () => {
    const db = emptyDb();
    const r = await run(db, 'w.csv', '指标,地区,单位,2018,2019,2020,2021\n甲,咸宁市,亿元,—,…,1,-\n');
    expect(r).toMatchObject({ layout: 'wide', added: 1 });
  });

  it('finds the header below a title row, and keeps spreadsheet row numbers in messages', async () => {
    const db = emptyDb();
    const csv =
      '咸宁市主要指标（2019）,,,,\n\n指标,地区,时间,数值,单位\n甲,咸宁市,2019,1,亿元\n甲,咸宁市,2020,x,亿元\n';
    const err = await failure(db, 't.csv', csv);
    expect(err.issues[0].message).toBe('第5行「数值」列：「x」不是数字');
  });

  it('XLSX: reads the data sheet even when an instructions sheet comes first', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['填表说明：每行一个数据']);
    const ws = wb.addWorksheet('数据');
    ws.addRow(['指标', '地区', '时间', '数值', '单位']);
    ws.addRow(['甲', '咸宁市', 2019, 1, '亿元']);
    const r = await run(emptyDb(), 's.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.added).toBe(1);
    expect(r.warnings).toEqual(['只导入了一个工作表；其余有内容的工作表未导入：说明']);
  });

  it('takes an XLSX percentage-formatted cell as the percentage the user sees', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['indicator', 'region', 'period', 'value', 'unit']);
    ws.addRow(['甲', '咸宁市', '2019', 0.081, '%']);
    ws.getCell('D2').numFmt = '0.0%';
    const db = emptyDb();
    await run(db, 'p.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(obs(db, '甲', '咸宁市', '2019')?.value).toBe(8.1);
  });

  it('names the file as given in GBK messages too', async () => {
    const bytes = iconv.encode('指标,地区,时间,数值,单位\r\n甲,咸宁市,二〇一九,1,亿元\r\n', 'gbk');
    const err = await failure(emptyDb(), '数据表.csv', bytes);
    expect(err.message.split('\n')[0]).toMatch(/^数据表\.csv 第2行「时间」列：「二〇一九」不是可识别的时间/);
  });
});

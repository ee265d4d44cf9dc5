// The import/export methods of the UI contract: bytes in and out as base64, never paths.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemas } from '../../../shared/api';
import { openStore } from '../../db/store';
import { createService } from '../../service';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('service: importFile / exportData', () => {
  it('imports uploaded bytes; a refused file comes back with its errors and changes nothing', async () => {
    const { db } = openStore(':memory:');
    const service = createService(db);
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n;
    const before = count();
    const input = schemas.importFile.input.parse({
      fileName: 'broken.csv',
      base64: b64(readFileSync(resolve('tests/fixtures/import/broken.csv'))),
    });
    const bad = await service.importFile(input);
    expect(schemas.importFile.output.parse(bad)).toEqual(bad);
    expect(bad.errorCount).toBe(6);
    expect(bad.errors[0]).toEqual({
      row: 12,
      column: '数值',
      message: '第12行「数值」列：「12,3.4」不是数字',
    });
    expect(count()).toBe(before);

    const dry = await service.importFile(
      schemas.importFile.input.parse({
        fileName: 'ok.csv',
        base64: b64('指标,地区,时间,数值,单位\n地区生产总值,咸宁市,2019,1600,亿元\n'),
        dryRun: true,
      }),
    );
    expect(schemas.importFile.output.parse(dry)).toEqual(dry);
    expect(dry).toMatchObject({ dryRun: true, errors: [], revised: [{ old: 1594.98, new: 1600 }] });
    expect(count()).toBe(before);
  });

  it('exports a download that imports back', async () => {
    const { db } = openStore(':memory:');
    const out = await createService(db).exportData(schemas.exportData.input.parse({ format: 'csv' }));
    expect(schemas.exportData.output.parse(out)).toEqual(out);
    expect(out.fileName).toMatch(/\.csv$/);
    const target = createService(openStore(':memory:', { demo: false }).db);
    const back = await target.importFile({
      fileName: out.fileName,
      base64: out.base64,
      dryRun: false,
      strict: false,
    });
    expect(back).toMatchObject({ added: out.rows, errors: [] });
  });
});

// extractText through the API contract: the hosts validate the call and the answer against the schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, schemas, type BriefHandlers } from '../../shared/api';
import { openStore } from '../db/store';
import { createService } from '../service';

describe('extractText (API contract)', () => {
  it('answers in the shape of its schema, with names mapped to the open database’s catalogue', async () => {
    const { db } = openStore(':memory:');
    try {
      const handlers: BriefHandlers = createService(db);
      const text = '2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。';
      const out = schemas.extractText.output.parse(await dispatch(handlers, 'extractText', { text }));
      expect(out.candidates.map((c) => [c.indicatorCode, c.value, c.unit, c.period, c.region])).toEqual([
        ['GDP', 1594.98, '亿元', '2019', '咸宁市'],
        ['GDP_G', 8.1, '%', '2019', '咸宁市'],
      ]);
      for (const c of out.candidates) expect(text.slice(c.start, c.end)).toBe(c.text);
      await expect(dispatch(handlers, 'extractText', {})).rejects.toThrow(/参数/);
    } finally {
      db.close();
    }
  });

  it('src/core/extract stays pure: no file system, no process, no database', () => {
    for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const src = readFileSync(join(__dirname, f), 'utf8');
      expect(src, f).not.toMatch(/from ['"](node:|fs|path|better-sqlite3)|process\.|require\(/);
    }
  });
});

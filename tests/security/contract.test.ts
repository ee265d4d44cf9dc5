// No file path crosses the API (issue 9): files come and go as bytes (the browser's upload and download,
// Electron's own dialogs in the main process), so no method of the contract takes a path, and the one
// that names a file on the host side (restoreBackup) takes a bare name from the backup list.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { methods, schemas } from '../../src/shared/api';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
}

/** Every key of every object inside a schema, with its path. */
function keys(schema: z.ZodType, at = '', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const out: string[] = [];
  if (def.shape)
    for (const [k, v] of Object.entries(def.shape)) out.push(`${at}${k}`, ...keys(v, `${at}${k}.`, seen));
  for (const inner of [def.innerType, def.element, def.in, def.out, ...(def.options ?? [])])
    if (inner) out.push(...keys(inner, at, seen));
  return out;
}

describe('the API contract', () => {
  it('has no input that is a path, a folder or a destination', () => {
    const found = methods.flatMap((m) => keys(schemas[m].input).map((k) => `${m}: ${k}`));
    expect(found.length).toBeGreaterThan(20);
    expect(found.filter((k) => /path|dir|folder|dest|target|location/i.test(k.split(': ')[1]))).toEqual([]);
  });

  it('restoreBackup takes a backup’s bare file name, never a path', () => {
    const input = schemas.restoreBackup.input;
    expect(input.safeParse({ file: 'brief-20250101-093000-daily.db' }).success).toBe(true);
    for (const file of [
      '../brief.db',
      '/etc/brief.db',
      'C:\\Users\\x\\brief.db',
      'backups/brief.db',
      'C:brief.db',
      'x.txt',
    ])
      expect(input.safeParse({ file }).success, file).toBe(false);
  });
});

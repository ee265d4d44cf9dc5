import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { importData, ImportError, summarise } from '../../core/data/import';
import { issue } from '../../core/data/import/errors';
import { openDb, parse, UsageError, type Io } from '../args';

/** Larger files are refused before reading them into memory. */
const MAX_BYTES = 200 * 1024 * 1024;

function readInput(path: string): Buffer {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ImportError(name, [issue(null, null, `不是文件：${path}`)]);
    size = st.size;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(name, [issue(null, null, `找不到文件：${path}`)]);
  }
  if (size > MAX_BYTES) throw new ImportError(name, [issue(null, null, `文件太大（超过 200 MB）`)]);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ImportError(name, [issue(null, null, `无法读取文件：${(err as Error).message}`)]);
  }
}

export async function cmdImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    'dry-run': { type: 'boolean' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      'import 需要一个 .csv 或 .xlsx 文件，如：brief import 数据.csv [--dry-run] [--strict]',
    );
  const path = resolve(positionals[0]);
  const bytes = readInput(path);
  const { db } = await openDb(values.db, io);
  try {
    const report = await importData(db, {
      fileName: basename(path),
      bytes,
      dryRun: values['dry-run'],
      strict: values.strict,
    });
    if (values.json) io.out(JSON.stringify(report));
    else io.err(summarise(report));
    return 0;
  } finally {
    db.close();
  }
}

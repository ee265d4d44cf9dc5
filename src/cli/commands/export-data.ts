import { resolve } from 'node:path';
import { exportData, formatOf } from '../../core/data/exportData';
import { writeFileAtomic, WriteFileError } from '../../core/export/atomic';
import { openDb, parse, UsageError, type Io } from '../args';

export async function cmdExportData(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' } });
  if (positionals.length > 0)
    throw new UsageError(`export-data 不接受参数「${positionals[0]}」：用 --out 文件.csv 指定输出`);
  if (!values.out) throw new UsageError('export-data 需要 --out 文件.csv 或 --out 文件.xlsx');
  const format = formatOf(values.out);
  if (!format) throw new UsageError(`--out 应是 .csv 或 .xlsx 文件：${values.out}`);
  const out = resolve(values.out);
  const { db } = await openDb(values.db, io);
  try {
    const { bytes, rows } = await exportData(db, format);
    try {
      writeFileAtomic(out, bytes);
    } catch (err) {
      if (err instanceof WriteFileError) {
        io.err(err.message);
        return 1;
      }
      throw err;
    }
    io.err(`已导出 ${rows} 条数据：${out}`);
    return 0;
  } finally {
    db.close();
  }
}

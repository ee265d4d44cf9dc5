import { existsSync } from 'node:fs';
import { integrityCheck } from '../../core/db/backup';
import { corruptMessage } from '../../core/db/connection';
import { dbPath, parse, UsageError, type Io } from '../args';

/** `brief integrity [--json]`: the full check (PRAGMA integrity_check and foreign_key_check) on demand. */
export async function cmdIntegrity(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`integrity 不接受参数「${positionals[0]}」`);
  const path = dbPath(values.db);
  if (!existsSync(path)) {
    io.err(`数据库不存在：${path}`);
    return 1;
  }
  const r = integrityCheck(path);
  if (values.json) io.out(JSON.stringify({ ok: r.ok, problems: r.problems }));
  if (r.ok) io.err(`数据库完整性检查通过：${path}`);
  else {
    for (const p of r.problems) io.err(`  ${p}`);
    io.err(corruptMessage(path, `完整性检查发现 ${r.problems.length} 处问题`));
  }
  return r.ok ? 0 : 1;
}

import { DatabaseError } from '../../core/db/connection';
import { listBackups, restoreBackup, type RestoreResult } from '../../core/db/backup';
import { dbPath, parse, UsageError, type Io } from '../args';
import { printBackups } from './backup';

/**
 * `brief restore (--latest | --from FILE) [--json]`, `brief restore --list`. The backup is checked in
 * full first; a damaged database is kept aside as <db>.broken-TIME, a healthy one is backed up first.
 * --latest takes the newest backup that passes its check (not the ones made just before a restore:
 * those undo a restore and are named with --from).
 */
export async function cmdRestore(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    latest: { type: 'boolean' },
    list: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length)
    throw new UsageError(`restore 不接受参数「${positionals[0]}」：用 --from 文件 指定备份`);
  const path = dbPath(values.db);
  if (values.list) {
    printBackups(path, values.json, io);
    return 0;
  }
  if (Boolean(values.latest) === Boolean(values.from))
    throw new UsageError(
      'restore 需要 --latest（最近的备份）或 --from 备份文件（brief restore --list 列出全部备份）',
    );

  let result: RestoreResult | undefined;
  if (values.from) result = await restoreBackup(path, values.from);
  else {
    const candidates = listBackups(path).filter((b) => b.kind !== 'pre-restore');
    if (!candidates.length) {
      io.err(`没有可用的备份：${path}（备份位于数据库旁的 backups 文件夹）`);
      return 1;
    }
    for (const b of candidates) {
      try {
        result = await restoreBackup(path, b);
        break;
      } catch (err) {
        if (!(err instanceof DatabaseError && /本身已损坏|无法读取/.test(err.message))) throw err;
        io.err(`跳过：${err.message}`);
      }
    }
    if (!result) {
      io.err('所有备份都未通过检查，数据库未改动。');
      return 1;
    }
  }
  const r = result;
  if (values.json)
    io.out(
      JSON.stringify({
        restored: r.restored.file,
        safetyBackup: r.safetyBackup?.path ?? null,
        keptAside: r.keptAside,
        schemaVersion: r.schemaVersion,
      }),
    );
  io.err(`已从备份 ${r.restored.file}（${r.restored.created.replace('T', ' ')}）恢复数据库：${path}`);
  if (r.keptAside) io.err(`损坏的数据库文件已改名保留：${r.keptAside}`);
  if (r.safetyBackup) io.err(`恢复前的数据库已备份为 ${r.safetyBackup.file}（可用 --from 找回）`);
  return 0;
}

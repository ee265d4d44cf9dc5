import { existsSync } from 'node:fs';
import { backupFile, listBackups, pruneBackups, type BackupInfo } from '../../core/db/backup';
import { dbPath, parse, UsageError, type Io } from '../args';

const KIND_LABELS: Record<BackupInfo['kind'], string> = {
  daily: '每日',
  'pre-migration': '升级前',
  'pre-restore': '恢复前',
  manual: '手动',
};

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The backups, newest first: JSON for machines, one line each for people. */
export function printBackups(path: string, json: boolean | undefined, io: Io): void {
  const list = listBackups(path);
  if (json) {
    io.out(JSON.stringify({ backups: list }));
    return;
  }
  for (const b of list)
    io.out(
      `${b.file}\t${b.created.replace('T', ' ')}\t${KIND_LABELS[b.kind]}\t${sizeText(b.size)}\t结构版本 ${b.schemaVersion ?? '?'}`,
    );
  io.err(list.length ? `共 ${list.length} 个备份，位于 ${path} 旁的 backups 文件夹` : `还没有备份：${path}`);
}

/** `brief backup [--list] [--json]`: a backup now (SQLite's backup API), or the list. */
export async function cmdBackup(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { list: { type: 'boolean' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`backup 不接受参数「${positionals[0]}」`);
  const path = dbPath(values.db);
  if (values.list) {
    printBackups(path, values.json, io);
    return 0;
  }
  if (!existsSync(path)) {
    io.err(`数据库不存在：${path}`);
    return 1;
  }
  const b = await backupFile(path, 'manual');
  pruneBackups(path);
  if (values.json) io.out(JSON.stringify({ backup: b }));
  else io.out(b.path);
  io.err(`已备份数据库：${b.path}`);
  return 0;
}

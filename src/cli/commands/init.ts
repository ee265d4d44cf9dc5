import { existsSync, renameSync } from 'node:fs';
import { openStore } from '../../core/db/store';
import { dbPath, parse, type Io } from '../args';

export async function cmdInit(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { demo: { type: 'boolean' }, force: { type: 'boolean' } });
  const path = dbPath(values.db);
  if (existsSync(path)) {
    if (!values.force) {
      io.err(`数据库已存在：${path}（要重新创建请加 --force，原文件会改名保留为 .bak）`);
      return 1;
    }
    renameSync(path, `${path}.${Date.now()}.bak`);
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(path + suffix)) renameSync(path + suffix, `${path}${suffix}.bak`);
  }
  const { db, demoRows } = openStore(path, { demo: Boolean(values.demo) });
  db.close();
  io.err(values.demo ? `已创建数据库并载入演示数据 ${demoRows} 条：${path}` : `已创建空数据库：${path}`);
  return 0;
}

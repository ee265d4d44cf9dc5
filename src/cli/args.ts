/** What every command shares: argument parsing, the database path, output streams, usage errors. */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { prepareDatabase } from '../core/db/backup';
import { openStore } from '../core/db/store';
import { defaultDbPath } from '../core/paths';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export type Command = (args: string[], io: Io) => Promise<number>;

export const COMMON = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

type Parsed<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof COMMON & T; allowPositionals: true; strict: true }>
>;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
): Parsed<T> {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function dbPath(value: string | undefined): string {
  return resolve(value ?? defaultDbPath());
}

/**
 * Opens a command's database the way every host does (issue 9): checked first (quick_check, or the
 * full check after a crash), backed up before a migration and once a day, then opened (a missing
 * one is created with the demo data). A damaged file is a DatabaseError naming `brief restore`.
 */
export async function openDb(value: string | undefined, io?: Io) {
  const path = dbPath(value);
  const prepared = await prepareDatabase(path);
  for (const b of prepared.backups)
    if (b.kind === 'pre-migration') io?.err(`升级数据库结构前已备份：${b.path}`);
  return openStore(path);
}

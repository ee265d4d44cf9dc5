/** What every command shares: argument parsing, the database path, output streams, usage errors. */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDbPath } from '../core/paths';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export type Command = (args: string[], io: Io) => Promise<number>;

export const COMMON = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function dbPath(value: string | undefined): string {
  return resolve(value ?? defaultDbPath());
}

/**
 * 最近打开 (issue 7): the files opened through 打开…, newest first, at most 10, each once, kept in a
 * JSON file in the app's data folder. Pure list functions plus a small store over node:fs; no Electron.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MAX_RECENT = 10;

/** Two paths name the same file (Windows and macOS file systems ignore case; slashes may differ). */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  const norm = (p: string) => {
    const s = platform === 'win32' ? p.replace(/\//g, '\\') : p;
    return platform === 'win32' || platform === 'darwin' ? s.toLowerCase() : s;
  };
  return norm(a) === norm(b);
}

/** The list with `path` first, any earlier entry of it removed, cut to `max`. */
export function addRecent(
  list: readonly string[],
  path: string,
  max = MAX_RECENT,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (!path) return list.slice(0, max);
  return [path, ...list.filter((p) => !samePath(p, path, platform))].slice(0, max);
}

export function removeRecent(
  list: readonly string[],
  path: string,
  platform: NodeJS.Platform = process.platform,
): string[] {
  return list.filter((p) => !samePath(p, path, platform));
}

/** What a stored file holds, checked: strings only, deduplicated, at most `max`. Anything else: empty. */
export function parseRecent(
  raw: unknown,
  max = MAX_RECENT,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const files = Array.isArray(raw) ? raw : (raw as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  let out: string[] = [];
  for (const f of [...files].reverse())
    if (typeof f === 'string' && f.length > 0 && f.length < 4096) out = addRecent(out, f, max, platform);
  return out;
}

export interface RecentStore {
  list(): string[];
  add(path: string): string[];
  remove(path: string): string[];
  clear(): string[];
}

/**
 * The list kept in `file` (written whole through a temporary file, so a crash leaves the old list or
 * the new one). A missing or damaged file is an empty list; a failed write keeps the list in memory.
 */
export function recentStore(
  file: string,
  opts: { max?: number; platform?: NodeJS.Platform; exists?: (path: string) => boolean } = {},
): RecentStore {
  const max = opts.max ?? MAX_RECENT;
  const platform = opts.platform ?? process.platform;
  let files: string[] = [];
  try {
    files = parseRecent(JSON.parse(readFileSync(file, 'utf8')), max, platform);
  } catch {
    files = [];
  }
  // Files deleted or moved since are dropped when the list is read at start.
  if (opts.exists) files = files.filter((f) => opts.exists!(f));

  const persist = () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ files }, null, 2));
      renameSync(tmp, file);
    } catch {
      // The list is a convenience: never fail an open because it could not be written.
    }
    return files.slice();
  };
  return {
    list: () => files.slice(),
    add(path) {
      files = addRecent(files, path, max, platform);
      return persist();
    },
    remove(path) {
      files = removeRecent(files, path, platform);
      return persist();
    },
    clear() {
      files = [];
      return persist();
    },
  };
}

export const fileExists = (path: string): boolean => existsSync(path);

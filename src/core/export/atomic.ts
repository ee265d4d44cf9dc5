/**
 * Atomic file replacement for exports: write a temp file beside the target, fsync it, rename it into
 * place. A reader (or a crash) sees either the old file or the new one, never half of one.
 *
 * Synchronous on purpose: exports are a few hundred kilobytes, and callers (CLI, Electron main) can
 * call it without awaiting. The only module of src/core that touches the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Error codes of a target that is open in another program (Word/WPS on Windows) or not writable. */
const LOCKED = new Set(['EBUSY', 'EPERM', 'EACCES']);

export class WriteFileError extends Error {
  readonly code: string | undefined;
  readonly path: string;
  constructor(message: string, target: string, cause: unknown) {
    super(message, { cause });
    this.name = 'WriteFileError';
    this.path = target;
    this.code = codeOf(cause);
  }
}

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

function messageFor(code: string | undefined, target: string): string {
  if (code && LOCKED.has(code)) return `文件被占用或无写入权限：${target}，请关闭 Word/WPS 后重试`;
  if (code === 'EISDIR') return `无法保存：${target} 是一个文件夹，请换一个文件名`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `保存位置不存在：${path.dirname(target)}`;
  if (code === 'ENOSPC') return `磁盘空间不足，无法保存：${target}`;
  if (code === 'EROFS') return `保存位置只读，无法保存：${target}`;
  return `保存失败：${target}${code ? `（${code}）` : ''}`;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** On Windows a rename can fail for a moment while an antivirus or indexer holds the file: retry briefly. */
function renameWithRetry(from: string, to: string): void {
  const attempts = process.platform === 'win32' ? 4 : 1;
  for (let i = 0; ; i++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (err) {
      const code = codeOf(err);
      if (i + 1 >= attempts || !code || !LOCKED.has(code)) throw err;
      sleepSync(100 * (i + 1));
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM';
  }
}

/**
 * Temp files of this target left by a process that was killed mid-write (kill -9, power cut): the
 * rename never happened, so the target is whole; the hidden `.name.PID.hex.tmp` is removed here, on
 * the next write, once its process is gone.
 */
export function removeStaleTemps(target: string): string[] {
  const abs = path.resolve(target);
  const base = path.basename(abs).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(abs));
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    try {
      fs.rmSync(path.join(path.dirname(abs), name), { force: true });
      removed.push(name);
    } catch {
      /* best effort */
    }
  }
  return removed;
}

/**
 * Replaces `target` with `data` atomically. On failure the old file is left as it was, no temp
 * file is left behind, and a WriteFileError with a Chinese message for the user is thrown.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  removeStaleTemps(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // Keep the permissions of the file being replaced.
    let mode = 0o666;
    try {
      const st = fs.statSync(abs);
      if (st.isFile()) mode = st.mode & 0o777;
    } catch {
      /* new file */
    }
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    renameWithRetry(tmp, abs);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    fs.rmSync(tmp, { force: true });
    throw new WriteFileError(messageFor(codeOf(err), abs), abs, err);
  }
  // Make the rename itself durable (POSIX); directories can't be opened for fsync on Windows.
  if (process.platform !== 'win32') {
    try {
      const dfd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(dfd);
      } finally {
        fs.closeSync(dfd);
      }
    } catch {
      /* best effort */
    }
  }
}

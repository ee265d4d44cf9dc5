import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WriteFileError, writeFileAtomic } from './atomic';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brief-atomic-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

const listing = (): string[] => fs.readdirSync(dir).sort();

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('writeFileAtomic', () => {
  it('creates a new file and replaces an existing one, leaving no temp file', () => {
    const target = path.join(dir, '简报.docx');
    writeFileAtomic(target, Buffer.from('first'));
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    writeFileAtomic(target, 'second');
    expect(fs.readFileSync(target, 'utf8')).toBe('second');
    expect(listing()).toEqual(['简报.docx']);
  });

  it('writes through a temp file in the same directory, fsynced before the rename', () => {
    const target = path.join(dir, 'a.docx');
    const order: string[] = [];
    const fsync = vi.spyOn(fs, 'fsyncSync');
    fsync.mockImplementation(((fd: number) => {
      order.push('fsync');
      void fd;
    }) as typeof fs.fsyncSync);
    const rename = vi.spyOn(fs, 'renameSync');
    rename.mockImplementation(((from: fs.PathLike, to: fs.PathLike) => {
      order.push('rename');
      expect(path.dirname(String(from))).toBe(dir);
      expect(String(to)).toBe(target);
      expect(fs.readFileSync(from, 'utf8')).toBe('data');
      fs.copyFileSync(from, to);
      fs.rmSync(from);
    }) as typeof fs.renameSync);
    writeFileAtomic(target, 'data');
    expect(order.slice(0, 2)).toEqual(['fsync', 'rename']);
    expect(fs.readFileSync(target, 'utf8')).toBe('data');
  });

  it('keeps the permissions of the file it replaces', () => {
    const target = path.join(dir, 'a.docx');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    writeFileAtomic(target, 'new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
  });

  it('leaves the target intact and no temp file when the target is a directory', () => {
    const target = path.join(dir, 'report.docx');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), 'keep');
    const err = catchError(() => writeFileAtomic(target, 'new'));
    expect(err).toBeInstanceOf(WriteFileError);
    expect((err as Error).message).toContain(target);
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('keep');
    expect(listing()).toEqual(['report.docx']);
  });

  it.each(['EBUSY', 'EPERM', 'EACCES'])(
    'reports a locked target (%s) in Chinese and keeps the old file',
    (code) => {
      const target = path.join(dir, 'locked.docx');
      fs.writeFileSync(target, 'old content');
      vi.spyOn(fs, 'renameSync').mockImplementation(() => {
        throw Object.assign(new Error(`${code}: resource busy or locked`), { code });
      });
      const err = catchError(() => writeFileAtomic(target, 'new content'));
      expect(err).toBeInstanceOf(WriteFileError);
      expect((err as WriteFileError).code).toBe(code);
      expect((err as Error).message).toBe(`文件被占用或无写入权限：${target}，请关闭 Word/WPS 后重试`);
      expect(fs.readFileSync(target, 'utf8')).toBe('old content');
      expect(listing()).toEqual(['locked.docx']);
    },
  );

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'keeps the old file when the directory is not writable',
    () => {
      const target = path.join(dir, 'ro.docx');
      fs.writeFileSync(target, 'old');
      fs.chmodSync(dir, 0o555);
      const err = catchError(() => writeFileAtomic(target, 'new'));
      expect((err as Error).message).toContain('文件被占用或无写入权限');
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
      expect(listing()).toEqual(['ro.docx']);
    },
  );

  it('removes the temp file when writing fails half-way', () => {
    const target = path.join(dir, 'half.docx');
    fs.writeFileSync(target, 'old');
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const err = catchError(() => writeFileAtomic(target, 'new'));
    expect((err as Error).message).toContain('磁盘空间不足');
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(listing()).toEqual(['half.docx']);
  });

  it('reports a missing folder', () => {
    const target = path.join(dir, 'no', 'such', 'x.docx');
    expect(() => writeFileAtomic(target, 'x')).toThrow('保存位置不存在');
  });
});

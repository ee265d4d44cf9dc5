import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

describe('writeFileAtomic', () => {
  it('creates a new file and replaces an existing one, leaving no temp file', async () => {
    const target = path.join(dir, '简报.docx');
    await writeFileAtomic(target, Buffer.from('first'));
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    await writeFileAtomic(target, 'second');
    expect(fs.readFileSync(target, 'utf8')).toBe('second');
    expect(listing()).toEqual(['简报.docx']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const target = path.join(dir, 'a.docx');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    await writeFileAtomic(target, 'new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
  });

  it('leaves the target intact and no temp file when the target is a directory', async () => {
    const target = path.join(dir, 'report.docx');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), 'keep');
    const err = await writeFileAtomic(target, 'new').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFileError);
    expect((err as Error).message).toContain(target);
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('keep');
    expect(listing()).toEqual(['report.docx']);
  });

  it.each(['EBUSY', 'EPERM', 'EACCES'])('reports a locked target (%s) in Chinese and keeps the old file', async (code) => {
    const target = path.join(dir, 'locked.docx');
    fs.writeFileSync(target, 'old content');
    vi.spyOn(fs.promises, 'rename').mockRejectedValue(Object.assign(new Error(`${code}: resource busy or locked`), { code }));
    const err = await writeFileAtomic(target, 'new content').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFileError);
    expect((err as WriteFileError).code).toBe(code);
    expect((err as Error).message).toBe(`文件被占用或无写入权限：${target}，请关闭 Word/WPS 后重试`);
    expect(fs.readFileSync(target, 'utf8')).toBe('old content');
    expect(listing()).toEqual(['locked.docx']);
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'keeps the old file when the directory is not writable',
    async () => {
      const target = path.join(dir, 'ro.docx');
      fs.writeFileSync(target, 'old');
      fs.chmodSync(dir, 0o555);
      const err = await writeFileAtomic(target, 'new').catch((e: unknown) => e);
      expect((err as Error).message).toContain('文件被占用或无写入权限');
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
      expect(listing()).toEqual(['ro.docx']);
    },
  );

  it('removes the temp file when writing fails half-way', async () => {
    const target = path.join(dir, 'half.docx');
    fs.writeFileSync(target, 'old');
    const realOpen = fs.promises.open.bind(fs.promises);
    vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof fs.promises.open>) => {
      const h = await realOpen(...args);
      vi.spyOn(h, 'sync').mockRejectedValue(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
      return h;
    });
    const err = await writeFileAtomic(target, 'new').catch((e: unknown) => e);
    expect((err as Error).message).toContain('磁盘空间不足');
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(listing()).toEqual(['half.docx']);
  });

  it('reports a missing folder', async () => {
    const target = path.join(dir, 'no', 'such', 'x.docx');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow('保存位置不存在');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, parseRecent, recentStore, removeRecent, samePath } from './recent';

const dir = () => mkdtempSync(join(tmpdir(), 'brief-recent-'));

describe('recent files', () => {
  it('puts the newest first, each file once, at most 10', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = addRecent(list, `/r/${i}.txt`, MAX_RECENT, 'linux');
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/r/11.txt');
    expect(list.at(-1)).toBe('/r/2.txt');
    list = addRecent(list, '/r/5.txt', MAX_RECENT, 'linux');
    expect(list[0]).toBe('/r/5.txt');
    expect(list.filter((p) => p === '/r/5.txt')).toHaveLength(1);
    expect(list).toHaveLength(10);
    expect(removeRecent(list, '/r/5.txt', 'linux')).toHaveLength(9);
  });

  it('compares paths as the file system does', () => {
    expect(samePath('C:\\Data\\A.xlsx', 'c:/data/a.xlsx', 'win32')).toBe(true);
    expect(samePath('/Users/w/A.txt', '/Users/w/a.txt', 'darwin')).toBe(true);
    expect(samePath('/home/w/A.txt', '/home/w/a.txt', 'linux')).toBe(false);
    expect(addRecent(['C:\\报告\\扶贫.docx'], 'c:\\报告\\扶贫.DOCX', 10, 'win32')).toEqual([
      'c:\\报告\\扶贫.DOCX',
    ]);
  });

  it('reads only what a list can hold from a stored file', () => {
    expect(parseRecent({ files: ['/a', 3, null, '/b', '/a', ''] }, 10, 'linux')).toEqual(['/a', '/b']);
    expect(parseRecent(['/a'], 10, 'linux')).toEqual(['/a']);
    expect(parseRecent('nonsense')).toEqual([]);
    expect(parseRecent(null)).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `/f${i}`);
    expect(parseRecent({ files: many }, 10, 'linux')).toEqual(many.slice(0, 10));
  });

  it('persists the list, and survives a missing or damaged file', () => {
    const d = dir();
    const file = join(d, 'sub', 'recent-files.json');
    const store = recentStore(file, { platform: 'linux' });
    expect(store.list()).toEqual([]);
    store.add('/home/王/一.txt');
    store.add('/home/王/二.docx');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      files: ['/home/王/二.docx', '/home/王/一.txt'],
    });
    expect(recentStore(file, { platform: 'linux' }).list()).toEqual(['/home/王/二.docx', '/home/王/一.txt']);
    expect(store.remove('/home/王/二.docx')).toEqual(['/home/王/一.txt']);
    expect(store.clear()).toEqual([]);
    expect(recentStore(file).list()).toEqual([]);

    writeFileSync(file, '{ not json');
    expect(recentStore(file).list()).toEqual([]);
  });

  it('drops files that no longer exist when it is read', () => {
    const file = join(dir(), 'recent-files.json');
    writeFileSync(file, JSON.stringify({ files: ['/gone.txt', '/here.txt'] }));
    expect(recentStore(file, { platform: 'linux', exists: (p) => p === '/here.txt' }).list()).toEqual([
      '/here.txt',
    ]);
  });

  it('keeps the list in memory when it cannot be written', () => {
    const d = dir();
    writeFileSync(join(d, 'blocker'), '');
    const store = recentStore(join(d, 'blocker', 'recent.json'), { platform: 'linux' });
    expect(store.add('/a.txt')).toEqual(['/a.txt']);
    expect(store.list()).toEqual(['/a.txt']);
  });
});

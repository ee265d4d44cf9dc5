import { describe, expect, it } from 'vitest';
import { clearJournal, listJournals, readJournal, writeJournal, type KeyValueStore } from './journal';

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
  };
}

const doc = (text: string) => ({
  meta: { title: 'T', author: '', date: '2026-01-01', template: '', period: '2026' },
  blocks: [{ type: 'paragraph' as const, runs: [{ type: 'text' as const, text }] }],
});

describe('the local journal of unsaved edits', () => {
  it('keeps one entry per document, newest first, until cleared', () => {
    const store = memoryStore();
    store.setItem('other-key', 'x');
    writeJournal({ id: 1, title: '甲', baseVersion: 3, at: 100, doc: doc('a') }, store);
    writeJournal({ id: 2, title: '乙', baseVersion: 1, at: 200, doc: doc('b') }, store);
    writeJournal({ id: 1, title: '甲', baseVersion: 3, at: 300, doc: doc('a2') }, store);
    expect(listJournals(store).map((e) => [e.id, e.at])).toEqual([
      [1, 300],
      [2, 200],
    ]);
    expect(readJournal(1, store)?.doc.blocks[0]).toEqual(doc('a2').blocks[0]);
    clearJournal(1, store);
    expect(listJournals(store).map((e) => e.id)).toEqual([2]);
  });

  it('ignores entries that are not journals and survives a full storage', () => {
    const store = memoryStore();
    store.setItem('brief-journal:7', '{not json');
    expect(listJournals(store)).toEqual([]);
    const full: KeyValueStore = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(writeJournal({ id: 1, title: 'T', baseVersion: 1, at: 1, doc: doc('x') }, full)).toBe(false);
  });
});

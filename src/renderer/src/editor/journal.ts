/**
 * The local journal of unsaved edits: what the editor has that the database has not acknowledged.
 *
 * Autosave sends the document to the core about a second after typing stops. Until the core answers
 * "saved", the edits live only in this window — so they are also written here, to localStorage, which
 * survives the server (or the whole app) being killed. On the next start the app offers them back.
 * A database the UI cannot reach cannot hold them, which is why this is not a table in the core.
 * (In browser mode localStorage belongs to the origin: the server must come back on the same port.)
 */
import type { BriefDocument } from '../../../core/doc/model';

export interface JournalEntry {
  id: number;
  title: string;
  /** The stored version the edits were made on. */
  baseVersion: number;
  /** When the edits were last journaled (ms since epoch). */
  at: number;
  doc: BriefDocument;
}

const PREFIX = 'brief-journal:';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

function storage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function writeJournal(entry: JournalEntry, store: KeyValueStore | null = storage()): boolean {
  if (!store) return false;
  try {
    store.setItem(PREFIX + entry.id, JSON.stringify(entry));
    return true;
  } catch {
    // Quota exceeded: the autosave still runs; only crash recovery is lost for this document.
    return false;
  }
}

export function readJournal(id: number, store: KeyValueStore | null = storage()): JournalEntry | null {
  const raw = store?.getItem(PREFIX + id);
  if (!raw) return null;
  try {
    const e = JSON.parse(raw) as JournalEntry;
    return e && typeof e.id === 'number' && e.doc && Array.isArray(e.doc.blocks) ? e : null;
  } catch {
    return null;
  }
}

export function clearJournal(id: number, store: KeyValueStore | null = storage()): void {
  store?.removeItem(PREFIX + id);
}

export function listJournals(store: KeyValueStore | null = storage()): JournalEntry[] {
  if (!store) return [];
  const out: JournalEntry[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const e = readJournal(Number(key.slice(PREFIX.length)), store);
    if (e) out.push(e);
  }
  return out.sort((a, b) => b.at - a.at);
}

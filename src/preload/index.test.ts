// The preload under Node with Electron's two objects faked: it exposes the API object and the single
// menu subscription, and the page never sees the IPC event or a payload that is not a menu command.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MENU_CHANNEL, METHOD_NAMES, type BriefShell, type MenuEvent } from '../shared/methods';

type Listener = (event: unknown, payload: unknown) => void;
const exposed = new Map<string, unknown>();
const listeners = new Set<Listener>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: async () => ({ result: null }),
    on: (channel: string, fn: Listener) => {
      expect(channel).toBe(MENU_CHANNEL);
      listeners.add(fn);
    },
    removeListener: (channel: string, fn: Listener) => {
      expect(channel).toBe(MENU_CHANNEL);
      listeners.delete(fn);
    },
  },
}));

beforeAll(async () => {
  await import('./index');
});

const emit = (payload: unknown) => {
  for (const fn of listeners) fn({ sender: 'the IPC event' }, payload);
};

describe('preload', () => {
  it('exposes the API object and briefShell with onMenu only, both frozen', () => {
    expect([...exposed.keys()]).toEqual(['brief', 'briefShell']);
    expect(Object.keys(exposed.get('brief') as object).sort()).toEqual([...METHOD_NAMES].sort());
    const shell = exposed.get('briefShell') as BriefShell;
    expect(Object.keys(shell)).toEqual(['onMenu']);
    expect(Object.isFrozen(shell)).toBe(true);
  });

  it('passes menu commands (and an opened file’s bytes) to the page, nothing else', () => {
    const shell = exposed.get('briefShell') as BriefShell;
    const seen: MenuEvent[] = [];
    const off = shell.onMenu((e) => seen.push(e));
    emit({ command: 'save' });
    emit({ command: 'open', file: { name: '扶贫.txt', base64: 'AA==' } });
    emit({ command: 'rm -rf' });
    emit({ command: 'open', file: { name: 1 } });
    emit(null);
    expect(seen).toEqual([
      { command: 'save', file: undefined },
      { command: 'open', file: { name: '扶贫.txt', base64: 'AA==' } },
    ]);
    off();
    emit({ command: 'save' });
    expect(seen).toHaveLength(2);
    expect(listeners.size).toBe(0);
  });
});

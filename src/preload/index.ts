/**
 * Exposes exactly the API object of the contract (src/shared) to the renderer as `brief`, and the
 * shell's single menu subscription as `briefShell.onMenu`: nothing else (no ipcRenderer, no event
 * objects, no paths).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CHANNEL,
  MENU_CHANNEL,
  METHOD_NAMES,
  isMenuEvent,
  type BriefShell,
  type MenuEvent,
  type Reply,
} from '../shared/methods';

const api = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    async (input: unknown) => {
      const reply = (await ipcRenderer.invoke(IPC_CHANNEL, name, input)) as Reply;
      if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
      return reply.result;
    },
  ]),
);

const shell: BriefShell = {
  onMenu(listener) {
    if (typeof listener !== 'function') return () => undefined;
    // The page gets the command (checked) and never the IPC event with its sender.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => {
      if (isMenuEvent(payload)) listener({ command: payload.command, file: payload.file } as MenuEvent);
    };
    ipcRenderer.on(MENU_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('brief', Object.freeze(api));
contextBridge.exposeInMainWorld('briefShell', Object.freeze(shell));

/** Exposes exactly the API object of the contract (src/shared) to the renderer, nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, METHOD_NAMES } from '../shared/methods';

type Reply = { result: unknown } | { error: { code: string; message: string } };

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

contextBridge.exposeInMainWorld('brief', Object.freeze(api));

import { contextBridge, ipcRenderer } from 'electron';
import { isEventChannelName, isInvokeChannelName } from '../src/ipc/channels.js';

// The renderer's only door to main: invoke a named channel, or listen to one. Nothing else is exposed, and
// only the contract's channel names pass (main checks the sender and validates every payload again).
contextBridge.exposeInMainWorld('warroom', {
  invoke: (channel: string, payload: unknown) =>
    isInvokeChannelName(channel)
      ? ipcRenderer.invoke(channel, payload)
      : Promise.resolve({ ok: false, code: 'invalid', error: `unknown channel "${String(channel).slice(0, 60)}"` }),
  on: (channel: string, listener: (payload: unknown) => void) => {
    if (!isEventChannelName(channel)) return () => undefined;
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});

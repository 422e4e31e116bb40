import { contextBridge, ipcRenderer } from 'electron';

// The renderer's only door to main: invoke a named channel, or listen to one. Nothing else is exposed.
contextBridge.exposeInMainWorld('warroom', {
  invoke: (channel: string, payload: unknown) => ipcRenderer.invoke(channel, payload),
  on: (channel: string, listener: (payload: unknown) => void) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});

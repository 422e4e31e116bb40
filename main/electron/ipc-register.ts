import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { fail } from '../../src/model/result.js';
import type { IpcHandlerTable } from '../ipc/handlers.js';
import { isTrustedSenderUrl } from '../ipc/trusted-sender.js';

/**
 * Registers the handler table with ipcMain. Every call is checked first: it must come from the top frame of
 * one of our windows showing our own renderer page; otherwise it is refused without running anything.
 */
export function registerIpcHandlers(
  table: IpcHandlerTable,
  rendererIndexUrl: string,
  isOurWindow: (e: IpcMainInvokeEvent) => boolean,
): () => void {
  const channels = Object.keys(table) as (keyof IpcHandlerTable)[];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const frame = event.senderFrame;
      const topFrame = frame !== null && frame === event.sender.mainFrame;
      if (!topFrame || !isOurWindow(event) || !isTrustedSenderUrl(frame?.url, rendererIndexUrl)) {
        return fail(`refused ${channel}: the request did not come from the War Room window`);
      }
      return table[channel](payload);
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}

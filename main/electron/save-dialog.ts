import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { SaveRequest } from '../services/file-export.js';

/** The native "Save as" dialog, starting in Documents; null when the person cancels. */
export async function chooseSavePath(win: BrowserWindow | null, request: SaveRequest): Promise<string | null> {
  const options = { defaultPath: join(app.getPath('documents'), request.suggestedName), filters: request.filters };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

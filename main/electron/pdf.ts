import { BrowserWindow } from 'electron';
import { createPrintWindow } from './window-security.js';

/** Renders a self-contained HTML report to PDF in a hidden window with JavaScript off, then closes it. */
export async function renderPdf(html: string): Promise<Uint8Array> {
  const win = createPrintWindow(BrowserWindow);
  try {
    // The page cannot leave: no navigation, no new windows (the app-wide handlers apply to it too).
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}

import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../src/ipc/contract.js';
import { trayMenuItems, type TrayItem } from '../app/tray-menu.js';

export interface TrayActions {
  show(): void;
  command(c: AppCommand): void;
  quit(): void;
}

// A 32x32 PNG (a red dot on a dark square), inline so the tray never depends on a file outside app.asar.
const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAWUlEQVR42mNgGAxAQFTm/0DgUQeMOmDUAUPTAc8s3fBimjqAkOWkOoIkBxBrOSmOINoBpFpOrCNGHTDqgFEHDB0HDHhBNCiK4kFRGY22B0YdMOqA4euAgQQAcCYpfHrUAIIAAAAASUVORK5CYII=';

/** Shows how many events are saved here but not yet on the hub: dock/launcher badge, tray tooltip and title. */
export function createUnsyncedBadge(
  getWindow: () => BrowserWindow | null,
  actions: TrayActions,
): { set(count: number): void; destroy(): void } {
  let tray: Tray | null = null;
  const toItem = (item: TrayItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'show':
        return { label: item.label, click: () => actions.show() };
      case 'command':
        return { label: item.label, click: () => actions.command(item.command) };
      case 'status':
        return { label: item.label, enabled: false };
      case 'quit':
        return { label: item.label, click: () => actions.quit() };
      case 'separator':
        return { type: 'separator' };
    }
  };
  // Linux shows no tray icon that has no menu.
  const setMenu = (count: number): void => tray?.setContextMenu(Menu.buildFromTemplate(trayMenuItems(count).map(toItem)));
  try {
    tray = new Tray(nativeImage.createFromDataURL(ICON));
    tray.setToolTip('War Room');
    setMenu(0);
    tray.on('click', () => {
      const win = getWindow();
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
  } catch {
    // Some desktops have no tray: the badge and the window's own header still show the count.
  }
  return {
    set(count) {
      app.setBadgeCount(count);
      const text = count > 0 ? `War Room: ${count} not yet synced` : 'War Room: everything synced';
      tray?.setToolTip(text);
      setMenu(count);
      if (process.platform === 'darwin') tray?.setTitle(count > 0 ? String(count) : '');
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}

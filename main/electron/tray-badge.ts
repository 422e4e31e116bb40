import { app, nativeImage, Tray, type BrowserWindow } from 'electron';

// A 32x32 PNG (a red dot on a dark square), inline so the tray never depends on a file outside app.asar.
const ICON = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAWUlEQVR42mNgGAxAQFTm/0DgUQeMOmDUAUPTAc8s3fBimjqAkOWkOoIkBxBrOSmOINoBpFpOrCNGHTDqgFEHDB0HDHhBNCiK4kFRGY22B0YdMOqA4euAgQQAcCYpfHrUAIIAAAAASUVORK5CYII=';

/** Shows how many events are saved here but not yet on the hub: dock/launcher badge, tray tooltip and title. */
export function createUnsyncedBadge(getWindow: () => BrowserWindow | null): { set(count: number): void; destroy(): void } {
  let tray: Tray | null = null;
  try {
    tray = new Tray(nativeImage.createFromDataURL(ICON));
    tray.setToolTip('War Room');
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
      if (process.platform === 'darwin') tray?.setTitle(count > 0 ? String(count) : '');
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}

import { screen, type BrowserWindow } from 'electron';
import { placeWindow, type Area } from '../app/window-placement.js';
import type { ViewState } from '../app/view-state.js';

/** Where the window opens: last run's place if it is still on a screen. */
export function restoredPlace(viewState: ViewState): Partial<Area> {
  return placeWindow(
    viewState.windowBounds(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
}

/** Remembers the window's size and position (debounced: the settings file is rewritten on every save). */
export function trackWindowState(win: BrowserWindow, viewState: ViewState): void {
  if (viewState.windowBounds()?.maximized) win.maximize();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    viewState.setWindowBounds({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}

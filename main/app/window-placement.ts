import type { WindowBounds } from './view-state.js';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where to open the window: where it was last time, if that is still mostly on a screen (a monitor may have
 * been unplugged since); otherwise the default placement (an empty object).
 */
export function placeWindow(saved: WindowBounds | null, displays: readonly Area[]): Partial<Area> {
  if (!saved) return {};
  const visible = displays.some((d) => {
    const w = Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x);
    const h = Math.min(saved.y + saved.height, d.y + d.height) - Math.max(saved.y, d.y);
    // At least a grabbable strip of the window must be on this display.
    return w >= Math.min(200, saved.width) && h >= Math.min(100, saved.height);
  });
  if (!visible) return {};
  return { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
}

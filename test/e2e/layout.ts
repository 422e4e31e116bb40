import type { Page } from '@playwright/test';

/**
 * How many of the elements matching `selector` a person really sees whole: inside the viewport and their
 * scroll container, and not covered by anything (document.elementFromPoint at the middle, just inside the
 * top and just inside the bottom of each lands on the element itself).
 */
export async function wholeVisible(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      const r = el.getBoundingClientRect();
      if (r.height === 0 || r.width === 0 || r.top < 0 || r.bottom > vh || r.left < 0 || r.right > vw) continue;
      const x = r.left + Math.min(r.width / 2, 40);
      const points = [r.top + r.height / 2, r.top + 2, r.bottom - 2];
      if (points.every((y) => el.contains(document.elementFromPoint(x, y)))) n++;
    }
    return n;
  }, selector);
}

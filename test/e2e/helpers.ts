import { mkdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const HYPOTHESES = [
  'primary database stalled while replicating to its replicas',
  'IP address conflict on the private network',
  'primary firewall reset its configuration',
] as const;

/** Console errors that are not the app's: the meta CSP cannot carry frame-ancestors (Electron sends it as a header). */
export const appErrors = (errors: string[]): string[] =>
  errors.filter((e) => !/frame-ancestors' is ignored when delivered via a <meta> element/.test(e));

/** Records a line through the quick-entry box, the way a person would: type, Enter. */
export async function quickEntry(page: Page, line: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  await box.fill(line);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** Axe on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(report, `accessibility of ${what}`).toEqual([]);
}

/**
 * Every e2e run writes the main views to test-results/screenshots; `WARROOM_SCREENSHOTS=docs/screenshots
 * npm run test:e2e` refreshes the committed ones (the README's), so a plain test run leaves the tree clean.
 */
const SCREENSHOT_DIR = process.env.WARROOM_SCREENSHOTS ?? 'test-results/screenshots';

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // No caret blink or toast in the picture.
  await page.locator('.toast button').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, animations: 'disabled', caret: 'hide' });
}

export async function dismissToasts(page: Page): Promise<void> {
  await page.locator('.toast button').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
}

/**
 * Runs a command from the palette by typing its words, as a person does. The first offer must name the last
 * word typed, so a renamed command fails here rather than running another one.
 */
export async function palette(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(words);
  await expect(page.getByRole('listbox', { name: 'Commands' }).getByRole('option').first()).toContainText(
    new RegExp(words.split(' ').at(-1)!, 'i'),
  );
  await page.keyboard.press('Enter');
}

/** Both sizes the project checks (the 1024x640 laptop and a 1920x1080 desk screen), light and dark. */
export async function picturesAtBothSizes(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [w, h] of [
      [1024, 640],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await screenshot(page, `${name}-${theme}-${w}x${h}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 640 });
}

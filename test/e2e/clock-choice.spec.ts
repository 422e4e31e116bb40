import { expect, test } from '@playwright/test';
import { screenshot } from './helpers.js';
import { openIncident } from './room.js';
import { startTeammate } from './teammate.js';

for (const [width, height, colorScheme] of [
  [1024, 640, 'light'],
  [1920, 1080, 'dark'],
] as const) {
  test(`a commander who reads AM/PM picks the 12-hour clock in Settings and every time on screen follows (${width}x${height} ${colorScheme})`, async ({
    browser,
  }) => {
    const ana = await startTeammate(browser, { name: 'Ana', colorScheme });
    try {
      const { page } = ana;
      await page.setViewportSize({ width, height });
      await openIncident(ana, 'Checkout failing for EU customers');
      const clock = page.locator('.clock').first();
      await expect(clock).toBeVisible();

      // In an incident, Settings is a command in the palette (Ctrl+K), as everything is.
      const settings = async () => {
        await page.keyboard.press('Control+k');
        await page.keyboard.type('clock');
        await page.keyboard.press('Enter');
      };
      await settings();
      const dialog = page.getByRole('dialog', { name: 'You' });
      await dialog.getByLabel('Clock').selectOption('12h');
      await screenshot(page, `clock-choice-${width}-${colorScheme}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await expect(clock).toHaveText(/\d:\d\d (AM|PM) /);

      await settings();
      await dialog.getByLabel('Clock').selectOption('24h');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(clock).not.toHaveText(/AM|PM/);
      // Remembered: the choice is a preference main keeps, not a setting of this page.
      expect((await ana.handlers['prefs:get']({})) as { value: { clock: string } }).toMatchObject({ value: { clock: '24h' } });
    } finally {
      await ana.close();
    }
  });
}

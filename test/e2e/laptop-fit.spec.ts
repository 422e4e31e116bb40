import { expect, test } from '@playwright/test';
import { appErrors, dismissToasts, expectAccessible, screenshot } from './helpers.js';
import { openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

let alice: Teammate;
test.afterEach(async () => {
  await alice?.close();
});

const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Müller & Söhne GmbH', 'Stark Industries'];

test('at 1024x640 the linter sits beside or under the draft text, and the customers table fits with every Remove reachable', async ({
  browser,
}) => {
  alice = await startTeammate(browser, { name: 'Alice' });
  const { page } = alice;
  await page.setViewportSize({ width: 1024, height: 640 });
  const incident = await openIncident(
    alice,
    'Checkout failing (SASSER quarantine)',
    'card payments at checkout are failing in the EU region',
  );
  for (const [i, customer] of CUSTOMERS.entries())
    await alice.warRoom.record(incident, 'impact.added', {
      customer,
      level: i % 3 === 0 ? 'critical' : 'major',
      segment: 'Enterprise, EU payments',
      contact: `ops-team-${i}@${customer.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
      credit: '10% of the monthly fee',
      note: 'cannot take card payments at checkout since the morning',
    });
  await dismissToasts(page);

  // Drafts: a new update from the template; its findings start within the window, beside or right under the text.
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'New draft' }).click();
  const text = page.getByRole('textbox', { name: 'Draft text' });
  await expect(text).toBeVisible();
  const lint = page.locator('section.lint');
  await expect(lint.getByRole('list', { name: 'Linter findings' })).toBeVisible();
  const t = (await text.boundingBox())!;
  const l = (await lint.boundingBox())!;
  console.log(`drafts at 1024x640: text ${JSON.stringify(t)}, findings ${JSON.stringify(l)}`);
  const beside = l.x >= t.x + t.width - 1 && l.y < t.y + t.height;
  const under = l.y >= t.y + t.height - 1 && l.y - (t.y + t.height) < 120;
  expect(beside || under, 'the findings beside or directly under the text').toBe(true);
  expect(l.y).toBeLessThan(640 - 60);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `laptop-drafts-1024x640-${theme}`);
  }
  await expectAccessible(page, 'the drafts view at 1024x640');

  // Customers: no sideways scroll, and every row's Remove really reachable (on screen once scrolled to, not covered).
  await page.keyboard.press('Alt+3');
  const table = page.locator('.impact-table');
  await expect(table).toBeVisible();
  const fit = await table.evaluate((el) => {
    let box: HTMLElement | null = el as HTMLElement;
    while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
    return { table: el.getBoundingClientRect().right, window: window.innerWidth, overflowing: box?.className ?? null };
  });
  console.log(`customers at 1024x640: ${JSON.stringify(fit)}`);
  expect(fit.table).toBeLessThanOrEqual(fit.window);
  for (const customer of CUSTOMERS) {
    const remove = page.getByRole('button', { name: `Remove ${customer}` });
    await remove.scrollIntoViewIfNeeded();
    const box = (await remove.boundingBox())!;
    expect(box.x + box.width, customer).toBeLessThanOrEqual(1024);
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.getAttribute('aria-label'),
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit, customer).toBe(`Remove ${customer}`);
  }
  await page.evaluate(() => document.querySelector('.impact-table')?.scrollIntoView({ block: 'start' }));
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `laptop-customers-1024x640-${theme}`);
  }
  await expectAccessible(page, 'the customers view at 1024x640');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'laptop-customers-1920x1080-light');
  await page.keyboard.press('Alt+4');
  await screenshot(page, 'laptop-drafts-1920x1080-light');
  expect(appErrors(alice.consoleErrors)).toEqual([]);
});

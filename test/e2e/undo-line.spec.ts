import { expect, test, type Page } from '@playwright/test';
import { appErrors, dismissToasts, expectAccessible, HYPOTHESES, screenshot } from './helpers.js';
import { wholeVisible } from './layout.js';
import { openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

let alice: Teammate;
test.afterEach(async () => {
  await alice?.close();
});

const ALL = [
  ...HYPOTHESES,
  'load balancer health checks flapping',
  'certificate expired on the payments API',
  'DNS resolver cache poisoned',
];
const KEY = { open: 'o', investigating: 'i', confirmed: 'c', 'ruled-out': 'x' } as const;
const COLUMN = { open: /^Open/, investigating: /^Investigating/, confirmed: /^Confirmed/, 'ruled-out': /^Ruled out/ } as const;
type Status = keyof typeof KEY;

const board = (page: Page) => page.getByRole('region', { name: 'Hypotheses board' });
const card = (page: Page, n: number) => board(page).getByRole('group', { name: new RegExp(`^H${n}: `) });

test('at 1024x640 fast triage keeps the undo notice to one line and three whole cards in view; Ctrl+Z undoes the focused card', async ({
  browser,
}) => {
  alice = await startTeammate(browser, { name: 'Alice' });
  const { page } = alice;
  await page.setViewportSize({ width: 1024, height: 640 });
  const incident = await openIncident(alice, 'Checkout failing for EU customers');
  for (const text of ALL) await alice.warRoom.record(incident, 'hypothesis.added', { text });
  await dismissToasts(page);
  await page.keyboard.press('Alt+2');
  await expect(card(page, 6)).toBeVisible();

  // Three rounds over every card, no pause; after every step the notice is one line and three cards are whole.
  const rounds: Status[][] = [
    ['investigating', 'ruled-out', 'confirmed', 'ruled-out', 'investigating', 'open'],
    ['ruled-out', 'investigating', 'open', 'confirmed', 'ruled-out', 'investigating'],
    ['confirmed', 'ruled-out', 'ruled-out', 'open', 'investigating', 'ruled-out'],
  ];
  const notice = board(page).getByTestId('undo-notice');
  let fewest = Infinity;
  let tallest = 0;
  for (const [r, round] of rounds.entries()) {
    for (const [i, status] of round.entries()) {
      await card(page, i + 1).focus();
      await page.keyboard.press(KEY[status]);
      await page.keyboard.type(`round ${r + 1}: seen in the logs`);
      await page.keyboard.press('Enter');
      await expect(
        board(page)
          .getByRole('region', { name: COLUMN[status] })
          .getByRole('group', { name: new RegExp(`^H${i + 1}: `) }),
      ).toBeVisible();
      const seen = await wholeVisible(page, '.board .hypothesis-card');
      fewest = Math.min(fewest, seen);
      tallest = Math.max(tallest, (await notice.boundingBox())?.height ?? 0);
    }
  }
  console.log(`undo line: fewest whole cards ${fewest}, notice height at most ${tallest}px`);
  expect(fewest).toBeGreaterThanOrEqual(3);
  expect(tallest).toBeLessThanOrEqual(40);
  await expect(notice).toContainText('6 changes');
  await expect(notice.getByRole('button', { name: 'Undo last' })).toBeVisible();

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `undo-line-1024x640-${theme}`);
  }
  await expectAccessible(page, 'the board with the undo line');

  // Ctrl+Z on H2 (changed in the last round, but not the newest change) puts H2 back, and only H2.
  const before = (await alice.warRoom.events(incident)).length;
  await card(page, 2).focus();
  await page.keyboard.press('Control+z');
  await expect(board(page).getByRole('region', { name: COLUMN.investigating }).getByRole('group', { name: /^H2: / })).toBeVisible();
  await expect(board(page).getByRole('region', { name: COLUMN['ruled-out'] }).getByRole('group', { name: /^H6: / })).toBeVisible();
  const after = await alice.warRoom.events(incident);
  expect(after).toHaveLength(before + 1);
  const state = await alice.warRoom.state(incident);
  expect(after.at(-1)).toMatchObject({ kind: 'hypothesis.status', data: { target: state.hypotheses[1], status: 'investigating' } });
  await expect(notice).toContainText('H2 is investigating again');

  // A second Ctrl+Z on H2: its change was undone, nothing more on this card; nothing else is touched.
  await page.keyboard.press('Control+z');
  await expect(notice).toContainText('Nothing to undo on this card');
  expect(await alice.warRoom.events(incident)).toHaveLength(before + 1);

  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `undo-line-1920x1080-${theme}`);
  }
  expect(appErrors(alice.consoleErrors)).toEqual([]);
});

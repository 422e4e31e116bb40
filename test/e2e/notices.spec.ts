import { expect, test, type Locator, type Page } from '@playwright/test';
import { appErrors, HYPOTHESES, quickEntry } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';

/**
 * Whether what a person sees at points across the visible part of `target` (within the window and its
 * scrolling pane) belongs to `target`: nothing floats over it.
 */
async function uncovered(page: Page, target: Locator): Promise<boolean> {
  const handle = await target.elementHandle();
  return page.evaluate((el) => {
    let r = el!.getBoundingClientRect();
    const pane = el!.closest('.drafts-main, .drafts-side, .drafts');
    const clip = pane ? pane.getBoundingClientRect() : new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    const top = Math.max(r.top, clip.top, 0);
    const bottom = Math.min(r.bottom, clip.bottom, window.innerHeight);
    r = new DOMRect(r.left, top, r.width, bottom - top);
    if (r.height < 20) return false;
    const xs = [r.left + 4, r.left + r.width / 2, r.right - 4];
    const ys = [r.top + 4, r.top + r.height / 2, r.bottom - 4];
    return xs.every((x) => ys.every((y) => el!.contains(document.elementFromPoint(x, y))));
  }, handle);
}

test('notifications: none for history caught up on join, a burst coalesced into one, never over the draft editor or the linter', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  people.push(alice, bob);
  const incident = await openIncident(alice, TITLE);
  for (const h of HYPOTHESES) await quickEntry(alice.page, `h ${h}`);
  const state = await alice.warRoom.state(incident);
  const [h1, h2, h3] = state.hypotheses;
  // History Bob was not there for: a confirmation and a status change (both notify when they happen live).
  await alice.warRoom.record(incident, 'hypothesis.status', { target: h2!, status: 'confirmed', evidence: 'two MACs answer for the VIP' });
  await alice.warRoom.record(incident, 'incident.updated', { status: 'identified' });
  const link = await hostRoom(alice);

  // Bob joins late at a 1024x640 laptop: the history arrives, and no notice about any of it.
  await bob.page.setViewportSize({ width: 1024, height: 640 });
  await joinRoom(bob, link, TITLE);
  await expect(bob.page.getByRole('tab', { name: /Hypotheses 3/ })).toBeVisible();
  await quickEntry(bob.page, 'n Bob here, reading up');
  await expect(bob.page.getByTestId('timeline-scroll').getByRole('article').last()).toContainText('Bob here, reading up');
  await expect(bob.page.locator('.toast')).toHaveCount(0);

  // Bob writes a customer update; Alice's team keeps working: three notices in a burst while he types.
  await bob.page.keyboard.press('Alt+4');
  await bob.page.getByRole('button', { name: 'New draft' }).click();
  const editor = bob.page.getByLabel('Draft text');
  await expect(editor).not.toHaveValue('');
  await editor.press('Control+a');
  await editor.pressSequentially('We are sorry: card payments fail for EU customers. ');
  await Promise.all([
    alice.warRoom.record(incident, 'hypothesis.status', { target: h1!, status: 'confirmed', evidence: 'replica lag at 20 minutes' }),
    alice.warRoom.record(incident, 'incident.updated', { status: 'monitoring' }),
    alice.warRoom.record(incident, 'hypothesis.status', { target: h3!, status: 'confirmed', evidence: 'firewall config reset at 14:02' }),
  ]);
  await editor.pressSequentially('Next update by 15:00 UTC.');
  const burst = bob.page.getByTestId('toast-burst');
  await expect(burst).toContainText('3 updates');
  await expect(bob.page.locator('.toast')).toHaveCount(1);
  await burst.getByRole('button', { name: 'Show all 3' }).click();
  await expect(burst.getByRole('listitem')).toHaveCount(3);
  await expect(burst).toContainText('is now monitoring');

  // Nothing covers the editor or the linter, and every keystroke is in the draft.
  await expect(editor).toHaveValue('We are sorry: card payments fail for EU customers. Next update by 15:00 UTC.');
  // The text box itself (its wrapper lays out as a grid's rows at laptop width and has no box of its own).
  expect(await uncovered(bob.page, editor)).toBe(true);
  // On a 1024x640 laptop the linter sits under the editor: scroll to it, as Bob does.
  await bob.page.locator('section.lint').scrollIntoViewIfNeeded();
  await expect(burst).toBeVisible();
  expect(await uncovered(bob.page, bob.page.locator('section.lint'))).toBe(true);

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

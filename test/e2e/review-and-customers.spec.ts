import { expect, test } from '@playwright/test';
import { appErrors, dismissToasts, expectAccessible, palette, picturesAtBothSizes } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];

test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const SEVEN = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Müller & Söhne GmbH', 'Stark Industries'];

/** Opens a new incident from the list screen and returns its id. */
async function openIncident(t: Teammate, title: string): Promise<string> {
  await t.page.getByRole('button', { name: /New incident/ }).click();
  await t.page.getByLabel('Title').fill(title);
  await t.page.getByRole('button', { name: 'Open incident' }).click();
  await expect(t.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return (await t.warRoom.listIncidents())[0]!.id;
}

test('Alice asks Bob to approve a status-page update: his window shows a badge and a notice; publishing it for everyone marks the seven affected customers notified', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  people.push(alice);
  const bob = await startTeammate(browser, { name: 'Bob' });
  people.push(bob);
  for (const t of [alice, bob]) await t.page.setViewportSize({ width: 1024, height: 640 });

  const incident = await openIncident(alice, 'Checkout failing for EU customers');
  // What customers see and since when: the facts a template may fill for them (issue 21: never the title).
  expect((await alice.warRoom.record(incident, 'incident.updated', { summary: 'Checkout failing for EU customers' })).ok).toBe(true);
  expect((await alice.warRoom.record(incident, 'milestone.set', { milestone: 'impact-started', at: Date.now() - 60_000 })).ok).toBe(true);
  for (const customer of SEVEN) expect((await alice.warRoom.record(incident, 'impact.added', { customer, level: 'major' })).ok).toBe(true);
  await palette(alice.page, 'take the comms');
  await expect(alice.page.getByTestId('room-fact')).toContainText('comms: Alice');

  // Alice hosts the room; Bob joins with the link and takes the commander role.
  await alice.page.getByRole('button', { name: 'Share…', exact: true }).click();
  const share = alice.page.getByRole('dialog', { name: /Host a room|Team room/ });
  await share.getByRole('button', { name: 'Host this room' }).click();
  const link = await share.getByLabel('Join link').inputValue();
  await share.getByRole('button', { name: 'Close' }).last().click();
  await bob.page.getByRole('button', { name: 'Join a room…' }).click();
  await bob.page.getByLabel('Join link').fill(link);
  await bob.page.getByRole('button', { name: 'Join room' }).click();
  await expect(bob.page.getByRole('heading', { level: 1, name: 'Checkout failing for EU customers' })).toBeVisible();
  await palette(bob.page, 'take the commander');
  await expect(alice.page.getByTestId('room-fact')).toContainText('commander: Bob');
  await expect(bob.page.getByTestId('review-badge')).toHaveCount(0);

  // Alice writes a status-page update for all customers from the template and marks it ready.
  await alice.page.keyboard.press('Alt+4');
  const form = alice.page.getByRole('form', { name: 'New customer update' });
  await form.getByLabel('For').selectOption('all');
  await form.getByLabel('Channel').selectOption('status-page');
  await alice.page.getByRole('button', { name: 'New draft' }).click();
  const text = alice.page.getByLabel('Draft text');
  await expect(text).toHaveValue(/Customers affected: 7 customers/);
  const editor = alice.page.getByRole('region', { name: 'Draft editor' });
  await editor.getByRole('button', { name: 'Mark ready for review' }).click();

  // "Request review from": only the commander and the comms lead can approve; Alice marked it ready, so Bob.
  const ask = editor.getByLabel('Request review from');
  await expect(ask.locator('option')).toHaveText(['Bob (commander)']);
  await editor.getByRole('button', { name: 'Request review' }).click();
  await expect(editor.getByTestId('review-request')).toContainText("Waiting for Bob's approval, asked by Alice");
  await expect(alice.page.getByTestId('waiting-for')).toContainText("waiting for Bob's approval");
  // Alice is not the reviewer: no badge in her header.
  await expect(alice.page.getByTestId('review-badge')).toHaveCount(0);

  // Bob, on the timeline, sees the badge in his header and a notice, without looking for it.
  const badge = bob.page.getByTestId('review-badge');
  await expect(badge).toHaveText('1 update waiting for your approval');
  await expect(bob.page.getByTestId('toast-review-requested')).toContainText('Your approval is needed');
  await expect(bob.page.getByTestId('toast-review-requested')).toContainText('Alice asks you to approve this customer update');
  // Visible to a person at 1024x640: the badge is what is at its own middle, not covered by anything.
  const box = (await badge.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1024);
  expect(
    await bob.page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="review-badge"]') !== null,
      [box.x + box.width / 2, box.y + box.height / 2],
    ),
  ).toBe(true);
  await test.step("the reviewer's window with the badge and the notice, at both sizes", async () => {
    await bob.page.screenshot({ path: 'test-results/screenshots/review-badge-notice-1024x640.png' });
    await bob.page.setViewportSize({ width: 1920, height: 1080 });
    await bob.page.screenshot({ path: 'test-results/screenshots/review-badge-notice-1920x1080.png' });
    await bob.page.setViewportSize({ width: 1024, height: 640 });
    await expectAccessible(bob.page, 'header with the review badge');
  });

  // The badge takes Bob to the draft; he approves it, and the badge goes away (he acted).
  await badge.click();
  const bobEditor = bob.page.getByRole('region', { name: 'Draft editor' });
  await expect(bobEditor.getByLabel('Draft text')).toHaveValue(/Customers affected: 7 customers/);
  await picturesAtBothSizes(bob.page, 'review-request-reviewer');
  await bobEditor.getByRole('button', { name: 'Approve' }).click();
  await expect(bobEditor.locator('.review-step[aria-current="step"]')).toHaveText('Approved by Bob');
  await expect(badge).toHaveCount(0);
  await expect(alice.page.getByTestId('waiting-for')).toHaveCount(0);

  // Publishing for all customers offers to mark the seven affected notified; Bob keeps the offer.
  const offer = bobEditor.getByRole('checkbox', { name: /Also mark the 7 affected customers notified/ });
  await expect(offer).toBeChecked();
  await bobEditor.getByRole('button', { name: 'Publish and copy the text' }).click();
  await expect(bob.page.getByTestId('published-text')).toContainText('Customers affected: 7 customers');
  for (const t of [alice, bob]) await expect(t.page.getByTestId('customers-fact')).toContainText('7 affected · 7 notified');
  const state = await alice.warRoom.state(incident);
  expect(state.updates).toHaveLength(1);
  expect(state.updates[0]!.audience).toBe('all');
  expect([...state.updates[0]!.notified].sort()).toEqual([...state.impactOrder].sort());
  expect(Object.values(state.impacts).every((i) => i.notifiedAt === state.updates[0]!.at)).toBe(true);

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

test('a hurried comms lead offers seven customers a credit in one action, removes one by mistake and undoes it', async ({ browser }) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  people.push(alice);
  const { page } = alice;
  await page.setViewportSize({ width: 1024, height: 640 });
  const incident = await openIncident(alice, 'Invoices not sent');
  for (const customer of SEVEN)
    expect((await alice.warRoom.record(incident, 'impact.added', { customer, level: 'critical' })).ok).toBe(true);
  const before = (await alice.warRoom.events(incident)).length;

  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('row', { name: /Stark Industries/ })).toBeVisible();
  const bar = page.getByRole('group', { name: 'Selected customers' });
  await bar.getByRole('button', { name: 'Select all 7 affected' }).click();
  await expect(bar).toContainText('7 selected');
  // Typed the way a person in a hurry types: no pauses, then Enter.
  await bar.getByLabel('Credit to offer the selected customers').click();
  await page.keyboard.type('one month free');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bulk-done')).toHaveText('Offered “one month free”: 7 customers.');
  for (const customer of SEVEN)
    await expect(page.getByRole('textbox', { name: `Credit offered to ${customer}` })).toHaveValue('one month free');

  // One action for the person, one event per customer in the log (the audit trail names each).
  const events = (await alice.warRoom.events(incident)).slice(before);
  expect(events.map((e) => e.kind)).toEqual(Array(7).fill('impact.updated'));
  expect(new Set(events.map((e) => (e.data as { target: string }).target)).size).toBe(7);
  expect(events.every((e) => (e.data as { credit?: string }).credit === 'one month free')).toBe(true);

  // Acknowledged in bulk too, only for the ones chosen.
  await bar.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('checkbox', { name: 'Select Globex' }).check();
  await page.getByRole('checkbox', { name: 'Select Hooli' }).check();
  await bar.getByRole('button', { name: 'Mark acknowledged' }).click();
  await expect(page.getByTestId('bulk-done')).toHaveText('Marked acknowledged: 2 customers.');
  await expect(page.getByRole('checkbox', { name: 'Globex acknowledged' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Acme Corp acknowledged' })).not.toBeChecked();
  await picturesAtBothSizes(page, 'customers-bulk');

  // Remove is a retraction with an undo: the customer comes back with the credit they were offered.
  await page.getByRole('button', { name: 'Remove Acme Corp' }).click();
  await expect(page.getByRole('row', { name: /Acme Corp/ })).toHaveCount(0);
  await expect(page.getByTestId('customers-fact')).toContainText('6 affected');
  const removed = page.getByRole('list', { name: 'Recently removed customers' });
  await expect(removed).toContainText('Removed Acme Corp (Alice)');
  // The undo is in sight and has the focus the gone Remove button had.
  await expect(removed.getByRole('button', { name: 'Undo removing Acme Corp' })).toBeFocused();
  await expect(removed.getByRole('button', { name: 'Undo removing Acme Corp' })).toBeInViewport();
  await picturesAtBothSizes(page, 'customers-removed-undo');
  await removed.getByRole('button', { name: 'Undo removing Acme Corp' }).click();
  await expect(page.getByRole('row', { name: /Acme Corp/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Credit offered to Acme Corp' })).toHaveValue('one month free');
  await expect(page.getByTestId('customers-fact')).toContainText('7 affected');
  await expect(removed).toHaveCount(0);
  const log = await alice.warRoom.events(incident);
  expect(log.slice(-2).map((e) => e.kind)).toEqual(['entry.retracted', 'impact.restored']);
  await dismissToasts(page);
  await expectAccessible(page, 'customers with the bulk bar');
  expect(appErrors(alice.consoleErrors)).toEqual([]);
});

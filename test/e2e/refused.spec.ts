import { expect, test } from '@playwright/test';
import type { WarEvent } from '../../src/kinds/event.js';
import { newOriginFor } from '../../main/identity/event-signature.js';
import { newSigner } from '../helpers/hub-peers.js';
import { appErrors, expectAccessible, screenshot } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';

test('the commander keeps status and severity; a resolve by someone else arriving anyway is kept out and shown as refused, with why', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob' });
  people.push(alice, bob);
  const { page } = alice;
  await page.setViewportSize({ width: 1024, height: 640 });
  const incident = await openIncident(alice, TITLE, 'EU customers cannot pay at checkout.');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('take the commander role');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await alice.warRoom.state(incident)).roles.commander?.name).toBe('Alice');

  // Bob joins with an editor link: he writes, but the incident's status and severity are the commander's.
  await joinRoom(bob, await hostRoom(alice), TITLE);
  const bobHeader = bob.page.getByRole('banner', { name: 'Incident summary' });
  await expect(bobHeader).toContainText('investigating');
  await expect(bobHeader.getByLabel('Incident status')).toHaveCount(0);
  await expect(bobHeader.getByLabel('Severity')).toHaveCount(0);
  await expect(bob.page.getByRole('combobox', { name: 'Record' })).toBeVisible();
  await screenshot(bob.page, 'editor-not-commander-1280x800');
  await bob.page.keyboard.press('Control+k');
  await bob.page.keyboard.type('set status');
  await expect(bob.page.getByRole('option')).toHaveCount(0);
  await bob.page.keyboard.press('Escape');
  // Main refuses it too, whatever the window offers.
  const bobResolves = await bob.handlers['event:record']({ incident, kind: 'incident.updated', data: { status: 'resolved' } });
  expect(bobResolves).toMatchObject({
    ok: false,
    error: expect.stringMatching(
      /Bob may not change the incident's status \(to resolved\); only the commander or the scribe may \(commander: Alice\)/,
    ),
  });

  // Mallory's resolve, signed with her own key, reaches Alice anyway (an older hub, an imported log).
  const mallory = await newSigner();
  const resolve = mallory.signEvent(
    {
      v: 1,
      id: 'e_mallory0001',
      incident,
      origin: newOriginFor(mallory.key),
      seq: 1,
      at: { ms: Date.now(), c: 0 },
      actor: { id: mallory.actorId, name: 'Mallory' },
      kind: 'incident.updated',
      data: { status: 'resolved' },
    } as WarEvent,
    undefined,
  );
  const ingested = await alice.warRoom.ingest(incident, [resolve]);
  expect(ingested).toMatchObject({ ok: true, value: { rejected: [] } });

  const header = page.getByRole('banner', { name: 'Incident summary' });
  await expect(header.getByTestId('refused-badge')).toHaveText('1 refused');
  await expect(header.getByLabel('Incident status')).toHaveValue('investigating');
  // The hub refuses it too when Alice's app offers it on: settled, so nothing shows as waiting to sync.
  await expect(page.getByTestId('sync-state')).toHaveText(/^\s*synced$/);
  await header.getByTestId('refused-badge').click();
  const dialog = page.getByRole('dialog', { name: '1 event refused by the rules' });
  await expect(dialog.getByRole('list', { name: 'Refused events' })).toContainText('Incident updated by Mallory');
  await expect(dialog).toContainText(
    "Mallory may not change the incident's status (to resolved); only the commander or the scribe may (commander: Alice)",
  );
  await expectAccessible(page, 'the refused events dialog');
  await screenshot(page, 'refused-1024x640');
  // The same list on a big dark screen (a bridge call at night), and the editor's header in dark too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'the refused events dialog, dark');
  await screenshot(page, 'refused-1920x1080-dark');
  await bob.page.emulateMedia({ colorScheme: 'dark' });
  await bob.page.setViewportSize({ width: 1024, height: 640 });
  await screenshot(bob.page, 'editor-not-commander-1024x640-dark');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('timeline-scroll')).not.toContainText('status resolved');

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

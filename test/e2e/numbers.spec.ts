import { expect, test, type Page } from '@playwright/test';
import { HYPOTHESES, appErrors, expectAccessible, palette, quickEntry, screenshot } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';
const DNS = 'DNS resolver cache serving stale records';

/** The numbers a person sees on the board, label -> text, read from the cards as they are shown. */
async function boardNumbers(page: Page): Promise<Record<string, string>> {
  await page.keyboard.press('Alt+2');
  const cards = page.getByRole('region', { name: 'Hypotheses board' }).getByRole('group');
  const names = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  return Object.fromEntries(
    names.filter((n) => /^H[\d?]+: /.test(n)).map((n) => [n.split(': ')[0]!, n.slice(n.indexOf(': ') + 2).replace(/\. Status .*$/, '')]),
  );
}

/** The hypothesis texts an action tests, on a peer's folded state. */
async function linkedTexts(t: Teammate, incident: string, action: string): Promise<string[]> {
  const state = await t.warRoom.state(incident);
  const entry = Object.values(state.entries).find((e) => e.kind === 'action' && e.text === action);
  if (entry?.kind !== 'action') return [];
  return entry.links.map((id) => state.entries[id]!.text);
}

test('numbers never move: Bob adds a hypothesis offline while Alice adds two; every number seen still names the same hypothesis, and #N links the same entry everywhere', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  people.push(alice, bob);
  const incident = await openIncident(alice, TITLE);
  await quickEntry(alice.page, `h ${HYPOTHESES[0]}`);
  const link = await hostRoom(alice);
  await joinRoom(bob, link, TITLE);
  await expect(bob.page.getByRole('tab', { name: /Hypotheses 1/ })).toBeVisible();

  // Bob goes offline and writes a hypothesis: it has no number yet, and says so.
  await palette(bob.page, 'go offline');
  await expect(bob.page.getByTestId('sync-state')).toContainText('offline');
  await quickEntry(bob.page, `h ${HYPOTHESES[1]}`);
  // Meanwhile Alice adds two; the hub numbers them as it accepts them.
  await quickEntry(alice.page, `h ${DNS}`);
  await quickEntry(alice.page, `h ${HYPOTHESES[2]}`);
  // Her own shows "H?" for the moment the hub takes to number it, then its number.
  const aliceNumbered = { H1: HYPOTHESES[0], H2: DNS, H3: HYPOTHESES[2] };
  await expect.poll(() => boardNumbers(alice.page)).toEqual(aliceNumbered);
  const aliceSaw = await boardNumbers(alice.page);
  const bobSaw = await boardNumbers(bob.page);
  expect(aliceSaw).toEqual(aliceNumbered);
  expect(bobSaw).toEqual({ H1: HYPOTHESES[0], 'H?': HYPOTHESES[1] });
  // On the bridge: "H2 is DNS".
  await expect(
    alice.page.getByRole('region', { name: 'Hypotheses board' }).getByRole('group', { name: new RegExp(`^H2: ${DNS}`) }),
  ).toBeVisible();

  // Bob reconnects. Every number anyone saw still names the same hypothesis, on both; Bob's gets the next one.
  await palette(bob.page, 'reconnect');
  await expect(bob.page.getByTestId('sync-state')).toContainText('synced');
  const after = { H1: HYPOTHESES[0], H2: DNS, H3: HYPOTHESES[2], H4: HYPOTHESES[1] };
  await expect.poll(() => boardNumbers(bob.page)).toEqual(after);
  await expect.poll(() => boardNumbers(alice.page)).toEqual(after);
  for (const saw of [aliceSaw, bobSaw])
    for (const [label, text] of Object.entries(saw)) if (label !== 'H?') expect(after[label as keyof typeof after]).toBe(text);

  // "#2" typed afterwards, by either of them, links DNS on both peers; "#4" links Bob's hypothesis.
  await quickEntry(bob.page, 'a flush the resolver cache #2');
  await quickEntry(alice.page, 'a check the ARP tables #4');
  for (const t of [alice, bob]) {
    await expect.poll(() => linkedTexts(t, incident, 'flush the resolver cache')).toEqual([DNS]);
    await expect.poll(() => linkedTexts(t, incident, 'check the ARP tables')).toEqual([HYPOTHESES[1]]);
  }
  // And the timeline row reads the same on both: "tests H2".
  for (const t of [alice, bob]) {
    await t.page.keyboard.press('Alt+1');
    await expect(t.page.getByRole('article', { name: /^Action/ }).filter({ hasText: 'flush the resolver cache' })).toContainText(
      'tests H2',
    );
    await expect(t.page.getByRole('article', { name: /^Action/ }).filter({ hasText: 'check the ARP tables' })).toContainText('tests H4');
  }

  // Bob may not change Alice's action (only its author, the commander or the scribe may): not offered. His own is.
  const row = (text: string) => bob.page.getByRole('article', { name: /^Action/ }).filter({ hasText: text });
  await row('check the ARP tables')
    .getByRole('button', { name: /Entry menu/ })
    .click();
  await expect(bob.page.getByRole('menu').getByRole('menuitem')).toHaveText(['Pin as key event']);
  await bob.page.keyboard.press('Escape');
  await row('flush the resolver cache')
    .getByRole('button', { name: /Entry menu/ })
    .click();
  await expect(bob.page.getByRole('menu').getByRole('menuitem')).toHaveText([
    'Edit…',
    'Link to hypotheses…',
    'Retract…',
    'Pin as key event',
  ]);
  await bob.page.getByRole('menuitem', { name: 'Link to hypotheses…' }).click();
  const dialog = bob.page.getByRole('dialog', { name: 'Link the action to hypotheses' });
  // Real checkboxes in dark mode: small, ticked where linked, and a click ticks one.
  const dns = dialog.getByRole('checkbox', { name: new RegExp(`H2 ${DNS}`) });
  await expect(dns).toBeChecked();
  const box = (await dns.boundingBox())!;
  expect(box.width).toBeLessThan(30);
  await dialog.getByRole('checkbox', { name: new RegExp(`H4 ${HYPOTHESES[1]}`) }).check();
  await screenshot(bob.page, 'link-dialog-dark-1280x800');
  await expectAccessible(bob.page, 'the link dialog (dark)');
  await dialog.getByRole('button', { name: 'Save links' }).click();
  for (const t of [alice, bob]) await expect.poll(() => linkedTexts(t, incident, 'flush the resolver cache')).toEqual([DNS, HYPOTHESES[1]]);
  for (const t of [alice, bob]) expect(appErrors(t.consoleErrors)).toEqual([]);
});

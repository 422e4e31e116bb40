import { expect, test } from '@playwright/test';
import { appErrors, expectAccessible, HYPOTHESES } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';

test('quick entry typed with no pauses through # and @ picks links and owns exactly what was picked', async ({ browser }) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob Marley', colorScheme: 'dark' });
  people.push(alice, bob);
  const incident = await openIncident(alice, TITLE);
  const link = await hostRoom(alice);
  await joinRoom(bob, link, TITLE);

  const { page } = alice;
  const box = page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  for (const h of HYPOTHESES) {
    await page.keyboard.type(`h ${h}`);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('tab', { name: /Hypotheses 3/ })).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText('synced');

  // No pause anywhere: pick by words with Tab, by arrow with Enter, a person by the start of a name; the next
  // entry starts before the last one's save returns.
  const keys = page.keyboard;
  await keys.type('a check replica lag #fire');
  await keys.press('Tab');
  await keys.type('@bo');
  await keys.press('Tab');
  await keys.type('now');
  await keys.press('Enter');
  await keys.type('a ping the gateway #');
  await keys.press('ArrowDown');
  await keys.press('Enter');
  await keys.type('@');
  await keys.press('Enter');
  await keys.type('twice');
  await keys.press('Enter');
  await keys.type('h disk full on the primary @Dana');
  await keys.press('Enter');
  await keys.type('h pool exhausted @bo');
  await keys.press('Tab');
  await keys.press('Enter');
  await keys.type('a fail over #');
  await keys.press('Enter');
  await keys.type('#2');
  await keys.press('Enter');

  await expect(box).toHaveValue('');
  const want = [
    { kind: 'action.added', text: 'check replica lag now', links: [3], owner: 'Bob Marley' },
    { kind: 'action.added', text: 'ping the gateway twice', links: [2], owner: 'Alice' },
    { kind: 'hypothesis.added', text: 'disk full on the primary', links: [], owner: 'Dana' },
    { kind: 'hypothesis.added', text: 'pool exhausted', links: [], owner: 'Bob Marley' },
    { kind: 'action.added', text: 'fail over', links: [1, 2], owner: undefined },
  ];
  for (const t of [alice, bob]) {
    await expect
      .poll(async () => {
        const state = await t.warRoom.state(incident);
        const number = (id: string) => state.hypotheses.indexOf(id) + 1;
        return state.timeline
          .filter((r) => r.kind === 'action.added' || (r.kind === 'hypothesis.added' && number(r.entryId) > 3))
          .map((r) => state.entries[r.entryId]!)
          .map((e) => ({ kind: `${e.kind}.added`, text: e.text, links: e.kind === 'action' ? e.links.map(number) : [], owner: e.owner }));
      }, `${t.name}'s entries`)
      .toEqual(want);
  }
  await keys.type('a call the vendor @b');
  await expect(page.getByRole('listbox', { name: 'People to own it' })).toContainText('@Bob Marley');
  await expectAccessible(page, 'the owner picker');
  expect(appErrors(alice.consoleErrors)).toEqual([]);
});

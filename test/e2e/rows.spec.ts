import { expect, test } from '@playwright/test';
import { appErrors, expectAccessible, HYPOTHESES } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';

test('every timeline row has a keyboard menu: edit, retract with a reason, pin as a key event, link an action; unprefixed text is a note; owners show', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  people.push(alice, bob);
  const { page } = alice;
  const incident = await openIncident(alice, TITLE);
  await joinRoom(bob, await hostRoom(alice), TITLE);

  // Typed in a hurry, one line after another; the last has no prefix and is kept as a note.
  const box = page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  for (const line of [`h ${HYPOTHESES[0]}`, `h ${HYPOTHESES[1]}`, 'a compare ARP tables @Bob', 'replica lag looks normal now']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  const timeline = page.getByTestId('timeline-scroll');
  const row = (text: string) => timeline.getByRole('article').filter({ hasText: text });
  await expect(row('replica lag looks normal now')).toContainText('Note');
  // The action's owner is in its row.
  await expect(row('compare ARP tables')).toContainText('@Bob');

  // Edit the note from the keyboard: Tab to the row's menu, Enter, arrows, Enter.
  const menuButton = (text: string) => row(text).getByRole('button', { name: /^Entry menu/ });
  await menuButton('replica lag looks normal now').focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expectAccessible(page, 'a row menu open');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit the note' });
  await edit.getByLabel('Text').fill('replica lag back to 2 s on every replica');
  await edit.getByLabel('Text').press('Enter');
  await expect(edit).toBeHidden();
  await expect(row('replica lag back to 2 s on every replica').first()).toBeVisible();

  // Link the action to H2 (menu: Edit…, Link…, Retract…, Pin).
  await menuButton('compare ARP tables').first().focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Link to hypotheses…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const link = page.getByRole('dialog', { name: 'Link the action to hypotheses' });
  await link.getByRole('checkbox', { name: /H2 IP address conflict/ }).check();
  await link.getByRole('button', { name: 'Save links' }).click();
  await expect(link).toBeHidden();
  await expect(row('compare ARP tables').first()).toContainText('tests H2');

  // Retract H1 with a reason: it stays in the log, struck through, with the reason.
  await menuButton(HYPOTHESES[0]).first().focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const retract = page.getByRole('dialog', { name: 'Retract the hypothesis' });
  await retract.getByRole('button', { name: 'Retract' }).click();
  await expect(retract.getByRole('alert')).toContainText('say why');
  await retract.getByLabel('Reason').fill('duplicate of H2');
  await retract.getByLabel('Reason').press('Enter');
  await expect(retract).toBeHidden();
  await expect(row('duplicate of H2')).toContainText('Retracted');

  // Pin the H2 row as a key event: Escape closes a menu without doing anything, then the last item pins.
  await menuButton(HYPOTHESES[1]).first().focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(menuButton(HYPOTHESES[1]).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Pin as key event' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row(HYPOTHESES[1]).first()).toContainText('key event');

  // All of it as new events, on Alice's disk and at Bob's through the hub.
  const kinds = (await alice.warRoom.events(incident)).map((e) => e.kind);
  expect(kinds.filter((k) => k === 'entry.edited')).toHaveLength(2);
  expect(kinds.filter((k) => k === 'entry.retracted')).toHaveLength(1);
  expect(kinds.filter((k) => k === 'entry.pinned')).toHaveLength(1);
  await expect
    .poll(async () => {
      const s = await bob.warRoom.state(incident);
      const [h1, h2] = s.hypotheses.map((id) => s.entries[id]!);
      const action = s.entries[s.actions[0]!]!;
      const note = s.entries[s.notes[0]!]!;
      return [
        h1!.retracted?.reason,
        action.kind === 'action' ? action.links : [],
        action.owner,
        note.text,
        Object.keys(s.keyEvents).length,
        h2!.id,
      ];
    })
    .toEqual(['duplicate of H2', [expect.any(String)], 'Bob', 'replica lag back to 2 s on every replica', 1, expect.any(String)]);
  await expect(bob.page.getByTestId('timeline-scroll').getByRole('article').filter({ hasText: HYPOTHESES[1] }).first()).toContainText(
    'key event',
  );

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

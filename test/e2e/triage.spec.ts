import { expect, test, type Page } from '@playwright/test';
import type { IncidentState } from '../../src/model/incident-state.js';
import { appErrors, expectAccessible, HYPOTHESES } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';
const MORE = ['load balancer health checks flapping', 'certificate expired on the payments API', 'DNS resolver cache poisoned'];
const ALL = [...HYPOTHESES, ...MORE];
const KEY = { open: 'o', investigating: 'i', confirmed: 'c', 'ruled-out': 'x' } as const;
type Status = keyof typeof KEY;

/**
 * A hurried commander: focus a card, a status key, the evidence, Enter, and straight on to the next card,
 * with no pause anywhere. Evidence is full of letters that are shortcuts on a card (o, i, c, x).
 */
async function triage(page: Page, n: number, status: Status, evidence: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Hypotheses board' })
    .getByRole('group', { name: new RegExp(`^H${n}: `) })
    .focus();
  await page.keyboard.press(KEY[status]);
  await page.keyboard.type(evidence);
  await page.keyboard.press('Enter');
}

const byText = (state: IncidentState) => new Map(state.hypotheses.map((id) => [state.entries[id]!.text, state.entries[id]!]));

test('fast keyboard triage across many cards: every status and its evidence land on the card where they began, and can be undone', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  people.push(alice, bob);
  const incident = await openIncident(alice, TITLE);
  const link = await hostRoom(alice);
  await joinRoom(bob, link, TITLE);

  // Six hypotheses typed without a pause, the Record box keeping focus throughout.
  const box = alice.page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  for (const h of ALL) {
    await alice.page.keyboard.type(`h ${h}`);
    await alice.page.keyboard.press('Enter');
  }
  await expect(alice.page.getByRole('tab', { name: /Hypotheses 6/ })).toBeVisible();
  await alice.page.keyboard.press('Alt+2');

  // Three rounds over all six cards; every card ends each round with the status and evidence typed on it.
  const rounds: Status[][] = [
    ['investigating', 'ruled-out', 'confirmed', 'ruled-out', 'investigating', 'open'],
    ['ruled-out', 'investigating', 'open', 'confirmed', 'ruled-out', 'investigating'],
    ['confirmed', 'ruled-out', 'ruled-out', 'open', 'investigating', 'ruled-out'],
  ];
  const expected = new Map<string, { status: Status; evidence: string }>();
  for (const [r, round] of rounds.entries()) {
    for (const [i, status] of round.entries()) {
      const evidence = `round ${r + 1} on H${i + 1}: two ox icicles, exit code 0`;
      await triage(alice.page, i + 1, status, evidence);
      expected.set(ALL[i]!, { status, evidence });
    }
  }

  // Every card on disk, on the hub's other peer and on screen: the status and the evidence typed on it.
  const check = async (t: Teammate) =>
    expect
      .poll(async () =>
        [...byText(await t.warRoom.state(incident))].map(([text, h]) => [
          text,
          h.kind === 'hypothesis' ? h.status : '',
          h.kind === 'hypothesis' ? h.evidence : '',
        ]),
      )
      .toEqual(ALL.map((text) => [text, expected.get(text)!.status, expected.get(text)!.evidence]));
  await check(alice);
  await check(bob);
  // Exactly one status event per keystroke-Enter: no letter of the evidence was taken as a shortcut.
  const statusEvents = (await alice.warRoom.events(incident)).filter((e) => e.kind === 'hypothesis.status');
  expect(statusEvents).toHaveLength(rounds.flat().length);
  const board = alice.page.getByRole('region', { name: 'Hypotheses board' });
  for (const [i, text] of ALL.entries()) {
    const { status, evidence } = expected.get(text)!;
    const column = board.getByRole('region', {
      name: new RegExp(`^${{ open: 'Open', investigating: 'Investigating', confirmed: 'Confirmed', 'ruled-out': 'Ruled out' }[status]}`),
    });
    await expect(column.getByRole('group', { name: new RegExp(`^H${i + 1}: `) })).toContainText(evidence);
  }

  // The last card moved column after Enter; nobody moved on, so focus followed it.
  await expect(board.getByRole('group', { name: /^H6: / })).toBeFocused();

  // A person who moved on is not pulled back: confirm H1, at once open a step on H2 and type; the H1 card
  // moves when its event lands, and focus stays in H2's evidence box with every letter in it.
  await board.getByRole('group', { name: /^H1: / }).focus();
  await alice.page.keyboard.press('i');
  await alice.page.keyboard.type('replica lag rising');
  await alice.page.keyboard.press('Enter');
  await board.getByRole('group', { name: /^H2: / }).focus();
  await alice.page.keyboard.press('c');
  await alice.page.keyboard.type('conflict on two ips');
  await expect(board.getByRole('region', { name: /^Investigating/ }).getByRole('group', { name: /^H1: / })).toBeVisible();
  const h2Box = board.getByRole('textbox', { name: /Mark H2 confirmed/ });
  await expect(h2Box).toBeFocused();
  await expect(h2Box).toHaveValue('conflict on two ips');
  await alice.page.keyboard.press('Escape');
  await expect(h2Box).toBeHidden();

  // Undo: the notice names each change; undo is a new status event back to where the card was.
  const notice = board.getByTestId('undo-notice');
  await expect(notice).toContainText('H1 marked investigating (was confirmed)');
  const before = (await alice.warRoom.events(incident)).length;
  await notice.getByRole('button', { name: 'Undo last' }).click();
  await expect(board.getByRole('region', { name: /^Confirmed/ }).getByRole('group', { name: /^H1: / })).toBeVisible();
  const after = await alice.warRoom.events(incident);
  expect(after).toHaveLength(before + 1);
  expect(after.at(-1)).toMatchObject({ kind: 'hypothesis.status', data: { status: 'confirmed' } });
  await expect
    .poll(async () => (await bob.warRoom.state(incident)).entries[(after.at(-1)!.data as { target: string }).target])
    .toMatchObject({ status: 'confirmed' });

  await expectAccessible(alice.page, 'the board with undo notices open');

  // Ctrl+Z on a card undoes that card's own change, again as a new event.
  await board.getByRole('group', { name: /^H4: / }).focus();
  await alice.page.keyboard.press('x');
  await alice.page.keyboard.press('Enter');
  await expect(board.getByRole('region', { name: /^Ruled out/ }).getByRole('group', { name: /^H4: / })).toBeFocused();
  await alice.page.keyboard.press('Control+z');
  await expect(board.getByRole('region', { name: /^Open/ }).getByRole('group', { name: /^H4: / })).toBeVisible();

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

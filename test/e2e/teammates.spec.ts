import { expect, test, type Page } from '@playwright/test';
import { appErrors, expectAccessible, HYPOTHESES, quickEntry } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];

test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

/** The texts of the timeline rows that match a search, as the page shows them. */
async function findInTimeline(page: Page, text: string) {
  const search = page.getByRole('searchbox', { name: 'Search the timeline' });
  await search.fill(text);
  const rows = page.getByTestId('timeline-scroll').getByRole('article');
  return rows;
}

test('two teammates share a room: live entries, offline writes on both sides, the same timeline after reconnecting', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  people.push(alice);
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  people.push(bob);

  // Alice opens the incident and hosts its room from her machine (the embedded hub).
  await alice.page.getByRole('button', { name: /New incident/ }).click();
  await alice.page.getByLabel('Title').fill('Checkout failing for EU customers');
  await alice.page.getByRole('button', { name: 'Open incident' }).click();
  await quickEntry(alice.page, `h ${HYPOTHESES[0]}`);
  await alice.page.getByRole('button', { name: 'Share…', exact: true }).click();
  const share = alice.page.getByRole('dialog', { name: /Host a room|Team room/ });
  await share.getByRole('button', { name: 'Host this room' }).click();
  const linkField = share.getByLabel('Join link');
  await expect(linkField).toHaveValue(/^warroom:\/\/join\?hub=http/);
  await expectAccessible(alice.page, 'the team room dialog');
  const link = await linkField.inputValue();
  await share.getByRole('button', { name: 'Copy link' }).click();
  expect(alice.clipboard[0]).toBe(link);
  await share.getByRole('button', { name: 'Close' }).last().click();
  await expect(alice.page.getByTestId('sync-fact')).toContainText('synced');

  // Bob joins with the link and sees what Alice wrote before he came.
  await bob.page.getByRole('button', { name: 'Join a room…' }).click();
  await bob.page.getByLabel('Join link').fill(link);
  await expectAccessible(bob.page, 'the join dialog (dark)');
  await bob.page.getByRole('button', { name: 'Join room' }).click();
  await expect(bob.page.getByRole('heading', { level: 1, name: 'Checkout failing for EU customers' })).toBeVisible();
  await expect(bob.page.getByTestId('leading-hypothesis')).toContainText(HYPOTHESES[0]);
  await expect(bob.page.getByTestId('sync-fact')).toContainText('synced');
  await expect(alice.page.getByTestId('room-fact')).toContainText('Alice, Bob');
  await expect(bob.page.getByTestId('room-fact')).toContainText('Bob, Alice');

  // An entry typed by one appears live in the other's timeline and board.
  await quickEntry(bob.page, `h ${HYPOTHESES[1]}`);
  await expect(alice.page.getByRole('tab', { name: /Hypotheses 2/ })).toBeVisible();
  await quickEntry(alice.page, 'n Bob is checking the network side');
  await expect(bob.page.getByTestId('timeline-scroll').getByRole('article').last()).toContainText('Bob is checking the network side');

  // Bob goes offline; both keep writing.
  await bob.page.keyboard.press('Control+k');
  await bob.page.keyboard.type('go offline');
  await bob.page.keyboard.press('Enter');
  await expect(bob.page.getByTestId('sync-fact')).toContainText('offline (paused)');
  await quickEntry(alice.page, 'n Alice: replica lag is 20 minutes');
  await quickEntry(bob.page, 'n Bob: ARP tables look clean');
  await quickEntry(bob.page, `a restart the WAL sender on the primary #1`);
  await expect(bob.page.getByTestId('sync-fact')).toContainText('2 not yet synced');
  // Neither sees the other's offline writes yet.
  await expect(await findInTimeline(alice.page, 'ARP tables look clean')).toHaveCount(0);
  await expect(await findInTimeline(bob.page, 'replica lag is 20 minutes')).toHaveCount(0);

  // Bob reconnects: both sides catch up, and both timelines are the same, in the same order.
  await bob.page.keyboard.press('Control+k');
  await bob.page.keyboard.type('reconnect');
  await bob.page.keyboard.press('Enter');
  await expect(bob.page.getByTestId('sync-fact')).toContainText('synced');
  await expect(bob.page.getByTestId('sync-fact')).not.toContainText('not yet synced');
  await expect(await findInTimeline(alice.page, 'ARP tables look clean')).toHaveCount(1);
  await expect(await findInTimeline(bob.page, 'replica lag is 20 minutes')).toHaveCount(1);
  await expect(await findInTimeline(alice.page, 'restart the WAL sender')).toContainText('tests H1');

  const incident = (await alice.warRoom.listIncidents())[0]!.id;
  const order = async (t: Teammate) => (await t.warRoom.state(incident)).timeline.map((r) => r.id);
  await expect.poll(async () => JSON.stringify(await order(bob))).toBe(JSON.stringify(await order(alice)));
  // What the pages show: the same count and the same newest rows, in the same order.
  for (const t of [alice, bob]) await t.page.getByRole('searchbox', { name: 'Search the timeline' }).fill('');
  const total = (await order(alice)).length;
  const shown = async (t: Teammate) => {
    await expect(t.page.getByRole('search')).toContainText(`${total} entries`);
    return t.page.getByTestId('timeline-scroll').locator('.tl-body').allInnerTexts();
  };
  expect(await shown(bob)).toEqual(await shown(alice));

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

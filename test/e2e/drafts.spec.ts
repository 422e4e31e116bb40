import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { WarEvent } from '../../src/kinds/event.js';
import { newOriginFor } from '../../main/identity/event-signature.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { appErrors, dismissToasts, expectAccessible, screenshot } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];

test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const ALICE_WORDS = 'Written together by Alice and Bob. ';
const BOB_WORDS = ' We apologise for any inconvenience.';

/** The timeline rows matching a search, as the page shows them. */
async function findInTimeline(page: Page, text: string) {
  await page.keyboard.press('Alt+1');
  await page.getByRole('searchbox', { name: 'Search the timeline' }).fill(text);
  return page.getByTestId('timeline-scroll').getByRole('article');
}

test('two comms staff write one update at the same time; a second person approves it; publishing records it and marks the customers notified', async ({
  browser,
}) => {
  const started = Date.now();
  const alice = await startTeammate(browser, { name: 'Alice', cadence: true });
  people.push(alice);
  const bob = await startTeammate(browser, { name: 'Bob', cadence: true });
  people.push(bob);

  // Alice opens the incident, lists the two customers hit, takes the comms role and hosts the room.
  await alice.page.getByRole('button', { name: /New incident/ }).click();
  await alice.page.getByLabel('Title').fill('Checkout failing for EU customers');
  await alice.page.getByRole('button', { name: 'Open incident' }).click();
  await expect(alice.page.getByRole('heading', { level: 1, name: 'Checkout failing for EU customers' })).toBeVisible();
  const incident = (await alice.warRoom.listIncidents())[0]!.id;
  // What customers see and since when: the facts a template may fill for them (issue 21: never the title).
  expect((await alice.warRoom.record(incident, 'incident.updated', { summary: 'Checkout failing for EU customers' })).ok).toBe(true);
  expect((await alice.warRoom.record(incident, 'milestone.set', { milestone: 'impact-started', at: Date.now() - 60_000 })).ok).toBe(true);
  for (const customer of ['Acme Corp', 'Globex']) {
    expect((await alice.warRoom.record(incident, 'impact.added', { customer, level: 'critical' })).ok).toBe(true);
  }
  await alice.page.keyboard.press('Control+k');
  await alice.page.keyboard.type('take the comms');
  await alice.page.keyboard.press('Enter');
  await expect(alice.page.getByTestId('room-fact')).toContainText('comms: Alice');
  await alice.page.getByRole('button', { name: 'Share…', exact: true }).click();
  const share = alice.page.getByRole('dialog', { name: /Host a room|Team room/ });
  await share.getByRole('button', { name: 'Host this room' }).click();
  const link = await share.getByLabel('Join link').inputValue();
  expect(link).toMatch(/^warroom:\/\/join\?hub=http/);
  await share.getByRole('button', { name: 'Close' }).last().click();

  // Bob joins with the link.
  await bob.page.getByRole('button', { name: 'Join a room…' }).click();
  await bob.page.getByLabel('Join link').fill(link);
  await bob.page.getByRole('button', { name: 'Join room' }).click();
  await expect(bob.page.getByRole('heading', { level: 1, name: 'Checkout failing for EU customers' })).toBeVisible();
  await expect(bob.page.getByTestId('customers-fact')).toContainText('2 affected · 0 notified');

  // Alice starts an email to the affected customers from the template for "investigating".
  await alice.page.keyboard.press('Alt+4');
  await alice.page.getByRole('form', { name: 'New customer update' }).getByLabel('Channel').selectOption('email');
  await alice.page.getByRole('button', { name: 'New draft' }).click();
  const aliceText = alice.page.getByLabel('Draft text');
  await expect(aliceText).toHaveValue(/What is affected: Checkout failing for EU customers/);
  await expect(aliceText).toHaveValue(/Customers affected: 2 customers/);
  const template = await aliceText.inputValue();

  // Bob opens the same draft.
  await bob.page.keyboard.press('Alt+4');
  await bob.page.getByRole('button', { name: /Investigating update for affected customers/ }).click();
  const bobText = bob.page.getByLabel('Draft text');
  await expect(bobText).toHaveValue(template);
  await expect(bob.page.getByRole('region', { name: 'Draft editor' })).toContainText('Publishing marks notified: Acme Corp, Globex');

  // Both type at once, Alice at the start and Bob at the end, key by key and interleaved.
  await aliceText.focus();
  await alice.page.keyboard.press('Control+Home');
  await bobText.focus();
  await bob.page.keyboard.press('Control+End');
  await Promise.all([timeInputs(alice.page), timeInputs(bob.page)]);
  const typing = Date.now();
  await Promise.all([alice.page.keyboard.type(ALICE_WORDS, { delay: 30 }), bob.page.keyboard.type(BOB_WORDS, { delay: 30 })]);
  const typedMs = Date.now() - typing;
  const merged = `${ALICE_WORDS}${template}${BOB_WORDS}`;
  // Nobody's keystroke is lost or misplaced: both pages, and both logs, end with the same text.
  const showsMerged = (page: Page) =>
    page
      .waitForFunction((want) => (document.querySelector('textarea.draft-text') as HTMLTextAreaElement | null)?.value === want, merged, {
        polling: 'raf',
        timeout: 15_000,
      })
      .catch(() => undefined);
  await Promise.all([showsMerged(alice.page), showsMerged(bob.page)]);
  await expect(aliceText).toHaveValue(merged);
  await expect(bobText).toHaveValue(merged);
  const convergedMs = Date.now() - typing;
  const perKey = [...(await inputTimes(alice.page)), ...(await inputTimes(bob.page))];
  await expect(alice.page.getByTestId('save-state')).toHaveText('saved');
  await expect(bob.page.getByTestId('save-state')).toHaveText('saved');
  // Undo takes back only your own words: Bob's Ctrl+Z removes his sentence, not what Alice typed meanwhile; redo brings it back.
  await bob.page.keyboard.press('Control+z');
  await expect(aliceText).toHaveValue(`${ALICE_WORDS}${template}`);
  // Redo from where Bob is: his own box shows the undo and still has focus.
  await expect(bobText).toHaveValue(`${ALICE_WORDS}${template}`);
  await expect(bobText).toBeFocused();
  await bob.page.keyboard.press('Control+Shift+z');
  await expect(aliceText).toHaveValue(merged);
  await expect(bobText).toHaveValue(merged);
  const draftId = (await alice.warRoom.state(incident)).draftOrder[0]!;
  await expect.poll(async () => [...((await bob.warRoom.state(incident)).drafts[draftId]?.editors ?? [])].sort().join()).toBe('Alice,Bob');

  // The linter caught Bob's formula, in both pages; marking it ready waits for Alice to acknowledge it.
  const aliceEditor = alice.page.getByRole('region', { name: 'Draft editor' });
  await expect(aliceEditor.getByRole('list', { name: 'Linter findings' })).toContainText('empty-apology');
  await expect(bob.page.getByRole('list', { name: 'Linter findings' })).toContainText('empty-apology');
  await expect(aliceEditor.getByRole('button', { name: 'Mark ready for review' })).toBeDisabled();
  await expect(alice.page.getByTestId('gate-ready')).toContainText('empty-apology');
  await aliceEditor.getByRole('checkbox', { name: /empty-apology/ }).check();
  await aliceEditor.getByRole('button', { name: 'Mark ready for review' }).click();
  await expect(aliceEditor.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(alice.page.getByTestId('gate-approve')).toContainText('You marked it ready: someone else must approve it');

  await test.step('the drafts view with a draft open: accessible and pictured, light and dark', async () => {
    await dismissToasts(alice.page);
    await aliceText.focus();
    await alice.page.locator('.drafts-main').evaluate((el) => el.scrollTo(0, 0));
    for (const theme of ['light', 'dark'] as const) {
      await alice.page.emulateMedia({ colorScheme: theme });
      await expect(alice.page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectAccessible(alice.page, `drafts with a draft open (${theme})`);
      await screenshot(alice.page, `drafts-${theme}`);
    }
    await alice.page.emulateMedia({ colorScheme: 'light' });
  });

  // Bob may not approve until he holds the commander or comms role; the page says so and offers one.
  const bobEditor = bob.page.getByRole('region', { name: 'Draft editor' });
  await expect(bobEditor.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(bob.page.getByTestId('gate-approve')).toContainText('Only the commander or the comms lead can approve');
  await bobEditor.getByRole('button', { name: 'Take the commander role' }).click();
  await expect(bob.page.getByTestId('room-fact')).toContainText('commander: Bob');
  await expect(bob.page.getByTestId('gate-approve')).toContainText('empty-apology');
  await bobEditor.getByRole('checkbox', { name: /empty-apology/ }).check();
  await bobEditor.getByRole('button', { name: 'Approve' }).click();
  await expect(aliceEditor.locator('.review-step[aria-current="step"]')).toHaveText('Approved by Bob');

  // Bob publishes the email: saved to a file, recorded in the timeline, the customers marked notified.
  await bobEditor.getByRole('button', { name: 'Publish and save to a file…' }).click();
  await expect(bob.page.getByTestId('published-text')).toHaveText(merged);
  await expect(bob.page.getByRole('status').filter({ hasText: 'Saved to' })).toContainText('marked notified: Acme Corp, Globex');
  const saved = await readFile(join(bob.dataDir, await readFileName(bob.page)), 'utf8');
  expect(saved.trimEnd()).toBe(merged);

  for (const t of [alice, bob]) {
    const rows = await findInTimeline(t.page, 'Written together by Alice and Bob');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Customer update');
    await expect(rows).toContainText('We apologise for any inconvenience.');
    await expect(t.page.getByTestId('customers-fact')).toContainText('2 affected · 2 notified');
    await t.page.keyboard.press('Alt+3');
    for (const customer of ['Acme Corp', 'Globex'])
      await expect(t.page.getByRole('row', { name: new RegExp(customer) })).toContainText('✓');
  }
  const state = await alice.warRoom.state(incident);
  expect(state.updates.map((u) => [u.text, u.by.name, u.approvedBy?.name])).toEqual([[merged, 'Bob', 'Bob']]);
  expect(Object.values(state.impacts).every((i) => i.notifiedAt === state.updates[0]!.at)).toBe(true);

  const totalMs = Date.now() - started;
  const keys = ALICE_WORDS.length + BOB_WORDS.length;
  const ms = (n: number): string => n.toFixed(1);
  const figures = `${keys} keys typed in two pages at once in ${typedMs} ms, both pages equal ${convergedMs} ms after the first key; page work per keystroke (${perKey.length} inputs) p50 ${ms(percentile(perKey, 0.5))} ms, p95 ${ms(percentile(perKey, 0.95))} ms, max ${ms(Math.max(...perKey))} ms; whole test ${totalMs} ms`;
  console.log(`drafts e2e: ${figures}`);
  test.info().annotations.push({ type: 'timing', description: figures });
  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

/**
 * Starts timing the page's work per keystroke: from the input event reaching the window (capture) to it
 * leaving it (bubble), which includes the app's handler, the Yjs edit and React's synchronous re-render.
 */
async function timeInputs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __inputMs: number[]; __inputStart: number };
    w.__inputMs = [];
    window.addEventListener('input', () => (w.__inputStart = performance.now()), true);
    window.addEventListener('input', () => w.__inputMs.push(performance.now() - w.__inputStart));
  });
}

async function inputTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __inputMs: number[] }).__inputMs);
}

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

/** The saved file's name, from the "Saved to …" line. */
async function readFileName(page: Page): Promise<string> {
  const line = await page.getByRole('status').filter({ hasText: 'Saved to' }).innerText();
  const path = /Saved to (.+?)\.\s*$/.exec(line)?.[1] ?? '';
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * One incident Carol opened four minutes ago, written straight into a fresh data dir, signed with the key her
 * app then loads: she is its opener, so with no roles assigned her window is the one that records a missed update.
 */
async function writeOldIncident(dataDir: string): Promise<void> {
  const signer = (await loadOrCreateSigner(dataDir))!;
  const event = signer.signEvent(
    {
      v: 1,
      id: 'inc_cadence0001',
      incident: 'inc_cadence0001',
      origin: newOriginFor(signer.key),
      seq: 1,
      at: { ms: Date.now() - 4 * 60_000, c: 0 },
      actor: { id: signer.actorId, name: 'Carol' },
      kind: 'incident.opened',
      data: { title: 'Card payments failing', severity: 'SEV1' },
    } as WarEvent,
    undefined,
  );
  await mkdir(incidentsDir(dataDir), { recursive: true });
  await writeFile(join(incidentsDir(dataDir), 'inc_cadence0001.jsonl'), `${JSON.stringify(event)}\n`);
}

test('the cadence: the header counts down, warns before an update is due, and shows a missed one in red, recorded', async ({ browser }) => {
  const carol = await startTeammate(browser, { name: 'Carol', cadence: true, prepare: writeOldIncident });
  people.push(carol);
  const { page } = carol;
  await page.getByRole('button', { name: /Card payments failing/ }).click();
  const countdown = page.getByTestId('update-countdown');
  // Opened four minutes ago, 30 minutes by default while investigating.
  await expect(countdown).toHaveText(/^next update in 2\d:\d\d$/);
  await expect(page.getByTestId('updates-fact')).toContainText('every 30 min');

  // Every 5 minutes: due in about a minute, so the reminder comes (a native notification in the app).
  await page.keyboard.press('Alt+4');
  const cadence = page.getByRole('form', { name: 'Update cadence' });
  await cadence.getByLabel('Customer updates every').fill('5');
  await cadence.getByRole('button', { name: 'Set' }).click();
  await expect(countdown).toHaveText(/^next update in 0:\d\d$/);
  await expect(countdown).toHaveClass(/soon/);
  await expect(page.getByTestId('toast-update-due')).toContainText('Customer update due in 1 minute');

  // Every minute: the promise was broken three minutes ago. Red in the header, and in the timeline for good.
  await cadence.getByLabel('Customer updates every').fill('1');
  await cadence.getByRole('button', { name: 'Set' }).click();
  await expect(countdown).toHaveText('update overdue by 3 min');
  await expect(countdown).toHaveClass(/overdue/);
  await expect(countdown).toHaveCSS('color', 'rgb(161, 0, 28)');
  await expect(page.getByTestId('toast-update-due').filter({ hasText: 'Customer update overdue' })).toBeVisible();
  await expect.poll(async () => (await carol.warRoom.state('inc_cadence0001')).overdue.length).toBe(1);
  const rows = await findInTimeline(page, 'customer update overdue');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Overdue');
  // Since when, in words a hurried reader takes in: the due time, in UTC.
  const { dueAt } = (await carol.warRoom.state('inc_cadence0001')).overdue[0]!;
  // (With the date in front when the run crosses midnight UTC.)
  await expect(rows).toContainText(
    new RegExp(`customer update overdue since (\\d{1,2} [A-Z][a-z]{2} )?${new Date(dueAt).toISOString().slice(11, 16)} UTC`),
  );
  await rows.first().scrollIntoViewIfNeeded();
  for (const [width, height] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await rows.first().scrollIntoViewIfNeeded();
      await screenshot(page, `overdue-row-${width}x${height}-${theme}`);
    }
  }
  expect(appErrors(carol.consoleErrors)).toEqual([]);
});

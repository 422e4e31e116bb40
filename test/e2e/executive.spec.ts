import { expect, test } from '@playwright/test';
import { appErrors, expectAccessible, HYPOTHESES, screenshot } from './helpers.js';
import { hostRoom, joinRoom, openIncident, viewerLink } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';
const OPENING = 'EU customers cannot pay by card at checkout; about 40% of orders fail with 502 errors.';

test('the executive’s minute: current status (versioned, first the opening text), a catch-me-up view on a first visit, the lead only when someone is on it', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const carol = await startTeammate(browser, { name: 'Carol', colorScheme: 'dark' });
  people.push(alice, carol);
  const { page } = alice;
  const incident = await openIncident(alice, TITLE, OPENING);
  // The text written at opening is version 1 of the current status, at the top of every view.
  const statement = page.getByTestId('status-statement');
  await expect(statement).toContainText('Current status v1');
  await expect(statement).toContainText(OPENING);

  // A hurried commander: hypotheses and notes typed back to back, no pause.
  const box = page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  for (const h of HYPOTHESES) {
    await page.keyboard.type(`h ${h}`);
    await page.keyboard.press('Enter');
  }
  for (let i = 1; i <= 12; i++) {
    await page.keyboard.type(`error rate ${40 - i}% at checkout, sample ${i}`);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('search')).toContainText('16 entries');
  // Three open hypotheses: none of them is "the lead" yet.
  const leading = page.getByTestId('leading-hypothesis');
  await expect(leading).toContainText('none yet');
  await expect(leading).toContainText(`3 open: H1 ${HYPOTHESES[0]}`);

  // Alice takes the commander role, starts on H1, and updates the current status.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('take the commander');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+2');
  await page.getByRole('region', { name: 'Hypotheses board' }).getByRole('group', { name: /^H1: / }).focus();
  await page.keyboard.press('i');
  await page.keyboard.type('replica lag at 20 minutes and rising');
  await page.keyboard.press('Enter');
  await expect(leading).toContainText(`H1 ${HYPOTHESES[0]}`);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('update the current status');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Current status' });
  await expect(dialog.getByLabel(/Impact/)).toHaveValue(OPENING);
  await dialog.getByLabel(/Impact/).fill('Card payments fail for about 40% of EU orders since 14:02 UTC.');
  await dialog.getByLabel('What we are doing').fill('Restarting replication on the primary database.');
  await dialog.getByLabel('Next update').fill('by 15:00 UTC');
  await dialog.getByLabel('Next update').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(statement).toContainText('Current status v2');
  await expect(statement).toContainText('Restarting replication');
  const versions = (await alice.warRoom.state(incident)).statementHistory;
  expect(versions.map((v) => [v.version, v.impact])).toEqual([
    [1, OPENING],
    [2, 'Card payments fail for about 40% of EU orders since 14:02 UTC.'],
  ]);

  // The executive joins for the first time, with a viewer link: the catch-up view, not the bottom of the log.
  const editorLink = await hostRoom(alice);
  await joinRoom(carol, await viewerLink(alice, editorLink), TITLE);
  const catchUp = carol.page.getByTestId('catch-up');
  await expect(catchUp).toBeVisible();
  await expect(carol.page.getByTestId('timeline-scroll')).toHaveCount(0);
  await expect(catchUp).toContainText('Restarting replication on the primary database.');
  await expect(catchUp).toContainText('by 15:00 UTC');
  await expect(carol.page.getByTestId('catch-up-lead')).toContainText(`H1 ${HYPOTHESES[0]}`);
  await expect(carol.page.getByTestId('catch-up-open')).toContainText(`H2 ${HYPOTHESES[1]}`);
  await expect(carol.page.getByTestId('catch-up-open')).toContainText(`H3 ${HYPOTHESES[2]}`);
  await expect(carol.page.getByTestId('catch-up-roles')).toContainText('commander: Alice');
  await expect(carol.page.getByTestId('catch-up-updates')).toContainText('none sent yet');
  await expect(carol.page.getByTestId('catch-up-updates')).toContainText('next update in');
  await expect(carol.page.getByTestId('catch-up-key-events')).toContainText(`opened “${TITLE}”`);
  await expectAccessible(carol.page, 'the catch-up view (viewer, dark)');
  await carol.page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(carol.page, 'catch-up-dark');
  await carol.page.emulateMedia({ colorScheme: 'light' });
  await expect(carol.page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectAccessible(carol.page, 'the catch-up view (viewer, light)');
  await screenshot(carol.page, 'catch-up-light');

  // To the timeline, and back through the palette ("summary").
  await catchUp.getByRole('button', { name: 'Go to the timeline' }).click();
  await expect(carol.page.getByTestId('timeline-scroll')).toBeVisible();
  await carol.page.keyboard.press('Control+k');
  await carol.page.keyboard.type('summary');
  await carol.page.keyboard.press('Enter');
  await expect(carol.page.getByTestId('catch-up')).toBeVisible();
  await carol.page.keyboard.press('Control+k');
  await carol.page.keyboard.type('catch me up');
  await expect(carol.page.getByRole('option').first()).toHaveText(/Catch me up/);
  await carol.page.keyboard.press('Escape');

  // Alice opened it herself: she never saw a catch-up view.
  await expect(page.getByTestId('catch-up')).toHaveCount(0);
  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(carol.consoleErrors)).toEqual([]);
});

test('viewers only view; a severity change shows the team’s definitions and asks why; resolving asks about what is still open', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const carol = await startTeammate(browser, { name: 'Carol' });
  people.push(alice, carol);
  const { page } = alice;
  const incident = await openIncident(alice, TITLE, OPENING);
  const box = page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  for (const line of [`h ${HYPOTHESES[0]}`, `h ${HYPOTHESES[1]}`, 'a restart the WAL sender #1 @Bob']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('tab', { name: /Hypotheses 2/ })).toBeVisible();
  const link = await hostRoom(alice);

  // Carol joins with a viewer link: the window says so and offers no way to write.
  await joinRoom(carol, await viewerLink(alice, link), TITLE);
  const cp = carol.page;
  await expect(cp.getByTestId('viewer-banner')).toContainText('Read-only');
  await expect(cp.getByRole('combobox', { name: 'Record' })).toHaveCount(0);
  await expect(cp.getByTestId('read-only')).toBeVisible();
  const header = cp.getByRole('banner', { name: 'Incident summary' });
  await expect(header.getByLabel('Severity')).toHaveCount(0);
  await expect(header.getByLabel('Incident status')).toHaveCount(0);
  await expect(cp.getByTestId('status-statement').getByRole('button')).toHaveCount(0);
  await expectAccessible(cp, 'the viewer’s timeline');
  await cp.keyboard.press('Alt+2');
  const card = cp.getByRole('region', { name: 'Hypotheses board' }).getByRole('group', { name: /^H1: / });
  await card.focus();
  await cp.keyboard.press('c');
  await expect(cp.getByRole('textbox', { name: /Mark H1/ })).toHaveCount(0);
  await expect(cp.getByRole('region', { name: 'Hypotheses board' }).getByRole('button', { name: 'Confirmed' })).toHaveCount(0);
  await expectAccessible(cp, 'the viewer’s board');
  await cp.keyboard.press('Alt+3');
  await expect(cp.getByRole('form', { name: 'Add an affected customer' })).toHaveCount(0);
  await cp.keyboard.press('Alt+4');
  await expect(cp.getByRole('button', { name: 'New draft' })).toHaveCount(0);
  await expectAccessible(cp, 'the viewer’s drafts');
  await cp.keyboard.press('Control+k');
  await cp.keyboard.type('set severity');
  await expect(cp.getByRole('option')).toHaveCount(0);
  await cp.keyboard.press('Escape');
  // Main refuses a viewer's write even if something asked for one.
  const viewerWrite = await carol.handlers['event:record']({ incident, kind: 'note.added', data: { text: 'a viewer note' } });
  expect(viewerWrite).toMatchObject({ ok: false, error: expect.stringContaining('viewer') });

  // Severity: the header's control opens the team's definitions; one is edited; the change needs a reason.
  await page.getByRole('banner', { name: 'Incident summary' }).getByLabel('Severity').selectOption('SEV1');
  const sev = page.getByRole('dialog', { name: 'Severity' });
  await expect(sev).toContainText('SEV1');
  await expect(sev).toContainText('Critical');
  await sev.getByRole('button', { name: 'Edit the definitions' }).click();
  await sev.getByLabel('What SEV1 means').fill('Card payments or sign-in down for any region; all hands.');
  await sev.getByRole('button', { name: 'Change to SEV1' }).click();
  await expect(sev.getByRole('alert')).toContainText('say why');
  await sev.getByLabel(/^Why/).fill('card payments down for every EU customer');
  await sev.getByRole('button', { name: 'Change to SEV1' }).click();
  await expect(sev).toBeHidden();
  await expect(page.getByRole('banner', { name: 'Incident summary' }).getByLabel('Severity')).toHaveValue('SEV1');
  await expect(
    page.getByTestId('timeline-scroll').getByRole('article').filter({ hasText: 'card payments down for every EU customer' }),
  ).toContainText('severity SEV1');
  await expect
    .poll(async () => (await carol.warRoom.state(incident)).severityDefinitions.SEV1)
    .toBe('Card payments or sign-in down for any region; all hands.');

  // Resolving: what is still open is listed, and the answer is recorded with the resolution.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('set status resolved');
  await page.keyboard.press('Enter');
  const resolve = page.getByRole('dialog', { name: 'Resolve the incident' });
  const open = resolve.getByTestId('still-open');
  await expect(open).toContainText('2 hypotheses not settled');
  await expect(open).toContainText('1 action not finished: restart the WAL sender (planned)');
  await expect(open).toContainText('no customer update has been published');
  await expectAccessible(page, 'the resolve dialog');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve.getByRole('alert')).toContainText('still open');
  await resolve.getByLabel(/What happens to these/).fill('H2 goes to the postmortem; final update drafted by comms');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  await expect(page.getByRole('banner', { name: 'Incident summary' }).getByLabel('Incident status')).toHaveValue('resolved');
  const events = await alice.warRoom.events(incident);
  expect(events.at(-1)).toMatchObject({
    kind: 'incident.updated',
    data: { status: 'resolved', reason: expect.stringContaining('Answer: H2 goes to the postmortem') },
  });
  await expect(cp.getByTestId('viewer-banner')).toBeVisible();
  await expect.poll(async () => (await carol.warRoom.state(incident)).status).toBe('resolved');

  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(carol.consoleErrors).filter((e) => !/viewer/.test(e))).toEqual([]);
});

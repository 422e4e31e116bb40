import { expect, test, type Page } from '@playwright/test';
import { HYPOTHESES, appErrors, dismissToasts, expectAccessible, palette, picturesAtBothSizes, quickEntry } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';
const CLEAN =
  'Since 14:02 UTC, card payments at checkout are failing for EU customers. We are moving traffic to a standby database. Next update at 15:00 UTC.';

/** Opens the header's details (the roster lives there) if they are closed. */
async function openDetails(page: Page) {
  const toggle = page.getByRole('button', { name: 'Details' });
  if (await toggle.isVisible()) await toggle.click();
  return page.getByTestId('roster');
}

/** In the roster, gives `person` what the select offers as `choice` ("Make Carol comms"), as a commander does. */
async function fromRoster(page: Page, person: string, choice: string): Promise<void> {
  const roster = await openDetails(page);
  const row = roster.locator(`[data-person="${person}"]`);
  await row.getByLabel(`Role choice: ${person}`).selectOption({ label: choice });
  await row.getByRole('button', { name: 'Apply' }).click();
}

const chipsOf = (page: Page, person: string) => page.getByTestId('roster').locator(`[data-person="${person}"]`).getByTestId('role-chip');

test('five people organise themselves: the commander hands out comms and scribe from the roster, grants an ask with one key, Carol approves an update, command is handed over, and the deputy acts while the commander is offline', async ({
  browser,
}) => {
  const names = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin'] as const;
  const [alice, bob, carol, dave, erin] = await Promise.all(
    names.map((name, i) => startTeammate(browser, { name, colorScheme: i % 2 ? 'dark' : 'light' })),
  );
  people.push(alice!, bob!, carol!, dave!, erin!);
  const everyone = [alice!, bob!, carol!, dave!, erin!];
  const incident = await openIncident(alice!, TITLE);
  await quickEntry(alice!.page, `h ${HYPOTHESES[0]}`);
  await palette(alice!.page, 'take the commander role');
  const link = await hostRoom(alice!);
  for (const t of [bob!, carol!, dave!, erin!]) await joinRoom(t, link, TITLE);

  // Carol asks for comms before anyone gives it to her: refused? No: the palette offers an ask, not a take.
  await carol!.page.keyboard.press('Control+k');
  await carol!.page.keyboard.type('comms role');
  await expect(carol!.page.getByRole('listbox', { name: 'Commands' }).getByRole('option', { name: /Take the comms role/ })).toHaveCount(0);
  await expect(carol!.page.getByRole('listbox', { name: 'Commands' }).getByRole('option', { name: /Ask for the comms role/ })).toHaveCount(
    1,
  );
  await carol!.page.keyboard.press('Escape');

  // The roster lists all five with a key fingerprint; the commander gives comms to Carol and scribe to Bob.
  const roster = await openDetails(alice!.page);
  for (const n of names) await expect(roster.locator(`[data-person="${n}"]`)).toBeVisible();
  for (const t of everyone)
    await expect(roster.locator(`[data-person="${t.name}"] .fingerprint`)).toHaveText(
      `${t.warRoom.actor().id.slice(2, 6)} ${t.warRoom.actor().id.slice(6, 10)}`,
    );
  await fromRoster(alice!.page, 'Carol', 'Make Carol comms');
  await fromRoster(alice!.page, 'Bob', 'Make Bob scribe');
  for (const t of everyone) {
    await openDetails(t.page);
    await expect(chipsOf(t.page, 'Carol')).toHaveText(['comms']);
    await expect(chipsOf(t.page, 'Bob')).toHaveText(['scribe']);
  }
  // Carol, not the commander, is offered no role for anyone else.
  await expect(carol!.page.getByTestId('roster').locator('[data-person="Bob"]').getByLabel('Role choice: Bob')).toHaveCount(0);

  // Dave asks to be deputy; Alice sees the ask in her header and grants it with one key.
  await palette(dave!.page, 'ask for the deputy commander role');
  const ask = alice!.page.getByTestId('role-request');
  await expect(ask).toContainText('Dave asks for deputy commander');
  await alice!.page.keyboard.press('Alt+g');
  await expect(ask).toHaveCount(0);
  for (const t of everyone) await expect(chipsOf(t.page, 'Dave')).toHaveText(['deputy commander']);

  for (const t of [alice!]) {
    await t.page.setViewportSize({ width: 1024, height: 640 });
    await dismissToasts(t.page);
    await picturesAtBothSizes(t.page, 'roster');
    await expectAccessible(t.page, 'the roster (commander)');
  }
  await expectAccessible(dave!.page, 'the roster (deputy, dark)');

  // Bob, the scribe, writes an update and asks Carol (comms) to approve it; she does.
  await bob!.page.keyboard.press('Alt+4');
  const form = bob!.page.getByRole('form', { name: 'New customer update' });
  await form.getByLabel('For').selectOption('all');
  await form.getByLabel('Channel').selectOption('status-page');
  await bob!.page.getByRole('button', { name: 'New draft' }).click();
  await bob!.page.getByLabel('Draft text').fill(CLEAN);
  const editor = bob!.page.getByRole('region', { name: 'Draft editor' });
  await editor.getByRole('button', { name: 'Mark ready for review' }).click();
  await editor.getByLabel('Request review from').selectOption({ label: 'Carol (comms lead)' });
  await editor.getByRole('button', { name: 'Request review' }).click();
  await carol!.page.getByTestId('review-badge').click();
  const carolsEditor = carol!.page.getByRole('region', { name: 'Draft editor' });
  await carolsEditor.getByRole('button', { name: 'Approve' }).click();
  await expect(carolsEditor.locator('.review-step[aria-current="step"]')).toHaveText('Approved by Carol');
  await expect(editor.locator('.review-step[aria-current="step"]')).toHaveText('Approved by Carol');

  // Alice hands command to Erin in one step; Alice no longer holds it anywhere.
  await fromRoster(alice!.page, 'Erin', 'Hand over command to Erin');
  for (const t of everyone) {
    await expect(chipsOf(t.page, 'Erin')).toHaveText(['commander']);
    await expect(chipsOf(t.page, 'Alice')).toHaveCount(0);
  }

  // Erin goes offline; Dave, the deputy, acts for her: he makes Alice liaison and moves the status on.
  await palette(erin!.page, 'go offline');
  await expect(erin!.page.getByTestId('sync-fact')).toContainText('offline (paused)');
  await fromRoster(dave!.page, 'Alice', 'Make Alice liaison');
  // He may not hand over command or name a deputy: the roster does not offer it.
  const davesChoices = dave!.page.getByTestId('roster').locator('[data-person="Bob"]').getByLabel('Role choice: Bob').locator('option');
  await expect(davesChoices).not.toContainText(['Hand over command to Bob']);
  await expect(davesChoices.filter({ hasText: /command|deputy/ })).toHaveCount(0);
  await dave!.page.getByRole('banner', { name: 'Incident summary' }).getByLabel('Incident status').selectOption('identified');
  const prompt = dave!.page.getByRole('dialog', { name: 'Current status' });
  await expect(prompt.getByTestId('statement-prompt')).toContainText('status is now identified');
  await prompt.getByLabel(/Impact/).fill('Card payments fail for about 40% of EU orders since 14:02 UTC.');
  await prompt.getByLabel('What we are doing').fill('Failing over to the standby database.');
  await prompt.getByRole('button', { name: 'Save status' }).click();
  await expect(prompt).toBeHidden();
  for (const t of [alice!, bob!, carol!, dave!]) {
    await expect(chipsOf(t.page, 'Alice')).toHaveText(['liaison']);
    await expect(t.page.getByTestId('status-statement')).toContainText('Failing over to the standby database.');
  }
  // Erin comes back: she sees what her deputy did, and nothing was refused anywhere.
  await palette(erin!.page, 'reconnect');
  await expect(chipsOf(erin!.page, 'Alice')).toHaveText(['liaison']);
  await expect(erin!.page.getByTestId('status-statement')).toContainText('Failing over to the standby database.');
  for (const t of everyone) {
    const state = await t.warRoom.state(incident);
    expect(state.refused, `${t.name} refused nothing`).toEqual([]);
    expect(state.status).toBe('identified');
    expect(Object.fromEntries(Object.entries(state.roles).map(([r, p]) => [r, p!.name]))).toEqual({
      commander: 'Erin',
      deputy: 'Dave',
      comms: 'Carol',
      scribe: 'Bob',
      liaison: 'Alice',
    });
    expect(appErrors(t.consoleErrors)).toEqual([]);
  }
});

import { expect, test, type Page } from '@playwright/test';
import { appErrors, expectAccessible, HYPOTHESES, screenshot } from './helpers.js';
import { hostRoom, joinRoom, openIncident, viewerLink } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

const TITLE = 'Checkout failing for EU customers';
const IMPACT = 'Card payments fail for about 40% of EU orders since 14:02 UTC.';
const DOING = 'Bringing the primary database back.';

/** Whether a person sees the element: on screen, and what is at its middle (and its left edge) is the element itself. */
async function seen(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.left > innerWidth) return false;
    const y = r.top + r.height / 2;
    return [r.left + 4, Math.min(r.left + r.width / 2, innerWidth - 4)].every((x) => el.contains(document.elementFromPoint(x, y)));
  }, testId);
}

test('a picture that stays true: a status change asks for the statement, an old one is marked stale for everyone, the title can change, the lead follows a new cause, a viewer at 8 rows gets the catch-up, five facts on a laptop', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  const vera = await startTeammate(browser, { name: 'Vera' });
  people.push(alice, bob, vera);
  const { page } = alice;
  await page.setViewportSize({ width: 1024, height: 640 });
  const incident = await openIncident(alice, TITLE, IMPACT);
  const box = page.getByRole('combobox', { name: 'Record' });
  await box.focus();
  for (const line of [`h ${HYPOTHESES[0]}`, `h ${HYPOTHESES[1]}`, 'n replica lag is 20 minutes', 'n bridge call open']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Control+k');
  await page.keyboard.type('take the commander role');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('update the current status');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Current status' });
  await dialog.getByLabel('What we are doing').fill(DOING);
  await dialog.getByRole('button', { name: 'Save status' }).click();
  await expect(dialog).toBeHidden();
  // H1 is under investigation: the lead.
  await page.keyboard.press('Alt+2');
  await page.getByRole('region', { name: 'Hypotheses board' }).getByRole('group', { name: /^H1: / }).focus();
  await page.keyboard.press('i');
  await page.keyboard.type('replica lag rising');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('exec-lead')).toContainText(`H1 ${HYPOTHESES[0]}`);
  const rows = (await alice.warRoom.state(incident)).timeline.length;
  expect(rows).toBe(8);

  // A viewer joins at 8 rows: the catch-up, not the bottom of a short log.
  const link = await hostRoom(alice);
  await joinRoom(vera, await viewerLink(alice, link), TITLE);
  await expect(vera.page.getByTestId('catch-up')).toBeVisible();
  await expect(vera.page.getByTestId('catch-up-lead')).toContainText(`H1 ${HYPOTHESES[0]}`);
  await joinRoom(bob, link, TITLE);

  // At 1024x640, with Details closed, the five facts the executive needs are on screen.
  await expect(page.getByRole('button', { name: 'Details' })).toBeVisible();
  for (const id of ['statement-impact', 'statement-doing', 'exec-lead', 'exec-customers', 'update-countdown'])
    expect(await seen(page, id), id).toBe(true);
  // Whole, not cut off by an ellipsis: the text fits its box.
  for (const id of ['statement-impact', 'statement-doing', 'exec-customers'])
    expect(
      await page.getByTestId(id).evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1),
      `${id} whole`,
    ).toBe(true);
  await expect(page.getByTestId('statement-impact')).toContainText(IMPACT);
  await expect(page.getByTestId('statement-doing')).toContainText(DOING);
  await expect(page.getByTestId('exec-customers')).toContainText('0 affected · 0 notified');

  // Status to monitoring: the statement editor opens on the last text. Alice closes it without writing.
  await page.getByRole('banner', { name: 'Incident summary' }).getByLabel('Incident status').selectOption('monitoring');
  await expect(dialog.getByTestId('statement-prompt')).toContainText('status is now monitoring');
  await expect(dialog.getByLabel('What we are doing')).toHaveValue(DOING);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The old statement is marked stale for everyone: header and catch-up.
  for (const t of [alice, bob, vera])
    await expect(t.page.getByTestId('status-statement').getByTestId('statement-stale')).toContainText('stale: status is monitoring');
  await expect(vera.page.getByTestId('catch-up').getByTestId('statement-stale')).toBeVisible();
  for (const [t, theme] of [
    [alice, 'light'],
    [bob, 'dark'],
  ] as const) {
    for (const [w, h] of [
      [1024, 640],
      [1920, 1080],
    ] as const) {
      await t.page.setViewportSize({ width: w, height: h });
      await screenshot(t.page, `stale-statement-${theme}-${w}x${h}`);
    }
    await expectAccessible(t.page, `the stale statement (${theme})`);
  }
  await vera.page.setViewportSize({ width: 1024, height: 640 });
  await screenshot(vera.page, 'stale-statement-catch-up-light-1024x640');
  await expectAccessible(vera.page, 'the catch-up with a stale statement');
  await page.setViewportSize({ width: 1024, height: 640 });

  // Alice keeps it as it is, on purpose: a new version with the same words, no longer stale.
  await page.getByTestId('status-statement').getByRole('button', { name: 'Update status' }).click();
  await dialog.getByLabel('What we are doing').fill('Watching error rates after the failover.');
  await dialog.getByRole('button', { name: 'Save status' }).click();
  for (const t of [alice, bob, vera]) await expect(t.page.getByTestId('statement-stale')).toHaveCount(0);
  await expect(page.getByTestId('status-statement')).toContainText('Current status v3');

  // A new cause: SEV1 with a reason. The statement editor opens again; this time Alice keeps v3 explicitly.
  await page.getByRole('banner', { name: 'Incident summary' }).getByLabel('Severity').selectOption('SEV1');
  const sev = page.getByRole('dialog', { name: 'Severity' });
  await sev.getByLabel(/^Why/).fill('checkout now failing for US customers too');
  await sev.getByRole('button', { name: 'Change to SEV1' }).click();
  await expect(dialog.getByTestId('statement-prompt')).toContainText('severity is now SEV1');
  await dialog.getByRole('button', { name: 'Keep v3 as it is' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-statement')).toContainText('Current status v4');
  // The old lead was for the old picture: none since the severity changed, until someone starts on a cause.
  await expect(page.getByTestId('exec-lead')).toContainText('none yet');
  await page.keyboard.press('Alt+2');
  await page.getByRole('region', { name: 'Hypotheses board' }).getByRole('group', { name: /^H2: / }).focus();
  await page.keyboard.press('i');
  await page.keyboard.type('ARP shows two MACs');
  await page.keyboard.press('Enter');
  for (const t of [alice, bob]) await expect(t.page.getByTestId('exec-lead')).toContainText(`H2 ${HYPOTHESES[1]}`);
  // The catch-up names why the severity changed.
  await vera.page.keyboard.press('Control+k');
  await vera.page.keyboard.type('catch me up');
  await vera.page.keyboard.press('Enter');
  await expect(vera.page.getByTestId('catch-up-severity-why')).toContainText('SEV2 → SEV1 by Alice');
  await expect(vera.page.getByTestId('catch-up-severity-why')).toContainText('checkout now failing for US customers too');
  await expect(vera.page.getByTestId('catch-up-lead')).toContainText(`H2 ${HYPOTHESES[1]}`);

  // The title is an incident fact like the others: the commander renames it, everyone sees the new one.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('rename');
  await page.keyboard.press('Enter');
  const rename = page.getByRole('dialog', { name: 'Rename the incident' });
  await rename.getByLabel('Title').fill('Checkout failing in the EU and the US');
  await rename.getByRole('button', { name: 'Rename' }).click();
  for (const t of [alice, bob, vera])
    await expect(t.page.getByRole('heading', { level: 1, name: 'Checkout failing in the EU and the US' })).toBeVisible();
  // Bob holds no keeper role: the palette does not offer him the rename.
  await bob.page.keyboard.press('Control+k');
  await bob.page.keyboard.type('rename');
  await expect(bob.page.getByRole('listbox', { name: 'Commands' }).getByRole('option')).toHaveCount(0);
  await bob.page.keyboard.press('Escape');
  for (const t of [alice, bob, vera]) expect(appErrors(t.consoleErrors)).toEqual([]);
});

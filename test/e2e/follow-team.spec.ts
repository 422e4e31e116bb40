import { expect, test } from '@playwright/test';
import { signTeamToken } from '../../main/hub/alerts/team-token.js';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { formatTeamLink } from '../../src/sync/team-link.js';
import { AM_SECRET, startAlertHub } from '../helpers/alert-hub.js';
import { cleanupTempDirs, type TestHub } from '../helpers/hub-peers.js';
import { expectAccessible, screenshot } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';

/** What Alertmanager posts when the payments team's checkout alert fires. */
function checkoutAlert(): Record<string, unknown> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const labels = { alertname: 'CheckoutErrors', team: 'payments', severity: 'critical' };
  return {
    version: '4',
    groupKey: '{}:{alertname="CheckoutErrors", team="payments"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'war-room',
    groupLabels: { alertname: 'CheckoutErrors', team: 'payments' },
    commonLabels: labels,
    commonAnnotations: { summary: 'card payments failing at checkout' },
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: 'card payments failing at checkout' },
        startsAt: at,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example/graph',
        fingerprint: 'c0ffee0123456789',
      },
    ],
  };
}

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startAlertHub();
});
test.afterAll(async () => {
  await hub?.close();
  await cleanupTempDirs();
});

async function teamLink(): Promise<string> {
  const token = signTeamToken(await loadOrCreateSecret(hub.dataDir), { team: 'payments', role: 'editor', exp: Date.now() + 86_400_000 });
  return formatTeamLink({ hub: hub.hub.url, team: 'payments', token });
}

/** The consent question for a team link; nothing is followed until the person says yes. */
async function expectQuestion(person: Teammate): Promise<void> {
  const dialog = person.page.getByRole('dialog', { name: 'Join a team room' });
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const consent = dialog.getByTestId('join-consent');
  await expect(consent).toContainText(`Follow team payments on ${hub.hub.url}?`);
  await expect(consent).toContainText('Following sends nothing of yours');
  expect(person.teams.list()).toEqual([]);
}

test('a team link pasted into the join dialog asks, then follows: the next alert opens an incident in the list', async ({ browser }) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  try {
    const { page } = alice;
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.keyboard.press('Control+j');
    const dialog = page.getByRole('dialog', { name: 'Join a team room' });
    await dialog.getByLabel('Join link').fill(await teamLink());
    // A team link has no hub, incident or token fields to fill: they would only confuse.
    await expect(dialog.getByLabel('Incident id')).toHaveCount(0);
    await expectQuestion(alice);
    await expectAccessible(page, 'the follow-team question');
    await screenshot(page, 'follow-team-1024');

    await dialog.getByRole('button', { name: 'Follow team' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Following team payments')).toBeVisible();
    expect(alice.teams.list().map((s) => s.team)).toEqual(['payments']);

    // The alert fires: the hub opens the incident for the team and Alice's app joins it by itself.
    const posted = await fetch(`${hub.hub.url}/alerts/alertmanager`, {
      method: 'POST',
      body: JSON.stringify(checkoutAlert()),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${AM_SECRET}` },
    });
    expect(posted.status).toBeLessThan(300);
    await expect
      .poll(async () => (await alice.warRoom.listIncidents()).map((i) => i.title), { timeout: 20_000 })
      .toContain('CheckoutErrors: card payments failing at checkout');
    await expect(page.getByText('CheckoutErrors: card payments failing at checkout').first()).toBeVisible({ timeout: 20_000 });
  } finally {
    await alice.close();
  }
});

test('a clicked team link (the OS hands it to the app) opens the same question, and no means not followed', async ({ browser }) => {
  const ben = await startTeammate(browser, { name: 'Ben', colorScheme: 'dark' });
  try {
    const { page } = ben;
    await page.setViewportSize({ width: 1920, height: 1080 });
    // What main/index.ts does with a warroom://team deep link.
    ben.send('app:command', { command: 'join-room', arg: await teamLink() });
    const dialog = page.getByRole('dialog', { name: 'Join a team room' });
    await expectQuestion(ben);
    await screenshot(page, 'follow-team-1920-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(ben.teams.list()).toEqual([]);
    // A tampered link is refused with a reason, and still nothing is followed.
    await page.keyboard.press('Control+j');
    await dialog.getByLabel('Join link').fill('warroom://team?hub=ftp://127.0.0.1&team=payments&token=x');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert')).toContainText(/hub/i);
    expect(ben.teams.list()).toEqual([]);
  } finally {
    await ben.close();
  }
});

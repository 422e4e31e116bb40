import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { formatJoinLink } from '../../src/sync/join-link.js';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { startHub } from '../../main/hub/hub-server.js';
import { signInvite } from '../../main/hub/invite-token.js';
import { expectAccessible, screenshot } from './helpers.js';
import { startTeammate } from './teammate.js';

test('a link to an unknown hub for an incident on this machine asks before sharing anything', async ({ browser }) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  const hubDir = await mkdtemp(join(tmpdir(), 'warroom-e2e-stranger-'));
  const hub = await startHub({ dataDir: hubDir, host: '127.0.0.1', port: 0 });
  try {
    const { page } = alice;
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByRole('button', { name: /New incident/ }).click();
    await page.getByLabel('Title').fill('Checkout failing for EU customers');
    await page.getByRole('button', { name: 'Open incident' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout failing for EU customers' })).toBeVisible();
    const incident = (await alice.warRoom.listIncidents())[0]!.id;
    const token = signInvite(await loadOrCreateSecret(hubDir), { room: incident, role: 'editor', exp: Date.now() + 3_600_000 });

    await page.keyboard.press('Control+j');
    const dialog = page.getByRole('dialog', { name: 'Join a team room' });
    await dialog.getByLabel('Join link').fill(formatJoinLink({ hub: hub.url, incident, token }));
    await dialog.getByRole('button', { name: 'Join room' }).click();
    const consent = dialog.getByTestId('join-consent');
    await expect(consent).toContainText(hub.url);
    await expect(consent).toContainText('never shared it with');
    await expectAccessible(page, 'the join consent question');
    await screenshot(page, 'join-consent-1024');
    // Nothing has left the machine yet.
    expect(alice.sync.status(incident).state).toBe('local');

    await dialog.getByRole('button', { name: 'Share and join' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('sync-fact')).toContainText('synced');
  } finally {
    await alice.close();
    await hub.close();
    await rm(hubDir, { recursive: true, force: true });
  }
});

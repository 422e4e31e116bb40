import { join } from 'node:path';
import { expect } from '@playwright/test';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { signInvite } from '../../main/hub/invite-token.js';
import { formatJoinLink, parseJoinLink } from '../../src/sync/join-link.js';
import type { Teammate } from './teammate.js';

/** The commander opens an incident from the keyboard, as a person does (Ctrl+N, title, Enter). */
export async function openIncident(host: Teammate, title: string, summary?: string): Promise<string> {
  const { page } = host;
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title').fill(title);
  if (summary !== undefined) await dialog.getByLabel(/What we know/).fill(summary);
  await dialog.getByLabel('Title').press('Enter');
  await expect(page.getByRole('combobox', { name: 'Record' })).toBeFocused();
  return (await host.warRoom.listIncidents())[0]!.id;
}

/** The host shares the room from their machine (an embedded hub, a real one) and returns the editor link. */
export async function hostRoom(host: Teammate): Promise<string> {
  const { page } = host;
  await page.getByTestId('sync-state').click();
  const share = page.getByRole('dialog', { name: /Host a room|Team room/ });
  await share.getByRole('button', { name: 'Host this room' }).click();
  const link = await share
    .getByLabel(/Join link|Editor link/)
    .first()
    .inputValue();
  await page.keyboard.press('Escape');
  await expect(share).toBeHidden();
  await expect(page.getByTestId('sync-state')).toContainText('synced');
  return link;
}

/** A viewer link for the room the host shares: signed by the host's embedded hub, as its Share dialog does. */
export async function viewerLink(host: Teammate, editorLink: string): Promise<string> {
  const parsed = parseJoinLink(editorLink);
  if (!parsed.ok) throw new Error(parsed.error);
  const secret = await loadOrCreateSecret(join(host.dataDir, 'hub'));
  const token = signInvite(secret, { room: parsed.value.incident, role: 'viewer', exp: Date.now() + 3_600_000 });
  return formatJoinLink({ ...parsed.value, token });
}

/** A teammate joins with a link, from the join dialog. */
export async function joinRoom(guest: Teammate, link: string, title: string): Promise<void> {
  const { page } = guest;
  await page.getByRole('button', { name: 'Join a room…' }).click();
  await page.getByLabel('Join link').fill(link);
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText('synced');
}

import { expect, test } from '@playwright/test';
import { expectAccessible, HYPOTHESES, quickEntry, screenshot } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

for (const { colorScheme, width, height } of [
  { colorScheme: 'light' as const, width: 1024, height: 640 },
  { colorScheme: 'dark' as const, width: 1920, height: 1080 },
]) {
  test(`the commander shares a room with the local network: warning first, then an editor and a viewer link that name this machine (${colorScheme}, ${width}x${height})`, async ({
    browser,
  }) => {
    const alice = await startTeammate(browser, { name: 'Alice', colorScheme });
    people.push(alice);
    await alice.page.setViewportSize({ width, height });
    await alice.page.getByRole('button', { name: /New incident/ }).click();
    await alice.page.getByLabel('Title').fill('Checkout failing for EU customers');
    await alice.page.getByRole('button', { name: 'Open incident' }).click();
    await quickEntry(alice.page, `h ${HYPOTHESES[0]}`);

    await alice.page.getByRole('button', { name: 'Share…', exact: true }).click();
    const share = alice.page.getByRole('dialog', { name: 'Host a room from this machine' });
    // This machine only unless the person says otherwise; the warning comes with the choice, before hosting.
    await expect(share.getByRole('radio', { name: 'This machine only' })).toBeChecked();
    await expect(share.getByRole('note')).toHaveCount(0);
    await share.getByRole('radio', { name: 'Teammates on the local network' }).check();
    await expect(share.getByRole('note')).toContainText('Anyone on this network who gets the link can join');
    await screenshot(alice.page, `share-choice-${colorScheme}-${width}`);
    await share.getByRole('button', { name: 'Host this room' }).click();

    const room = alice.page.getByRole('dialog', { name: 'Team room' });
    const editor = room.getByLabel('Join link');
    await expect(editor).toHaveValue(/^warroom:\/\/join\?hub=https/);
    const link = await editor.inputValue();
    expect(link).toMatch(/[?&]fp=[0-9a-f]{64}/);
    expect(link).not.toMatch(/127\.0\.0\.1|0\.0\.0\.0|localhost/);
    const viewer = await room.getByLabel('Viewer link (read-only)').inputValue();
    expect(viewer).not.toBe(link);
    await room.getByRole('button', { name: 'Copy viewer link' }).click();
    expect(alice.clipboard[0]).toBe(viewer);
    await room.getByRole('button', { name: 'Copy link' }).click();
    expect(alice.clipboard[0]).toBe(link);
    // Her own window syncs with the hub it hosts (over loopback, pinned like everyone else).
    await expect(alice.page.getByTestId('sync-fact')).toContainText('synced');
    await expectAccessible(alice.page, 'the team room dialog, shared with the network');
    await screenshot(alice.page, `share-network-${colorScheme}-${width}`);
  });
}

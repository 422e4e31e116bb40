import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ChannelSettingsFile } from '../../main/hub/channels/channel-settings.js';
import { startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { appErrors, expectAccessible, palette, screenshot } from './helpers.js';
import { hostRoom, joinRoom, openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

// The window's half of issue 23, played by a commander (Alice) and a comms lead (Bob) on Alice's hosted hub,
// which mails through a real SMTP server on 127.0.0.1 (nodemailer's smtp-server) that refuses one mailbox.

const TITLE = 'Checkout failing for EU customers';
const PAGE_TEXT =
  'Since 14:02 UTC, card payments at checkout are failing for EU customers. We are moving traffic to a standby database. Next update at 15:00 UTC.';
const MAIL_TEXT =
  'Since 14:02 UTC, your customers in the EU cannot pay at checkout. We are moving traffic to a standby database. Next update at 15:00 UTC.';
const CUSTOMERS: Array<[string, string, boolean]> = [
  ['Acme Corp', 'ops@acme.example', true],
  ['Globex', 'it@globex.example', true],
  ['Initech', 'noc@initech.example', true],
  ['Umbrella', 'ops@umbrella.example', true],
  ['Hooli', 'help@hooli.example', false],
];

const people: Teammate[] = [];
const closers: Array<() => Promise<unknown>> = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
  for (const c of closers.splice(0)) await c();
});

/** Opens the header's details (roster, status page) if they are closed. */
async function details(page: Page) {
  const toggle = page.getByRole('button', { name: 'Details' });
  if (await toggle.isVisible()) await toggle.click();
  return page.getByTestId('status-page-fact');
}

/** Writes a new update on `channel` for `audience`, with `text`, and marks it ready, as a comms lead does. */
async function writeAndMarkReady(page: Page, channel: string, audience: string, text: string): Promise<void> {
  await page.keyboard.press('Alt+4');
  const form = page.getByRole('form', { name: 'New customer update' });
  await form.getByLabel('For').selectOption(audience);
  await form.getByLabel('Channel').selectOption(channel);
  await page.getByRole('button', { name: 'New draft' }).click();
  const editor = page.getByRole('region', { name: 'Draft editor' });
  // The template's text arrives first (a person sees it, then replaces it).
  await expect(editor.getByLabel('Draft text')).toHaveValue(/What is affected/);
  await editor.getByLabel('Draft text').fill(text);
  await expect(editor.getByLabel('Draft text')).toHaveValue(text);
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await expect(editor.getByLabel('Draft text')).toHaveValue(text);
  for (const box of await editor.locator('fieldset.acknowledge input[type=checkbox]').all()) await box.check();
  await editor.getByRole('button', { name: 'Mark ready for review' }).click();
  await expect(editor.locator('.review-step[aria-current="step"]')).toContainText('Ready for review');
}

/** The commander approves the one open draft. */
async function approve(page: Page): Promise<void> {
  await page.keyboard.press('Alt+4');
  await page.locator('.draft-list .draft-item').first().click();
  const editor = page.getByRole('region', { name: 'Draft editor' });
  for (const box of await editor.locator('fieldset.acknowledge input[type=checkbox]').all()) await box.check();
  await editor.getByRole('button', { name: 'Approve' }).click();
  await expect(editor.locator('.review-step[aria-current="step"]')).toContainText('Approved by Alice');
}

/** Pictures at both sizes in both schemes; the header's details closed unless they are the subject. */
async function pictures(page: Page, name: string, options: { withDetails?: boolean; show?: Locator } = {}): Promise<void> {
  const less = page.getByRole('button', { name: 'Less' });
  if (!options.withDetails && (await less.isVisible())) await less.click();
  for (const [width, height] of [
    [1024, 640],
    [1920, 1080],
  ] as const)
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      // What a person would scroll to at this size.
      await options.show?.scrollIntoViewIfNeeded();
      await screenshot(page, `${name}-${width}x${height}-${scheme}`);
    }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A port on this machine nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('the commander makes the incident public and sets a component; comms publishes to the status page and by email; the list shows who got it, who did not and why; resend reaches the refused one', async ({
  browser,
}) => {
  const smtp = await startSmtpReceiver(new Set(['ops@umbrella.example']));
  closers.push(smtp.close);
  const alice = await startTeammate(browser, { name: 'Alice' });
  people.push(alice);
  const bob = await startTeammate(browser, { name: 'Bob', colorScheme: 'dark' });
  people.push(bob);
  // Alice's hosted hub mails through the team's server: channels.json in its data dir, as an operator writes it.
  const chatPort = await closedPort();
  const settings = await new ChannelSettingsFile(join(alice.dataDir, 'hub')).update((s) => ({
    ...s,
    smtp: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'status',
      password: 'smtp-password-never-logged',
      from: 'Acme status <status@acme.example>',
    },
    // The team's chat bridge is down (nothing listens on its port): its deliveries retry, and the window says so.
    webhooks: [{ id: 'w_chatops01', format: 'json', url: `http://127.0.0.1:${chatPort}/warroom`, secret: 'chatops-hmac-secret-0001' }],
  }));
  expect(settings.ok).toBe(true);

  const incident = await openIncident(alice, TITLE, 'Card payments at checkout fail for EU customers');
  await palette(alice.page, 'take the commander role');
  const link = await hostRoom(alice);
  await joinRoom(bob, link, TITLE);
  for (const [customer, contact, contactVerified] of CUSTOMERS)
    expect((await alice.warRoom.record(incident, 'impact.added', { customer, level: 'major', contact, contactVerified })).ok).toBe(true);
  await details(alice.page);
  const roster = alice.page.getByTestId('roster').locator('[data-person="Bob"]');
  await roster.getByLabel('Role choice: Bob').selectOption({ label: 'Make Bob comms' });
  await roster.getByRole('button', { name: 'Apply' }).click();

  // Bob holds comms, not command: he reads the status page facts but is offered no switch and no editor.
  const bobFact = await details(bob.page);
  await expect(bob.page.getByTestId('room-fact')).toContainText('comms: Bob');
  await expect(bobFact.getByTestId('public-state')).toHaveText('Not on the status page');
  await expect(bobFact).toContainText('The commander or the scribe decides.');
  await expect(bobFact.getByRole('switch')).toHaveCount(0);
  await expect(bobFact.getByRole('button', { name: 'Add component' })).toHaveCount(0);

  // Alice makes it public and names the component customers know, set to partial outage.
  const aliceFact = await details(alice.page);
  await aliceFact.getByRole('switch', { name: 'Public on the status page' }).check();
  await aliceFact.getByLabel('Component name').fill('Checkout API');
  await aliceFact.getByLabel("New component's status").selectOption('partial_outage');
  await aliceFact.getByRole('button', { name: 'Add component' }).click();
  await aliceFact.getByLabel('Component name').fill('Status emails');
  await aliceFact.getByRole('button', { name: 'Add component' }).click();
  await aliceFact.getByRole('button', { name: 'Rename Status emails' }).click();
  await aliceFact.getByLabel('New name for Status emails').fill('Notifications');
  await aliceFact.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(aliceFact.locator('[data-component="Notifications"]')).toBeVisible();
  await aliceFact.getByRole('button', { name: 'Remove Notifications' }).click();
  await expect(aliceFact.locator('[data-component]')).toHaveCount(1);
  await expect(bob.page.getByTestId('public-chip')).toHaveText('Public');
  await expect(bobFact.locator('[data-component="Checkout API"]')).toContainText('Partial outage');
  await pictures(alice.page, 'status-components', { withDetails: true });
  await expectAccessible(alice.page, 'the components editor');

  // Bob's drafts pane says where updates go from this room.
  await bob.page.keyboard.press('Alt+4');
  const channels = bob.page.getByTestId('channels');
  const hubUrl = (await alice.sync.status(incident)).hubUrl!;
  await expect(channels.locator('[data-channel="status-page"]')).toContainText(`${hubUrl}/status · this incident is public`);
  await expect(channels.locator('[data-channel="email"]')).toContainText(
    `Sent by the hub from Acme status <status@acme.example> through 127.0.0.1:${smtp.port}`,
  );
  const webhooks = channels.locator('[data-channel="webhooks"]');
  await expect(webhooks).toContainText(`1 (json to 127.0.0.1:${chatPort})`);
  // The delivery log: what the bridge was told and why it did not arrive, refreshed from the hub as it retries.
  await expect(webhooks.getByTestId('webhook-log')).toContainText(/incident opened to 127\.0\.0\.1:\d+ \(json\): retrying.*ECONNREFUSED/, {
    timeout: 30_000,
  });

  // The status-page update: written by Bob, approved by Alice, published by Bob to the hub's page.
  await writeAndMarkReady(bob.page, 'status-page', 'all', PAGE_TEXT);
  await approve(alice.page);
  const bobEditor = bob.page.getByRole('region', { name: 'Draft editor' });
  await expect(bobEditor.getByTestId('channel-where')).toContainText(`Goes on the status page at ${hubUrl}/status.`);
  // Each customer hears by email below, and is counted told when their mail server takes it: not by this post.
  await bobEditor.getByRole('checkbox', { name: /Also mark the 5 affected customers notified/ }).uncheck();
  await bobEditor.getByRole('button', { name: 'Publish to the status page' }).click();
  await expect(bob.page.getByTestId('published-where')).toContainText(`On the status page at ${hubUrl}/status since`);
  expect(bob.clipboard).toEqual([]);
  const reader = await browser.newPage();
  await reader.goto(`${hubUrl}/status`);
  await expect(reader.getByText('moving traffic to a standby database', { exact: false })).toBeVisible();
  await expect(reader.getByText('Checkout API')).toBeVisible();
  await expect(reader.getByText('Partial outage').first()).toBeVisible();
  await reader.close();

  // The email to the affected: four verified addresses of five customers; the hub mails them.
  await writeAndMarkReady(bob.page, 'email', 'affected', MAIL_TEXT);
  await approve(alice.page);
  await expect(bobEditor.getByTestId('channel-where')).toContainText(
    'one message to each of 4 customers with a verified address (1 more without one will not get it)',
  );
  await pictures(bob.page, 'drafts-publish-email', { show: bobEditor.getByTestId('channel-where') });
  await bobEditor.getByRole('button', { name: 'Publish and email 4 customers' }).click();
  const where = bob.page.getByTestId('published-where');
  await expect(where.getByTestId('email-tally')).toHaveText('Emailed 3 of 4 customers; 1 not delivered.', { timeout: 30_000 });
  await expect(where).toContainText('Umbrella (ops@umbrella.example): failed: 550');
  expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['it@globex.example', 'noc@initech.example', 'ops@acme.example']);
  for (const m of smtp.received) expect(m.text).toBe(MAIL_TEXT);
  await pictures(bob.page, 'drafts-channels');

  // The customer list, for both: sent for three, failed with the server's words for Umbrella, nothing for Hooli.
  for (const t of [alice, bob]) {
    await t.page.keyboard.press('Alt+3');
    for (const c of ['Acme Corp', 'Globex', 'Initech'])
      await expect(t.page.locator(`tr[data-customer="${c}"]`).getByTestId('email-state')).toContainText('email sent');
    const umbrella = t.page.locator('tr[data-customer="Umbrella"]');
    await expect(umbrella.getByTestId('email-state')).toContainText('email failed');
    await expect(umbrella.getByTestId('email-state')).toContainText('550 5.1.1 <ops@umbrella.example>: Recipient address rejected');
    await expect(umbrella.getByRole('button', { name: 'Mark notified: Umbrella' })).toBeVisible();
    await expect(t.page.locator('tr[data-customer="Hooli"]').getByTestId('email-state')).toHaveCount(0);
    await expect(t.page.getByTestId('customers-fact')).toContainText('5 affected · 3 notified');
  }
  await pictures(bob.page, 'customers-delivery', { show: bob.page.locator('tr[data-customer="Initech"]') });
  await expectAccessible(bob.page, 'the customer list with delivery states');

  // Umbrella fixes its mailbox; Bob resends to the failed one. Nobody else gets a second message.
  smtp.refuse.clear();
  await bob.page.getByRole('button', { name: 'Resend to failed (1)' }).click();
  await expect(bob.page.getByRole('button', { name: /Resend to failed/ })).toHaveCount(0);
  await expect(bob.page.locator('tr[data-customer="Umbrella"]').getByTestId('email-state')).toContainText('email sent', {
    timeout: 30_000,
  });
  await expect(bob.page.getByTestId('customers-fact')).toContainText('5 affected · 4 notified');
  expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
    'it@globex.example',
    'noc@initech.example',
    'ops@acme.example',
    'ops@umbrella.example',
  ]);
  expect(appErrors(alice.consoleErrors)).toEqual([]);
  expect(appErrors(bob.consoleErrors)).toEqual([]);
});

test('without a hub, or with a hub that has no mail server, the pane says so plainly and publishing hands the text to the clipboard', async ({
  browser,
}) => {
  const alice = await startTeammate(browser, { name: 'Alice' });
  people.push(alice);
  const bob = await startTeammate(browser, { name: 'Bob' });
  people.push(bob);
  const incident = await openIncident(alice, TITLE, 'Card payments at checkout fail for EU customers');
  await palette(alice.page, 'take the commander role');
  expect(
    (
      await alice.warRoom.record(incident, 'impact.added', {
        customer: 'Acme Corp',
        level: 'major',
        contact: 'ops@acme.example',
        contactVerified: true,
      })
    ).ok,
  ).toBe(true);

  // Not shared yet: no channel goes anywhere, and the pane says why.
  await alice.page.keyboard.press('Alt+4');
  const channels = alice.page.getByTestId('channels');
  await expect(channels.locator('[data-channel="status-page"]')).toContainText('Not configured: this incident is not shared through a hub');
  await expect(channels.locator('[data-channel="email"]')).toContainText('Not configured: this incident is not shared through a hub');
  await pictures(alice.page, 'drafts-channels-not-configured', { show: channels });

  // Shared through Alice's own hub, which has no mail server: the page is there, email is not.
  const link = await hostRoom(alice);
  await joinRoom(bob, link, TITLE);
  await expect(channels.locator('[data-channel="status-page"]')).toContainText('/status · this incident is not public yet');
  await expect(channels.locator('[data-channel="email"]')).toContainText("Not configured: this room's hub has no mail server set up");
  await writeAndMarkReady(bob.page, 'email', 'affected', MAIL_TEXT);
  await approve(alice.page);
  const editor = bob.page.getByRole('region', { name: 'Draft editor' });
  await expect(editor.getByTestId('channel-where')).toContainText("Not emailed from here: this room's hub has no mail server set up");
  await expect(editor.getByRole('button', { name: /Publish and email/ })).toHaveCount(0);
  await editor.getByRole('button', { name: 'Publish and copy the text' }).click();
  await expect(bob.page.getByRole('status').filter({ hasText: 'The text is on the clipboard.' })).toBeVisible();
  expect(bob.clipboard[0]).toBe(MAIL_TEXT);
  await expect(bob.page.getByTestId('published-where')).toContainText('Not emailed by a hub');
  const state = await alice.warRoom.state(incident);
  expect(state.updates.map((u) => [u.channel, u.mailer])).toEqual([['email', undefined]]);
});

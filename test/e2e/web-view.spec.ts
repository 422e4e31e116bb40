import { signedHandshake } from '../../main/sync/raw-handshake.js';
import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { memorySigner } from '../../main/identity/event-signature.js';
import { signingText } from '../../src/model/signed-payload.js';
import { CLIENT_EVENTS } from '../../src/sync/protocol.js';
import { appErrors, expectAccessible, HYPOTHESES, quickEntry, screenshot } from './helpers.js';
import { hostRoom, openIncident } from './room.js';
import { startTamperingHub } from './tampering-hub.js';
import { startTeammate, type Teammate } from './teammate.js';

const people: Teammate[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.close();
});

/** Ana runs the incident in the app, shares it, and copies the browser link from the Team room dialog, as a person would. */
async function anaSharesABrowserLink(ana: Teammate): Promise<string> {
  await openIncident(ana, 'Checkout is down for EU customers', 'EU customers cannot pay at checkout');
  await quickEntry(ana.page, `h ${HYPOTHESES[0]}`);
  await quickEntry(ana.page, `h ${HYPOTHESES[1]}`);
  await quickEntry(ana.page, 'a check replica lag #1');
  await quickEntry(ana.page, 'n error rate 40% on checkout since 14:02');
  await hostRoom(ana);
  await ana.page.getByTestId('sync-state').click();
  const room = ana.page.getByRole('dialog', { name: 'Team room' });
  const link = await room.getByLabel(/Browser link/).inputValue();
  await room.getByRole('button', { name: 'Copy browser link' }).click();
  expect(ana.clipboard[0]).toBe(link);
  await ana.page.keyboard.press('Escape');
  return link;
}

/** A forged write, as someone holding the copied link would try it: its invite, a key of their own, a push. */
async function forgeWriteWith(link: string): Promise<unknown> {
  const url = new URL(link);
  const token = url.hash.slice(1);
  const incident = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')).room as string;
  const signer = memorySigner();
  const socket = io(url.origin, {
    auth: signedHandshake(signer, token, incident, 'Mallory'),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const event = {
      v: 1,
      id: 'e_forgedwrite01',
      incident,
      origin: `o_${'x'.repeat(28)}`,
      seq: 1,
      at: { ms: Date.now(), c: 0 },
      actor: { id: signer.actorId, name: 'Mallory' },
      kind: 'note.added',
      data: { text: 'all clear, stand down (forged)' },
      key: signer.key,
    };
    const signed = { ...event, sig: signer.sign(signingText(event as never)) };
    return await socket.timeout(10_000).emitWithAck(CLIENT_EVENTS.push, { events: [signed] });
  } finally {
    socket.disconnect();
  }
}

/** Nothing in the page writes: no entry box, no status or severity control, no Share, and the bridge says why. */
async function expectNoControls(web: Page): Promise<void> {
  await expect(web.getByTestId('viewer-banner')).toBeVisible();
  await expect(web.getByRole('combobox', { name: 'Record' })).toHaveCount(0);
  await expect(web.getByRole('button', { name: /^(Severity|Status)\b/ })).toHaveCount(0);
  await expect(web.getByRole('button', { name: 'Share…' })).toHaveCount(0);
  await expect(web.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  const refused = await web.evaluate(() =>
    (window as unknown as { warroom: { invoke(c: string, p: unknown): Promise<{ ok: boolean; error?: string }> } }).warroom.invoke(
      'event:record',
      { incident: 'inc_abcdef123', kind: 'note.added', data: { text: 'from the console' } },
    ),
  );
  expect(refused).toEqual({ ok: false, code: 'forbidden', error: expect.stringMatching(/read-only view in a browser/) });
}

for (const size of [
  { width: 390, height: 844 },
  { width: 1920, height: 1080 },
]) {
  test(`a viewer link opened as a plain web page follows the live room, catch-up first, read-only (${size.width}x${size.height})`, async ({
    browser,
  }) => {
    const ana = await startTeammate(browser, { name: 'Ana' });
    people.push(ana);
    const link = await anaSharesABrowserLink(ana);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/view\/#[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    // The executive on a phone (or a locked-down laptop): a plain browser, no app, no window.warroom given to it.
    const context = await browser.newContext({ viewport: size, colorScheme: 'light' });
    const web = await context.newPage();
    const errors: string[] = [];
    web.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    web.on('pageerror', (e) => errors.push(String(e)));
    const requests: string[] = [];
    web.on('request', (r) => requests.push(r.url()));
    await web.goto(link);

    // The catch-up first: what is broken, the lead, what is open, before the log.
    const catchUp = web.getByTestId('catch-up');
    await expect(catchUp).toBeVisible();
    await expect(web.getByRole('heading', { level: 1, name: 'Checkout is down for EU customers' })).toBeVisible();
    await expect(catchUp).toContainText('EU customers cannot pay at checkout');
    await expect(web.getByTestId('catch-up-open')).toContainText(HYPOTHESES[1]);
    await expectNoControls(web);
    await expectAccessible(web, `the browser view at ${size.width}x${size.height}`);
    await screenshot(web, `web-view-${size.width}-light`);
    await web.emulateMedia({ colorScheme: 'dark' });
    await expect(web.locator('html[data-theme="dark"]')).toBeAttached();
    await expectAccessible(web, `the browser view at ${size.width}x${size.height}, dark`);
    await screenshot(web, `web-view-${size.width}-dark`);
    if (size.width <= 720) {
      // Phone: one column, the catch-up above the timeline.
      const timeline = web.getByTestId('timeline-scroll');
      await expect(timeline).toBeAttached();
      expect((await catchUp.boundingBox())!.y).toBeLessThan((await timeline.boundingBox())!.y);
      await web.getByRole('button', { name: 'Timeline ↓' }).click();
      await expect(timeline).toBeInViewport();
    } else {
      await web.getByRole('button', { name: 'Go to the timeline' }).click();
    }
    await expectAccessible(web, `the browser view's timeline at ${size.width}x${size.height}, dark`);
    await screenshot(web, `web-view-${size.width}-timeline-dark`);

    // Live: what Ana writes in the app is on the page within a second.
    const line = `customers in DE report payments going through again ${Date.now()}`;
    await quickEntry(ana.page, `n ${line}`);
    await expect(web.getByTestId('timeline-scroll')).toContainText(line, { timeout: 1_000 });

    // The page cannot write, and a write forged with its invite is refused by the hub.
    expect(await forgeWriteWith(link)).toMatchObject({ ok: false, code: 'forbidden' });
    await expect.poll(async () => (await ana.warRoom.events((await ana.warRoom.listIncidents())[0]!.id)).length).toBeGreaterThan(0);
    const texts = (await ana.warRoom.events((await ana.warRoom.listIncidents())[0]!.id)).map((e) => JSON.stringify(e.data));
    expect(texts.join('\n')).not.toContain('stand down (forged)');
    await expect(web.getByTestId('timeline-scroll')).not.toContainText('stand down');

    // The invite never left the browser in a request: it rides in the fragment.
    const token = new URL(link).hash.slice(1);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.includes(token.slice(0, 24)))).toEqual([]);
    expect(appErrors(errors)).toEqual([]);
    await context.close();
  });
}

test('the browser view checks signatures: an event altered on the way is kept out and shown as refused', async ({ browser }) => {
  const ana = await startTeammate(browser, { name: 'Ana' });
  people.push(ana);
  const link = await anaSharesABrowserLink(ana);
  // Between the page and Ana's hub, something that rewrites one word of what the hub sends (live and catch-up).
  const middle = await startTamperingHub(new URL(link).origin, 'the fix is deployed', 'the fix is reverted');
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    const web = await context.newPage();
    await web.goto(`${middle.url}/view/${new URL(link).hash}`);
    await expect(web.getByTestId('catch-up')).toBeVisible();
    await expect(web.getByTestId('refused-badge')).toHaveCount(0);

    await quickEntry(ana.page, 'n the fix is deployed to every EU node');
    await quickEntry(ana.page, 'n payments recovering, watching the error rate');
    // The note after it arrives untouched and shows; the altered one never does, in either wording.
    const timeline = web.getByTestId('timeline-scroll');
    await expect(timeline).toContainText('payments recovering', { timeout: 5_000 });
    expect(middle.altered()).toBeGreaterThan(0);
    await expect(timeline).not.toContainText('the fix is');
    // Kept out, and said so: who, what, and why.
    const badge = web.getByTestId('refused-badge');
    await expect(badge).toHaveText('1 refused');
    await badge.click();
    const dialog = web.getByRole('dialog', { name: /1 event refused/ });
    await expect(dialog.getByRole('list', { name: 'Refused events' })).toContainText('Ana');
    await expect(dialog).toContainText(/signature does not match its content \(altered or forged\)/);
    await expectAccessible(web, 'the refused events in the browser view');
    await screenshot(web, 'web-view-390-refused');
    await context.close();
  } finally {
    await middle.close();
  }
});

test('the app at its minimum width shares the phone layout: header, current status and catch-up first, the timeline below', async ({
  browser,
}) => {
  const ana = await startTeammate(browser, { name: 'Ana', contextOptions: { viewport: { width: 720, height: 640 } } });
  people.push(ana);
  await openIncident(ana, 'Checkout is down for EU customers', 'EU customers cannot pay at checkout');
  await quickEntry(ana.page, `h ${HYPOTHESES[0]}`);
  await quickEntry(ana.page, 'n error rate 40% on checkout since 14:02');
  const { page } = ana;
  const catchUp = page.getByTestId('catch-up');
  const timeline = page.getByTestId('timeline-scroll');
  await expect(catchUp).toBeVisible();
  const order = async () =>
    Promise.all([page.locator('.summary'), page.locator('.statement-bar'), catchUp, timeline].map(async (l) => (await l.boundingBox())!.y));
  const [header, status, digest, log] = await order();
  expect(header).toBeLessThan(status!);
  expect(status).toBeLessThan(digest!);
  expect(digest).toBeLessThan(log!);
  // The entry box stays at hand at the bottom of the screen while the page scrolls.
  await expect(page.getByRole('combobox', { name: 'Record' })).toBeInViewport();
  await expectAccessible(page, 'the app at 720x640');
  await screenshot(page, 'app-720-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'the app at 720x640, dark');
  await screenshot(page, 'app-720-dark');
  await page.getByRole('button', { name: 'Timeline ↓' }).click();
  await expect(timeline).toBeInViewport();
  await expect(timeline).toContainText('error rate 40%');
  await screenshot(page, 'app-720-timeline-dark');
  // Wider, the laptop layout is back: the timeline is the view, the catch-up one press away.
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(catchUp).toHaveCount(0);
  await expect(timeline).toBeVisible();
  await screenshot(page, 'app-1024-dark');
});

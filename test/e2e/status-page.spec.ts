import { extractFromXml } from '@extractus/feed-extractor';
import { expect, test } from '@playwright/test';
import { cleanupTempDirs } from '../helpers/hub-peers.js';
import { statuspageProblems } from '../helpers/statuspage-schema.js';
import { must, publishApproved, readyButUnapproved, teamRoom, type TeamRoom } from '../helpers/team-room.js';
import { expectAccessible, screenshot } from './helpers.js';

// The hub's public status page as a customer reads it: a real hub, Alice (commander) and Bob (comms) on it
// with their own apps' services; the page loaded in Chromium, the feed and the JSON fetched as tools do.

const APPROVED =
  'Since 14:02 UTC some customers in the EU cannot complete checkout: payments time out. We have found the cause, a stalled database replica, and are moving traffic off it. Next update by 15:00 UTC.';
const UNAPPROVED = 'Draft nobody approved: everything is fine, only a small number of customers are affected.';
const PRIVATE_TITLE = 'Payroll export leaking into the wrong tenant';
const PRIVATE_TEXT = 'Since 09:10 UTC payroll exports for some tenants went to the wrong tenant. Next update by 10:00 UTC.';

let team: TeamRoom;
let secret: TeamRoom;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  team = await teamRoom();
  const { alice, incident } = team;
  must(await alice.warRoom.record(incident, 'incident.visibility', { public: true }));
  must(await alice.warRoom.record(incident, 'component.set', { name: 'Checkout API', status: 'partial_outage' }));
  await publishApproved(team, { text: APPROVED, channel: 'status-page' });
  await readyButUnapproved(team, UNAPPROVED);
  // A second incident on the same hub, with an approved status-page update, never made public.
  secret = await teamRoom({ hub: team.hub, title: PRIVATE_TITLE, severity: 'SEV2' });
  await publishApproved(secret, { text: PRIVATE_TEXT, channel: 'status-page' });
  await team.hub.hub.channels.settled();
});

test.afterAll(async () => {
  await secret?.close();
  await team?.close();
  await cleanupTempDirs();
});

const get = async (path: string): Promise<Response> => {
  await team.hub.hub.channels.settled();
  return fetch(`${team.hub.hub.url}${path}`);
};

for (const [width, height] of [
  [390, 844],
  [1920, 1080],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the page at ${width}x${height} (${colorScheme}) shows the approved update, not the draft nor the private incident`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      const page = await context.newPage();
      try {
        const response = await page.goto(`${team.hub.hub.url}/status`);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole('heading', { name: 'Checkout failing for EU customers' })).toBeVisible();
        await expect(page.getByText('a stalled database replica', { exact: false })).toBeVisible();
        await expect(page.getByText('Checkout API')).toBeVisible();
        await expect(page.getByText('Partial outage').first()).toBeVisible();
        const body = await page.locator('body').innerText();
        expect(body).not.toContain('Draft nobody approved');
        expect(body).not.toContain(PRIVATE_TITLE);
        expect(body).not.toContain('payroll');
        // Readable without sideways scrolling on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await expectAccessible(page, `the status page at ${width}x${height}, ${colorScheme}`);
        await screenshot(page, `status-page-${width}x${height}-${colorScheme}`);
      } finally {
        await context.close();
      }
    });
  }
}

test('the page needs no script: it reads the same with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto(`${team.hub.hub.url}/status`);
    await expect(page.getByText('a stalled database replica', { exact: false })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the Atom feed, parsed by a feed reader, carries the approved update only', async () => {
  const response = await get('/status/feed.atom');
  expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
  const feed = extractFromXml(await response.text(), { descriptionMaxLen: 0 } as never) as { entries?: Array<Record<string, string>> };
  expect(feed.entries?.map((e) => e.title)).toEqual(['Checkout failing for EU customers']);
  const all = JSON.stringify(feed);
  expect(all).toContain('stalled database replica');
  expect(all).not.toContain('Draft nobody approved');
  expect(all).not.toContain(PRIVATE_TITLE);
});

test("summary.json and incidents.json match Statuspage's schema and hold only the public, approved update", async () => {
  for (const path of ['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/incidents/unresolved.json']) {
    const doc = (await (await get(path)).json()) as { incidents: Array<Record<string, unknown>> };
    expect(statuspageProblems(doc), path).toEqual([]);
    expect(doc.incidents.map((i) => i.name)).toEqual(['Checkout failing for EU customers']);
    const updates = doc.incidents[0]!.incident_updates as Array<Record<string, unknown>>;
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ status: 'investigating', body: APPROVED });
    expect(typeof updates[0]!.display_at).toBe('string');
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Draft nobody approved');
    expect(text).not.toContain(PRIVATE_TITLE);
  }
  const summary = (await (await get('/api/v2/summary.json')).json()) as Record<string, unknown>;
  expect(summary.components).toMatchObject([{ name: 'Checkout API', status: 'partial_outage' }]);
});

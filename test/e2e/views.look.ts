import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { OUTAGE_INCIDENT, outageStory } from '../helpers/outage-story.js';
import { dismissToasts, HYPOTHESES } from './helpers.js';
import { openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

/**
 * Every view and dialog, at 1024x640 and 1920x1080, light and dark, drawn the same way twice: the services'
 * clock and the page's are fake, so two runs of the same code give the same pixels and a refactoring of the
 * window's code or CSS can be checked by a pixel diff (`npm run look -- DIR`, then `node scripts/compare-shots.mjs A B`).
 * Not part of `npm run test:e2e` (its name is not *.spec.ts): it asserts nothing but that every state is reached.
 */
const OUT = process.env.WARROOM_LOOK_DIR ?? 'test-results/look';
const SIZES = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const;
/** 2026-11-23 09:00 UTC: the services stamp events from here, a few seconds apart. */
const SERVICE_START = Date.UTC(2026, 10, 23, 9, 0);
/** The page's frozen "now": three hours later. */
const PAGE_TIME = Date.UTC(2026, 10, 23, 12, 0);

let alice: Teammate;
test.afterEach(async () => {
  await alice?.close();
});

async function shoot(page: Page, name: string, ready?: Locator, settle?: () => Promise<void>): Promise<void> {
  await mkdir(OUT, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      if (ready) await expect(ready).toBeVisible();
      await settle?.();
      await writeFile(join(OUT, `${name}-${size.width}x${size.height}-${theme}.png`), await settledShot(page));
    }
  }
}

/**
 * A picture once three in a row agree: after a resize the virtualised timeline measures and places its rows
 * over a few frames, and focus moves on the frame after a view opens.
 */
async function settledShot(page: Page): Promise<Buffer> {
  await page.mouse.move(0, 0);
  let last = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  let same = 0;
  for (let i = 0; i < 30 && same < 2; i++) {
    await page.waitForTimeout(100);
    const next = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    same = next.equals(last) ? same + 1 : 0;
    last = next;
  }
  if (same < 2) throw new Error('the page never settled: pictures kept changing');
  return last;
}

/** Focus lands in the quick-entry box: where it goes after a view change races a rescue timer, which is not what is compared. */
async function settleFocus(page: Page): Promise<void> {
  await page.waitForTimeout(200);
  await page.getByRole('combobox', { name: 'Record' }).focus();
}

async function palette(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

async function busyIncident(t: Teammate): Promise<string> {
  const incident = await openIncident(t, 'Checkout and payment APIs failing for EU customers', 'Card payments fail with 502 errors.');
  const rec = async (...args: Parameters<Teammate['warRoom']['record']>) => {
    const r = await t.warRoom.record(...args);
    if (!r.ok) throw new Error(r.error);
    return r.value.id;
  };
  const me = (await t.handlers['app:info']({})) as { ok: true; value: { actor: { id: string; name: string } } };
  await rec(incident, 'role.assigned', { role: 'commander', person: me.value.actor });
  const ids: string[] = [];
  for (const text of HYPOTHESES) ids.push(await rec(incident, 'hypothesis.added', { text }));
  await rec(incident, 'action.added', { text: 'check replica lag on every replica', links: [ids[0]!], owner: 'Bob' });
  await rec(incident, 'action.added', { text: 'compare ARP tables across the private network', links: [ids[1]!], owner: 'Ana' });
  await rec(incident, 'action.added', { text: 'page the network team' });
  for (let i = 0; i < 14; i++) await rec(incident, 'note.added', { text: `error rate at ${(30 - i) / 10}% on checkout (sample ${i})` });
  await rec(incident, 'hypothesis.status', { target: ids[0]!, status: 'investigating', evidence: 'replica lag at 20 minutes' });
  await rec(incident, 'hypothesis.status', { target: ids[2]!, status: 'ruled-out', evidence: 'firewall config unchanged since May' });
  await rec(incident, 'impact.added', { customer: 'Acme Corp', level: 'critical', contact: 'ops@acme.example', contactVerified: true });
  await rec(incident, 'impact.added', { customer: 'Globex', level: 'major', contact: 'it@globex.example' });
  await rec(incident, 'impact.added', { customer: 'Initech', level: 'minor' });
  await rec(incident, 'status.statement', {
    impact: 'EU customers cannot pay at checkout',
    doing: 'failing over the primary database',
    next: 'update by 13:00 UTC',
  });
  await rec(incident, 'followup.added', { text: 'alert on replica lag over 5 minutes', owner: 'Bob', due: '2026-12-01', type: 'detect' });
  const created = await t.handlers['drafts:create']({ incident, audience: 'affected', channel: 'email', template: 'investigating' });
  expect(created.ok).toBe(true);
  return incident;
}

test('every view and dialog, at two sizes, light and dark, for a pixel comparison', async ({ browser }) => {
  test.setTimeout(600_000);
  let clock = SERVICE_START;
  alice = await startTeammate(browser, {
    name: 'Alice',
    now: () => (clock += 7_000),
    pageTime: PAGE_TIME,
    // bypassCSP: Playwright hides the caret with a style tag, which the page's CSP would refuse (a blinking caret is noise).
    contextOptions: { timezoneId: 'UTC', viewport: SIZES[0], bypassCSP: true },
    prepare: async (dataDir) => {
      await mkdir(join(dataDir, 'incidents'), { recursive: true });
      const log = outageStory().map((e) => JSON.stringify(e) + '\n');
      await writeFile(join(dataDir, 'incidents', `${OUTAGE_INCIDENT}.jsonl`), log.join(''));
    },
  });
  const { page } = alice;
  await expect(page.getByRole('button', { name: /Checkout failing for EU customers/ })).toBeVisible();
  await shoot(page, '01-incident-list-one');

  const incident = await busyIncident(alice);
  await expect(page.getByRole('search')).toContainText('30 entries');
  await dismissToasts(page);
  await page.keyboard.press('Alt+1');
  // A resize keeps the log's scroll offset: End puts the newest entry at the bottom at every size, as on opening.
  const newest = () => page.getByTestId('timeline-scroll').press('End');
  await shoot(page, '02-timeline', page.getByTestId('timeline-scroll'), newest);
  await page.getByRole('button', { name: 'Details' }).click();
  await shoot(page, '03-header-details', page.getByTestId('room-fact'));
  await page.getByRole('button', { name: 'Less' }).click();
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByRole('searchbox', { name: 'Search the timeline' }).fill('replica');
  await shoot(page, '04-timeline-filtered');
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('button', { name: /Filters/ }).click();
  await page.getByTestId('timeline-scroll').focus();

  await page.keyboard.press('Alt+2');
  await settleFocus(page);
  await shoot(page, '05-board', page.getByRole('region', { name: 'Hypotheses board' }));
  await page.getByRole('group', { name: /^H2:/ }).focus();
  await page.keyboard.press('c');
  await shoot(page, '06-board-step', page.locator('.status-editor'));
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+3');
  await settleFocus(page);
  await shoot(page, '07-customers', page.getByText('Acme Corp').first());
  await page.keyboard.press('Alt+4');
  await shoot(page, '08-drafts');
  await page
    .getByRole('button', { name: /Investigating update/ })
    .first()
    .click();
  await shoot(page, '09-draft-editor', page.getByLabel('Draft text'));
  await page.keyboard.press('Alt+5');
  await shoot(page, '10-postmortem', page.getByRole('heading', { name: 'Course of the incident' }));
  await palette(page, 'catch me up');
  await shoot(page, '11-catch-up', page.getByTestId('catch-up'));
  await page.getByRole('button', { name: 'Go to the timeline' }).click();

  const dialogs: [string, () => Promise<void>, string | RegExp][] = [
    ['12-palette', () => page.keyboard.press('Control+k'), 'Command palette'],
    ['13-shortcuts', () => palette(page, 'keyboard shortcuts'), /Keyboard shortcuts/],
    ['14-settings', () => palette(page, 'change your name'), 'You'],
    ['15-export', () => palette(page, 'export'), 'Export this incident'],
    ['16-share', () => page.getByRole('button', { name: 'Share…', exact: true }).click(), /Host a room|Team room/],
    ['17-import-customers', () => palette(page, 'import customers'), /Import customers/],
    ['18-severity', () => palette(page, 'set severity: SEV1'), 'Severity'],
    ['19-resolve', () => palette(page, 'set status: resolved'), 'Resolve the incident'],
    ['20-statement', () => palette(page, 'update the current status'), 'Current status'],
    ['21-new-incident', () => page.keyboard.press('Control+n'), 'New incident'],
    ['22-join', () => page.keyboard.press('Control+j'), 'Join a team room'],
  ];
  for (const [name, open, title] of dialogs) {
    await open();
    const dialog = name === '12-palette' ? page.getByRole('dialog').first() : page.getByRole('dialog', { name: title });
    await shoot(page, name, dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  await page.keyboard.press('Alt+1');
  const row = page.getByTestId('timeline-scroll').getByRole('article').last();
  await row.hover();
  await row.getByRole('button').first().click();
  await shoot(page, '23-row-menu');
  await page.keyboard.press('Escape');

  // The outage, resolved, as the postmortem is written from it.
  await palette(page, 'open incident: checkout failing');
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout failing for EU customers' })).toBeVisible();
  await dismissToasts(page);
  await page.keyboard.press('Alt+1');
  await shoot(page, '24-resolved-timeline', page.getByTestId('timeline-scroll'), newest);
  await page.keyboard.press('Alt+4');
  await shoot(page, '25-resolved-drafts');
  await page.keyboard.press('Alt+5');
  await shoot(page, '26-resolved-postmortem', page.getByRole('heading', { name: 'Course of the incident' }));
  await palette(page, 'back to all incidents');
  await expect(page.getByRole('button', { name: /Checkout and payment APIs/ })).toBeVisible();
  await shoot(page, '27-incident-list-two');
  expect(incident).toBeTruthy();
});

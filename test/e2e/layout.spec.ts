import { writeFile, mkdir } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { appErrors, dismissToasts, expectAccessible, HYPOTHESES, screenshot } from './helpers.js';
import { wholeVisible } from './layout.js';
import { openIncident } from './room.js';
import { startTeammate, type Teammate } from './teammate.js';

let alice: Teammate;
test.afterEach(async () => {
  await alice?.close();
});

/** 90 characters: a title as people really write them at 3 a.m. */
const LONG_TITLE = 'Checkout and payment APIs failing for EU and UK customers after the primary database stall';

const SIZES = [
  { width: 1024, height: 640, rows: 8, cards: 3 },
  { width: 1280, height: 800, rows: 12, cards: 3 },
  { width: 1920, height: 1080, rows: 12, cards: 3 },
] as const;

test('room to see: whole timeline rows and board cards really visible at 1024x640, 1280x800 and 1920x1080, light and dark', async ({
  browser,
}) => {
  expect(LONG_TITLE).toHaveLength(90);
  alice = await startTeammate(browser, { name: 'Alice' });
  const { page } = alice;
  const incident = await openIncident(alice, LONG_TITLE, 'EU and UK customers cannot pay at checkout; card payments fail with 502 errors.');
  // A busy incident: hypotheses, actions and notes, enough to fill any window.
  const ids: string[] = [];
  for (const text of [...HYPOTHESES, 'load balancer health checks flapping', 'certificate expired on the payments API']) {
    const r = await alice.warRoom.record(incident, 'hypothesis.added', { text });
    if (r.ok) ids.push(r.value.id);
  }
  for (let i = 0; i < 30; i++) {
    if (i % 3 === 0)
      await alice.warRoom.record(incident, 'action.added', {
        text: `check replica ${i} for lag`,
        links: [ids[i % ids.length]!],
        owner: 'Bob',
      });
    else await alice.warRoom.record(incident, 'note.added', { text: `error rate at ${(30 - i) / 10}% on checkout (sample ${i})` });
  }
  await alice.warRoom.record(incident, 'hypothesis.status', {
    target: ids[0]!,
    status: 'investigating',
    evidence: 'replica lag at 20 minutes',
  });
  await expect(page.getByRole('search')).toContainText('37 entries');
  await dismissToasts(page);

  const figures: { size: string; theme: string; rows: number; cards: number }[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.keyboard.press('Alt+1');
      await expect(page.getByTestId('timeline-scroll').getByRole('article').last()).toBeVisible();
      // The virtualiser renders the rows a resized window has room for on its next frames: let it settle.
      await expect
        .poll(() => wholeVisible(page, '[data-testid="timeline-scroll"] .tl-row'), {
          message: `whole timeline rows at ${size.width}x${size.height} (${theme})`,
        })
        .toBeGreaterThanOrEqual(size.rows);
      const rows = await wholeVisible(page, '[data-testid="timeline-scroll"] .tl-row');
      if (size.width === 1024) await screenshot(page, `timeline-${size.width}x${size.height}-${theme}`);
      await page.keyboard.press('Alt+2');
      await expect(page.getByRole('region', { name: 'Hypotheses board' })).toBeVisible();
      await expect
        .poll(() => wholeVisible(page, '.board .hypothesis-card'), {
          message: `whole board cards at ${size.width}x${size.height} (${theme})`,
        })
        .toBeGreaterThanOrEqual(size.cards);
      const cards = await wholeVisible(page, '.board .hypothesis-card');
      if (size.width === 1024) await screenshot(page, `board-${size.width}x${size.height}-${theme}`);
      figures.push({ size: `${size.width}x${size.height}`, theme, rows, cards });
    }
  }
  await page.keyboard.press('Alt+1');
  await page.setViewportSize({ width: 1024, height: 640 });
  await expectAccessible(page, 'the timeline at 1024x640');
  // The whole title is one click away, and the header is still one line until asked.
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('banner', { name: 'Incident summary' }).getByTestId('room-fact')).toBeVisible();
  await expectAccessible(page, 'the expanded header at 1024x640');

  console.log(
    'layout figures (whole rows / cards really visible):\n' +
      figures.map((f) => `  ${f.size} ${f.theme}: ${f.rows} timeline rows, ${f.cards} board cards`).join('\n'),
  );
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/layout-figures.json', JSON.stringify(figures, null, 2));
  expect(appErrors(alice.consoleErrors)).toEqual([]);
});

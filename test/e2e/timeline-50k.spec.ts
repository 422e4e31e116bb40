import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { incidentsDir } from '../../main/services/data-dir.js';
import { appErrors } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';

const COUNT = 50_000;
const INCIDENT = 'inc_bigtimeline';
let reader: Teammate | undefined;

test.afterEach(async () => {
  await reader?.close();
});

/** 50,000 valid events in one JSON-lines file, written in one go (not 50,000 fsyncs). */
async function writeBigLog(dataDir: string): Promise<void> {
  const start = Date.UTC(2025, 2, 4, 9, 0, 0);
  const people = [
    { id: 'u_alice00001', name: 'Alice' },
    { id: 'u_bob0000001', name: 'Bob' },
    { id: 'u_carol00001', name: 'Carol' },
  ];
  const lines: string[] = [];
  const envelope = (seq: number, id: string, kind: string, data: unknown, actor = people[seq % 3]!) =>
    JSON.stringify({ v: 1, id, incident: INCIDENT, origin: 'o_bigload01', seq, at: { ms: start + seq * 1000, c: 0 }, actor, kind, data });
  lines.push(envelope(1, INCIDENT, 'incident.opened', { title: 'A very long incident', severity: 'SEV2' }, people[0]));
  const hypothesis = `e_${'h'.padStart(6, '0')}`;
  lines.push(envelope(2, hypothesis, 'hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }));
  for (let seq = 3; seq <= COUNT; seq++) {
    const id = `e_${seq.toString(36).padStart(8, '0')}`;
    if (seq === COUNT) lines.push(envelope(seq, id, 'note.added', { text: 'the very last entry of fifty thousand' }));
    else if (seq % 10 === 0) lines.push(envelope(seq, id, 'action.added', { text: `action number ${seq}`, links: [hypothesis] }));
    else lines.push(envelope(seq, id, 'note.added', { text: `note number ${seq}: replica lag ${seq % 97} s on db-${seq % 7}` }));
  }
  await mkdir(incidentsDir(dataDir), { recursive: true });
  await writeFile(join(incidentsDir(dataDir), `${INCIDENT}.jsonl`), lines.join('\n') + '\n');
}

test('a timeline of 50,000 entries renders, searches and scrolls end to end', async ({ browser }) => {
  // Dana was reading it a moment ago (a first visit opens on the catch-up view: catch-up.spec.ts).
  reader = await startTeammate(browser, { name: 'Dana', prepare: writeBigLog, seenRecently: [INCIDENT] });
  const { page } = reader;

  const opening = Date.now();
  await page.getByRole('button', { name: /A very long incident/ }).click();
  const timeline = page.getByTestId('timeline-scroll');
  await expect(page.getByRole('search')).toContainText('50,000 entries', { timeout: 30_000 });
  // It opens at the newest entry.
  await expect(timeline.getByRole('article').filter({ hasText: 'the very last entry of fifty thousand' })).toBeVisible();
  const openMs = Date.now() - opening;

  // Only what is on screen is in the DOM.
  const rendered = await timeline.getByRole('article').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(100);

  // To the top with the keyboard, then to the end again.
  await timeline.focus();
  const scrolling = Date.now();
  await page.keyboard.press('Home');
  await expect(timeline.getByRole('article').filter({ hasText: 'A very long incident' })).toBeVisible();
  await expect(timeline.getByRole('article').filter({ hasText: 'the very last entry' })).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(timeline.getByRole('article').filter({ hasText: 'the very last entry of fifty thousand' })).toBeVisible();
  // And by dragging the scrollbar to the middle: rows from the middle of the log show up.
  await timeline.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(
    timeline
      .getByRole('article')
      .filter({ hasText: /note number 2\d{4}:/ })
      .first(),
  ).toBeVisible();
  const scrollMs = Date.now() - scrolling;

  // Search across all of them.
  await page.getByRole('searchbox', { name: 'Search the timeline' }).fill('action number 49990');
  await expect(page.getByRole('search')).toContainText('1 of 50,000');
  await expect(timeline.getByRole('article')).toHaveCount(1);

  // A live entry still arrives at the bottom.
  await page.getByRole('searchbox', { name: 'Search the timeline' }).fill('');
  const entry = page.getByRole('combobox', { name: 'Record' });
  await entry.fill('n still responsive after fifty thousand');
  await entry.press('Enter');
  await expect(timeline.getByRole('article').last()).toContainText('still responsive after fifty thousand');

  test.info().annotations.push({ type: 'timing', description: `open ${openMs} ms, scroll ${scrollMs} ms, ${rendered} rows in the DOM` });
  console.log(`50k timeline: open ${openMs} ms, top/end/middle ${scrollMs} ms, ${rendered} rows in the DOM`);
  expect(appErrors(reader.consoleErrors)).toEqual([]);
});

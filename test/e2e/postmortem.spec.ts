import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseHTML } from 'linkedom';
import { marked, type Tokens } from 'marked';
import Papa from 'papaparse';
import { POSTMORTEM_OUTLINE } from '../../src/export/postmortem-sections.js';
import { appErrors, dismissToasts, expectAccessible, screenshot } from './helpers.js';
import { startTeammate, type Teammate } from './teammate.js';
import { OUTAGE_INCIDENT, outageStory } from '../helpers/outage-story.js';

let ana: Teammate;
test.afterEach(async () => {
  await ana?.close();
});

/** The outage as the team logged it during the incident; the review happens in the app. */
async function writeOutage(dataDir: string): Promise<void> {
  await mkdir(join(dataDir, 'incidents'), { recursive: true });
  await writeFile(
    join(dataDir, 'incidents', `${OUTAGE_INCIDENT}.jsonl`),
    outageStory()
      .map((e) => JSON.stringify(e) + '\n')
      .join(''),
  );
}

async function setMilestone(page: Page, label: string, value: string) {
  const row = page.locator(`tr[data-milestone]`, { has: page.getByRole('rowheader', { name: label, exact: true }) });
  await row.getByRole('button', { name: `Set ${label.toLowerCase()}` }).click();
  const input = row.getByLabel(`${label} at`);
  await expect(input).toBeFocused();
  await input.fill(value);
  await input.press('Enter');
  await expect(row.getByText(/set by Ana/)).toBeVisible();
}

async function exportAs(page: Page, label: RegExp, dataDir: string, suffix: string): Promise<string> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type('export');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export this incident' });
  await dialog.getByRole('button', { name: label }).click();
  await expect.poll(async () => (await readdir(dataDir)).filter((f) => f.endsWith(suffix)).length).toBe(1);
  const name = (await readdir(dataDir)).find((f) => f.endsWith(suffix))!;
  return readFile(join(dataDir, name), 'utf8');
}

test('a postmortem played through the app: milestones, follow-ups, every export format', async ({ browser }) => {
  // A whole review: five milestones, follow-ups, five exports parsed, the list; on a busy 2-core machine that passes 90 s.
  test.setTimeout(240_000);
  ana = await startTeammate(browser, {
    name: 'Ana',
    prepare: writeOutage,
    contextOptions: { timezoneId: 'UTC', viewport: { width: 1024, height: 640 } },
  });
  const { page, dataDir } = ana;
  await page.getByRole('button', { name: /Checkout failing for EU customers/ }).click();
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Course of the incident' })).toBeVisible();

  await test.step('set the milestones after the fact; a wrong order is refused and explained', async () => {
    await setMilestone(page, 'Impact started', '2026-11-22T13:55');
    await setMilestone(page, 'Acknowledged', '2026-11-22T14:02');
    // Detection after acknowledgement cannot be: the reason names both times, and nothing is saved.
    const detected = page.locator('tr[data-milestone="detected"]');
    await detected.getByRole('button', { name: 'Set detected' }).click();
    await detected.getByLabel('Detected at').fill('2026-11-22T14:05');
    await detected.getByLabel('Detected at').press('Enter');
    await expect(detected.getByRole('alert')).toContainText(
      'detected (2026-11-22 14:05 UTC) cannot be after acknowledged (2026-11-22 14:02 UTC)',
    );
    await detected.getByLabel('Detected at').fill('2026-11-22T14:00');
    await detected.getByLabel('Detected at').press('Enter');
    await expect(detected.getByText(/set by Ana/)).toBeVisible();
    await setMilestone(page, 'Mitigated', '2026-11-22T15:05');
    await setMilestone(page, 'Resolved', '2026-11-22T16:00');
    const durations = page.getByLabel('Durations');
    await expect(durations.locator('[data-duration="time-to-detect"] dd')).toHaveText('5 min');
    await expect(durations.locator('[data-duration="time-to-resolve"] dd')).toHaveText('2 h 05 min');
    // The summary header shows them too.
    await expect(page.getByTestId('durations-fact')).toContainText('detect 5 min');
    await expect(page.getByTestId('course-chart').locator('.course-milestone')).toHaveCount(5);
  });

  await test.step('add follow-ups: owner, due date, type, a tracker link that must be http(s)', async () => {
    const form = page.getByRole('form', { name: 'Add a follow-up' });
    await form.getByLabel('Action item').fill('alert on replication slot lag above 5 min');
    await form.getByLabel('Owner').fill('Bob');
    await form.getByLabel('Due').fill('2026-12-04');
    await form.getByLabel('Type').selectOption('detect');
    await form.getByLabel(/Tracker link/).fill('javascript:alert(1)');
    await form.getByRole('button', { name: 'Add follow-up' }).click();
    await expect(form.getByRole('alert')).toHaveText('The tracker link must start with http:// or https://.');
    await expect(form.getByLabel('Action item')).toHaveValue('alert on replication slot lag above 5 min');
    await form.getByLabel(/Tracker link/).fill('https://tracker.example/OPS-101');
    await form.getByLabel(/Tracker link/).press('Enter');
    await expect(form.getByLabel('Action item')).toHaveValue('');
    await form.getByLabel('Action item').fill('cap replication slot retention');
    await form.getByLabel('Owner').fill('Ana');
    await form.getByLabel('Type').selectOption('prevent');
    await form.getByLabel('Action item').press('Enter');
    const table = page.getByRole('region', { name: 'Follow-ups' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await table.getByLabel('Status of cap replication slot retention').selectOption('done');
    await expect(table.getByLabel('Status of cap replication slot retention')).toHaveValue('done');
  });

  await test.step('screenshots of the postmortem view, light and dark, laptop and desktop; accessible', async () => {
    await dismissToasts(page);
    await expectAccessible(page, 'the postmortem view');
    for (const [w, h] of [
      [1024, 640],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark'] as const) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        await page.waitForTimeout(50);
        await screenshot(page, `postmortem-${theme}-${w}`);
      }
    }
    // The README's picture: the course alone, as the window draws it.
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('course-chart').screenshot({
      path: `${process.env.WARROOM_SCREENSHOTS ?? 'test-results/screenshots'}/postmortem-course.png`,
      animations: 'disabled',
    });
    await page.setViewportSize({ width: 1024, height: 640 });
  });

  await test.step('export each format: every section, durations as recorded, the course in the HTML', async () => {
    const md = await exportAs(page, /Markdown/, dataDir, '.md');
    const tokens = marked.lexer(md);
    const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth > 1).map((t) => [t.depth, t.text]);
    expect(headings).toEqual(POSTMORTEM_OUTLINE);
    expect(md).toContain('| Time to detect | 5 min |');
    expect(md).toContain('| Time to resolve | 2 h 05 min |');
    expect(md).toContain('**Status:** Final');

    const html = await exportAs(page, /HTML/, dataDir, '.html');
    const { document } = parseHTML(html);
    expect([...document.querySelectorAll('h2, h3')].map((h) => [Number(h.tagName[1]), h.textContent])).toEqual(POSTMORTEM_OUTLINE);
    expect(document.querySelector('tr[data-duration="time-to-mitigate"]')?.textContent).toContain('1 h 10 min');
    expect(document.querySelectorAll('figure.course svg .course-milestone')).toHaveLength(5);
    // The PDF is this page printed (Electron's printToPDF in the app; Chromium's own here): the picture prints.
    const printed = await ana.context.newPage();
    await printed.setContent(html);
    await printed.emulateMedia({ media: 'print' });
    const figure = printed.locator('figure.course svg');
    expect((await figure.boundingBox())!.height).toBeGreaterThan(100);
    await figure.screenshot({ path: `${process.env.WARROOM_SCREENSHOTS ?? 'test-results/screenshots'}/postmortem-course-print.png` });
    const pdf = await printed.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await printed.close();

    const json = JSON.parse(await exportAs(page, /JSON/, dataDir, `${OUTAGE_INCIDENT}.json`)) as {
      state: { milestones: Record<string, { at: number }>; followUpOrder: string[] };
    };
    expect(json.state.milestones['impact-started']!.at).toBe(Date.UTC(2026, 10, 22, 13, 55));
    expect(json.state.followUpOrder).toHaveLength(2);

    const csv = Papa.parse<string[]>(await exportAs(page, /^CSV timeline$/, dataDir, `${OUTAGE_INCIDENT}.csv`), {
      skipEmptyLines: 'greedy',
    });
    const kindColumn = csv.data[0]!.indexOf('kind');
    expect(csv.data.filter((r) => r[kindColumn] === 'milestone.set')).toHaveLength(5);

    const followUps = Papa.parse<string[]>(await exportAs(page, /Follow-ups CSV/, dataDir, '-follow-ups.csv'), {
      skipEmptyLines: 'greedy',
    });
    expect(followUps.data.map((r) => [r[0], r[2], r[3], r[5], r[6]])).toEqual([
      ['Title', 'Assignee', 'Due Date', 'Status', 'Link'],
      ['alert on replication slot lag above 5 min', 'Bob', '2026-12-04', 'Todo', 'https://tracker.example/OPS-101'],
      ['cap replication slot retention', 'Ana', expect.stringMatching(/^\d{4}-\d\d-\d\d$/), 'Done', ''],
    ]);
  });

  await test.step('the incident list shows the durations and the monthly trend, and copies them as CSV', async () => {
    await page.getByRole('button', { name: 'All incidents' }).click();
    await expect(page.getByRole('button', { name: /Checkout failing for EU customers/ })).toContainText(
      'detected in 5 min · resolved in 2 h 05 min',
    );
    const month = page.locator('tr[data-month="2026-11"]');
    await expect(month).toContainText('2 h 05 min');
    await expect(month).toContainText('100%');
    await page.getByRole('button', { name: 'Copy incidents as CSV' }).click();
    await expect(page.getByRole('button', { name: 'Copied CSV' })).toBeVisible();
    const rows = Papa.parse<string[]>(ana.clipboard[0]!, { skipEmptyLines: 'greedy' }).data;
    expect(rows[1]!.slice(6, 12)).toEqual(['5.0', '2.0', '70.0', '125.0', '4', '4']);
    await expectAccessible(page, 'the incident list with its trend');
    await screenshot(page, 'incidents-trend-light');
  });

  expect(appErrors(ana.consoleErrors)).toEqual([]);
});

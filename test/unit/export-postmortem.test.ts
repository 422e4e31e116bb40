import type { Tokens } from 'marked';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_CSV_COLUMNS, writeFollowUpsCsv } from '../../src/export/follow-ups-csv.js';
import { EventFactory } from '../helpers/events.js';
import { fold } from '../../src/incident/fold.js';
import { writeHtml } from '../../src/export/html-writer.js';
import { writeMarkdown } from '../../src/export/markdown-writer.js';
import { POSTMORTEM_OUTLINE } from '../../src/export/postmortem-sections.js';
import { formatDuration } from '../../src/export/time-zone.js';
import { incidentDurations } from '../../src/incident/milestones.js';
import { lex, plainText } from '../helpers/export-parse.js';
import { outageStory, reviewedOutage } from '../helpers/outage-story.js';

const { events, milestones } = reviewedOutage();
const state = fold(events);
const markdown = writeMarkdown(state);
const tokens = lex(markdown);
const { document } = parseHTML(writeHtml(state));

/** Expected durations, straight from the milestones the test recorded. */
const expected = {
  'Time to detect': formatDuration(milestones.detected! - milestones['impact-started']!),
  'Time to acknowledge': formatDuration(milestones.acknowledged! - milestones.detected!),
  'Time to mitigate': formatDuration(milestones.mitigated! - milestones['impact-started']!),
  'Time to resolve': formatDuration(milestones.resolved! - milestones['impact-started']!),
};

function mdSection(name: string) {
  const start = tokens.findIndex((t) => t.type === 'heading' && plainText((t as Tokens.Heading).tokens) === name);
  expect(start, name).toBeGreaterThan(0);
  const depth = (tokens[start] as Tokens.Heading).depth;
  const end = tokens.findIndex((t, i) => i > start && t.type === 'heading' && (t as Tokens.Heading).depth <= depth);
  return tokens.slice(start + 1, end === -1 ? undefined : end);
}
const mdTable = (name: string, first: string) =>
  mdSection(name).find((t): t is Tokens.Table => t.type === 'table' && t.header[0]!.text === first)!;

describe('the postmortem of an incident with milestones and follow-ups', () => {
  it('Markdown and HTML hold the same sections, in the order of the SRE template', () => {
    const mdHeadings = tokens
      .filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth > 1)
      .map((h) => [h.depth, plainText(h.tokens)]);
    expect(mdHeadings).toEqual(POSTMORTEM_OUTLINE);
    const htmlHeadings = [...document.querySelectorAll('h2, h3')].map((h) => [Number(h.tagName[1]), h.textContent]);
    expect(htmlHeadings).toEqual(POSTMORTEM_OUTLINE);
  });

  it('has a header: date, authors (roles first), and final status once everything is known', () => {
    const header = plainText(tokens.find((t): t is Tokens.List => t.type === 'list')!.items.flatMap((i) => i.tokens));
    expect(header).toContain('Date: 2026-11-22');
    expect(header).toContain('Authors: Ana (commander) (commander), Cy (comms) (comms), Bob');
    expect(header).toContain('Status: Final');
    expect(document.querySelector('dd.pm-status')?.textContent).toBe('Final');
    // Without the review's milestones and follow-ups it is a draft, and says why.
    const draft = writeMarkdown(fold(outageStory()));
    expect(draft).toMatch(
      /\*\*Status:\*\* Draft \(milestones not recorded: impact started, acknowledged, mitigated; no follow-ups recorded\)/,
    );
  });

  it('shows every milestone and the four durations derived from them, in both formats', () => {
    const times = mdTable('Summary', 'Milestone').rows.map((r) => r.map((c) => plainText(c.tokens)));
    expect(times).toEqual([
      ['Impact started', '2026-11-22 13:55:00 UTC', 'Ana (commander)'],
      ['Detected', '2026-11-22 14:00:00 UTC', 'Ana (commander)'],
      ['Acknowledged', '2026-11-22 14:02:00 UTC', 'Ana (commander)'],
      ['Mitigated', '2026-11-22 15:05:00 UTC', 'Ana (commander)'],
      ['Resolved', '2026-11-22 16:00:00 UTC', 'Ana (commander)'],
    ]);
    const durations = Object.fromEntries(
      mdTable('Summary', 'Duration').rows.map((r) => [plainText(r[0]!.tokens), plainText(r[1]!.tokens)]),
    );
    expect(durations).toEqual(expected);
    expect(expected).toEqual({
      'Time to detect': '5 min',
      'Time to acknowledge': '2 min',
      'Time to mitigate': '1 h 10 min',
      'Time to resolve': '2 h 05 min',
    });
    const html = Object.fromEntries(
      [...document.querySelectorAll('table.durations tbody tr')].map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]),
    );
    expect(html).toEqual(expected);
    for (const d of incidentDurations(state))
      expect(document.querySelector(`tr[data-duration="${d.key}"]`)?.getAttribute('data-ms')).toBe(String(d.ms));
    // Detection and resolution sections say the same.
    expect(
      plainText(mdSection('Detection').flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.flatMap((i) => i.tokens) : []))),
    ).toContain('Time to detect: 5 min.');
    expect(document.querySelector('section.resolution')?.textContent).toContain('Time to resolve: 2 h 05 min.');
  });

  it('prefills root causes and trigger from the confirmed hypothesis and its evidence', () => {
    const causes = plainText(
      mdSection('Root causes').flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.flatMap((i) => i.tokens) : [])),
    );
    expect(causes).toContain('primary database stalled while replicating to its replicas');
    expect(causes).toContain(
      'Confirmed by Bob, 2026-11-22 14:42:00 UTC: replica lag stuck at 20 min; primary blocked on a replication slot',
    );
    expect(document.querySelector('section.trigger')?.textContent).toContain('Impact started 2026-11-22 13:55:00 UTC');
    expect(document.querySelector('section.resolution')?.textContent).toContain(
      'Fixed by: drop the stuck replication slot and restart db-2 replication',
    );
  });

  it('says what we considered and why each was ruled out', () => {
    const considered = document.querySelector('section.hypotheses')!.textContent ?? '';
    expect(considered).toContain('Ruled out IP address conflict on the private network');
    expect(considered).toContain('ARP tables show no duplicates');
    expect(considered).toContain('firewall config hash unchanged since Monday');
  });

  it('lists the follow-ups as action items with owner, due date, type and tracker link', () => {
    const items = mdTable('Action items', 'Action item').rows.map((r) => r.map((c) => plainText(c.tokens)));
    expect(items[0]).toEqual([
      'alert on replication slot lag above 5 min',
      'Detect',
      'Bob',
      '2026-12-04',
      'open',
      'https://tracker.example/OPS-101',
    ]);
    expect(items).toHaveLength(3);
    expect([...document.querySelectorAll('table.follow-ups tbody tr')].map((tr) => tr.children[2]!.textContent)).toEqual([
      'Bob',
      'Ana',
      'Bob',
    ]);
  });

  it('tells who was told what and when, with credits', () => {
    const told = mdSection('Customer updates sent');
    expect(plainText(told.flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.flatMap((i) => i.tokens) : [])))).toContain(
      'Told: Acme Corp, Globex',
    );
    expect(document.querySelector('section.customers')?.textContent).toContain('one month free');
  });

  it('keeps the key events: status and severity changes, published updates, milestones, verdicts; not every note', () => {
    const rows = mdTable('Timeline of key events', 'Time').rows.map((r) => plainText(r[1]!.tokens));
    expect(rows).toContain('Severity SEV2 → SEV1');
    expect(rows).toContain('Status: identified');
    expect(rows.filter((r) => r.startsWith('Customer update published'))).toHaveLength(4);
    expect(rows.filter((r) => r.startsWith('Milestone:'))).toHaveLength(5);
    expect(rows).toContain(
      'Hypothesis confirmed: primary database stalled while replicating to its replicas (replica lag stuck at 20 min; primary blocked on a replication slot)',
    );
    const noisy = fold(outageStory({ extraNotes: 110 }));
    const key = lex(writeMarkdown(noisy)).filter(
      (t): t is Tokens.Table => t.type === 'table' && t.header[1]?.text === 'Event' && t.header.length === 3,
    )[0]!;
    expect(key.rows.length).toBeLessThan(25);
    // The appendix still has every row.
    expect(document.querySelectorAll('section.timeline tbody tr')).toHaveLength(state.timeline.length);
  });

  it('draws the course of the incident in the HTML (and so the PDF)', () => {
    const svg = document.querySelector('section.key-events figure.course svg')!;
    expect(svg.querySelectorAll('.course-milestone')).toHaveLength(5);
    expect(svg.querySelectorAll('.course-update')).toHaveLength(4);
  });

  it('exports the follow-ups as CSV a tracker imports: its column names, one row each, formulas neutralised', () => {
    const evil = new EventFactory('inc_outage0001', 'o_evilpeer01', { id: 'u_evil000001', name: 'Mallory' });
    const withEvil = fold([
      ...events,
      evil.make(
        'followup.added',
        { text: '=HYPERLINK("http://evil","x")', owner: '@Bob', due: '2026-12-31', type: 'process' },
        Date.UTC(2026, 10, 22, 17),
      ),
    ]);
    const parsed = Papa.parse<string[]>(writeFollowUpsCsv(withEvil), { skipEmptyLines: 'greedy' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...FOLLOW_UP_CSV_COLUMNS]);
    expect(parsed.data[1]).toEqual([
      'alert on replication slot lag above 5 min',
      expect.stringContaining('Follow-up (detect) from the postmortem of "Checkout failing for EU customers"'),
      'Bob',
      '2026-12-04',
      'postmortem,detect',
      'Todo',
      'https://tracker.example/OPS-101',
      'inc_outage0001',
    ]);
    expect(parsed.data).toHaveLength(5);
    expect(parsed.data[4]![0]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(parsed.data[4]![2]).toBe("'@Bob");
  });
});

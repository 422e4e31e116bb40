import type { Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { delivered } from '../helpers/events.js';
import { kindLabel, rowText } from '../../src/export/labels.js';
import { mdCell, mdInline, mdLines } from '../../src/export/markdown-escape.js';
import { LESSON_SECTIONS, MARKDOWN_SECTIONS, writeMarkdown } from '../../src/export/markdown-writer.js';
import { HOSTILE, hostileIncident } from '../helpers/export-fixtures.js';
import { allTokens, lex, plainText, shownLines } from '../helpers/export-parse.js';

const { events, ids } = hostileIncident();
const state = fold(events);
const markdown = writeMarkdown(state);
const tokens = lex(markdown);
const all = allTokens(tokens);
const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading');

/** The top-level tokens between a section heading and the next heading of the same or a higher level. */
function sectionTokens(name: string) {
  const start = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === name);
  expect(start).toBeGreaterThan(0);
  const depth = (tokens[start] as Tokens.Heading).depth;
  const end = tokens.findIndex((t, i) => i > start && t.type === 'heading' && (t as Tokens.Heading).depth <= depth);
  return tokens.slice(start + 1, end === -1 ? undefined : end);
}

describe('Markdown postmortem', () => {
  it('has exactly the expected headings, in order: hostile text never makes one', () => {
    // The Google SRE template (issue 15), plus what only a war-room log can write and the full log as appendix.
    expect(headings.map((h) => [h.depth, plainText(h.tokens)])).toEqual([
      [1, `Postmortem: ${state.title}`],
      [2, 'Summary'],
      [2, 'Impact'],
      [3, 'Customers affected'],
      [3, 'Customer updates sent'],
      [2, 'Root causes'],
      [2, 'Trigger'],
      [2, 'Resolution'],
      [2, 'Detection'],
      [2, 'What we considered'],
      [3, 'Hypotheses considered'],
      [3, 'Actions taken'],
      [2, 'Action items'],
      [2, 'Lessons learned'],
      ...LESSON_SECTIONS.map((s) => [3, s]),
      [2, 'Timeline of key events'],
      [2, 'Appendix: full log'],
      [3, 'Timeline'],
      [3, 'Authors and keys'],
    ]);
    expect(MARKDOWN_SECTIONS).toEqual([
      'Summary',
      'Impact',
      'Root causes',
      'Trigger',
      'Resolution',
      'Detection',
      'What we considered',
      'Action items',
      'Lessons learned',
      'Timeline of key events',
      'Appendix: full log',
    ]);
  });

  it('lets no HTML, link definition or code block through from user text', () => {
    const html = all.filter((t) => t.type === 'html').map((t) => t.raw);
    expect(new Set(html)).toEqual(new Set(['<br>']));
    expect(all.filter((t) => t.type === 'code' || t.type === 'codespan').map((t) => t.raw)).toEqual(
      all
        .filter((t) => t.type === 'codespan' && /^`([a-z]{1,4}_[0-9a-z]+|unverified|no key|[a-z2-7]{4}-[a-z2-7]{4})`$/.test(t.raw))
        .map((t) => t.raw),
    );
    expect(all.filter((t) => t.type === 'link' && /^javascript:/i.test((t as Tokens.Link).href))).toEqual([]);
    expect(all.filter((t) => t.type === 'image')).toEqual([]);
    // The raw text is still there for the reader, as text.
    expect(markdown).not.toContain('<script>');
    expect(all.some((t) => t.type === 'escape' && t.text === '<')).toBe(true);
  });

  it('has one timeline row per timeline entry, in order, with author, event and the exact text', () => {
    const table = sectionTokens('Timeline').find((t): t is Tokens.Table => t.type === 'table')!;
    expect(table.header.map((c) => c.text)).toEqual(['Time', 'Author', 'Event', 'What', 'Status']);
    expect(table.rows).toHaveLength(state.timeline.length);
    table.rows.forEach((cells, i) => {
      const row = state.timeline[i]!;
      expect(cells).toHaveLength(5);
      // The fixture's events are unsigned: each author is marked so.
      expect(plainText(cells[1]!.tokens)).toBe(`${row.author.name} unverified`);
      expect(plainText(cells[2]!.tokens)).toBe(kindLabel(row.kind));
      expect(plainText(cells[3]!.tokens)).toBe(shownLines(rowText(row)) + (row.retracted ? ' (retracted)' : ''));
      expect(plainText(cells[4]!.tokens)).toBe(row.status ?? '');
    });
    const times = table.rows.map((cells) => plainText(cells[0]!.tokens));
    expect(times[0]).toBe('2024-03-31 00:30:00 UTC');
    expect([...times].sort()).toEqual(times);
  });

  it('lists each hypothesis with its status and the evidence that confirmed or ruled it out', () => {
    const list = sectionTokens('Hypotheses considered').find((t): t is Tokens.List => t.type === 'list')!;
    expect(list.items).toHaveLength(3);
    const [h1, h2, h3] = list.items.map((item) => plainText(item.tokens));
    expect(h1).toContain(`Confirmed: ${state.entries[ids.h1]!.text}`);
    expect(h1).toContain(`replica lag 40 s\n${HOSTILE.heading} inside evidence`);
    expect(h1).toContain(`Tested by action (Done): ${HOSTILE.plusCmd}`);
    expect(h2).toContain(`Open: ${HOSTILE.hyperlink}`);
    expect(h3).toContain(`Ruled out: IP address conflict | private network ${HOSTILE.script}`);
    expect(h3).toContain(
      `Ruled out by Bob, "the builder", 2024-03-31 01:01:00 UTC: ${HOSTILE.atSum} only one MAC answers\n- not a list item`,
    );
  });

  it('lists actions with their results, the hypotheses they test, and customer updates with their times', () => {
    const actions = plainText(sectionTokens('Actions taken').find((t): t is Tokens.List => t.type === 'list')!.items[0]!.tokens);
    expect(actions).toContain(`Done: ${HOSTILE.plusCmd}`);
    expect(actions).toContain(`Done by Bob, "the builder", 2024-03-31 01:11:00 UTC: ${HOSTILE.img}`);
    expect(actions).toContain(`Tests: ${state.entries[ids.h1]!.text}`);
    const updates = plainText(sectionTokens('Customer updates sent').find((t): t is Tokens.List => t.type === 'list')!.items[0]!.tokens);
    expect(updates).toContain('2024-03-31 01:15:00 UTC · email · to affected · by שלום');
    expect(updates).toContain(shownLines(state.updates[0]!.text));
    expect(updates).toContain(`${HOSTILE.emoji} ${HOSTILE.hebrew}`);
  });

  it('shows each affected customer with what they were offered and when they were told', () => {
    const table = sectionTokens('Customers affected').find((t): t is Tokens.Table => t.type === 'table')!;
    expect(table.rows).toHaveLength(1);
    const cells = table.rows[0]!.map((c) => plainText(c.tokens));
    expect(cells).toEqual([
      'Acme, Inc. "Europe"',
      shownLines(HOSTILE.multiline),
      'critical',
      '2024-03-31 01:15:00 UTC',
      'no',
      'no',
      '=1+1 month free',
      'ops@acme.example (not verified)',
      HOSTILE.arabic,
    ]);
  });

  it('marks what a person must write, and prefills lessons from the log', () => {
    const prompts = tokens.filter((t) => t.type === 'blockquote').map((t) => plainText((t as Tokens.Blockquote).tokens));
    // Summary, impact, root causes, trigger, resolution, detection, action items (none recorded), three lessons.
    expect(prompts.length).toBe(10);
    for (const p of prompts) expect(p).toMatch(/^To write: /);
    const wrong = plainText(
      sectionTokens('What went wrong').flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.flatMap((i) => i.tokens) : [])),
    );
    expect(wrong).toContain('1 promised customer update came late (due 2024-03-31 01:00:00 UTC)');
    const items = plainText(
      sectionTokens('Action items').flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.flatMap((i) => i.tokens) : [])),
    );
    expect(items).toContain(`${HOSTILE.hyperlink} (hypothesis, open)`);
  });

  it('shows times in the zone asked for, across a daylight-saving change', () => {
    const berlin = writeMarkdown(state, { tz: 'Europe/Berlin' });
    expect(berlin).toContain('times in Europe/Berlin');
    expect(berlin).toContain('| 2024-03-31 01:30:00 +01:00 |');
    expect(berlin).toContain('| 2024-03-31 03:01:00 +02:00 |');
    expect(() => writeMarkdown(state, { tz: 'Mars/Olympus_Mons' })).toThrow(/unknown time zone/);
  });

  it('is the same document for the same log, however the events and their positions arrived', () => {
    const arrival = [...events].reverse().concat(events.slice(0, 3));
    expect(writeMarkdown(delivered(events[0]!.incident, events, arrival).state)).toBe(markdown);
    expect(writeMarkdown(delivered(events[0]!.incident, events, arrival, { positionsFirst: true, chunk: 4 }).state)).toBe(markdown);
  });
});

describe('Markdown escaping', () => {
  const blockTypes = (md: string) =>
    lex(md)
      .map((t) => t.type)
      .filter((t) => t !== 'space');

  it('keeps line-start syntax as text', () => {
    for (const text of [
      '# h',
      '- item',
      '+ item',
      '1. one',
      '2) two',
      '> quote',
      '    code',
      '```js',
      '~~~',
      '---',
      '===',
      '<div>',
      '| a | b |',
      '[x]: http://evil',
    ]) {
      expect(blockTypes(mdLines(text)), text).toEqual(['paragraph']);
      expect(plainText((lex(mdLines(text))[0] as Tokens.Paragraph).tokens), text).toBe(text.trim());
    }
    expect(blockTypes(`para\n${mdLines('line\n===')}`)).toEqual(['paragraph']);
  });

  it('keeps inline syntax and entities as text, and a cell in its cell', () => {
    const text = '*a* _b_ `c` [d](e) ![f](g) <b>h</b> &amp; ~~i~~ \\ | j';
    const p = lex(mdInline(text))[0] as Tokens.Paragraph;
    expect(plainText(p.tokens)).toBe(text);
    const table = lex(`| x | y |\n| --- | --- |\n| ${mdCell('a | b\nc')} | z |`)[0] as Tokens.Table;
    expect(table.rows[0]!.map((c) => plainText(c.tokens))).toEqual(['a | b\nc', 'z']);
  });
});

describe('Markdown postmortem of a bare incident', () => {
  it('still has every section, says what is missing, and copes with a log that lost its opening event', () => {
    const { events } = hostileIncident();
    const opened = writeMarkdown(fold(events.slice(0, 1)));
    const headings = lex(opened).filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 2);
    expect(headings.map((h) => h.text)).toEqual([...MARKDOWN_SECTIONS]);
    expect(opened).toContain('_No hypotheses were recorded._');
    expect(opened).toContain('_No customer update was published._');
    expect(opened).toContain('No customer update was published.');
    const headless = writeMarkdown(fold(events.slice(2, 5)));
    expect(headless).toContain('first recorded 2024-03-31 00:32:00 UTC (the log has no "incident opened" event)');
    expect(headless).toContain('Duration: 2 min so far.');
  });
});

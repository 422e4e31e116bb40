import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { HTML_CSP, HTML_SECTIONS, writeHtml } from '../../src/export/html-writer.js';
import { escapeHtml } from '../../src/export/html-escape.js';
import { kindLabel, rowText } from '../../src/export/labels.js';
import { HOSTILE, hostileIncident } from '../helpers/export-fixtures.js';

const { events, ids } = hostileIncident();
const state = fold(events);
const html = writeHtml(state);
const { document } = parseHTML(html);
const texts = (selector: string, root: { querySelectorAll: typeof document.querySelectorAll } = document) =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent ?? '');

describe('HTML report', () => {
  it('is self-contained and inert: no script, no external resource, a strict CSP', () => {
    expect(document.querySelectorAll('script, iframe, frame, object, embed, img, link, base, form, math, video, audio').length).toBe(0);
    // One inline SVG, the picture of the incident's course (issue 15): drawing elements only, nothing that links or runs.
    expect(document.querySelectorAll('svg')).toHaveLength(1);
    expect(document.querySelectorAll('svg a, svg foreignObject, svg use, svg image, svg script, svg style')).toHaveLength(0);
    const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name.toLowerCase()));
    expect(attributes.filter((a) => a.startsWith('on') || a === 'src' || a === 'href' || a === 'srcset' || a === 'style')).toEqual([]);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toBe(HTML_CSP);
    expect(HTML_CSP).toContain("default-src 'none'");
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    // Escaped, not dropped: the hostile text is visible as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('prints well: print rules, repeated table headers, no dark backgrounds', () => {
    const css = document.querySelector('style')!.textContent ?? '';
    expect(css).toContain('@media print');
    expect(css).toContain('@page');
    expect(css).toMatch(/thead \{ display: table-header-group; \}/);
    expect(css).toMatch(/break-inside: avoid/);
    expect(css).toMatch(/background: transparent !important/);
  });

  it('shows the title and the sections in order', () => {
    expect(document.querySelector('h1')?.textContent).toBe(state.title);
    expect(document.querySelector('title')?.textContent).toBe(`Incident report: ${state.title}`);
    expect(texts('h2')).toEqual([...HTML_SECTIONS]);
    expect(document.querySelector('section.summary p.text')?.textContent).toBe(state.summary);
  });

  it('has one timeline row per entry, in order, with every user string intact as text', () => {
    const rows = [...document.querySelectorAll('section.timeline tbody tr')];
    expect(rows).toHaveLength(state.timeline.length);
    rows.forEach((tr, i) => {
      const row = state.timeline[i]!;
      const cells = texts('td', tr);
      expect(cells[1]).toBe(`${row.author.name} unverified`); // the fixture's events are unsigned
      expect(cells[2]).toBe(kindLabel(row.kind));
      expect(cells[3]).toBe(rowText(row) + (row.retracted ? ' (retracted)' : ''));
      expect(cells[4]).toBe(row.status ?? '');
      expect(tr.querySelector('time')?.getAttribute('datetime')).toBe(new Date(row.at).toISOString());
    });
    expect(texts('section.timeline td.time')[0]).toBe('2024-03-31 00:30:00 UTC');
    const rtl = rows.find((tr) => (tr.textContent ?? '').includes(HOSTILE.arabic))!;
    expect(rtl.querySelector('td.text')?.getAttribute('dir')).toBe('auto');
  });

  it('shows hypotheses with evidence, actions with results, customers and customer updates', () => {
    const hypotheses = texts('section.hypotheses ul.entries > li');
    expect(hypotheses).toHaveLength(3);
    expect(hypotheses[0]).toContain(`Confirmed ${state.entries[ids.h1]!.text}`);
    expect(hypotheses[0]).toContain(`replica lag 40 s\n${HOSTILE.heading} inside evidence`);
    expect(hypotheses[1]).toContain(HOSTILE.hyperlink);
    expect(hypotheses[2]).toContain(`${HOSTILE.atSum} only one MAC answers\n- not a list item`);
    const actions = texts('section.actions ul.entries > li');
    expect(actions[0]).toContain(`Result: ${HOSTILE.img}`);
    expect(actions[0]).toContain(`Tests: ${state.entries[ids.h3]!.text}`);
    const customer = texts('section.customers tbody tr td');
    expect(customer.slice(0, 3)).toEqual(['Acme, Inc. "Europe"', HOSTILE.multiline, 'critical']);
    expect(customer[6]).toBe('=1+1 month free');
    expect(customer[8]).toBe(HOSTILE.arabic);
    const update = document.querySelector('section.updates article.update')!;
    expect(update.querySelector('p.text')?.textContent).toBe(state.updates[0]!.text);
    expect(update.querySelector('time')?.textContent).toBe('2024-03-31 01:15:00 UTC');
  });

  it('uses the zone asked for', () => {
    const berlin = parseHTML(writeHtml(state, { tz: 'Asia/Kolkata' })).document;
    expect(berlin.querySelector('section.timeline td.time')?.textContent).toBe('2024-03-31 06:00:00 +05:30');
  });

  it('escapes the five specials and control characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('bell\u0007 nul\u0000 tab\t nl\n')).toBe('bell\uFFFD nul\uFFFD tab\t nl\n');
    expect(escapeHtml('שלום 🔥')).toBe('שלום 🔥');
  });
});

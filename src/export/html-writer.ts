import type { IncidentState } from '../incident/state.js';
import { escapeHtml as esc } from './html-escape.js';
import { joinChunks, LineChunker } from './chunks.js';
import { ACTION_STATUS_LABELS, HYPOTHESIS_STATUS_LABELS, kindLabel, rowText, statusLabel } from './labels.js';
import { buildPostmortem, type StatusStep } from './postmortem-model.js';
import { timeFormatter, type TextExportOptions } from './time-zone.js';

/**
 * No script, no fetches, no frames: the file must be safe to open from an e-mail attachment even if an
 * escaping bug ever let markup through. Meta CSP cannot set frame-ancestors; nothing here needs framing anyway.
 */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export const HTML_SECTIONS = ['Summary', 'Timeline', 'Hypotheses', 'Actions', 'Customers affected', 'Customer updates'] as const;

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #111; background: #fff; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #333; }
.meta { color: #444; font-size: .9em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .88em; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: start; vertical-align: top; }
thead th { border-bottom: 2px solid #333; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
ul.entries { padding-inline-start: 1.2rem; }
ul.entries > li { margin-bottom: .7rem; }
ul.history { margin: .2rem 0; padding-inline-start: 1.2rem; font-size: .92em; }
.status { display: inline-block; font-weight: 600; border: 1px solid currentColor; border-radius: 3px; padding: 0 .3rem; font-size: .85em; }
.retracted { text-decoration: line-through; color: #666; }
.update { border-inline-start: 3px solid #777; padding: .2rem .8rem; margin: 0 0 1rem; }
.update .text { margin: .3rem 0 0; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  * { background: transparent !important; color: #000 !important; box-shadow: none !important; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, li, .update { break-inside: avoid; page-break-inside: avoid; }
  section.timeline { break-before: page; page-break-before: always; }
}
`;

/** One self-contained HTML report: inline CSS, no script, no external resource, every user string escaped. */
export function writeHtml(state: IncidentState, options: TextExportOptions = {}): string {
  return joinChunks(htmlChunks(state, options));
}

/** writeHtml as chunks, for files. */
export function* htmlChunks(state: IncidentState, options: TextExportOptions = {}): Generator<string, void> {
  const time = timeFormatter(options.tz ?? 'UTC');
  const pm = buildPostmortem(state, time);
  const out = new LineChunker('\n');
  // User text gets dir="auto" so right-to-left text reads correctly without flipping the layout around it.
  const text = (s: string, tag = 'span', cls = 'text'): string => `<${tag} class="${cls}" dir="auto">${esc(s)}</${tag}>`;
  const name = (s: string): string => `<bdi>${esc(s)}</bdi>`;
  // ISO strings and formatted times hold no character that needs escaping.
  const when = (ms: number): string => `<time datetime="${new Date(ms).toISOString()}">${time.human(ms)}</time>`;
  const section = (title: (typeof HTML_SECTIONS)[number], cls: string) => out.push(`<section class="${cls}">`, `<h2>${title}</h2>`);
  const history = (steps: StatusStep[], labels: Record<string, string>): string =>
    steps.length === 0
      ? ''
      : `<ul class="history">${steps.map((s) => `<li>${esc(statusLabel(labels, s.status))} by ${name(s.by.name)}, ${when(s.at)}${s.text ? `: ${text(s.text)}` : ''}</li>`).join('')}</ul>`;

  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(HTML_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Incident report: ${esc(state.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1 dir="auto">${esc(state.title)}</h1>`,
    `<p class="meta">Incident <code>${esc(state.id)}</code> · ${esc(state.severity)} · ${esc(state.status)} · times in ${esc(time.zone)} · ${state.eventCount} events in the log</p>`,
  );
  const roles = Object.entries(state.roles).filter(([, p]) => p);
  if (roles.length) out.push(`<p class="meta">${roles.map(([role, p]) => `${esc(role)}: ${name(p!.name)}`).join(' · ')}</p>`);
  out.push('</header>');

  section('Summary', 'summary');
  if (state.summary.trim()) out.push(text(state.summary, 'p'));
  out.push('<ul>', ...[...pm.facts.overview, ...pm.facts.impact].map((f) => `<li>${text(f)}</li>`), '</ul>', '</section>');

  section('Timeline', 'timeline');
  if (state.timeline.length === 0) out.push('<p>No entries.</p>');
  else {
    out.push('<table>', '<thead><tr><th>Time</th><th>Author</th><th>Event</th><th>What</th><th>Status</th></tr></thead>', '<tbody>');
    for (const row of state.timeline) {
      out.push(
        `<tr${row.retracted ? ' class="retracted"' : ''}><td class="time">${when(row.at)}</td><td dir="auto">${esc(row.author.name)}</td><td>${esc(kindLabel(row.kind))}</td>` +
          `<td class="text" dir="auto">${esc(rowText(row))}${row.retracted ? ' (retracted)' : ''}</td><td>${esc(row.status ?? '')}</td></tr>`,
      );
      if (out.full) yield out.take();
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  section('Hypotheses', 'hypotheses');
  if (pm.hypotheses.length === 0) out.push('<p>No hypotheses were recorded.</p>');
  else {
    out.push('<ul class="entries">');
    for (const { hypothesis: h, steps, testedBy } of pm.hypotheses) {
      const tests = testedBy.map((a) => `<li>Tested by action (${esc(statusLabel(ACTION_STATUS_LABELS, a.status))}): ${text(a.text)}</li>`).join('');
      out.push(
        `<li${h.retracted ? ' class="retracted"' : ''}><span class="status">${esc(statusLabel(HYPOTHESIS_STATUS_LABELS, h.status))}</span> ${text(h.text)}` +
          `<div class="meta">Raised by ${name(h.author.name)}, ${when(h.createdAt)}${h.owner ? `; owner ${name(h.owner)}` : ''}${h.retracted ? `; retracted by ${name(h.retracted.by.name)}${h.retracted.reason ? `: ${text(h.retracted.reason)}` : ''}` : ''}</div>` +
          history(steps, HYPOTHESIS_STATUS_LABELS) +
          (tests ? `<ul class="history">${tests}</ul>` : '') +
          '</li>',
      );
      if (out.full) yield out.take();
    }
    out.push('</ul>');
  }
  out.push('</section>');

  section('Actions', 'actions');
  if (pm.actions.length === 0) out.push('<p>No actions were recorded.</p>');
  else {
    out.push('<ul class="entries">');
    for (const { action: a, steps, tests } of pm.actions) {
      const linked = tests.map((t) => `<li>Tests: ${typeof t === 'string' ? `<code>${esc(t)}</code>` : text(t.text)}</li>`).join('');
      out.push(
        `<li${a.retracted ? ' class="retracted"' : ''}><span class="status">${esc(statusLabel(ACTION_STATUS_LABELS, a.status))}</span> ${text(a.text)}` +
          `<div class="meta">Added by ${name(a.author.name)}, ${when(a.createdAt)}${a.owner ? `; owner ${name(a.owner)}` : ''}${a.retracted ? `; retracted by ${name(a.retracted.by.name)}${a.retracted.reason ? `: ${text(a.retracted.reason)}` : ''}` : ''}</div>` +
          (a.result ? `<div>Result: ${text(a.result)}</div>` : '') +
          (linked ? `<ul class="history">${linked}</ul>` : '') +
          history(steps, ACTION_STATUS_LABELS) +
          '</li>',
      );
      if (out.full) yield out.take();
    }
    out.push('</ul>');
  }
  out.push('</section>');

  section('Customers affected', 'customers');
  if (pm.impacts.length === 0) out.push('<p>No affected customers were recorded.</p>');
  else {
    out.push(
      '<table>',
      '<thead><tr><th>Customer</th><th>Segment</th><th>Impact</th><th>Notified</th><th>Acknowledged</th><th>Resolved</th><th>Offered</th><th>Contact</th><th>Note</th></tr></thead>',
      '<tbody>',
    );
    for (const i of pm.impacts) {
      const contact = i.contact ? `${text(i.contact)} (${i.contactVerified ? 'verified' : 'not verified'})` : '';
      out.push(
        `<tr><td>${text(i.customer)}</td><td>${text(i.segment ?? '')}</td><td>${esc(i.level)}</td><td>${i.notifiedAt !== null ? when(i.notifiedAt) : 'no'}</td>` +
          `<td>${i.acknowledged ? 'yes' : 'no'}</td><td>${i.resolved ? 'yes' : 'no'}</td><td>${text(i.credit ?? '')}</td><td>${contact}</td><td>${text(i.note ?? '')}</td></tr>`,
      );
      if (out.full) yield out.take();
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  section('Customer updates', 'updates');
  if (pm.updates.length === 0) out.push('<p>No customer update was published.</p>');
  for (const u of pm.updates) {
    out.push(
      `<article class="update"><p class="meta">${when(u.at)} · ${esc(u.channel)} · to ${esc(u.audience)} · by ${name(u.by.name)}${u.approvedBy ? `, approved by ${name(u.approvedBy.name)}` : ''}</p>${text(u.text, 'p')}</article>`,
    );
    if (out.full) yield out.take();
  }
  if (state.overdue.length) {
    out.push('<ul>', ...state.overdue.map((o) => `<li>Overdue: an update promised for ${when(o.dueAt)} had not been sent (recorded ${when(o.at)}).</li>`), '</ul>');
  }
  out.push('</section>', '</body>', '</html>');
  yield out.take();
}

import type { IncidentState } from '../model/incident-state.js';
import { courseSvg } from './course-svg.js';
import { escapeHtml as esc } from './html-escape.js';
import { authorsOf, authorTag } from '../incident/authors.js';
import { authorWarning, KEYS_APPENDIX_NOTE } from './author-keys.js';
import { joinChunks, LineChunker } from './chunks.js';
import { ACTION_STATUS_LABELS, FOLLOW_UP_LABELS, HYPOTHESIS_STATUS_LABELS, kindLabel, rowText, statusLabel } from './labels.js';
import { buildPostmortem, type StatusStep } from './postmortem-model.js';
import { APPENDIX_SECTIONS, CONSIDERED_SECTIONS, IMPACT_SECTIONS, LESSON_SECTIONS, POSTMORTEM_SECTIONS } from './postmortem-sections.js';
import { formatDuration, timeFormatter, type TextExportOptions } from './time-zone.js';

/**
 * No script, no fetches, no frames: the file must be safe to open from an e-mail attachment even if an
 * escaping bug ever let markup through. Meta CSP cannot set frame-ancestors; nothing here needs framing anyway.
 */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The same sections as the Markdown postmortem, in the same order (the PDF is this page printed). */
export const HTML_SECTIONS = POSTMORTEM_SECTIONS;

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
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .6rem 0; }
dl.header dt { font-weight: 600; }
dl.header dd { margin: 0; }
.to-write { border-inline-start: 3px solid #b58900; padding: .2rem .8rem; color: #5c4500; font-style: italic; }
figure.course { margin: 1rem 0; }
figure.course svg { width: 100%; height: auto; color: #111; }
@media print { figure.course { break-inside: avoid; page-break-inside: avoid; } }
@page { margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  * { background: transparent !important; color: #000 !important; box-shadow: none !important; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, li, .update { break-inside: avoid; page-break-inside: avoid; }
  section.appendix { break-before: page; page-break-before: always; }
  .to-write { color: #000 !important; }
}
`;

/** One self-contained HTML report: inline CSS, no script, no external resource, every user string escaped. */
export function writeHtml(state: IncidentState, options: TextExportOptions = {}): string {
  return joinChunks(htmlChunks(state, options));
}

/** What every section writer needs: the incident, its postmortem model, the shared line chunker and the time markup. */
interface HtmlDoc {
  state: IncidentState;
  pm: ReturnType<typeof buildPostmortem>;
  time: ReturnType<typeof timeFormatter>;
  out: LineChunker;
  when: (ms: number) => string;
}

/** writeHtml as chunks, for files. */
export function* htmlChunks(state: IncidentState, options: TextExportOptions = {}): Generator<string, void> {
  const time = timeFormatter(options.tz ?? 'UTC');
  // ISO strings and formatted times hold no character that needs escaping.
  const when = (ms: number): string => `<time datetime="${new Date(ms).toISOString()}">${time.human(ms)}</time>`;
  const doc: HtmlDoc = { state, pm: buildPostmortem(state, time), time, out: new LineChunker('\n'), when };
  writeHead(doc);
  yield* summarySection(doc);
  yield* impactSection(doc);
  yield* rootCauseAndTriggerSections(doc);
  yield* resolutionAndDetectionSections(doc);
  yield* consideredSection(doc);
  yield* actionItemsSection(doc);
  yield* lessonsSection(doc);
  yield* keyEventsSection(doc);
  yield* appendixSection(doc);
  doc.out.push('</section>', '</section>', '</body>', '</html>');
  yield doc.out.take();
}

// User text gets dir="auto" so right-to-left text reads correctly without flipping the layout around it.
const text = (s: string, tag = 'span', cls = 'text'): string => `<${tag} class="${cls}" dir="auto">${esc(s)}</${tag}>`;
const name = (s: string): string => `<bdi>${esc(s)}</bdi>`;
const section = (out: LineChunker, title: (typeof HTML_SECTIONS)[number], cls: string) =>
  out.push(`<section class="${cls}">`, `<h2>${esc(title)}</h2>`);
const sub = (out: LineChunker, title: string, cls: string) => out.push(`<section class="${cls}">`, `<h3>${esc(title)}</h3>`);
const toWrite = (out: LineChunker, what: string) => out.push(`<p class="to-write"><strong>To write:</strong> ${esc(what)}</p>`);

// Lists that grow with the log hand out a chunk whenever one is full.
function* facts(out: LineChunker, list: string[]): Generator<string, void> {
  out.push('<ul>');
  for (const f of list) {
    out.push(`<li>${text(f)}</li>`);
    if (out.full) yield out.take();
  }
  out.push('</ul>');
}

const history = ({ when }: HtmlDoc, steps: StatusStep[], labels: Record<string, string>): string =>
  steps.length === 0
    ? ''
    : `<ul class="history">${steps.map((s) => `<li>${esc(statusLabel(labels, s.status))} by ${name(s.by.name)}, ${when(s.at)}${s.text ? `: ${text(s.text)}` : ''}</li>`).join('')}</ul>`;

function writeHead({ state, pm, time, out }: HtmlDoc): void {
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
    '<dl class="header">',
    `<dt>Date</dt><dd>${esc(pm.header.date)}</dd>`,
    `<dt>Authors</dt><dd>${pm.header.authors.map(name).join(', ') || 'none recorded'}</dd>`,
    `<dt>Status</dt><dd class="pm-status">${pm.header.status === 'final' ? 'Final' : `Draft (${esc(pm.header.missing.join('; '))})`}</dd>`,
    '</dl>',
  );
  const roles = Object.entries(state.roles).filter(([, p]) => p);
  if (roles.length) out.push(`<p class="meta">${roles.map(([role, p]) => `${esc(role)}: ${name(p!.name)}`).join(' · ')}</p>`);
  out.push('</header>');
}

function* summarySection({ state, pm, out, when }: HtmlDoc): Generator<string, void> {
  section(out, 'Summary', 'summary');
  if (state.summary.trim()) out.push(text(state.summary, 'p'));
  yield* facts(out, pm.facts.overview);
  out.push('<table class="milestones">', '<thead><tr><th>Milestone</th><th>Time</th><th>Set by</th></tr></thead>', '<tbody>');
  for (const m of pm.milestones) {
    const by = m.at === null ? '' : m.source === 'recorded' ? name(m.by?.name ?? '') : `<em>${esc(m.source ?? '')}</em>`;
    out.push(
      `<tr data-milestone="${m.key}"><td>${esc(m.label)}</td><td class="time">${m.at === null ? '<em>not recorded</em>' : when(m.at)}</td><td>${by}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  out.push('<table class="durations">', '<thead><tr><th>Duration</th><th>Value</th><th>Measured</th></tr></thead>', '<tbody>');
  for (const d of pm.durations) {
    out.push(
      `<tr data-duration="${d.key}"${d.ms === null ? '' : ` data-ms="${d.ms}"`}><td>${esc(d.label)}</td><td>${d.ms === null ? '<em>unknown</em>' : esc(formatDuration(d.ms))}</td><td>${d.from} → ${d.to}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  toWrite(out, 'what happened and why, in three sentences a customer would understand.');
  out.push('</section>');
}

function* impactSection(doc: HtmlDoc): Generator<string, void> {
  const { state, pm, out, when } = doc;
  section(out, 'Impact', 'impact');
  yield* facts(out, pm.facts.impact);
  toWrite(out, 'who could not do what, for how long, in numbers (requests failed, orders lost, data at risk).');
  sub(out, IMPACT_SECTIONS[0], 'customers');
  yield* affectedCustomersTable(doc);
  out.push('</section>');
  sub(out, IMPACT_SECTIONS[1], 'updates');
  if (pm.updates.length === 0) out.push('<p>No customer update was published.</p>');
  for (const [n, u] of pm.updates.entries()) {
    const told = pm.told[n]!.length ? `<p class="meta">Told: ${pm.told[n]!.map(name).join(', ')}</p>` : '';
    out.push(
      `<article class="update"><p class="meta">${when(u.at)} · ${esc(u.channel)} · to ${esc(u.audience)} · by ${name(u.by.name)}${u.approvedBy ? `, approved by ${name(u.approvedBy.name)}` : ''}</p>${told}${text(u.text, 'p')}</article>`,
    );
    if (out.full) yield out.take();
  }
  if (state.overdue.length) {
    out.push(
      '<ul>',
      ...state.overdue.map((o) => `<li>Overdue: an update promised for ${when(o.dueAt)} had not been sent (recorded ${when(o.at)}).</li>`),
      '</ul>',
    );
  }
  out.push('</section>', '</section>');
}

function* affectedCustomersTable({ pm, out, when }: HtmlDoc): Generator<string, void> {
  if (pm.impacts.length === 0) {
    out.push('<p>No affected customers were recorded.</p>');
    return;
  }
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

function* rootCauseAndTriggerSections({ pm, out, when }: HtmlDoc): Generator<string, void> {
  section(out, 'Root causes', 'root-causes');
  if (pm.rootCauses.length === 0) out.push('<p>No hypothesis was confirmed.</p>');
  else {
    out.push('<ul class="entries">');
    for (const { hypothesis: h, steps } of pm.rootCauses) {
      const confirmed = steps.filter((s) => s.status === 'confirmed').at(-1);
      out.push(
        `<li>${text(h.text)}${confirmed ? `<div class="meta">Confirmed by ${name(confirmed.by.name)}, ${when(confirmed.at)}${confirmed.text ? `: ${text(confirmed.text)}` : ''}</div>` : ''}</li>`,
      );
      if (out.full) yield out.take();
    }
    out.push('</ul>');
  }
  toWrite(out, 'why it happened: the conditions that let it happen, not who.');
  out.push('</section>');

  section(out, 'Trigger', 'trigger');
  const started = pm.milestones[0]!;
  out.push('<ul>', `<li>${started.at === null ? 'When impact started was not recorded.' : `Impact started ${when(started.at)}.`}</li>`);
  for (const r of pm.rootCauses) {
    out.push(
      `<li>Confirmed cause: ${text(r.hypothesis.text)}${r.hypothesis.evidence ? ` (evidence: ${text(r.hypothesis.evidence)})` : ''}</li>`,
    );
    if (out.full) yield out.take();
  }
  out.push('</ul>');
  toWrite(out, 'what set it off: a change, a load spike, a date, an outside event.');
  out.push('</section>');
}

function* resolutionAndDetectionSections({ pm, out }: HtmlDoc): Generator<string, void> {
  section(out, 'Resolution', 'resolution');
  yield* facts(out, pm.facts.resolution);
  toWrite(out, 'what stopped the impact and what made it safe again.');
  out.push('</section>');

  section(out, 'Detection', 'detection');
  yield* facts(out, pm.facts.detection);
  toWrite(out, 'how we found out (alert, customer, staff); how we could know sooner.');
  out.push('</section>');
}

const retractedNote = (r: { by: { name: string }; reason?: string } | undefined | null): string =>
  r ? `; retracted by ${name(r.by.name)}${r.reason ? `: ${text(r.reason)}` : ''}` : '';

function* consideredSection(doc: HtmlDoc): Generator<string, void> {
  const { pm, out, when } = doc;
  section(out, 'What we considered', 'considered');
  out.push('<p>Every hypothesis the team raised, and what confirmed or ruled it out.</p>');
  sub(out, CONSIDERED_SECTIONS[0], 'hypotheses');
  if (pm.hypotheses.length === 0) out.push('<p>No hypotheses were recorded.</p>');
  else {
    out.push('<ul class="entries">');
    for (const { hypothesis: h, steps, testedBy } of pm.hypotheses) {
      const tests = testedBy
        .map((a) => `<li>Tested by action (${esc(statusLabel(ACTION_STATUS_LABELS, a.status))}): ${text(a.text)}</li>`)
        .join('');
      out.push(
        `<li${h.retracted ? ' class="retracted"' : ''}><span class="status">${esc(statusLabel(HYPOTHESIS_STATUS_LABELS, h.status))}</span> ${text(h.text)}` +
          `<div class="meta">Raised by ${name(h.author.name)}, ${when(h.createdAt)}${h.owner ? `; owner ${name(h.owner)}` : ''}${retractedNote(h.retracted)}</div>` +
          history(doc, steps, HYPOTHESIS_STATUS_LABELS) +
          (tests ? `<ul class="history">${tests}</ul>` : '') +
          '</li>',
      );
      if (out.full) yield out.take();
    }
    out.push('</ul>');
  }
  out.push('</section>');
  sub(out, CONSIDERED_SECTIONS[1], 'actions');
  if (pm.actions.length === 0) out.push('<p>No actions were recorded.</p>');
  else {
    out.push('<ul class="entries">');
    for (const { action: a, steps, tests } of pm.actions) {
      const linked = tests.map((t) => `<li>Tests: ${typeof t === 'string' ? `<code>${esc(t)}</code>` : text(t.text)}</li>`).join('');
      out.push(
        `<li${a.retracted ? ' class="retracted"' : ''}><span class="status">${esc(statusLabel(ACTION_STATUS_LABELS, a.status))}</span> ${text(a.text)}` +
          `<div class="meta">Added by ${name(a.author.name)}, ${when(a.createdAt)}${a.owner ? `; owner ${name(a.owner)}` : ''}${retractedNote(a.retracted)}</div>` +
          (a.result ? `<div>Result: ${text(a.result)}</div>` : '') +
          (linked ? `<ul class="history">${linked}</ul>` : '') +
          history(doc, steps, ACTION_STATUS_LABELS) +
          '</li>',
      );
      if (out.full) yield out.take();
    }
    out.push('</ul>');
  }
  out.push('</section>', '</section>');
}

function* actionItemsSection({ pm, out }: HtmlDoc): Generator<string, void> {
  section(out, 'Action items', 'action-items');
  if (pm.followUps.length) {
    out.push(
      '<table class="follow-ups">',
      '<thead><tr><th>Action item</th><th>Type</th><th>Owner</th><th>Due</th><th>Status</th><th>Tracker</th></tr></thead>',
      '<tbody>',
    );
    for (const f of pm.followUps) {
      // The tracker link is shown, not linked: the report carries no href (a link in a mailed file is a lure).
      out.push(
        `<tr><td>${text(f.text)}</td><td>${esc(statusLabel(FOLLOW_UP_LABELS, f.type))}</td><td>${name(f.owner)}</td><td>${esc(f.due)}</td><td>${esc(f.status)}</td><td>${f.url ? `<code>${esc(f.url)}</code>` : ''}</td></tr>`,
      );
      if (out.full) yield out.take();
    }
    out.push('</tbody>', '</table>');
  } else toWrite(out, 'follow-up work with an owner and a due date each, so this cannot happen the same way again.');
  if (pm.openActions.length || pm.openHypotheses.length) {
    out.push('<p>Still open when this was exported:</p>', '<ul class="open-work">');
    for (const a of pm.openActions) {
      out.push(`<li>${text(a.text)} (action, ${esc(a.status)}${a.owner ? `, owner ${name(a.owner)}` : ''})</li>`);
      if (out.full) yield out.take();
    }
    for (const h of pm.openHypotheses) {
      out.push(`<li>${text(h.text)} (hypothesis, ${esc(h.status)})</li>`);
      if (out.full) yield out.take();
    }
    out.push('</ul>');
  }
  out.push('</section>');
}

function* lessonsSection({ pm, out }: HtmlDoc): Generator<string, void> {
  section(out, 'Lessons learned', 'lessons');
  function* lesson(title: (typeof LESSON_SECTIONS)[number], list: string[], prompt: string): Generator<string, void> {
    sub(out, title, 'lesson');
    if (list.length) {
      out.push('<p>From the log:</p>');
      yield* facts(out, list);
    }
    toWrite(out, prompt);
    out.push('</section>');
  }
  yield* lesson(LESSON_SECTIONS[0], pm.facts.wentWell, 'what helped: tools, people, habits worth keeping.');
  yield* lesson(LESSON_SECTIONS[1], pm.facts.wentWrong, 'what made it worse or slower, without blaming people.');
  yield* lesson(LESSON_SECTIONS[2], [], 'what went our way by chance and would not next time.');
  out.push('</section>');
}

function* keyEventsSection({ state, pm, time, out, when }: HtmlDoc): Generator<string, void> {
  section(out, 'Timeline of key events', 'key-events');
  // The picture of the course: drawn from the state alone, escaped, no script or links (see course-svg.ts).
  out.push(
    '<figure class="course">',
    courseSvg(state, { tz: time.zone }),
    '<figcaption class="meta">Status, severity, hypotheses from raised to confirmed or ruled out, customer updates (◆) and milestones (dashed).</figcaption>',
    '</figure>',
  );
  if (pm.keyEvents.length === 0) out.push('<p>No key events.</p>');
  else {
    out.push('<table>', '<thead><tr><th>Time</th><th>Event</th><th>By</th></tr></thead>', '<tbody>');
    for (const k of pm.keyEvents) {
      out.push(
        `<tr data-kind="${k.kind}"><td class="time">${when(k.at)}</td><td class="text" dir="auto">${esc(k.what)}</td><td>${name(k.by?.name ?? '')}</td></tr>`,
      );
      if (out.full) yield out.take();
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');
}

/** The full log; its two sections are closed by htmlChunks, with the page. */
function* appendixSection({ state, out, when }: HtmlDoc): Generator<string, void> {
  section(out, 'Appendix: full log', 'appendix');
  out.push(`<p>Every entry of the log, oldest first (${state.timeline.length}).</p>`);
  sub(out, APPENDIX_SECTIONS[0], 'timeline');
  if (state.timeline.length === 0) out.push('<p>No entries.</p>');
  else {
    out.push('<table>', '<thead><tr><th>Time</th><th>Author</th><th>Event</th><th>What</th><th>Status</th></tr></thead>', '<tbody>');
    for (const row of state.timeline) {
      out.push(
        `<tr${row.retracted ? ' class="retracted"' : ''}><td class="time">${when(row.at)}</td><td>${name(row.author.name)} <code>${esc(authorTag(row.author, row.unverified))}</code></td><td>${esc(kindLabel(row.kind))}</td>` +
          `<td class="text" dir="auto">${esc(rowText(row))}${row.retracted ? ' (retracted)' : ''}</td><td>${esc(row.status ?? '')}</td></tr>`,
      );
      if (out.full) yield out.take();
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');
  keysAppendix(state, out);
}

/** Who wrote the log, by key: what tells a second "Alice" from the real one. Its section is closed by htmlChunks. */
function keysAppendix(state: IncidentState, out: LineChunker): void {
  sub(out, APPENDIX_SECTIONS[1], 'keys');
  out.push(`<p>${esc(KEYS_APPENDIX_NOTE)}</p>`);
  out.push('<table>', '<thead><tr><th>Author</th><th>Key</th><th>Id</th><th>Entries</th><th>Warning</th></tr></thead>', '<tbody>');
  for (const a of authorsOf(state)) {
    out.push(
      `<tr><td>${name(a.name)}</td><td><code>${esc(a.fingerprint ?? 'no key')}</code></td><td><code>${esc(a.id)}</code></td>` +
        `<td>${a.signed} signed${a.unverified ? `, ${a.unverified} unverified` : ''}</td><td>${esc(authorWarning(a))}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
}

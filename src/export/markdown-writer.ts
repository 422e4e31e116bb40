import type { IncidentState } from '../model/incident-state.js';
import { FOLLOW_UP_LABELS, ACTION_STATUS_LABELS, HYPOTHESIS_STATUS_LABELS, kindLabel, rowText, statusLabel } from './labels.js';
import { joinChunks, LineChunker } from './chunks.js';
import { authorsOf, authorTag } from '../incident/authors.js';
import { authorWarning, KEYS_APPENDIX_NOTE } from './author-keys.js';
import { mdCell, mdInline, mdLines } from './markdown-escape.js';
import { buildPostmortem, type StatusStep } from './postmortem-model.js';
import { formatDuration, timeFormatter, type TextExportOptions } from './time-zone.js';
import { APPENDIX_SECTIONS, CONSIDERED_SECTIONS, IMPACT_SECTIONS, LESSON_SECTIONS, POSTMORTEM_SECTIONS } from './postmortem-sections.js';

export { LESSON_SECTIONS };
/** The sections of the postmortem, in order: the Google SRE book's template, prefilled from the log. */
export const MARKDOWN_SECTIONS = POSTMORTEM_SECTIONS;

const toWrite = (what: string): string => `> _To write:_ ${what}`;
const code = (id: string): string => `\`${id.replace(/`/g, '')}\``;

/**
 * A Markdown postmortem, prefilled from the log. Every user string goes through the escapers; the parts only a
 * person can write are marked "To write". Lines are collected in chunks: linear in the log, bounded in memory.
 */
export function writeMarkdown(state: IncidentState, options: TextExportOptions = {}): string {
  return joinChunks(markdownChunks(state, options));
}

/** What every section writer needs: the incident, its postmortem model, the clock and the shared line chunker. */
interface MdDoc {
  state: IncidentState;
  pm: ReturnType<typeof buildPostmortem>;
  time: ReturnType<typeof timeFormatter>;
  out: LineChunker;
}

/** writeMarkdown as chunks, for files. */
export function* markdownChunks(state: IncidentState, options: TextExportOptions = {}): Generator<string, void> {
  const time = timeFormatter(options.tz ?? 'UTC');
  const doc: MdDoc = { state, pm: buildPostmortem(state, time), time, out: new LineChunker('\n') };
  writeHeader(doc);
  yield* summarySection(doc);
  yield* impactSection(doc);
  yield* rootCauseAndTriggerSections(doc);
  yield* consideredSection(doc);
  yield* actionItemsSection(doc);
  yield* lessonsSection(doc);
  yield* timelineAndAppendixSections(doc);
  yield doc.out.takeRaw().trimEnd() + '\n';
}

const section = (out: LineChunker, name: (typeof POSTMORTEM_SECTIONS)[number]) => out.push('', `## ${name}`, '');
const sub = (out: LineChunker, name: string) => out.push('', `### ${name}`, '');

// Lists that grow with the log hand out a chunk whenever one is full.
function* bullets(out: LineChunker, items: string[]): Generator<string, void> {
  for (const item of items) {
    out.push(`- ${mdLines(item, '  ')}`);
    if (out.full) yield out.take();
  }
}

function steps({ out, time }: MdDoc, list: StatusStep[], labels: Record<string, string>, indent: string): void {
  for (const s of list) {
    const text = s.text ? `: ${mdLines(s.text, `${indent}  `)}` : '';
    out.push(`${indent}- ${mdInline(statusLabel(labels, s.status))} by ${mdInline(s.by.name)}, ${time.human(s.at)}${text}`);
  }
}

function writeHeader({ state, pm, time, out }: MdDoc): void {
  out.push(`# Postmortem: ${mdInline(state.title)}`, '');
  out.push(
    `Incident ${code(state.id)} · ${mdInline(state.severity)} · times in ${mdInline(time.zone)} · generated from the incident log (${state.eventCount} events).`,
    '',
  );
  out.push(`- **Date:** ${pm.header.date}`);
  out.push(`- **Authors:** ${pm.header.authors.map(mdInline).join(', ') || '_none recorded_'}`);
  out.push(`- **Status:** ${pm.header.status === 'final' ? 'Final' : `Draft (${mdInline(pm.header.missing.join('; '))})`}`);
  const roles = Object.entries(state.roles).filter(([, p]) => p);
  if (roles.length) out.push('', `Roles: ${roles.map(([role, p]) => `${mdInline(role)}: ${mdInline(p!.name)}`).join(' · ')}`);
}

function* summarySection({ state, pm, time, out }: MdDoc): Generator<string, void> {
  section(out, 'Summary');
  if (state.summary.trim()) out.push(mdLines(state.summary), '');
  yield* bullets(out, pm.facts.overview);
  out.push('', '| Milestone | Time | Set by |', '| --- | --- | --- |');
  for (const m of pm.milestones) {
    const by = m.at === null ? '' : m.source === 'recorded' ? mdCell(m.by?.name ?? '') : `_${m.source}_`;
    out.push(`| ${m.label} | ${m.at === null ? '_not recorded_' : time.human(m.at)} | ${by} |`);
  }
  out.push('', '| Duration | Value | Measured |', '| --- | --- | --- |');
  for (const d of pm.durations) out.push(`| ${d.label} | ${d.ms === null ? '_unknown_' : formatDuration(d.ms)} | ${d.from} → ${d.to} |`);
  out.push('', toWrite('what happened and why, in three sentences a customer would understand.'));
}

function* impactSection(doc: MdDoc): Generator<string, void> {
  const { state, pm, time, out } = doc;
  section(out, 'Impact');
  yield* bullets(out, pm.facts.impact);
  out.push('', toWrite('who could not do what, for how long, in numbers (requests failed, orders lost, data at risk).'));
  sub(out, IMPACT_SECTIONS[0]);
  yield* affectedCustomersTable(doc);
  sub(out, IMPACT_SECTIONS[1]);
  if (pm.updates.length === 0) out.push('_No customer update was published._');
  pm.updates.forEach((u, n) => {
    const approved = u.approvedBy ? `, approved by ${mdInline(u.approvedBy.name)}` : '';
    out.push(`- ${time.human(u.at)} · ${mdInline(u.channel)} · to ${mdInline(u.audience)} · by ${mdInline(u.by.name)}${approved}`, '');
    if (pm.told[n]!.length) out.push(`  Told: ${pm.told[n]!.map(mdInline).join(', ')}`, '');
    out.push(`  ${mdLines(u.text, '  ')}`, '');
  });
  if (out.full) yield out.take();
  if (state.overdue.length)
    yield* bullets(
      out,
      state.overdue.map((o) => `Overdue: an update promised for ${time.human(o.dueAt)} had not been sent (recorded ${time.human(o.at)}).`),
    );
}

function* affectedCustomersTable({ pm, time, out }: MdDoc): Generator<string, void> {
  if (pm.impacts.length === 0) {
    out.push('_No affected customers were recorded._');
    return;
  }
  out.push(
    '| Customer | Segment | Impact | Notified | Acknowledged | Resolved | Offered | Contact | Note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const i of pm.impacts) {
    const contact = i.contact ? `${mdCell(i.contact)}${i.contactVerified ? ' (verified)' : ' (not verified)'}` : '';
    const cells = [
      mdCell(i.customer),
      mdCell(i.segment ?? ''),
      mdCell(i.level),
      i.notifiedAt !== null ? time.human(i.notifiedAt) : 'no',
      i.acknowledged ? 'yes' : 'no',
      i.resolved ? 'yes' : 'no',
      mdCell(i.credit ?? ''),
      contact,
      mdCell(i.note ?? ''),
    ];
    out.push(`| ${cells.join(' | ')} |`);
    if (out.full) yield out.take();
  }
}

/** Root causes, trigger, resolution and detection: what the log can say about why and how it ended. */
function* rootCauseAndTriggerSections({ pm, time, out }: MdDoc): Generator<string, void> {
  section(out, 'Root causes');
  if (pm.rootCauses.length === 0) out.push('_No hypothesis was confirmed._');
  for (const { hypothesis: h, steps: history } of pm.rootCauses) {
    out.push(`- ${mdLines(h.text, '  ')}`);
    const confirmed = history.filter((s) => s.status === 'confirmed').at(-1);
    if (confirmed)
      out.push(
        `  - Confirmed by ${mdInline(confirmed.by.name)}, ${time.human(confirmed.at)}${confirmed.text ? `: ${mdLines(confirmed.text, '    ')}` : ''}`,
      );
    if (out.full) yield out.take();
  }
  out.push('', toWrite('why it happened: the conditions that let it happen, not who.'));

  section(out, 'Trigger');
  const started = pm.milestones[0]!;
  yield* bullets(out, [
    started.at === null ? 'When impact started was not recorded.' : `Impact started ${time.human(started.at)}.`,
    ...pm.rootCauses.map(
      (r) => `Confirmed cause: ${r.hypothesis.text}${r.hypothesis.evidence ? ` (evidence: ${r.hypothesis.evidence})` : ''}`,
    ),
  ]);
  out.push('', toWrite('what set it off: a change, a load spike, a date, an outside event.'));

  section(out, 'Resolution');
  yield* bullets(out, pm.facts.resolution);
  out.push('', toWrite('what stopped the impact and what made it safe again.'));

  section(out, 'Detection');
  yield* bullets(out, pm.facts.detection);
  out.push('', toWrite('how we found out (alert, customer, staff); how we could know sooner.'));
}

const retractedNote = (r: { by: { name: string }; reason?: string } | undefined | null): string =>
  r ? ` _(retracted by ${mdInline(r.by.name)}${r.reason ? `: ${mdInline(r.reason)}` : ''})_` : '';

function* consideredSection(doc: MdDoc): Generator<string, void> {
  const { pm, time, out } = doc;
  section(out, 'What we considered');
  out.push('Every hypothesis the team raised, and what confirmed or ruled it out.');
  sub(out, CONSIDERED_SECTIONS[0]);
  if (pm.hypotheses.length === 0) out.push('_No hypotheses were recorded._');
  for (const { hypothesis: h, steps: history, testedBy } of pm.hypotheses) {
    out.push(`- **${mdInline(statusLabel(HYPOTHESIS_STATUS_LABELS, h.status))}:** ${mdLines(h.text, '  ')}${retractedNote(h.retracted)}`);
    out.push(`  - Raised by ${mdInline(h.author.name)}, ${time.human(h.createdAt)}${h.owner ? `; owner ${mdInline(h.owner)}` : ''}`);
    steps(doc, history, HYPOTHESIS_STATUS_LABELS, '  ');
    for (const a of testedBy)
      out.push(`  - Tested by action (${mdInline(statusLabel(ACTION_STATUS_LABELS, a.status))}): ${mdLines(a.text, '    ')}`);
    if (out.full) yield out.take();
  }
  sub(out, CONSIDERED_SECTIONS[1]);
  if (pm.actions.length === 0) out.push('_No actions were recorded._');
  for (const { action: a, steps: history, tests } of pm.actions) {
    out.push(`- **${mdInline(statusLabel(ACTION_STATUS_LABELS, a.status))}:** ${mdLines(a.text, '  ')}${retractedNote(a.retracted)}`);
    out.push(`  - Added by ${mdInline(a.author.name)}, ${time.human(a.createdAt)}${a.owner ? `; owner ${mdInline(a.owner)}` : ''}`);
    for (const t of tests) out.push(`  - Tests: ${typeof t === 'string' ? code(t) : mdLines(t.text, '    ')}`);
    steps(doc, history, ACTION_STATUS_LABELS, '  ');
    if (out.full) yield out.take();
  }
}

function* actionItemsSection({ pm, out }: MdDoc): Generator<string, void> {
  section(out, 'Action items');
  if (pm.followUps.length) {
    out.push('| Action item | Type | Owner | Due | Status | Tracker |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of pm.followUps) {
      out.push(
        `| ${mdCell(f.text)} | ${statusLabel(FOLLOW_UP_LABELS, f.type)} | ${mdCell(f.owner)} | ${mdCell(f.due)} | ${mdCell(f.status)} | ${f.url ? `<${f.url.replace(/[<>\s|]/g, encodeURIComponent)}>` : ''} |`,
      );
      if (out.full) yield out.take();
    }
  } else out.push(toWrite('follow-up work with an owner and a due date each, so this cannot happen the same way again.'));
  if (pm.openActions.length || pm.openHypotheses.length) {
    out.push('', 'Still open when this was exported:', '');
    for (const a of pm.openActions) {
      out.push(`- [ ] ${mdLines(a.text, '      ')} (action, ${mdInline(a.status)}${a.owner ? `, owner ${mdInline(a.owner)}` : ''})`);
      if (out.full) yield out.take();
    }
    for (const h of pm.openHypotheses) {
      out.push(`- [ ] ${mdLines(h.text, '      ')} (hypothesis, ${mdInline(h.status)})`);
      if (out.full) yield out.take();
    }
  }
}

function* lessonsSection({ pm, out }: MdDoc): Generator<string, void> {
  section(out, 'Lessons learned');
  function* lesson(name: (typeof LESSON_SECTIONS)[number], facts: string[], prompt: string): Generator<string, void> {
    out.push(`### ${name}`, '');
    if (facts.length) {
      out.push('From the log:', '');
      yield* bullets(out, facts);
      out.push('');
    }
    out.push(toWrite(prompt), '');
  }
  yield* lesson(LESSON_SECTIONS[0], pm.facts.wentWell, 'what helped: tools, people, habits worth keeping.');
  yield* lesson(LESSON_SECTIONS[1], pm.facts.wentWrong, 'what made it worse or slower, without blaming people.');
  yield* lesson(LESSON_SECTIONS[2], [], 'what went our way by chance and would not next time.');
}

function* timelineAndAppendixSections({ state, pm, time, out }: MdDoc): Generator<string, void> {
  section(out, 'Timeline of key events');
  if (pm.keyEvents.length === 0) out.push('_No key events._');
  else {
    out.push('| Time | Event | By |', '| --- | --- | --- |');
    for (const k of pm.keyEvents) {
      out.push(`| ${time.human(k.at)} | ${mdCell(k.what)} | ${mdCell(k.by?.name ?? '')} |`);
      if (out.full) yield out.take();
    }
  }

  section(out, 'Appendix: full log');
  out.push(`Every entry of the log, oldest first (${state.timeline.length}).`);
  sub(out, APPENDIX_SECTIONS[0]);
  if (state.timeline.length === 0) out.push('_No entries._');
  else {
    out.push('| Time | Author | Event | What | Status |', '| --- | --- | --- | --- | --- |');
    for (const row of state.timeline) {
      const text = mdCell(rowText(row)) + (row.retracted ? ' _(retracted)_' : '');
      out.push(
        `| ${time.human(row.at)} | ${mdCell(row.author.name)} ${code(authorTag(row.author, row.unverified))} | ${mdCell(kindLabel(row.kind))} | ${text} | ${mdCell(row.status ?? '')} |`,
      );
      if (out.full) yield out.take();
    }
  }
  sub(out, APPENDIX_SECTIONS[1]);
  out.push(KEYS_APPENDIX_NOTE, '', '| Author | Key | Id | Entries | Warning |', '| --- | --- | --- | --- | --- |');
  for (const a of authorsOf(state)) {
    const entries = `${a.signed} signed${a.unverified ? `, ${a.unverified} unverified` : ''}`;
    out.push(`| ${mdCell(a.name)} | ${code(a.fingerprint ?? 'no key')} | ${code(a.id)} | ${entries} | ${mdCell(authorWarning(a))} |`);
  }
}

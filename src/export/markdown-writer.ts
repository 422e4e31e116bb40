import type { IncidentState } from '../incident/state.js';
import { ACTION_STATUS_LABELS, HYPOTHESIS_STATUS_LABELS, kindLabel, rowText, statusLabel } from './labels.js';
import { joinChunks, LineChunker } from './chunks.js';
import { mdCell, mdInline, mdLines } from './markdown-escape.js';
import { buildPostmortem, type StatusStep } from './postmortem-model.js';
import { timeFormatter, type TextExportOptions } from './time-zone.js';

/** The sections of the postmortem, in order: the names teams know from their own postmortem templates. */
export const MARKDOWN_SECTIONS = [
  'Summary',
  'Impact',
  'Timeline',
  'Detection',
  'Hypotheses considered',
  'Actions taken',
  'Customer updates sent',
  'Customers affected',
  'Action items',
  'Lessons',
] as const;
export const LESSON_SECTIONS = ['What went well', 'What went wrong', 'Where we got lucky'] as const;

const toWrite = (what: string): string => `> _To write:_ ${what}`;
const code = (id: string): string => `\`${id.replace(/`/g, '')}\``;

/**
 * A Markdown postmortem, prefilled from the log. Every user string goes through the escapers; the parts only a
 * person can write are marked "To write". Lines are collected in one array and joined once: linear in the log.
 */
export function writeMarkdown(state: IncidentState, options: TextExportOptions = {}): string {
  return joinChunks(markdownChunks(state, options));
}

/** writeMarkdown as chunks, for files. */
export function* markdownChunks(state: IncidentState, options: TextExportOptions = {}): Generator<string, void> {
  const time = timeFormatter(options.tz ?? 'UTC');
  const pm = buildPostmortem(state, time);
  const out = new LineChunker('\n');
  const section = (name: (typeof MARKDOWN_SECTIONS)[number]) => out.push('', `## ${name}`, '');
  const bullets = (items: string[]) => {
    for (const item of items) out.push(`- ${mdLines(item, '  ')}`);
  };
  const steps = (list: StatusStep[], labels: Record<string, string>, indent: string) => {
    for (const s of list) {
      const text = s.text ? `: ${mdLines(s.text, `${indent}  `)}` : '';
      out.push(`${indent}- ${mdInline(statusLabel(labels, s.status))} by ${mdInline(s.by.name)}, ${time.human(s.at)}${text}`);
    }
  };

  out.push(`# Postmortem: ${mdInline(state.title)}`, '');
  out.push(`Incident ${code(state.id)} · ${mdInline(state.severity)} · times in ${mdInline(time.zone)} · generated from the incident log (${state.eventCount} events).`);
  const roles = Object.entries(state.roles).filter(([, p]) => p);
  if (roles.length) out.push('', `Roles: ${roles.map(([role, p]) => `${mdInline(role)}: ${mdInline(p!.name)}`).join(' · ')}`);

  section('Summary');
  if (state.summary.trim()) out.push(mdLines(state.summary), '');
  bullets(pm.facts.overview);
  out.push('', toWrite('what happened and why, in three sentences a customer would understand.'));

  section('Impact');
  bullets(pm.facts.impact);
  out.push('', toWrite('who could not do what, for how long, in numbers (requests failed, orders lost, data at risk).'));

  section('Timeline');
  if (state.timeline.length === 0) out.push('_No entries._');
  else {
    out.push('| Time | Author | Event | What | Status |', '| --- | --- | --- | --- | --- |');
    for (const row of state.timeline) {
      const text = mdCell(rowText(row)) + (row.retracted ? ' _(retracted)_' : '');
      out.push(`| ${time.human(row.at)} | ${mdCell(row.author.name)} | ${mdCell(kindLabel(row.kind))} | ${text} | ${mdCell(row.status ?? '')} |`);
      if (out.full) yield out.take();
    }
  }

  section('Detection');
  bullets(pm.facts.detection);
  out.push('', toWrite('how we found out (alert, customer, staff); how long from the start of the problem to detection; how we could know sooner.'));

  section('Hypotheses considered');
  if (pm.hypotheses.length === 0) out.push('_No hypotheses were recorded._');
  for (const { hypothesis: h, steps: history, testedBy } of pm.hypotheses) {
    const retracted = h.retracted ? ` _(retracted by ${mdInline(h.retracted.by.name)}${h.retracted.reason ? `: ${mdInline(h.retracted.reason)}` : ''})_` : '';
    out.push(`- **${mdInline(statusLabel(HYPOTHESIS_STATUS_LABELS, h.status))}:** ${mdLines(h.text, '  ')}${retracted}`);
    out.push(`  - Raised by ${mdInline(h.author.name)}, ${time.human(h.createdAt)}${h.owner ? `; owner ${mdInline(h.owner)}` : ''}`);
    steps(history, HYPOTHESIS_STATUS_LABELS, '  ');
    for (const a of testedBy) out.push(`  - Tested by action (${mdInline(statusLabel(ACTION_STATUS_LABELS, a.status))}): ${mdLines(a.text, '    ')}`);
    if (out.full) yield out.take();
  }

  section('Actions taken');
  if (pm.actions.length === 0) out.push('_No actions were recorded._');
  for (const { action: a, steps: history, tests } of pm.actions) {
    const retracted = a.retracted ? ` _(retracted by ${mdInline(a.retracted.by.name)}${a.retracted.reason ? `: ${mdInline(a.retracted.reason)}` : ''})_` : '';
    out.push(`- **${mdInline(statusLabel(ACTION_STATUS_LABELS, a.status))}:** ${mdLines(a.text, '  ')}${retracted}`);
    out.push(`  - Added by ${mdInline(a.author.name)}, ${time.human(a.createdAt)}${a.owner ? `; owner ${mdInline(a.owner)}` : ''}`);
    for (const t of tests) out.push(`  - Tests: ${typeof t === 'string' ? code(t) : mdLines(t.text, '    ')}`);
    steps(history, ACTION_STATUS_LABELS, '  ');
    if (out.full) yield out.take();
  }

  section('Customer updates sent');
  if (pm.updates.length === 0) out.push('_No customer update was published._');
  for (const u of pm.updates) {
    const approved = u.approvedBy ? `, approved by ${mdInline(u.approvedBy.name)}` : '';
    out.push(`- ${time.human(u.at)} · ${mdInline(u.channel)} · to ${mdInline(u.audience)} · by ${mdInline(u.by.name)}${approved}`, '');
    out.push(`  ${mdLines(u.text, '  ')}`, '');
    if (out.full) yield out.take();
  }
  if (state.overdue.length) bullets(state.overdue.map((o) => `Overdue: an update promised for ${time.human(o.dueAt)} had not been sent (recorded ${time.human(o.at)}).`));

  section('Customers affected');
  if (pm.impacts.length === 0) out.push('_No affected customers were recorded._');
  else {
    out.push('| Customer | Segment | Impact | Notified | Acknowledged | Resolved | Offered | Contact | Note |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
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

  section('Action items');
  if (pm.openActions.length || pm.openHypotheses.length) {
    out.push('Still open when this was exported:', '');
    for (const a of pm.openActions) out.push(`- [ ] ${mdLines(a.text, '      ')} (action, ${mdInline(a.status)}${a.owner ? `, owner ${mdInline(a.owner)}` : ''})`);
    for (const h of pm.openHypotheses) out.push(`- [ ] ${mdLines(h.text, '      ')} (hypothesis, ${mdInline(h.status)})`);
    out.push('');
  }
  out.push(toWrite('follow-up work with an owner and a due date each, so this cannot happen the same way again.'));

  section('Lessons');
  const lesson = (name: (typeof LESSON_SECTIONS)[number], facts: string[], prompt: string) => {
    out.push(`### ${name}`, '');
    if (facts.length) {
      out.push('From the log:', '');
      bullets(facts);
      out.push('');
    }
    out.push(toWrite(prompt), '');
  };
  lesson(LESSON_SECTIONS[0], pm.facts.wentWell, 'what helped: tools, people, habits worth keeping.');
  lesson(LESSON_SECTIONS[1], pm.facts.wentWrong, 'what made it worse or slower, without blaming people.');
  lesson(LESSON_SECTIONS[2], [], 'what went our way by chance and would not next time.');
  yield out.takeRaw().trimEnd() + '\n';
}


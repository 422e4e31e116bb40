import { nextUpdateDue } from '../incident/summary.js';
import type { IncidentState } from '../model/incident-state.js';
import type { DraftAudience, IncidentStatus, TemplateKey } from '../model/vocabulary.js';
import { milestoneViews } from '../incident/milestones.js';
import { TEMPLATE_KEYS } from '../model/vocabulary.js';
import { formatClock, formatDuration } from './format-time.js';
import { DEFAULT_TIME_ZONE, resolveTimeZone } from '../export/time-zone.js';

/**
 * Placeholders a template may use. Unknown ones are left as written, so the linter's unfilled-placeholder rule
 * catches a typo before it is published.
 */
export const PLACEHOLDERS = {
  title:
    "the incident's title for the team (internal updates); for customers the summary's words, never the working title, or a prompt to write them",
  affected:
    "what is affected: the incident's summary; with no summary, the title for internal updates and a prompt to write it for customers",
  since:
    'when customers were first affected: the impact-started milestone, with its time zone ("14:02 UTC"); a prompt to fill in while nobody has set it (the incident\'s opening is when we noticed, not when it began)',
  until: 'when it ended: the resolved milestone or the time it was resolved ("15:10 UTC"), or "ongoing"',
  duration: 'how long customers were affected, from the impact start ("1 h 8 min"); a prompt while the start is unknown',
  customers:
    'who is affected: for one customer\'s update, that customer ("your account, Acme Corp"); else the live customer impacts ("12 customers"), or "still being counted"',
  doing:
    'what we are doing, in customers\' terms, for the status the update is written for ("We have put a fix in place."); never the engineers\' notes',
  cause: 'a prompt to write the cause in plain words: left for the writer, and flagged by the linter until it is replaced',
  nextUpdate: 'when the next update comes: one cadence after now, rounded up to 5 minutes ("15:05 UTC")',
  status: 'the status in words ("investigating", "fix in place, monitoring")',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

/**
 * The defaults fill only customer-facing facts: what is affected, since when, how many, when the next update
 * comes. They never copy hypotheses or actions (engineers' words, host names); where a cause belongs they
 * leave a prompt to write it in plain words. Labels, not prose, so any summary the team wrote ("Card payments
 * at checkout are failing") reads well in them.
 */
export const DEFAULT_TEMPLATES: Record<TemplateKey, string> = {
  investigating: [
    'Investigating',
    '',
    'What is affected: {affected}',
    'Since: {since}',
    'Customers affected: {customers}',
    'What we are doing: {doing}',
    '',
    'Next update at {nextUpdate}, or sooner if anything changes.',
  ].join('\n'),
  identified: [
    'Cause identified',
    '',
    'What is affected: {affected}',
    'Since: {since}',
    'Customers affected: {customers}',
    'Cause: {cause}',
    'What we are doing: {doing}',
    '',
    'Next update at {nextUpdate}, or sooner if anything changes.',
  ].join('\n'),
  monitoring: [
    'Fix in place, monitoring',
    '',
    'What was affected: {affected}',
    'Since: {since}',
    'Customers affected: {customers}',
    'What we did: {doing}',
    '',
    'We are watching closely to make sure the fix holds. Next update at {nextUpdate}, or sooner if anything changes.',
  ].join('\n'),
  resolved: [
    'Resolved',
    '',
    'What was affected: {affected}',
    'When: from {since} to {until} ({duration})',
    'Customers affected: {customers}',
    'Cause: {cause}',
    'What we did: {doing}',
    '',
    'We are sorry for the disruption this caused you. This is our final update on this incident; we will publish a summary of what happened and what we are changing within 5 working days.',
  ].join('\n'),
  postmortem: [
    'Incident summary',
    '',
    'What happened: {affected}',
    'When: from {since} to {until} ({duration})',
    'Customers affected: {customers}',
    'Cause: {cause}',
    'What we did: {doing}',
    '',
    'We are sorry. This is our final update on this incident. If you are still seeing problems, please contact our support team and quote this incident title.',
  ].join('\n'),
};

export const TEMPLATE_FOR_STATUS: Record<IncidentStatus, TemplateKey> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};

export interface RenderOptions {
  now: number;
  /** IANA zone for times ("Europe/Paris"); UTC when absent or unknown to the runtime (see placeholderValues). */
  tz?: string;
  /** Who reads it: customers (the default) get no internal title; an internal update may name it. */
  audience?: DraftAudience;
  /** The one customer a "customer" update is written to. */
  customer?: string;
}

/** The team's version of a template (saved with template.saved) if any, else the default. */
export function templateBody(state: Pick<IncidentState, 'templates'>, key: TemplateKey): string {
  return state.templates[key] ?? DEFAULT_TEMPLATES[key];
}

export function isTemplateKey(key: unknown): key is TemplateKey {
  return typeof key === 'string' && (TEMPLATE_KEYS as readonly string[]).includes(key);
}

/** Renders a template for an incident: the first text of a new draft. */
export function renderTemplate(key: TemplateKey, state: IncidentState, options: RenderOptions): string {
  return fillPlaceholders(templateBody(state, key), placeholderValues(state, options, key === 'postmortem' ? 'resolved' : key));
}

/** Replaces `{name}` for every known placeholder; anything else in braces is left for the linter to flag. */
export function fillPlaceholders(body: string, values: Record<Placeholder, string>): string {
  return body.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Placeholder] : whole));
}

const STATUS_WORDS: Record<IncidentStatus, string> = {
  investigating: 'investigating',
  identified: 'cause identified, working on a fix',
  monitoring: 'fix in place, monitoring',
  resolved: 'resolved',
};

/**
 * Values for every placeholder. `phase` is the status the text is written for (the template's, which may be
 * ahead of the incident's: a "monitoring" draft prepared while the fix rolls out); it frames {doing}.
 */
export function placeholderValues(
  state: IncidentState,
  options: RenderOptions,
  phase: IncidentStatus = state.status,
): Record<Placeholder, string> {
  const { now } = options;
  // A draft is a starting text people edit, and every time in it names its zone: a zone this runtime does not
  // know (a preference carried from another machine) gives a draft in UTC rather than no draft at all.
  const zone = resolveTimeZone(options.tz);
  const tz = zone.ok ? zone.value : DEFAULT_TIME_ZONE;
  const at = (ms: number): string => formatClock(ms, { tz, now });
  const internal = options.audience === 'internal';
  // A fact is filled only when the incident knows it for this audience; else a prompt the linter flags.
  const summary = state.summary.trim();
  const affected = summary ? sentence(summary) : internal ? sentence(state.title) : PROMPTS.affected;
  const marks = new Map(milestoneViews(state).map((m) => [m.key, m.at]));
  const started = marks.get('impact-started') ?? null;
  const ended = marks.get('resolved') ?? state.resolvedAt;
  return {
    title: internal ? state.title : affected,
    affected,
    since: started !== null ? at(started) : PROMPTS.since,
    until: ended !== null ? at(ended) : 'ongoing',
    duration: started !== null ? formatDuration((ended ?? now) - started) : PROMPTS.duration,
    customers: customersFor(state, options),
    doing: whatWeAreDoing(phase),
    cause: CAUSE_PROMPT,
    nextUpdate: nextUpdateAfterThis(state, now, tz),
    status: STATUS_WORDS[state.status],
  };
}

const PROMPTS = {
  affected: '[fill in: what customers cannot do, in their words]',
  since: '[fill in: when customers were first affected, with the time zone; or set "Impact started" in the Postmortem tab]',
  duration: '[fill in: how long customers were affected]',
} as const;

/** Who is affected, as this audience may read it: one customer hears of their own account, not of the others. */
function customersFor(state: IncidentState, options: RenderOptions): string {
  if (options.audience === 'customer' && options.customer?.trim()) return `your account, ${options.customer.trim()}`;
  const customers = state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).length;
  return customers === 0 ? 'still being counted' : `${customers} customer${customers === 1 ? '' : 's'}`;
}

/**
 * The next update after the one being written: the cadence restarts when this one is published, so it is one
 * cadence from now (rounded up to 5 minutes, a time people can remember), not the due time of this one.
 */
export function nextUpdateAfterThis(state: IncidentState, now: number, tz?: string): string {
  const due = nextUpdateDue({ ...state, updates: [...state.updates, { at: now } as IncidentState['updates'][number]] });
  if (due === null) return 'no further update planned';
  const fiveMinutes = 5 * 60_000;
  return formatClock(Math.ceil(due / fiveMinutes) * fiveMinutes, { tz, now });
}

/**
 * What we are doing, in customers' terms, by the phase the update is written for. Never the engineers' notes:
 * hypotheses and actions name hosts and components ("failing over to db-replica-02"), which is exactly what a
 * customer update must not contain. The specifics go in the cause, which the writer puts in plain words.
 */
export function whatWeAreDoing(phase: IncidentStatus): string {
  return DOING[phase];
}

const DOING: Record<IncidentStatus, string> = {
  investigating: 'Our engineers are working to find the cause.',
  identified: 'We have found the cause and are working on a fix.',
  monitoring: 'We have put a fix in place.',
  resolved: 'We fixed the cause and checked that everything affected works normally again.',
};

/**
 * The cause is left for a person to write: what failed, as a customer would say it. The engineers' hypothesis
 * ("primary database stalled while replicating to its replicas") is the raw material, not the sentence. The
 * prompt is a gap the linter flags (unfilled-placeholder), so it cannot be published by accident.
 */
export const CAUSE_PROMPT =
  '[fill in: the cause in plain words, what failed as a customer would say it, with no machine or component names]';

const clause = (text: string): string => text.trim().replace(/[.!;:\s]+$/, '');
const capitalise = (text: string): string => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
const sentence = (text: string): string => capitalise(clause(text));

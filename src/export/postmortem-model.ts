import type { Actor } from '../model/envelope.js';
import type { Action, CustomerImpact, Hypothesis, IncidentState, PublishedUpdate } from '../model/incident-state.js';
import { keyEvents, type KeyEvent } from '../incident/key-events.js';
import { durationViews, followUps, impactSpan, milestoneViews, type DurationView, type MilestoneView } from '../incident/milestones.js';
import { type FollowUp } from '../model/incident-state.js';
import { formatDuration, type TimeFormatter } from './time-zone.js';

/** One status change of a hypothesis or action, with the evidence or result given with it. */
export interface StatusStep {
  status: string;
  at: number;
  by: Actor;
  text: string;
}

export interface HypothesisView {
  hypothesis: Hypothesis;
  steps: StatusStep[];
  testedBy: Action[];
}

export interface ActionView {
  action: Action;
  steps: StatusStep[];
  /** The hypotheses this action tests; ids that name nothing known are kept as ids. */
  tests: (Hypothesis | string)[];
}

/**
 * What the Markdown and HTML postmortems show, computed once from the folded state. Facts are plain sentences
 * (they may quote user text, so writers escape them like everything else). Nothing here reads the clock:
 * the same log always gives the same postmortem.
 */
export interface Postmortem {
  state: IncidentState;
  resolved: boolean;
  /** Resolution time, or the last event when the incident is still open. */
  endedAt: number;
  durationMs: number;
  hypotheses: HypothesisView[];
  actions: ActionView[];
  impacts: CustomerImpact[];
  updates: PublishedUpdate[];
  openActions: Action[];
  openHypotheses: Hypothesis[];
  facts: { overview: string[]; impact: string[]; detection: string[]; resolution: string[]; wentWell: string[]; wentWrong: string[] };
  header: PostmortemHeader;
  milestones: MilestoneView[];
  durations: DurationView[];
  /** Confirmed hypotheses: the root causes as the team found them. */
  rootCauses: HypothesisView[];
  keyEvents: KeyEvent[];
  followUps: FollowUp[];
  /** Per published update (same order as `updates`), the customers it told. */
  told: string[][];
}

export interface PostmortemHeader {
  /** The day the incident opened, in the export's zone. */
  date: string;
  /** Roles first (commander, comms, …), then everyone who wrote in the log, most active first. */
  authors: string[];
  /** Final once resolved, with every milestone known and follow-ups that each have an owner and a due date. */
  status: 'draft' | 'final';
  /** Why it is still a draft. */
  missing: string[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const live = <T extends { retracted: unknown }>(x: T): boolean => x.retracted === null;

/** When the incident ran, as every fact sentence measures it. */
interface Span {
  resolved: boolean;
  openedAt: number;
  /** "opened … by …", or "first recorded …" when the log lost its opening event. */
  opened: string;
  /** When impact started, if someone said; else null (the duration counts from detection). */
  impactFrom: number | null;
  endedAt: number;
  /** Impact started (or detected) -> resolved: the same figure as the time to resolve. */
  durationMs: number;
  /** How long after opening a moment came. */
  after: (ms: number) => string;
}

export function buildPostmortem(state: IncidentState, time: TimeFormatter): Postmortem {
  const { hypothesisList, actionList, hypotheses, actions } = entryViews(state);
  const impacts = state.impactOrder.map((id) => state.impacts[id]!).filter((i) => i && i.retracted === null);
  const updates = state.updates;
  const span = incidentSpan(state, time);
  const milestones = milestoneViews(state);
  const durations = durationViews(milestones);
  const follow = followUps(state).filter((f) => f.status !== 'dropped');
  const rootCauses = hypotheses.filter((v) => live(v.hypothesis) && v.hypothesis.status === 'confirmed');
  const missing = draftReasons(span.resolved, milestones, follow, rootCauses);
  const header: PostmortemHeader = {
    date: time.human(span.openedAt).slice(0, 10),
    authors: authorNames(state),
    status: missing.length === 0 ? 'final' : 'draft',
    missing,
  };
  const customerName = new Map(Object.values(state.impacts).map((i) => [i.id, i.customer]));
  const told = updates.map((u) => u.notified.map((id) => customerName.get(id) ?? id));
  const milestoneFacts = milestoneSentences(milestones, durations, time);

  return {
    header,
    milestones,
    durations,
    rootCauses,
    keyEvents: keyEvents(state),
    followUps: follow,
    told,
    state,
    resolved: span.resolved,
    endedAt: span.endedAt,
    durationMs: span.durationMs,
    hypotheses,
    actions,
    impacts,
    updates,
    openActions: actionList.filter((a) => live(a) && (a.status === 'planned' || a.status === 'running')),
    openHypotheses: hypothesisList.filter((h) => live(h) && (h.status === 'open' || h.status === 'investigating')),
    facts: {
      overview: overviewFacts(state, span, time),
      impact: impactFacts(impacts, updates, span),
      detection: detectionFacts(state, hypothesisList, actionList, span, time, milestoneFacts),
      resolution: resolutionFacts(actionList, rootCauses, milestoneFacts),
      ...lessonFacts(state, hypothesisList, actionList, impacts, updates, span, time),
    },
  };
}

/** Hypotheses and actions with their status history, and the links between them either way. */
function entryViews(state: IncidentState) {
  const steps = new Map<string, StatusStep[]>();
  for (const row of state.timeline) {
    // Only status rows that reached a live entry carry a subject; the others changed nothing.
    if ((row.kind === 'hypothesis.status' || row.kind === 'action.status') && row.subject !== undefined && row.status !== undefined) {
      let list = steps.get(row.entryId);
      if (!list) steps.set(row.entryId, (list = []));
      list.push({ status: row.status, at: row.at, by: row.author, text: row.text });
    }
  }
  const entry = (id: string) => (Object.hasOwn(state.entries, id) ? state.entries[id] : undefined);
  const hypothesisList = state.hypotheses.map(entry).filter((e): e is Hypothesis => e?.kind === 'hypothesis');
  const actionList = state.actions.map(entry).filter((e): e is Action => e?.kind === 'action');

  const testedBy = new Map<string, Action[]>();
  for (const a of actionList) {
    if (a.retracted) continue;
    for (const link of a.links) {
      let list = testedBy.get(link);
      if (!list) testedBy.set(link, (list = []));
      list.push(a);
    }
  }
  const hypotheses: HypothesisView[] = hypothesisList.map((h) => ({
    hypothesis: h,
    steps: steps.get(h.id) ?? [],
    testedBy: testedBy.get(h.id) ?? [],
  }));
  const actions: ActionView[] = actionList.map((a) => ({
    action: a,
    steps: steps.get(a.id) ?? [],
    tests: a.links.map((id) => {
      const h = entry(id);
      return h?.kind === 'hypothesis' ? h : id;
    }),
  }));
  return { hypothesisList, actionList, hypotheses, actions };
}

function incidentSpan(state: IncidentState, time: TimeFormatter): Span {
  // A log that lost its opening event (a partial copy) still gets sensible durations: from its first event.
  const openedAt = state.openedBy ? state.openedAt : (state.timeline[0]?.at ?? 0);
  const opened = state.openedBy
    ? `opened ${time.human(openedAt)} by ${state.openedBy.name}`
    : `first recorded ${time.human(openedAt)} (the log has no "incident opened" event)`;
  // The one duration model (impact started -> resolved), the same as the durations list and the header; an
  // open incident is measured to its last entry, so the same log always gives the same postmortem.
  const impact = impactSpan(state.openedBy ? state : { ...state, openedAt }, state.lastEventAt);
  return {
    resolved: impact.ended,
    openedAt,
    opened,
    impactFrom: impact.fromMilestone === 'impact-started' ? impact.from : null,
    endedAt: impact.to,
    durationMs: impact.ms,
    after: (ms) => formatDuration(ms - openedAt),
  };
}

function overviewFacts(state: IncidentState, { resolved, opened, impactFrom, endedAt, durationMs }: Span, time: TimeFormatter): string[] {
  const from = impactFrom !== null ? 'impact started' : 'it was detected';
  return [
    `Severity ${state.severity}, status ${state.status}.`,
    ...(impactFrom !== null ? [`Impact started ${time.human(impactFrom)}.`] : []),
    `${opened[0]!.toUpperCase()}${opened.slice(1)}.`,
    resolved
      ? `Resolved ${time.human(endedAt)}, ${formatDuration(durationMs)} after ${from}.`
      : `Still ${state.status} at the last entry (${time.human(endedAt)}), ${formatDuration(durationMs)} after ${from}.`,
  ];
}

function impactFacts(impacts: CustomerImpact[], updates: PublishedUpdate[], { resolved, durationMs }: Span): string[] {
  const levels = ['critical', 'major', 'minor'] as const;
  const notified = impacts.filter((i) => i.notifiedAt !== null);
  const credited = impacts.filter((i) => i.credit);
  return [
    impacts.length === 0
      ? 'No affected customers were recorded.'
      : `${plural(impacts.length, 'customer')} recorded as affected (${levels.map((l) => `${l}: ${impacts.filter((i) => i.level === l).length}`).join(', ')}).`,
    ...(impacts.length
      ? [`${notified.length} of ${impacts.length} notified; ${plural(credited.length, 'customer')} offered a credit.`]
      : []),
    `${plural(updates.length, 'customer update')} published.`,
    `Duration: ${formatDuration(durationMs)}${resolved ? '' : ' so far'}.`,
  ];
}

/** Milestone and duration sentences that the detection and resolution facts open with. */
function milestoneSentences(milestones: MilestoneView[], durations: DurationView[], time: TimeFormatter) {
  const named = (m: MilestoneView) =>
    `${m.label} ${m.at === null ? 'not recorded' : `${time.human(m.at)}${m.by ? ` (${m.source === 'recorded' ? `set by ${m.by.name}` : `${m.source}`})` : ''}`}`;
  const byKey = new Map(milestones.map((m) => [m.key, m]));
  return {
    named: (key: MilestoneView['key']) => named(byKey.get(key)!),
    span: (key: DurationView['key']) => {
      const d = durations.find((x) => x.key === key)!;
      return `${d.label}: ${d.ms === null ? 'unknown (a milestone is missing)' : formatDuration(d.ms)}.`;
    },
  };
}

function detectionFacts(
  state: IncidentState,
  hypothesisList: Hypothesis[],
  actionList: Action[],
  { opened, after }: Span,
  time: TimeFormatter,
  { named, span }: ReturnType<typeof milestoneSentences>,
): string[] {
  const firstOf = <T extends { createdAt: number; retracted: unknown }>(xs: T[]): T | undefined =>
    xs.filter(live).sort((a, b) => a.createdAt - b.createdAt)[0];
  const firstHypothesis = firstOf(hypothesisList);
  const firstAction = firstOf(actionList);
  return [
    `${named('impact-started')}; ${named('detected')}; ${named('acknowledged')}.`,
    span('time-to-detect'),
    span('time-to-acknowledge'),
    `The incident was ${opened}.`,
    ...(firstHypothesis
      ? [`First hypothesis ${after(firstHypothesis.createdAt)} after opening (${time.human(firstHypothesis.createdAt)}).`]
      : []),
    ...(firstAction ? [`First action ${after(firstAction.createdAt)} after opening (${time.human(firstAction.createdAt)}).`] : []),
    `Status history: ${state.statusHistory.map((s) => `${s.status} ${time.human(s.at)}`).join(' → ') || 'none recorded'}.`,
  ];
}

function resolutionFacts(
  actionList: Action[],
  rootCauses: HypothesisView[],
  { named, span }: ReturnType<typeof milestoneSentences>,
): string[] {
  const doneActions = actionList.filter((a) => live(a) && a.status === 'done');
  return [
    `${named('mitigated')}; ${named('resolved')}.`,
    span('time-to-mitigate'),
    span('time-to-resolve'),
    ...doneActions
      .filter((a) => a.links.some((l) => rootCauses.some((r) => r.hypothesis.id === l)))
      .map((a) => `Fixed by: ${a.text}${a.result ? ` (${a.result})` : ''}`),
  ];
}

/** What went well and what went wrong, as far as the log can tell. */
function lessonFacts(
  state: IncidentState,
  hypothesisList: Hypothesis[],
  actionList: Action[],
  impacts: CustomerImpact[],
  updates: PublishedUpdate[],
  { after }: Span,
  time: TimeFormatter,
): { wentWell: string[]; wentWrong: string[] } {
  const wentWell: string[] = [];
  const wentWrong: string[] = [];
  for (const h of hypothesisList.filter((x) => live(x) && x.status === 'confirmed')) {
    wentWell.push(`Cause confirmed ${after(h.statusAt ?? h.createdAt)} after opening: ${h.text}`);
  }
  if (updates.length > 0) wentWell.push(`First customer update ${after(updates[0]!.at)} after opening (${time.human(updates[0]!.at)}).`);
  if (impacts.length > 0 && impacts.every((i) => i.notifiedAt !== null)) wentWell.push('Every affected customer on record was notified.');
  if (state.overdue.length > 0) {
    wentWrong.push(
      `${plural(state.overdue.length, 'promised customer update')} came late (due ${state.overdue.map((o) => time.human(o.dueAt)).join(', ')}).`,
    );
  }
  if (updates.length === 0) wentWrong.push('No customer update was published.');
  const unnotified = impacts.filter((i) => i.notifiedAt === null);
  if (unnotified.length) wentWrong.push(`Not notified: ${unnotified.map((i) => i.customer).join(', ')}.`);
  const unverified = impacts.filter((i) => i.contact && !i.contactVerified);
  if (unverified.length) wentWrong.push(`Contact not verified for: ${unverified.map((i) => i.customer).join(', ')}.`);
  for (const a of actionList.filter((x) => live(x) && (x.status === 'failed' || x.status === 'reverted'))) {
    wentWrong.push(`Action ${a.status}: ${a.text}${a.result ? ` (${a.result})` : ''}`);
  }
  return { wentWell, wentWrong };
}

/** Why the postmortem is still a draft; empty once it can be final. */
function draftReasons(resolved: boolean, milestones: MilestoneView[], follow: FollowUp[], rootCauses: HypothesisView[]): string[] {
  const missing: string[] = [];
  if (!resolved) missing.push('the incident is not resolved');
  const unknown = milestones.filter((m) => m.at === null).map((m) => m.label.toLowerCase());
  if (unknown.length) missing.push(`milestones not recorded: ${unknown.join(', ')}`);
  if (follow.length === 0) missing.push('no follow-ups recorded');
  else if (follow.some((f) => !f.owner || !f.due)) missing.push('a follow-up has no owner or due date');
  if (rootCauses.length === 0) missing.push('no hypothesis confirmed as a root cause');
  return missing;
}

/** Roles first (commander, comms, …), then everyone who wrote in the log, most active first. */
function authorNames(state: IncidentState): string[] {
  const activity = new Map<string, { name: string; count: number }>();
  for (const row of state.timeline) {
    const a = activity.get(row.author.id) ?? { name: row.author.name, count: 0 };
    a.count++;
    activity.set(row.author.id, a);
  }
  const roleNames = Object.entries(state.roles)
    .filter(([, p]) => p)
    .map(([role, p]) => `${p!.name} (${role})`);
  const withRole = new Set(
    Object.values(state.roles)
      .filter(Boolean)
      .map((p) => p!.name),
  );
  const writers = [...activity.values()]
    .filter((a) => !withRole.has(a.name))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .map((a) => a.name);
  return [...roleNames, ...writers];
}

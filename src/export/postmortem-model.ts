import type { Actor } from '../model/envelope.js';
import type { Action, CustomerImpact, Hypothesis, IncidentState, PublishedUpdate } from '../incident/state.js';
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
  facts: { overview: string[]; impact: string[]; detection: string[]; wentWell: string[]; wentWrong: string[] };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function buildPostmortem(state: IncidentState, time: TimeFormatter): Postmortem {
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
  const hypotheses = hypothesisList.map((h) => ({ hypothesis: h, steps: steps.get(h.id) ?? [], testedBy: testedBy.get(h.id) ?? [] }));
  const actions = actionList.map((a) => ({
    action: a,
    steps: steps.get(a.id) ?? [],
    tests: a.links.map((id) => {
      const h = entry(id);
      return h?.kind === 'hypothesis' ? h : id;
    }),
  }));
  const impacts = state.impactOrder.map((id) => state.impacts[id]!).filter((i) => i && i.retracted === null);
  const updates = state.updates;
  const resolved = state.status === 'resolved' && state.resolvedAt !== null;
  const endedAt = resolved ? state.resolvedAt! : state.lastEventAt;
  // A log that lost its opening event (a partial copy) still gets sensible durations: from its first event.
  const openedAt = state.openedBy ? state.openedAt : (state.timeline[0]?.at ?? 0);
  const opened = state.openedBy ? `opened ${time.human(openedAt)} by ${state.openedBy.name}` : `first recorded ${time.human(openedAt)} (the log has no "incident opened" event)`;
  const durationMs = Math.max(0, endedAt - openedAt);
  const live = <T extends { retracted: unknown }>(x: T): boolean => x.retracted === null;
  const openActions = actionList.filter((a) => live(a) && (a.status === 'planned' || a.status === 'running'));
  const openHypotheses = hypothesisList.filter((h) => live(h) && (h.status === 'open' || h.status === 'investigating'));
  const after = (ms: number): string => formatDuration(ms - openedAt);

  const overview = [
    `Severity ${state.severity}, status ${state.status}.`,
    `${opened[0]!.toUpperCase()}${opened.slice(1)}.`,
    resolved ? `Resolved ${time.human(endedAt)}, after ${formatDuration(durationMs)}.` : `Still ${state.status} at the last entry (${time.human(endedAt)}), ${formatDuration(durationMs)} after it opened.`,
  ];

  const levels = ['critical', 'major', 'minor'] as const;
  const notified = impacts.filter((i) => i.notifiedAt !== null);
  const credited = impacts.filter((i) => i.credit);
  const impact = [
    impacts.length === 0
      ? 'No affected customers were recorded.'
      : `${plural(impacts.length, 'customer')} recorded as affected (${levels.map((l) => `${l}: ${impacts.filter((i) => i.level === l).length}`).join(', ')}).`,
    ...(impacts.length ? [`${notified.length} of ${impacts.length} notified; ${plural(credited.length, 'customer')} offered a credit.`] : []),
    `${plural(updates.length, 'customer update')} published.`,
    `Duration: ${formatDuration(durationMs)}${resolved ? '' : ' so far'}.`,
  ];

  const firstOf = <T extends { createdAt: number; retracted: unknown }>(xs: T[]): T | undefined => xs.filter(live).sort((a, b) => a.createdAt - b.createdAt)[0];
  const firstHypothesis = firstOf(hypothesisList);
  const firstAction = firstOf(actionList);
  const detection = [
    `The incident was ${opened}.`,
    ...(firstHypothesis ? [`First hypothesis ${after(firstHypothesis.createdAt)} after opening (${time.human(firstHypothesis.createdAt)}).`] : []),
    ...(firstAction ? [`First action ${after(firstAction.createdAt)} after opening (${time.human(firstAction.createdAt)}).`] : []),
    `Status history: ${state.statusHistory.map((s) => `${s.status} ${time.human(s.at)}`).join(' → ') || 'none recorded'}.`,
  ];

  const wentWell: string[] = [];
  const wentWrong: string[] = [];
  for (const h of hypothesisList.filter((x) => live(x) && x.status === 'confirmed')) {
    wentWell.push(`Cause confirmed ${after(h.statusAt ?? h.createdAt)} after opening: ${h.text}`);
  }
  if (updates.length > 0) wentWell.push(`First customer update ${after(updates[0]!.at)} after opening (${time.human(updates[0]!.at)}).`);
  if (impacts.length > 0 && notified.length === impacts.length) wentWell.push('Every affected customer on record was notified.');
  if (state.overdue.length > 0) {
    wentWrong.push(`${plural(state.overdue.length, 'promised customer update')} came late (due ${state.overdue.map((o) => time.human(o.dueAt)).join(', ')}).`);
  }
  if (updates.length === 0) wentWrong.push('No customer update was published.');
  const unnotified = impacts.filter((i) => i.notifiedAt === null);
  if (unnotified.length) wentWrong.push(`Not notified: ${unnotified.map((i) => i.customer).join(', ')}.`);
  const unverified = impacts.filter((i) => i.contact && !i.contactVerified);
  if (unverified.length) wentWrong.push(`Contact not verified for: ${unverified.map((i) => i.customer).join(', ')}.`);
  for (const a of actionList.filter((x) => live(x) && (x.status === 'failed' || x.status === 'reverted'))) {
    wentWrong.push(`Action ${a.status}: ${a.text}${a.result ? ` (${a.result})` : ''}`);
  }

  return {
    state,
    resolved,
    endedAt,
    durationMs,
    hypotheses,
    actions,
    impacts,
    updates,
    openActions,
    openHypotheses,
    facts: { overview, impact, detection, wentWell, wentWrong },
  };
}

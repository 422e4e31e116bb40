import type { Actor } from '../model/envelope.js';
import { MILESTONE_LABELS, MILESTONES, type Milestone } from '../model/postmortem-vocabulary.js';
import type { FollowUp, IncidentState, MilestoneMark } from '../model/incident-state.js';

/** Where a milestone's time comes from: set by a person, or taken from the log when nobody set it. */
export type MilestoneSource = 'recorded' | 'incident opened' | 'status resolved';

export interface MilestoneView {
  key: Milestone;
  label: string;
  at: number | null;
  by: Actor | null;
  source: MilestoneSource | null;
}

export const DURATIONS = ['time-to-detect', 'time-to-acknowledge', 'time-to-mitigate', 'time-to-resolve'] as const;
export type DurationKey = (typeof DURATIONS)[number];

export interface DurationView {
  key: DurationKey;
  label: string;
  from: Milestone;
  to: Milestone;
  ms: number | null;
}

/**
 * What each duration measures. Detection, mitigation and resolution count from when impact started (what the
 * customer lived through), acknowledgement from detection (how fast a person picked it up).
 */
const DURATION_SPANS: Record<DurationKey, { label: string; from: Milestone; to: Milestone }> = {
  'time-to-detect': { label: 'Time to detect', from: 'impact-started', to: 'detected' },
  'time-to-acknowledge': { label: 'Time to acknowledge', from: 'detected', to: 'acknowledged' },
  'time-to-mitigate': { label: 'Time to mitigate', from: 'impact-started', to: 'mitigated' },
  'time-to-resolve': { label: 'Time to resolve', from: 'impact-started', to: 'resolved' },
};

/** The milestones recorded in a state (absent in states folded before milestones existed). */
export const recordedMilestones = (state: IncidentState): Partial<Record<Milestone, MilestoneMark>> => state.milestones ?? {};

/** The follow-ups of a state, in the order they were added. */
export function followUps(state: IncidentState): FollowUp[] {
  return (state.followUpOrder ?? []).map((id) => state.followUps![id]!).filter(Boolean);
}

/**
 * Every milestone with its time. Nobody needs to set the obvious two: "detected" defaults to the incident's
 * opening and "resolved" to its status becoming resolved; a recorded time always wins, and says who set it.
 */
export function milestoneViews(state: IncidentState): MilestoneView[] {
  const recorded = recordedMilestones(state);
  return MILESTONES.map((key) => {
    const mark = recorded[key];
    if (mark) return { key, label: MILESTONE_LABELS[key], at: mark.at, by: mark.by, source: 'recorded' as const };
    if (key === 'detected' && state.openedBy)
      return { key, label: MILESTONE_LABELS[key], at: state.openedAt, by: state.openedBy, source: 'incident opened' as const };
    if (key === 'resolved' && state.status === 'resolved' && state.resolvedAt !== null) {
      const by = [...state.statusHistory].reverse().find((s) => s.status === 'resolved')?.by ?? null;
      return { key, label: MILESTONE_LABELS[key], at: state.resolvedAt, by, source: 'status resolved' as const };
    }
    return { key, label: MILESTONE_LABELS[key], at: null, by: null, source: null };
  });
}

/** The four durations incident teams track; null where a milestone at either end is unknown. */
export function durationViews(milestones: readonly MilestoneView[]): DurationView[] {
  const at = new Map(milestones.map((m) => [m.key, m.at]));
  return Object.entries(DURATION_SPANS).map(([key, span]) => {
    // Most teams never record when impact started: mitigation and resolution then count from detection, and
    // `from` says so. Time to detect has no such stand-in; it stays unknown.
    const start = span.from === 'impact-started' && at.get('impact-started') == null && key !== 'time-to-detect' ? 'detected' : span.from;
    const from = at.get(start) ?? null;
    const to = at.get(span.to) ?? null;
    return { key: key as DurationKey, ...span, from: start, ms: from !== null && to !== null ? Math.max(0, to - from) : null };
  });
}

export const incidentDurations = (state: IncidentState): DurationView[] => durationViews(milestoneViews(state));

/** How long customers were affected, the one measure every view of an incident uses (header, list, postmortem). */
export interface ImpactSpan {
  /** Impact started; when nobody said, detection (the incident's opening). */
  from: number;
  fromMilestone: 'impact-started' | 'detected';
  /** Resolved, or `now` while it is not. */
  to: number;
  ended: boolean;
  ms: number;
}

/**
 * Impact started -> resolved, from the milestones (a recorded time wins; see milestoneViews). An impact that
 * began on Sunday and was detected on Tuesday lasted from Sunday: the header, the summary, the postmortem's
 * overview, impact section and durations list all say the same figure, the time to resolve.
 */
export function impactSpan(state: IncidentState, now: number): ImpactSpan {
  const at = new Map(milestoneViews(state).map((m) => [m.key, m.at]));
  const started = at.get('impact-started') ?? null;
  const from = started ?? at.get('detected') ?? state.openedAt;
  const resolved = at.get('resolved') ?? null;
  const to = resolved ?? now;
  return {
    from,
    fromMilestone: started !== null ? 'impact-started' : 'detected',
    to,
    ended: resolved !== null,
    ms: Math.max(0, to - from),
  };
}

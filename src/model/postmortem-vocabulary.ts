/** The vocabularies of what happens after (and around) the outage: milestones and follow-up work. */

/** The moments incident teams measure from, in the order they happen. */
export const MILESTONES = ['impact-started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_LABELS: Record<Milestone, string> = {
  'impact-started': 'Impact started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** What a follow-up is for, the classes the SRE book's postmortem template uses. */
export const FOLLOW_UP_TYPES = ['prevent', 'mitigate', 'detect', 'process'] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

export const FOLLOW_UP_STATUSES = ['open', 'done', 'dropped'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A tracker link: http or https only (a javascript: or file: link in a shared document is a trap). */
export function isTrackerUrl(value: string): boolean {
  if (value.length > 2000 || /\s/.test(value)) return false;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(value);
  return m !== null && m[2]!.length > 0 && !m[2]!.startsWith('@');
}

/** Due dates are calendar days, "2026-12-01", valid on the calendar. */
export function isDueDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

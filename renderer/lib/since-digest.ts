import type { IncidentState, TimelineRow } from '../../src/incident/state.js';

export interface Digest {
  since: number;
  /** Timeline rows after `since`. */
  total: number;
  counts: { hypotheses: number; actions: number; notes: number; customers: number; updates: number };
  /** The few changes that matter most, newest first, one line each. */
  highlights: string[];
  authors: string[];
}

const clip = (s: string, n = 90): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * "What changed since I last looked": for the person who steps away from the call and comes back. Counts
 * what was added, and names what matters: status changes, hypotheses confirmed or ruled out, customers
 * told, updates published.
 */
export function sinceDigest(state: IncidentState, since: number): Digest {
  const counts = { hypotheses: 0, actions: 0, notes: 0, customers: 0, updates: 0 };
  const highlights: string[] = [];
  const authors = new Set<string>();
  // Rows are in (at, id) order; the ones after `since` are at the end, so walk back until older.
  const rows: TimelineRow[] = [];
  for (let i = state.timeline.length - 1; i >= 0; i--) {
    const row = state.timeline[i]!;
    if (row.at <= since) break;
    rows.push(row);
  }
  for (const row of rows) {
    authors.add(row.author.name);
    switch (row.kind) {
      case 'hypothesis.added':
        counts.hypotheses++;
        break;
      case 'action.added':
        counts.actions++;
        break;
      case 'note.added':
        counts.notes++;
        break;
      case 'impact.added':
        counts.customers++;
        break;
      case 'draft.published':
        counts.updates++;
        highlights.push(`Customer update published by ${row.author.name}`);
        break;
      case 'incident.updated':
        if (row.status) highlights.push(`Status changed to ${row.status} by ${row.author.name}`);
        break;
      case 'hypothesis.status':
        if (row.status === 'confirmed' || row.status === 'ruled-out') {
          const verb = row.status === 'confirmed' ? 'Confirmed' : 'Ruled out';
          highlights.push(`${verb}: ${clip(row.subject ?? 'a hypothesis')}${row.text ? ` (${clip(row.text, 60)})` : ''}`);
        }
        break;
      case 'impact.updated':
        if (/(^|, )notified at /.test(row.text)) highlights.push(`${row.subject ?? 'A customer'} was notified`);
        break;
      case 'role.assigned':
        highlights.push(`Role: ${row.text}`);
        break;
      default:
        break;
    }
  }
  return { since, total: rows.length, counts, highlights: highlights.slice(0, 6), authors: [...authors] };
}

/** "3 hypotheses, 2 actions, 1 customer": the counts in words, zeros left out. */
export function describeCounts(counts: Digest['counts']): string {
  const parts: string[] = [];
  const add = (n: number, one: string, many: string): void => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(counts.hypotheses, 'hypothesis', 'hypotheses');
  add(counts.actions, 'action', 'actions');
  add(counts.notes, 'note', 'notes');
  add(counts.customers, 'customer affected', 'customers affected');
  add(counts.updates, 'customer update', 'customer updates');
  return parts.join(', ');
}

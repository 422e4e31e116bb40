import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { countdown, DUE_SOON_MS } from '../../src/comms/cadence.js';
import { EventFactory } from '../helpers/events.js';
import { textDigest } from '../../src/comms/digest.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;

describe('countdown', () => {
  const f = new EventFactory();
  const open = f.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, T0);

  it('counts down to one default cadence (30 min while investigating) after the incident opened', () => {
    const state = fold([open]);
    expect(countdown(state, T0)).toEqual({
      dueAt: T0 + 30 * MIN,
      msLeft: 30 * MIN,
      overdue: false,
      dueSoon: false,
      label: 'next update in 30:00',
    });
    expect(countdown(state, T0 + 17 * MIN + 56_000).label).toBe('next update in 12:04');
    expect(countdown(state, T0 + 17 * MIN + 55_500).label).toBe('next update in 12:05'); // rounded up, never 0:00 early
    const soon = countdown(state, T0 + 30 * MIN - DUE_SOON_MS);
    expect([soon.dueSoon, soon.overdue, soon.label]).toEqual([true, false, 'next update in 2:00']);
  });

  it('turns overdue at the due time and says by how much', () => {
    const state = fold([open]);
    expect(countdown(state, T0 + 30 * MIN)).toMatchObject({ overdue: true, dueSoon: false, msLeft: 0, label: 'update overdue by 0 s' });
    expect(countdown(state, T0 + 30 * MIN + 45_000).label).toBe('update overdue by 45 s');
    expect(countdown(state, T0 + 33 * MIN + 59_000).label).toBe('update overdue by 3 min');
    expect(countdown(state, T0 + 95 * MIN).label).toBe('update overdue by 1 h 5 min');
  });

  it("follows the team's cadence, restarts at each published update, and stops when resolved", () => {
    const draft = f.make('draft.created', { title: 'u', audience: 'all', channel: 'status-page' }, T0 + MIN);
    const cadence = f.make('cadence.set', { minutes: 15 }, T0 + 2 * MIN);
    expect(countdown(fold([open, cadence]), T0).dueAt).toBe(T0 + 15 * MIN);
    // Published as the rules allow: marked ready by Alice, approved by Bob on comms.
    const bob = new EventFactory('inc_test000001', 'o_boborigin', { id: 'u_bob0000001', name: 'Bob' });
    const review = [
      f.make('role.assigned', { role: 'comms', person: bob.actor }, T0 + MIN + 1),
      f.make('draft.review', { target: draft.id, state: 'ready', digest: textDigest('x') }, T0 + 19 * MIN),
      bob.make('draft.review', { target: draft.id, state: 'approved', digest: textDigest('x') }, T0 + 19 * MIN + 1),
    ];
    const published = f.make('draft.published', { target: draft.id, text: 'x', channel: 'status-page', audience: 'all' }, T0 + 20 * MIN);
    expect(fold([open, draft, cadence, ...review, published]).refused).toEqual([]);
    expect(countdown(fold([open, draft, cadence, ...review, published]), T0 + 21 * MIN)).toMatchObject({
      dueAt: T0 + 35 * MIN,
      label: 'next update in 14:00',
    });
    const resolved = f.make('incident.updated', { status: 'resolved' }, T0 + 40 * MIN);
    expect(countdown(fold([open, resolved]), T0 + 41 * MIN)).toEqual({
      dueAt: null,
      msLeft: null,
      overdue: false,
      dueSoon: false,
      label: 'no update due',
    });
    const monitoring = f.make('incident.updated', { status: 'monitoring' }, T0 + 40 * MIN);
    expect(countdown(fold([open, monitoring]), T0 + 41 * MIN).dueAt).toBe(T0 + 60 * MIN);
  });
});

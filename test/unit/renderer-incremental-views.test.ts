import { describe, expect, it } from 'vitest';
import { IncidentFolder } from '../../src/incident/incident-folder.js';
import { filterChoices, filterChoicesTracker } from '../../renderer/lib/timeline-filter.js';
import { hypothesisNumbers, numberedHypotheses } from '../../renderer/lib/hypothesis-numbers.js';
import { EventFactory } from '../helpers/events.js';

// The timeline's derived views are kept up to date as entries arrive, instead of recomputed over the whole log.
const alice = new EventFactory('inc_test000001', 'o_alice00001', { id: 'u_alice00001', name: 'Alice' });
const bob = new EventFactory('inc_test000001', 'o_bob0000001', { id: 'u_bob0000001', name: 'Bob' });
const opened = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1_000);
const h1 = alice.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, 2_000);
const note = alice.make('note.added', { text: 'error rate 40%' }, 3_000);
const h2 = bob.make('hypothesis.added', { text: 'IP address conflict on the private network' }, 4_000);
const out = bob.make('hypothesis.status', { target: h2.id, status: 'ruled-out', evidence: 'no duplicate addresses' }, 5_000);

describe('filter menus as the log grows', () => {
  it('gives what a full scan gives, scanning only new rows, and the same object while nothing new turns up', () => {
    const folder = new IncidentFolder('inc_test000001', [opened, h1]);
    const track = filterChoicesTracker();
    const first = track(folder.state.timeline);
    expect(first).toEqual({ authors: ['Alice'], statuses: ['investigating', 'open'] });

    folder.add([note]);
    expect(track(folder.state.timeline)).toBe(first);

    folder.add([h2, out]);
    const grown = track(folder.state.timeline);
    expect(grown).toEqual(filterChoices(folder.state.timeline));
    expect(grown).toEqual({ authors: ['Alice', 'Bob'], statuses: ['investigating', 'open', 'ruled-out'] });
  });

  it('starts over for a different list (another incident, a refold)', () => {
    const track = filterChoicesTracker();
    track(new IncidentFolder('inc_test000001', [opened, h1, h2, out]).state.timeline);
    expect(track(new IncidentFolder('inc_test000001', [opened, note]).state.timeline)).toEqual({
      authors: ['Alice'],
      statuses: ['investigating'],
    });
  });

  it('stops adding names at the cap', () => {
    const track = filterChoicesTracker(1);
    expect(track(new IncidentFolder('inc_test000001', [opened, h1, h2]).state.timeline).authors).toEqual(['Alice']);
  });
});

describe('hypothesis numbers', () => {
  it('are worked out once per folded state and follow new hypotheses', () => {
    const folder = new IncidentFolder('inc_test000001', [opened, h1]);
    const before = folder.state;
    const numbers = hypothesisNumbers(before);
    expect([...numbers]).toEqual([[h1.id, 1]]);
    expect(hypothesisNumbers(before)).toBe(numbers);

    folder.add([h2]);
    expect([...hypothesisNumbers(folder.state)]).toEqual(numberedHypotheses(folder.state).map((h) => [h.id, h.number]));
    expect(hypothesisNumbers(folder.state).get(h2.id)).toBe(2);
  });
});

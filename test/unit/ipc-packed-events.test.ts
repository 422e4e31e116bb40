import { describe, expect, it } from 'vitest';
import { packEvents, unpackEvents } from '../../src/ipc/packed-events.js';
import { syntheticIncident } from '../../bench/synthetic-incident.js';
import { EventFactory } from '../helpers/events.js';
import { fold } from '../../src/incident/fold.js';

describe('packed events (main -> window)', () => {
  it('give back exactly the events main held, in order', () => {
    const events = syntheticIncident(2_000, 'inc_packtest001');
    const packed = packEvents('inc_packtest001', events);
    expect(unpackEvents(JSON.parse(JSON.stringify(packed)))).toEqual(events);
    expect(packed.origins).toHaveLength(4);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(events).length * 0.7);
  });

  it('keep the name a person wrote under when it changed mid-incident', () => {
    const f = new EventFactory();
    const renamed = new EventFactory(f.incident, f.origin, { id: f.actor.id, name: 'Alice (comms)' });
    const events = [
      f.make('incident.opened', { title: 'x', severity: 'SEV2' }, 1),
      renamed.make('note.added', { text: 'renamed' }, 2, 'e_renamed00001'),
    ];
    const back = unpackEvents(packEvents(f.incident, events));
    expect(back.map((e) => e.actor.name)).toEqual(['Alice', 'Alice (comms)']);
  });

  it('tell the window which events are signed, so it marks only the unsigned ones unverified', () => {
    const f = new EventFactory();
    const signed = { ...f.make('note.added', { text: 'signed' }, 2, 'e_signed000001'), key: 'k'.repeat(43), sig: 's'.repeat(86) };
    const events = [f.make('incident.opened', { title: 'x', severity: 'SEV2' }, 1), signed];
    const rows = fold(unpackEvents(JSON.parse(JSON.stringify(packEvents(f.incident, events))))).timeline;
    expect(rows.map((r) => r.unverified)).toEqual([true, undefined]);
  });

  it('carry an incident with no events yet (a room joined before anything arrived)', () => {
    expect(unpackEvents(packEvents('inc_empty00001', []))).toEqual([]);
  });
});

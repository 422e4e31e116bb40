import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { IncidentFolder } from '../../src/incident/incident-folder.js';
import { summarize } from '../../src/incident/summary.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { EventFactory } from '../helpers/events.js';

/** The outage this app is built from: three hypotheses, actions testing them, customers affected. */
function outage(): WarEvent[] {
  const alice = new EventFactory();
  const bob = new EventFactory('inc_test000001', 'o_boborigin', { id: 'u_bob0000001', name: 'Bob' });
  const t = 1_700_000_000_000;
  const open = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, t);
  const db = alice.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, t + 1000);
  const ip = bob.make('hypothesis.added', { text: 'IP address conflict on the private network' }, t + 2000);
  const fw = alice.make('hypothesis.added', { text: 'primary firewall reset its configuration' }, t + 2000);
  const act1 = bob.make('action.added', { text: 'check replication lag on the replicas', links: [db.id], owner: 'Bob' }, t + 3000);
  const act2 = alice.make('action.added', { text: 'arping the database VIP for duplicates', links: [ip.id] }, t + 4000);
  return [
    open,
    db,
    ip,
    fw,
    act1,
    act2,
    bob.make(
      'action.status',
      { target: act1.id, status: 'done', result: 'replication stuck at the same log position for 20 min' },
      t + 5000,
    ),
    alice.make('hypothesis.status', { target: ip.id, status: 'ruled-out', evidence: 'one MAC answers for the VIP' }, t + 6000),
    bob.make('hypothesis.status', { target: db.id, status: 'confirmed', evidence: 'replica lag stuck; writes blocked' }, t + 7000),
    alice.make('impact.added', { customer: 'Acme Corp', level: 'critical', contact: 'ops@acme.example' }, t + 8000),
    bob.make('impact.added', { customer: 'Globex', level: 'major' }, t + 8000),
    alice.make('note.added', { text: 'error rate back to 0.1%' }, t + 9000),
    alice.make('entry.retracted', { target: fw.id, reason: 'entered by mistake' }, t + 9500),
    bob.make('incident.updated', { status: 'identified' }, t + 10_000),
  ];
}

describe('fold', () => {
  it('builds hypotheses, actions, impacts and the summary from the outage', () => {
    const events = outage();
    const state = fold(events);
    expect(state.title).toBe('Checkout failing');
    expect(state.status).toBe('identified');
    const [db, ip, fw] = state.hypotheses.map((id) => state.entries[id]!);
    expect(db).toMatchObject({ kind: 'hypothesis', status: 'confirmed', evidence: 'replica lag stuck; writes blocked' });
    expect(ip).toMatchObject({ status: 'ruled-out', evidence: 'one MAC answers for the VIP' });
    expect(fw!.retracted).toMatchObject({ reason: 'entered by mistake' });
    expect(state.entries[state.actions[0]!]).toMatchObject({ status: 'done', links: [db!.id], owner: 'Bob' });
    expect(state.timeline.map((r) => r.at)).toEqual([...state.timeline.map((r) => r.at)].sort((a, b) => a - b));
    const summary = summarize(state, events[0]!.at.ms + 60_000);
    expect(summary.leadingHypothesis?.text).toBe('primary database stalled while replicating to its replicas');
    expect(summary.customersAffected).toBe(2);
    expect(summary.customersNotified).toBe(0);
    expect(summary.durationMs).toBe(60_000);
  });

  it('ignores a status change whose target does not exist or has the wrong kind', () => {
    const f = new EventFactory();
    const open = f.make('incident.opened', { title: 'x', severity: 'SEV3' }, 1);
    const note = f.make('note.added', { text: 'a note' }, 2);
    const forged = f.make('hypothesis.status', { target: note.id, status: 'confirmed' }, 3);
    const dangling = f.make('action.status', { target: 'e_doesnotexist', status: 'done' }, 4);
    const state = fold([open, note, forged, dangling]);
    expect(state.entries[note.id]).not.toHaveProperty('status');
    expect(state.timeline).toHaveLength(4);
  });

  it('folds in the order given, whatever time events claim: a repeated id counts once, at its first place', () => {
    const events = outage();
    const reference = JSON.stringify(fold(events));
    expect(JSON.stringify(fold([...events, ...events.slice(0, 5).map((e) => structuredClone(e))]))).toBe(reference);
    // A hypothesis claiming to be from before every other one is numbered where it stands, not where it claims.
    const late = new EventFactory('inc_test000001', 'o_latecomer', { id: 'u_late000001', name: 'Late' });
    const backDated = late.make('hypothesis.added', { text: 'DNS resolver cache' }, events[1]!.at.ms - 500);
    const state = fold([...events, backDated]);
    expect(state.hypotheses[state.hypotheses.length - 1]).toBe(backDated.id);
  });

  it('given the agreed order, the state is the same however events and positions arrive (property)', () => {
    const events = outage();
    const reference = JSON.stringify(fold(events));
    const ids = events.map((e) => e.id);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        fc.nat(4),
        fc.array(fc.nat(events.length), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        (shuffled, chunk, cuts, interleave) => {
          // The positions come as contiguous ranges, in order; events come in any order, in chunks, twice.
          const bounds = [...new Set([0, ...cuts, events.length])].sort((a, b) => a - b);
          const ranges = bounds.slice(1).map((end, i) => ({ from: bounds[i]! + 1, ids: ids.slice(bounds[i], end) }));
          const chunks: WarEvent[][] = [];
          for (let i = 0; i < shuffled.length; i += chunk + 1) chunks.push(shuffled.slice(i, i + chunk + 1));
          const folder = new IncidentFolder('inc_test000001');
          let k = 0;
          while (ranges.length || chunks.length) {
            const takeRange = ranges.length > 0 && (chunks.length === 0 || interleave[k++ % interleave.length]);
            if (takeRange) expect(folder.order(ranges.shift()!)).toEqual({ ok: true });
            else folder.add(chunks.shift()!);
          }
          folder.add(shuffled); // everything again: duplicates
          expect(folder.state.provisional).toEqual([]);
          expect(JSON.stringify(folder.state)).toBe(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an event without a position folds after every positioned one, unnumbered, and moves into place when its position comes', () => {
    const events = outage();
    const [open, db, ip, fw] = events;
    const folder = new IncidentFolder('inc_test000001', [open!, db!], 2);
    // Written offline here: provisional.
    folder.add([fw!]);
    expect(folder.state.provisional).toEqual([fw!.id]);
    // The hub had placed a teammate's hypothesis first: it goes before ours, which keeps no number meanwhile.
    folder.add([ip!]);
    expect(folder.order({ from: 3, ids: [ip!.id] })).toEqual({ ok: true });
    expect(folder.state.hypotheses).toEqual([db!.id, ip!.id, fw!.id]);
    expect(folder.state.provisional).toEqual([fw!.id]);
    expect(folder.order({ from: 4, ids: [fw!.id] })).toEqual({ ok: true });
    expect(folder.state.provisional).toEqual([]);
    expect(JSON.stringify(folder.state)).toBe(JSON.stringify(fold([open!, db!, ip!, fw!])));
    // A hub that changes its story, or skips positions, is refused.
    expect(folder.order({ from: 3, ids: [fw!.id] })).toMatchObject({ ok: false, code: 'order-conflict' });
    expect(folder.order({ from: 9, ids: ['e_whatever000001'] })).toMatchObject({ ok: false, code: 'order-gap' });
  });
});

import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { EventKind } from '../../src/kinds/index.js';
import type { Actor } from '../../src/model/envelope.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import { factCandidates, offered, roleCandidates, rowMenuCandidates, type Candidate } from '../../renderer/lib/offers.js';
import { rosterOf } from '../../renderer/lib/roster.js';
import { EventFactory } from '../helpers/events.js';

/**
 * "Offer only what you may": for every person in a room where each role is held by someone (and one person
 * holds none), every row-menu action on every row, every incident-fact action and every roster/palette role
 * action is offered exactly when a peer's fold would keep the event it writes (not refuse it). Judged by the
 * fold itself, on the log plus that one event, not by the function the window asks.
 */

const T0 = Date.UTC(2026, 11, 7, 14, 2);
const MIN = 60_000;
const INC = 'inc_offers0001';
const people = {
  ana: { id: 'u_ana0000001', name: 'Ana' }, // commander
  dee: { id: 'u_dee0000001', name: 'Dee' }, // deputy commander
  sam: { id: 'u_sam0000001', name: 'Sam' }, // scribe
  cara: { id: 'u_cara000001', name: 'Cara' }, // comms
  lia: { id: 'u_lia0000001', name: 'Lia' }, // liaison
  sme: { id: 'u_sme0000001', name: 'Sme' }, // subject-matter expert
  ned: { id: 'u_ned0000001', name: 'Ned' }, // no role
} satisfies Record<string, Actor>;
type Who = keyof typeof people;

function room() {
  const f = Object.fromEntries(Object.entries(people).map(([k, a]) => [k, new EventFactory(INC, `o_${k}00000`, a)])) as Record<
    Who,
    EventFactory
  >;
  let t = T0;
  const at = () => (t += MIN);
  const give = (role: string, who: Who) => f.ana.make('role.assigned', { role, person: people[who] } as never, at());
  const events: WarEvent[] = [
    f.ana.make('incident.opened', { title: 'Checkout failing', severity: 'SEV2' }, T0),
    give('commander', 'ana'),
    give('deputy', 'dee'),
    give('scribe', 'sam'),
    give('comms', 'cara'),
    give('liaison', 'lia'),
    give('subject-expert', 'sme'),
  ];
  const h = f.ned.make('hypothesis.added', { text: 'primary database stalled while replicating' }, at());
  events.push(h, f.ana.make('action.added', { text: 'restart the WAL sender', links: [h.id] }, at()));
  events.push(f.sam.make('note.added', { text: 'bridge call open' }, at()));
  events.push(f.lia.make('note.added', { text: 'Acme asked for an ETA' }, at()));
  events.push(f.ned.make('role.requested', { role: 'comms' }, at()));
  events.push(f.sam.make('status.statement', { impact: 'EU card payments fail', doing: 'failing over', next: '' }, at()));
  return { events, f, at };
}

/** Every action the window could offer `me`: each row's menu, the incident's facts, roles for everyone in the roster. */
function everyCandidate(state: IncidentState, me: Actor): Candidate[] {
  const out: Candidate[] = [...factCandidates(state)];
  for (const row of state.timeline)
    out.push(...rowMenuCandidates(state, row, state.keyEvents[row.id] !== undefined).map((c) => ({ ...c, id: `${row.id}:${c.id}` })));
  for (const person of rosterOf(state, [], me)) out.push(...roleCandidates(state, me, person));
  return out;
}

/** Whether a peer folding the log plus this event keeps it. */
function foldKeeps(events: WarEvent[], factory: EventFactory, c: Candidate, at: number): boolean {
  const e = factory.make(c.kind as EventKind, c.data as never, at);
  return !fold([...events, e], INC).refused.some((r) => r.id === e.id);
}

function walk(events: WarEvent[], f: Record<Who, EventFactory>, at: number) {
  const state = fold(events, INC);
  expect(state.refused).toEqual([]);
  const seen: Record<string, number> = {};
  for (const who of Object.keys(people) as Who[]) {
    const me = people[who];
    const all = everyCandidate(state, me);
    const offeredIds = new Set(offered(state, me, all).map((c) => c.id));
    const permitted = new Set(all.filter((c) => foldKeeps(events, f[who], c, at)).map((c) => c.id));
    expect([...offeredIds].sort(), `${who}: offered = permitted`).toEqual([...permitted].sort());
    seen[who] = offeredIds.size;
  }
  return { state, seen };
}

describe('offer only what you may', () => {
  it('offers each role exactly the row-menu, fact and role actions a peer would keep', () => {
    const { events, f, at } = room();
    const { seen } = walk(events, f, at() + MIN);
    // Not a vacuous walk: the commander may do more than the deputy, who may do more than someone with no role.
    expect(seen.ana!).toBeGreaterThan(seen.dee!);
    expect(seen.dee!).toBeGreaterThan(seen.ned!);
    expect(seen.sam!).toBeGreaterThan(seen.lia!);
  });

  it('moves with the roles: after command is handed over, the old commander is offered what anyone is, the new one everything', () => {
    const { events, f, at } = room();
    const handedOver = [...events, f.ana.make('role.assigned', { role: 'commander', person: people.dee }, at())];
    const before = fold(events, INC);
    const after = walk(handedOver, f, at() + MIN).state;
    const labels = (state: IncidentState, me: Actor) => offered(state, me, everyCandidate(state, me)).map((c) => c.label);
    expect(labels(before, people.ana)).toContain('Make Ned liaison');
    expect(labels(before, people.ana)).toContain('Grant Ned the comms role');
    expect(labels(after, people.ana)).not.toContain('Make Ned liaison');
    expect(labels(after, people.ana)).not.toContain('Set status: monitoring');
    expect(labels(after, people.dee)).toContain('Grant Ned the comms role');
    expect(labels(after, people.dee)).toContain('Hand over command to Ana');
  });

  it('lets the deputy act for the commander, but not hand over command or name a deputy', () => {
    const { events } = room();
    const state = fold(events, INC);
    const labels = offered(state, people.dee, everyCandidate(state, people.dee)).map((c) => c.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Set status: monitoring', 'Rename the incident…', 'Grant Ned the comms role', 'Make Ned liaison']),
    );
    expect(labels.filter((l) => /Hand over command|deputy commander/.test(l) && !l.startsWith('Give up'))).toEqual([]);
    // Ned, with no role, may edit only his own entry and asks rather than takes.
    const neds = offered(state, people.ned, everyCandidate(state, people.ned)).map((c) => c.id);
    expect(neds.filter((id) => id.endsWith(':edit'))).toHaveLength(1);
    expect(neds).toContain('ask:scribe');
    expect(neds).toContain('withdraw:comms');
    expect(neds.some((id) => id.startsWith('take:'))).toBe(false);
  });
});

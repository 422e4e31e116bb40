import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { delivered, EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;
const ALICE = { id: 'u_alice00001', name: 'Alice' };
const BOB = { id: 'u_bob0000001', name: 'Bob' };
const MALLORY = { id: 'u_mallory001', name: 'Mallory' };

/** A room where Alice commands, Bob writes a hypothesis and a note, and Mallory (no role) breaks every rule. */
function story() {
  const alice = new EventFactory('inc_test000001', 'o_alice0', ALICE);
  const bob = new EventFactory('inc_test000001', 'o_bob000', BOB);
  const mallory = new EventFactory('inc_test000001', 'o_mallor', MALLORY);
  const h = bob.make('hypothesis.added', { text: 'bad deploy' }, T0 + 2 * MIN);
  const note = bob.make('note.added', { text: 'rolled back canary' }, T0 + 3 * MIN);
  const draft = mallory.make('draft.created', { title: 'Status page', audience: 'all', channel: 'status-page' }, T0 + 4 * MIN);
  const honest: WarEvent[] = [
    alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, T0),
    alice.make('role.assigned', { role: 'commander', person: ALICE }, T0 + MIN),
    h,
    note,
    draft,
    mallory.make('draft.review', { target: draft.id, state: 'ready', acknowledged: [] }, T0 + 5 * MIN),
    bob.make('entry.edited', { target: h.id, text: 'bad deploy of checkout' }, T0 + 9 * MIN),
  ];
  const hostile: WarEvent[] = [
    mallory.make('entry.edited', { target: h.id, text: 'solar flares' }, T0 + 6 * MIN),
    mallory.make('role.assigned', { role: 'commander', person: MALLORY }, T0 + 6 * MIN + 1),
    mallory.make('draft.review', { target: draft.id, state: 'approved', acknowledged: [] }, T0 + 7 * MIN),
    mallory.make('entry.retracted', { target: note.id }, T0 + 8 * MIN),
  ];
  return { honest, hostile, h: h.id, note: note.id, draft: draft.id, alice, bob };
}

/** A deterministic shuffle (mulberry32), so a failure names its seed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('rules enforced by the fold', () => {
  it('keeps signed-but-violating events out of the state, with the reason, however they arrive in the agreed order', () => {
    const { honest, hostile, h, note, draft } = story();
    const expected = fold(honest);
    for (let seed = 1; seed <= 200; seed++) {
      const agreed = [...honest, ...hostile];
      const state = delivered('inc_test000001', agreed, shuffled(agreed, seed), {
        chunk: 1 + (seed % 4),
        positionsFirst: seed % 2 === 0,
      }).state;
      expect(state.entries[h]!.text, `seed ${seed}`).toBe('bad deploy of checkout');
      expect(state.entries[note]!.retracted, `seed ${seed}`).toBeNull();
      expect(state.roles.commander, `seed ${seed}`).toEqual(ALICE);
      expect(state.drafts[draft]!.review.state, `seed ${seed}`).toBe('ready');
      expect(
        state.refused.map((r) => r.id),
        `seed ${seed}`,
      ).toEqual(hostile.map((e) => e.id));
      expect({ ...state, refused: [], eventCount: 0 }, `seed ${seed}`).toEqual({ ...expected, eventCount: 0 });
    }
    const reasons = fold([...honest, ...hostile]).refused.map((r) => r.reason);
    expect(reasons).toEqual([
      "Mallory may not edit Bob's entry; only its author, the commander or the scribe may",
      'Mallory is not the commander (Alice is); only the commander assigns roles',
      'Mallory marked this draft ready; someone else must approve it',
      "Mallory may not retract Bob's entry; only its author, the commander or the scribe may",
    ]);
  });

  it('lets the author, the commander and the scribe change an entry, and anyone bootstrap the roles', () => {
    const { honest, h, note, alice, bob } = story();
    const carol = new EventFactory('inc_test000001', 'o_carol0', { id: 'u_carol00001', name: 'Carol' });
    const state = fold([
      ...honest,
      alice.make('role.assigned', { role: 'scribe', person: { id: 'u_carol00001', name: 'Carol' } }, T0 + 10 * MIN),
      carol.make('entry.edited', { target: h, text: 'scribe tidied' }, T0 + 11 * MIN),
      alice.make('entry.retracted', { target: note }, T0 + 12 * MIN),
      carol.make('role.assigned', { role: 'scribe', person: null }, T0 + 13 * MIN),
      bob.make('entry.edited', { target: h, text: 'author again' }, T0 + 14 * MIN),
    ]);
    expect(state.refused).toEqual([]);
    expect(state.entries[h]!.text).toBe('author again');
    expect(state.entries[note]!.retracted).not.toBeNull();
    expect(state.roles.scribe).toBeUndefined();
  });

  it('refuses an approval from someone without the commander or comms role', () => {
    const { honest, draft } = story();
    const bob = new EventFactory('inc_test000001', 'o_bob001', BOB);
    const state = fold([...honest, bob.make('draft.review', { target: draft, state: 'approved', acknowledged: [] }, T0 + 10 * MIN)]);
    expect(state.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/^Bob holds neither the commander nor the comms role/)]);
    expect(state.drafts[draft]!.review.state).toBe('ready');
  });
});

describe('milestones keep their order on every peer, judged in the agreed order', () => {
  it('of two teammates who set conflicting milestones offline, the one later in the order is refused everywhere', () => {
    const alice = new EventFactory('inc_test000001', 'o_alice0', ALICE);
    const bob = new EventFactory('inc_test000001', 'o_bob000', BOB);
    const opened = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, T0);
    // Bob says impact started at 14:20; Alice, not having seen it, that detection was at 14:10. Bob's is dated
    // later but the hub took it first: Alice's detection before the impact it detected is refused.
    const impact = bob.make('milestone.set', { milestone: 'impact-started', at: T0 + 18 * MIN }, T0 + 30 * MIN);
    const detected = alice.make('milestone.set', { milestone: 'detected', at: T0 + 8 * MIN }, T0 + 20 * MIN);
    const state = fold([opened, impact, detected]);
    expect(state.milestones?.['impact-started']?.at).toBe(T0 + 18 * MIN);
    expect(state.milestones?.detected).toBeUndefined();
    expect(state.refused).toEqual([
      expect.objectContaining({
        id: detected.id,
        code: 'not-permitted',
        reason: 'Alice may not set this milestone: detected (2025-03-03 14:10 UTC) cannot be before impact started (2025-03-03 14:20 UTC)',
      }),
    ]);
    // In the other order the other one is refused: the order decides, not the claimed time.
    expect(fold([opened, detected, impact]).refused.map((r) => r.id)).toEqual([impact.id]);
  });

  it('impact may start up to 30 days before the opening, not 31', () => {
    const alice = new EventFactory('inc_test000001', 'o_alice0', ALICE);
    const opened = alice.make('incident.opened', { title: 'Slow leak', severity: 'SEV2' }, T0);
    const ok = alice.make('milestone.set', { milestone: 'impact-started', at: T0 - 30 * 24 * 60 * MIN }, T0 + MIN);
    expect(fold([opened, ok]).milestones?.['impact-started']?.at).toBe(T0 - 30 * 24 * 60 * MIN);
    const tooOld = alice.make('milestone.set', { milestone: 'impact-started', at: T0 - 31 * 24 * 60 * MIN }, T0 + MIN);
    expect(fold([opened, tooOld]).refused.map((r) => r.id)).toEqual([tooOld.id]);
  });
});

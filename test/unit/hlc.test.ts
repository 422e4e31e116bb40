import { describe, expect, it } from 'vitest';
import { compareHlc, HybridClock, MAX_ADOPTED_SKEW_MS, MAX_FUTURE_DRIFT_MS, MAX_HLC_COUNTER } from '../../src/model/hlc.js';
import { parseEvent } from '../../src/kinds/event.js';

describe('HybridClock', () => {
  it('is strictly monotonic when the wall clock stands still or jumps back', () => {
    let wall = 1_000_000;
    const clock = new HybridClock(() => wall);
    const a = clock.tick();
    const b = clock.tick();
    wall -= 60_000; // NTP steps the clock back a minute
    const c = clock.tick();
    wall += 120_000;
    const d = clock.tick();
    expect(compareHlc(b, a)).toBeGreaterThan(0);
    expect(compareHlc(c, b)).toBeGreaterThan(0);
    expect(compareHlc(d, c)).toBeGreaterThan(0);
    expect(c.ms).toBe(b.ms);
    expect(d).toEqual({ ms: wall, c: 0 });
  });

  it('advances past a received remote stamp a little ahead, so a reply is dated after what it answers', () => {
    const clock = new HybridClock(() => 5_000);
    const received = clock.receive({ ms: 5_000 + MAX_ADOPTED_SKEW_MS, c: 7 });
    expect(received.ok).toBe(true);
    expect(compareHlc(clock.tick(), { ms: 5_000 + MAX_ADOPTED_SKEW_MS, c: 7 })).toBeGreaterThan(0);
  });

  it('takes a stamp minutes ahead with the biggest counter without being dragged along: honest stamps stay on the wall clock', () => {
    let wall = 5_000;
    const clock = new HybridClock(() => wall);
    const attack = { ms: wall + MAX_FUTURE_DRIFT_MS - 12_000, c: MAX_HLC_COUNTER };
    expect(clock.receive(attack).ok).toBe(true);
    const stamps = Array.from({ length: 16 }, () => (wall++, clock.tick()));
    // Every one of them is a stamp any peer accepts (the envelope schema holds it), near the real time.
    for (const at of stamps) {
      expect(at.ms).toBeLessThan(10_000);
      expect(
        parseEvent({
          v: 1,
          id: 'e_stamp0000001',
          incident: 'inc_test000001',
          origin: 'o_x00001',
          seq: 1,
          at,
          actor: { id: 'u_1', name: 'A' },
          kind: 'note.added',
          data: { text: 'x' },
        }).ok,
      ).toBe(true);
    }
  });

  it('never runs its counter past the bound: a burst within one millisecond moves to the next one', () => {
    const clock = new HybridClock(() => 7_000);
    let last = clock.tick();
    for (let i = 0; i < MAX_HLC_COUNTER + 5; i++) {
      const next = clock.tick();
      expect(compareHlc(next, last)).toBeGreaterThan(0);
      expect(next.c).toBeLessThanOrEqual(MAX_HLC_COUNTER);
      last = next;
    }
    expect(last.ms).toBe(7_001);
  });

  it('refuses an envelope whose counter is past the bound (the stamp that froze a room)', () => {
    const at = { ms: 5_000, c: 1_000_000_000 };
    const r = parseEvent({
      v: 1,
      id: 'e_stamp0000001',
      incident: 'inc_test000001',
      origin: 'o_x00001',
      seq: 1,
      at,
      actor: { id: 'u_1', name: 'A' },
      kind: 'note.added',
      data: { text: 'x' },
    });
    expect(r.ok).toBe(false);
  });

  it('refuses a remote stamp absurdly far in the future and stays where it was', () => {
    const clock = new HybridClock(() => 5_000);
    const before = clock.tick();
    const r = clock.receive({ ms: 5_000 + MAX_FUTURE_DRIFT_MS + 1, c: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/ahead of this clock/);
    expect(clock.peek()).toEqual(before);
  });
});

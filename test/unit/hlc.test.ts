import { describe, expect, it } from 'vitest';
import { compareHlc, HybridClock, MAX_FUTURE_DRIFT_MS } from '../../src/model/hlc.js';

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

  it('advances past a received remote stamp so later local events sort after it', () => {
    const clock = new HybridClock(() => 5_000);
    const received = clock.receive({ ms: 9_000, c: 7 });
    expect(received.ok).toBe(true);
    expect(compareHlc(clock.tick(), { ms: 9_000, c: 7 })).toBeGreaterThan(0);
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

import { describe, expect, it } from 'vitest';
import { relativeTime, windowClock } from '../../renderer/lib/time-format.js';

const T = Date.UTC(2026, 11, 7, 15, 37);

describe('the window’s one clock', () => {
  it('never reads a time as the future: a clock running fast elsewhere reads as just now', () => {
    expect(relativeTime(T + 10_000, T)).toBe('just now');
    expect(relativeTime(T + 3 * 60_000, T)).toBe('just now');
    expect(relativeTime(T - 4 * 60_000, T)).toBe('4 minutes ago');
  });

  it('writes every clock time one way: the zone always, 24-hour or 12-hour as the person prefers, the date when not today', () => {
    expect(windowClock(T, T, 'UTC', false)).toBe('15:37 UTC');
    expect(windowClock(T, T, 'America/Los_Angeles', true)).toBe('7:37 AM PST');
    expect(windowClock(T, T, 'Europe/Paris', false)).toMatch(/^16:37 (?:CET|GMT\+1)$/);
    expect(windowClock(T - 2 * 86_400_000, T, 'UTC', false)).toBe('5 Dec 15:37 UTC');
  });
});

describe('the clock the person chose in Settings', () => {
  it('overrides the system habit for every clock time written after it, and "system" gives it back', async () => {
    const { prefersTwelveHours, setClockHabit } = await import('../../renderer/lib/time-format.js');
    const system = prefersTwelveHours();
    try {
      setClockHabit('12h');
      expect(windowClock(T, T, 'UTC')).toBe('3:37 PM UTC');
      setClockHabit('24h');
      expect(windowClock(T, T, 'UTC')).toBe('15:37 UTC');
      setClockHabit('system');
      expect(prefersTwelveHours()).toBe(system);
    } finally {
      setClockHabit('system');
    }
  });
});

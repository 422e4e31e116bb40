import { describe, expect, it } from 'vitest';
import { formatDuration, resolveTimeZone, timeFormatter } from '../../src/export/time-zone.js';

describe('export time zones', () => {
  it('defaults to UTC, accepts IANA names in any case, refuses unknown zones with a clear message', () => {
    expect(resolveTimeZone(undefined)).toEqual({ ok: true, value: 'UTC' });
    expect(resolveTimeZone('  ')).toEqual({ ok: true, value: 'UTC' });
    expect(resolveTimeZone('europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    const bad = resolveTimeZone('Mars/Olympus_Mons');
    expect(bad).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown time zone "Mars\/Olympus_Mons": use an IANA name such as UTC/),
    });
    expect(() => timeFormatter('Mars/Olympus_Mons')).toThrow(/unknown time zone/);
  });

  it('formats across daylight-saving changes, half-hour zones and millisecond edges', () => {
    const berlin = timeFormatter('Europe/Berlin');
    expect(berlin.human(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe('2024-03-31 01:59:59 +01:00');
    expect(berlin.human(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe('2024-03-31 03:00:00 +02:00');
    expect(berlin.iso(Date.UTC(2024, 9, 27, 0, 59, 59, 999))).toBe('2024-10-27T02:59:59.999+02:00');
    expect(berlin.iso(Date.UTC(2024, 9, 27, 1, 0, 0, 5))).toBe('2024-10-27T02:00:00.005+01:00');
    expect(timeFormatter('Asia/Kathmandu').human(Date.UTC(2024, 0, 1, 0, 0, 30))).toBe('2024-01-01 05:45:30 +05:45');
    expect(timeFormatter('America/St_Johns').iso(Date.UTC(2024, 0, 1, 0, 0, 0))).toBe('2023-12-31T20:30:00.000-03:30');
    const utc = timeFormatter('UTC');
    expect(utc.human(0)).toBe('1970-01-01 00:00:00 UTC');
    expect(utc.iso(Date.UTC(2024, 1, 29, 23, 59, 59, 1))).toBe('2024-02-29T23:59:59.001Z');
  });

  it('agrees with Intl for many instants in many zones', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Tehran', 'America/Sao_Paulo'];
    for (const zone of zones) {
      const f = timeFormatter(zone);
      const intl = new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 29 * 3_600_000 + 17_123) {
        expect(f.human(ms).slice(0, 19), `${zone} ${new Date(ms).toISOString()}`).toBe(intl.format(ms));
      }
    }
  });

  it('says how long something took', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(50 * 60_000)).toBe('50 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe('3 d 1 h');
  });
});

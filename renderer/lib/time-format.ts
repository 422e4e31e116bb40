import { format, formatDistanceStrict } from 'date-fns';

/**
 * "just now", "4 minutes ago": how long ago, for a timeline read at a glance. Never "in 10 seconds": what is
 * shown has happened, and a time ahead of this clock is another machine's clock running fast (skew), so it
 * reads as now.
 */
export function relativeTime(ms: number, now: number): string {
  if (now - ms < 10_000) return 'just now';
  return formatDistanceStrict(ms, now, { addSuffix: true, roundingMethod: 'floor' });
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The window's one clock: "15:37 CET" or "3:37 PM PST", in this machine's zone and its locale's 24-hour or
 * 12-hour habit (the user's preference, as set in their system), always with the zone; the date in front when
 * it is not today's ("4 Mar 15:37 CET"). Every clock time on screen is this one.
 */
export function windowClock(ms: number, now: number, zoneName = localZoneName(), hour12 = prefersTwelveHours()): string {
  const key = `${zoneName}|${hour12}`;
  let fmt = clockFormats.get(key);
  if (!fmt) {
    const zone = zoneName === 'local' ? {} : { timeZone: zoneName };
    fmt = new Intl.DateTimeFormat(hour12 ? 'en-US' : 'en-GB', {
      ...zone,
      hour: 'numeric',
      minute: '2-digit',
      hour12,
      timeZoneName: 'short',
    });
    clockFormats.set(key, fmt);
  }
  const time = fmt.format(ms);
  const day = (t: number) => new Date(t).toLocaleDateString('en-GB', zoneName === 'local' ? {} : { timeZone: zoneName });
  if (day(ms) === day(now)) return time;
  return `${new Date(ms).toLocaleDateString('en-GB', { ...(zoneName === 'local' ? {} : { timeZone: zoneName }), day: 'numeric', month: 'short' })} ${time}`;
}

let twelve: boolean | null = null;
/** The person's choice in Settings (true: AM/PM); null follows the system's habit. */
let chosen: boolean | null = null;

/** Settings' clock choice, for every clock time the window writes from now on. */
export function setClockHabit(clock: 'system' | '24h' | '12h'): void {
  chosen = clock === 'system' ? null : clock === '12h';
}

/** Whether clock times carry AM/PM: the person's choice, else this machine's locale (en-US does; en-GB, de, fr do not). */
export function prefersTwelveHours(): boolean {
  if (chosen !== null) return chosen;
  if (twelve === null) {
    try {
      const cycle = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle;
      twelve = cycle === 'h11' || cycle === 'h12';
    } catch {
      twelve = false;
    }
  }
  return twelve;
}

/** "2025-03-04 14:02:07 UTC": the absolute time everyone on the call can agree on. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "14:02:07 local" with the date when it is not today's. */
export function localTime(ms: number, now: number): string {
  const sameDay = format(ms, 'yyyy-MM-dd') === format(now, 'yyyy-MM-dd');
  return sameDay ? format(ms, 'HH:mm:ss') : format(ms, 'yyyy-MM-dd HH:mm:ss');
}

/** The hover text of a time: UTC and local, both absolute. */
export function absoluteTitle(ms: number, now: number, zone = localZoneName()): string {
  return `${utcTime(ms)} · ${localTime(ms, now)} ${zone}`;
}

let zone: { name: string; at: number } | null = null;

/**
 * The machine's time zone name. Every timestamp on screen asks for it, and building an Intl.DateTimeFormat
 * costs a fraction of a millisecond: enough to drop frames while scrolling a long timeline. Looked up again
 * after a minute, so a laptop that changed zones catches up.
 */
export function localZoneName(): string {
  const now = Date.now();
  if (zone && now - zone.at < 60_000) return zone.name;
  let name = 'local';
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
  } catch {
    // keep 'local'
  }
  zone = { name, at: now };
  return name;
}

/** "1:04:12" (or "4:12" under an hour): a running clock for durations and countdowns. */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

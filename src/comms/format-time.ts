// Times as customers read them: a clock time with its zone, and the date when it is not today.
import { resolveTimeZone } from '../export/time-zone.js';

/** The one zone resolver: an unknown zone is refused with a reason a person can act on, never swapped for another. */
function zoneOf(tz: string | undefined): string {
  const zone = resolveTimeZone(tz);
  if (!zone.ok) throw new RangeError(zone.error);
  return zone.value;
}

// Building an Intl.DateTimeFormat costs far more than using one, and the drafts pane formats times on every
// keystroke: one formatter per zone, kept.
const clockFormats = new Map<string, Intl.DateTimeFormat>();
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function clockFormat(tz: string): Intl.DateTimeFormat {
  let fmt = clockFormats.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(tz, fmt);
  }
  return fmt;
}

function parts(ms: number, tz: string): Record<string, string> {
  const fmt = clockFormat(tz);
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** "UTC", "CET", "GMT+1": the short name customers recognise. */
export function zoneLabel(ms: number, tz: string): string {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 'UTC';
  let fmt = zoneFormats.get(tz);
  if (!fmt) zoneFormats.set(tz, (fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })));
  const name = fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return name?.value ?? tz;
}

/**
 * "14:02 UTC", or "14:02 UTC on 3 March" when that day is not `now`'s day in the zone. Throws a RangeError
 * naming the zone when the runtime does not know it.
 */
export function formatClock(ms: number, options: { tz?: string | undefined; now?: number } = {}): string {
  const tz = zoneOf(options.tz);
  const p = parts(ms, tz);
  const clock = `${p.hour}:${p.minute} ${zoneLabel(ms, tz)}`;
  if (options.now === undefined) return clock;
  const today = parts(options.now, tz);
  if (today.day === p.day && today.month === p.month && today.year === p.year) return clock;
  return `${clock} on ${p.day} ${p.month}${today.year === p.year ? '' : ` ${p.year}`}`;
}

/** "1 h 8 min", "25 min", "40 s": customers read durations without the zero padding a postmortem table uses. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

// Times as customers read them: a clock time with its zone, and the date when it is not today.

export const DEFAULT_TIME_ZONE = 'UTC';

/** The zone to use: the one asked for when the runtime knows it, else UTC (never a wrong zone, at worst a less convenient one). */
export function resolveTimeZone(tz: string | undefined): string {
  if (!tz) return DEFAULT_TIME_ZONE;
  try {
    clockFormat(tz);
    return tz;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
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

/** "14:02 UTC", or "14:02 UTC on 3 March" when that day is not `now`'s day in the zone. */
export function formatClock(ms: number, options: { tz?: string; now?: number } = {}): string {
  const tz = resolveTimeZone(options.tz);
  const p = parts(ms, tz);
  const clock = `${p.hour}:${p.minute} ${zoneLabel(ms, tz)}`;
  if (options.now === undefined) return clock;
  const today = parts(options.now, tz);
  if (today.day === p.day && today.month === p.month && today.year === p.year) return clock;
  return `${clock} on ${p.day} ${p.month}${today.year === p.year ? '' : ` ${p.year}`}`;
}

/** "1 h 8 min", "25 min", "40 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

import { fail, ok, type Result } from '../model/result.js';

export const DEFAULT_TIME_ZONE = 'UTC';

/** Options of the human-readable writers (Markdown, CSV, HTML). */
export interface TextExportOptions {
  /** IANA zone for every time shown; UTC when absent. */
  tz?: string;
}

/**
 * Checks a zone name against the runtime's own zone database (Intl works the same in Node and in the renderer)
 * and returns its canonical spelling ("europe/berlin" -> "Europe/Berlin").
 */
export function resolveTimeZone(zone: string | undefined): Result<string> {
  const wanted = zone?.trim() || DEFAULT_TIME_ZONE;
  const known = knownZones.get(wanted);
  if (known !== undefined) return ok(known);
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: wanted }).resolvedOptions().timeZone;
    // Drafts format times on every keystroke and building a formatter is slow: remember the few zones in use.
    if (knownZones.size < 64) knownZones.set(wanted, canonical);
    return ok(canonical);
  } catch {
    return fail(`unknown time zone "${wanted.slice(0, 80)}": use an IANA name such as UTC, Europe/Berlin or America/New_York`);
  }
}

const knownZones = new Map<string, string>();

export interface TimeFormatter {
  readonly zone: string;
  /** "2024-03-05 15:03:07 +01:00" (or "... UTC"): for people, in the chosen zone. */
  human(ms: number): string;
  /** ISO 8601 with the zone's offset, "2024-03-05T15:03:07.123+01:00" (or "...Z" in UTC): for spreadsheets and scripts. */
  iso(ms: number): string;
}

const MINUTE = 60_000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** One minute of local time as text, down to the minute, with the zone's offset there. */
interface Minute {
  offset: number;
  /** "2024-03-05 15:03:" and "2024-03-05T15:03:" */
  human: string;
  iso: string;
  humanZone: string;
  isoZone: string;
}

/** "+05:30", "-08:00". */
function offsetLabel(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offset) / MINUTE);
  return `${sign}${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

function describeMinute(ms: number, offset: number, isUtc: boolean): Minute {
  const d = new Date(ms + offset);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:`;
  return {
    offset,
    human: `${date} ${hm}`,
    iso: `${date}T${hm}`,
    humanZone: isUtc ? ' UTC' : ` ${offsetLabel(offset)}`,
    isoZone: isUtc ? 'Z' : offsetLabel(offset),
  };
}

/**
 * Formats many timestamps fast. Intl.formatToParts is slow, so it is asked once per distinct minute for the
 * zone's offset there, and everything down to the minute is cached as text: a timeline's rows mostly share
 * their minute with a neighbour. Offsets change only on whole minutes in every zone since 1972; an older,
 * odd offset (with seconds) is handled, just without the cache.
 */
export function timeFormatter(zone: string): TimeFormatter {
  const resolved = resolveTimeZone(zone);
  if (!resolved.ok) throw new RangeError(resolved.error);
  const name = resolved.value;
  const isUtc = name === 'UTC' || name === 'Etc/UTC';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  const minutes = new Map<number, Minute>();

  const offsetAt = (ms: number): number => {
    if (isUtc) return 0;
    const f: Record<string, number> = {};
    for (const p of parts.formatToParts(ms)) if (p.type !== 'literal') f[p.type] = Number(p.value);
    return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) - Math.floor(ms / 1000) * 1000;
  };

  const describe = (ms: number, offset: number): Minute => describeMinute(ms, offset, isUtc);

  const minuteOf = (ms: number): Minute => {
    const key = Math.floor(ms / MINUTE);
    let m = minutes.get(key);
    if (m === undefined) {
      const start = key * MINUTE;
      m = describe(start, offsetAt(start));
      minutes.set(key, m);
    }
    return m;
  };

  const split = (ms: number): { m: Minute; local: number } => {
    let m = minuteOf(ms);
    if (m.offset % MINUTE !== 0) m = describe(ms, offsetAt(ms));
    return { m, local: ms + m.offset };
  };
  const seconds = (local: number): string => pad(((Math.floor(local / 1000) % 60) + 60) % 60);

  return {
    zone: name,
    human(ms) {
      const { m, local } = split(ms);
      return m.human + seconds(local) + m.humanZone;
    },
    iso(ms) {
      const { m, local } = split(ms);
      return `${m.iso}${seconds(local)}.${pad(((local % 1000) + 1000) % 1000, 3)}${m.isoZone}`;
    },
  };
}

/** "2 h 05 min", "45 s": how long something took, for people. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${pad(minutes % 60)} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

import { absoluteTitle, relativeTime, windowClock } from '../lib/time-format.js';
import { useWarRoom } from '../state/store.js';

/** "4 minutes ago" with the absolute time (UTC and local) on hover, and in the markup for screen readers. */
export function TimeStamp({ at, now, showClock = false }: { at: number; now: number; showClock?: boolean }) {
  useWarRoom((s) => s.prefs?.clock); // a new clock choice redraws every time on screen
  const title = absoluteTitle(at, now);
  return (
    <time dateTime={new Date(at).toISOString()} title={title}>
      {relativeTime(at, now)}
      {showClock ? <span className="clock"> · {windowClock(at, now)}</span> : null}
      <span className="visually-hidden"> ({title})</span>
    </time>
  );
}

let zone: string | null = null;

/**
 * This machine's IANA zone, for times written into customer updates; UTC when the runtime cannot say. Asked
 * once per window: resolvedOptions() builds a whole formatter, too slow to repeat on every keystroke.
 */
export function localTimeZone(): string {
  if (zone === null) {
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      zone = 'UTC';
    }
  }
  return zone;
}

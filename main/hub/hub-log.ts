export type LogFormat = 'text' | 'json';
export type LogLevel = 'info' | 'warn' | 'error';

export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/**
 * One log line per call, with its time and level: `text` for a person at a terminal, `json` (one object per
 * line: time, level, message) for journald, Docker and log shippers.
 */
export function createLogWriter(
  format: LogFormat,
  write: (line: string) => void,
  options: { now?: () => number; source?: string } = {},
): (level: LogLevel, message: string) => void {
  const now = options.now ?? Date.now;
  const source = options.source ? `${options.source}: ` : '';
  return (level, message) => {
    const time = new Date(now()).toISOString();
    write(format === 'json' ? JSON.stringify({ time, level, message }) : `${time} ${level.toUpperCase().padEnd(5)} ${source}${message}`);
  };
}

/** The hub reports in plain sentences; refusals and failures are what an operator filters for. */
export function levelOfHubLine(line: string): LogLevel {
  if (/\b(failed|could not|cannot)\b/i.test(line)) return 'error';
  if (/^refused\b|\bline \d+:|not ready/i.test(line)) return 'warn';
  return 'info';
}

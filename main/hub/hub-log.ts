import { pino } from 'pino';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** What an operator filters on: the room (incident), the peer (actor id) and the refusal or error code. */
export interface HubLogFields {
  room?: string;
  peer?: string;
  code?: string;
  [field: string]: string | number | boolean | undefined;
}

/** How the hub reports: the caller says how serious it is, the message says what happened in words. */
export type HubLog = (level: LogLevel, message: string, fields?: HubLogFields) => void;

export interface HubLoggerOptions {
  format: LogFormat;
  /** Lines below this level are dropped. */
  level?: LogLevel;
  /** Where each finished line goes (stderr). */
  write: (line: string) => void;
  now?: () => number;
}

/**
 * The hub's log, through pino: `json` is pino's own line (time, level as a word, msg, fields) for journald,
 * Docker and log shippers; `text` is the same record laid out for a person at a terminal.
 */
export function createHubLog(options: HubLoggerOptions): HubLog {
  const now = options.now ?? Date.now;
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => options.write(options.format === 'json' ? line.trimEnd() : asText(line)) },
  );
  return (level, message, fields) => {
    if (fields) logger[level](withoutUndefined(fields), message);
    else logger[level](message);
  };
}

/** `2026-03-24T10:00:00.000Z WARN  hub: refused a connection: … code=no-token` */
function asText(line: string): string {
  const { time, level, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const extra = Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  return `${String(time)} ${String(level).toUpperCase().padEnd(5)} hub: ${String(msg)}${extra.join('')}`;
}

function withoutUndefined(fields: HubLogFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

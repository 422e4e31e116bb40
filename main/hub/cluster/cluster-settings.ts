// What `warroom hub --storage ... --redis ...` names, checked without loading the database or Redis clients.

/** Where several hubs keep what they share: a Postgres URL, and a Redis URL for live fan-out between them. */
export interface ClusterSettings {
  /** postgres://user:password@host:5432/database */
  storage: string;
  /**
   * redis://host:6379: needed as soon as more than one hub serves a room (without it, a hub learns of the
   * others' events only every few seconds).
   */
  redis?: string;
}

export function checkClusterSettings(settings: ClusterSettings): string | null {
  if (!/^postgres(ql)?:\/\/./.test(settings.storage)) return `--storage must be a postgres:// URL, not "${redactUrl(settings.storage)}"`;
  if (settings.redis !== undefined && !/^rediss?:\/\/./.test(settings.redis)) return '--redis must be a redis:// or rediss:// URL';
  return null;
}

/** A URL fit for a log line: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(a URL that does not parse)';
  }
}

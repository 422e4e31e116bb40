import type { HubChannels } from '../../src/ipc/contract.js';
import { windowClock } from '../lib/time-format.js';

type Delivery = HubChannels['deliveries'][number];

const STATE_WORDS: Record<Delivery['state'], string> = {
  pending: 'waiting to send',
  retrying: 'retrying',
  delivered: 'delivered',
  dead: 'given up',
};

/** What a chat channel was told (the hub's happening types, main/hub/channels/room-happenings.ts), in the team's words. */
const WHAT: Record<string, string> = {
  'incident.opened': 'incident opened',
  'incident.status_changed': 'status change',
  'incident.severity_changed': 'severity change',
  'statement.updated': 'statement update',
  'update.published': 'published update',
};

export interface WebhookLogLine {
  id: string;
  state: Delivery['state'];
  text: string;
}

/**
 * The hub's webhook delivery log as a person reads it, what went wrong first: every delivery the hub gave up on
 * (its dead letters) with the last error, then the newest deliveries (at most `limit`), each with where it went,
 * how many tries, the last error and when.
 */
export function webhookLogLines(hub: Pick<HubChannels, 'deliveries' | 'deadLetters'>, now: number, limit = 10): WebhookLogLine[] {
  const line = (d: Delivery): WebhookLogLine => {
    const tries = d.attempts > 1 ? `, ${d.attempts} tries` : '';
    const error = d.lastError && d.state !== 'delivered' ? `: ${d.lastError}` : '';
    const next = d.state === 'retrying' && d.nextAt !== null ? `, next try ${windowClock(d.nextAt, now)}` : '';
    const what = WHAT[d.type] ?? d.type;
    return {
      id: d.id,
      state: d.state,
      text: `${windowClock(d.updatedAt, now)} ${what} to ${d.host} (${d.format}): ${STATE_WORDS[d.state]}${tries}${next}${error}`,
    };
  };
  const dead = [...hub.deadLetters].sort((a, b) => b.updatedAt - a.updatedAt);
  const deadIds = new Set(dead.map((d) => d.id));
  const recent = hub.deliveries
    .filter((d) => !deadIds.has(d.id))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, limit);
  return [...dead, ...recent].map(line);
}

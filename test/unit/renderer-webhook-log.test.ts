import { afterEach, describe, expect, it } from 'vitest';
import { webhookLogLines } from '../../renderer/drafts/webhook-log.js';
import { setClockHabit } from '../../renderer/lib/time-format.js';

const T = Date.UTC(2026, 11, 7, 15, 37);
const delivery = (over: Partial<Parameters<typeof webhookLogLines>[0]['deliveries'][number]>) => ({
  id: 'd_1',
  webhook: 'w_slack0001',
  format: 'slack',
  host: 'hooks.slack.com',
  room: 'inc_1',
  type: 'incident.status_changed',
  state: 'delivered' as const,
  attempts: 1,
  lastError: null,
  createdAt: T - 60_000,
  updatedAt: T - 60_000,
  nextAt: null,
  ...over,
});

afterEach(() => setClockHabit('system'));

describe('the webhook delivery log in the drafts pane', () => {
  it('puts what the hub gave up on first, with its last error, then the newest deliveries in the team’s words', () => {
    setClockHabit('24h');
    const dead = delivery({
      id: 'd_dead',
      host: 'chat.example',
      format: 'json',
      type: 'update.published',
      state: 'dead',
      attempts: 6,
      lastError: 'HTTP 500',
      updatedAt: T - 5_000,
    });
    const lines = webhookLogLines(
      {
        deadLetters: [dead],
        deliveries: [
          dead,
          delivery({ id: 'd_old', updatedAt: T - 600_000 }),
          delivery({
            id: 'd_retry',
            state: 'retrying',
            attempts: 2,
            lastError: 'connect ECONNREFUSED 127.0.0.1:9',
            nextAt: T + 30_000,
            updatedAt: T - 1_000,
          }),
        ],
      },
      T,
    );
    expect(lines.map((l) => l.id)).toEqual(['d_dead', 'd_retry', 'd_old']);
    expect(lines[0]!.text).toMatch(/published update to chat\.example \(json\): given up, 6 tries: HTTP 500$/);
    expect(lines[1]!.text).toMatch(
      /status change to hooks\.slack\.com \(slack\): retrying, 2 tries, next try 15:37 \S+: connect ECONNREFUSED/,
    );
    expect(lines[2]!.text).toMatch(/status change to hooks\.slack\.com \(slack\): delivered$/);
  });

  it('shows at most the newest ten deliveries, and nothing when there were none', () => {
    const many = Array.from({ length: 30 }, (_, i) => delivery({ id: `d_${i}`, updatedAt: T - i * 1000 }));
    expect(webhookLogLines({ deadLetters: [], deliveries: many }, T).map((l) => l.id)).toEqual(many.slice(0, 10).map((d) => d.id));
    expect(webhookLogLines({ deadLetters: [], deliveries: [] }, T)).toEqual([]);
  });
});

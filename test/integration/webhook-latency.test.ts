import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSettingsFile } from '../../main/hub/channels/channel-settings.js';
import { cleanupTempDirs, waitFor } from '../helpers/hub-peers.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import { must, teamRoom, type TeamRoom } from '../helpers/team-room.js';

let team: TeamRoom | null = null;
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await team?.close();
  team = null;
  for (const c of closers.splice(0)) await c();
  await cleanupTempDirs();
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Alice updates the current status (which the hub folds and posts to every webhook); how long until Bob's app has it. */
async function statementLatencies(t: TeamRoom, n: number, label: string): Promise<number[]> {
  const arrived = new Map<string, number>();
  const stop = t.bob.warRoom.onEvents((_incident, events) => {
    for (const e of events) arrived.set(e.id, performance.now());
  });
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const sent = performance.now();
      const e = must(
        await t.alice.warRoom.record(t.incident, 'status.statement', { impact: `${label} ${i}`, doing: 'failing over', next: '15:00 UTC' }),
      );
      await waitFor(() => arrived.has(e.id), `statement ${label} ${i} at Bob`);
      out.push(arrived.get(e.id)! - sent);
      await new Promise((r) => setTimeout(r, 30));
    }
  } finally {
    stop();
  }
  return out;
}

const useWebhook = async (t: TeamRoom, url: string, label: string) => {
  must(await new ChannelSettingsFile(t.hub.dataDir).update((s) => ({ ...s, webhooks: [{ id: 'w_latency01', format: 'slack', url }] })));
  await new Promise((r) => setTimeout(r, 1_100)); // the hub re-reads its settings at most once a second
  must(await t.alice.warRoom.record(t.incident, 'status.statement', { impact: label, doing: '', next: '' }));
};

describe('webhook deliveries never slow the room', () => {
  it("a receiver that hangs for 60 s does not delay a teammate's live event (same run: no webhook, a prompt one, a hanging one)", async () => {
    // The hanging one holds every call for a minute: the hub's own timeout (10 s by default) ends each try, then it retries.
    const hanging = await startWebhookReceiver(() => ({ hangMs: 60_000 }));
    const prompt = await startWebhookReceiver(() => 200);
    closers.push(hanging.close, prompt.close);
    team = await teamRoom();
    await statementLatencies(team, 5, 'warm-up');
    const none = await statementLatencies(team, 20, 'none');

    await useWebhook(team, prompt.url, 'prompt webhook on');
    await waitFor(() => prompt.calls.length >= 1, 'the prompt receiver to be called');
    const withPrompt = await statementLatencies(team, 20, 'prompt');

    await useWebhook(team, hanging.url, 'hanging webhook on');
    await waitFor(() => hanging.calls.length >= 1, 'the hanging receiver to be called');
    const withHanging = await statementLatencies(team, 20, 'hanging');

    // The deliveries really were stuck meanwhile: calls held open, none of them delivered.
    expect(hanging.calls.length).toBeGreaterThanOrEqual(4);
    const log = team.hub.hub.channels.webhooks.log(team.incident);
    expect(log.filter((d) => d.state === 'delivered' && d.host === new URL(hanging.url).host)).toEqual([]);
    const [a, b, c] = [median(none), median(withPrompt), median(withHanging)];
    console.log(
      `statement latency median: no webhook ${a.toFixed(1)} ms, prompt receiver ${b.toFixed(1)} ms, hanging receiver ${c.toFixed(1)} ms ` +
        `(hanging/prompt ${(c / b).toFixed(2)}x, hanging/none ${(c / a).toFixed(2)}x)`,
    );
    // A ratio within one run, not a time: a hang that blocked the push path would cost seconds per event, not percent.
    expect(c / b).toBeLessThan(3);
  }, 120_000);
});

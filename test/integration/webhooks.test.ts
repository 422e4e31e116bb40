import { createHmac, timingSafeEqual } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSettingsFile, CHANNELS_FILE, type WebhookSettings } from '../../main/hub/channels/channel-settings.js';
import { DEAD_LETTER_FILE } from '../../main/hub/channels/webhook-queue.js';
import { cleanupTempDirs, startTestHub, tempDir, waitFor, type TestHub } from '../helpers/hub-peers.js';
import { webhookProblems } from '../helpers/webhook-schemas.js';
import { startWebhookReceiver, type Answer, type ReceivedCall } from '../helpers/webhook-receiver.js';
import { must, publishApproved, teamRoom, type TeamRoom } from '../helpers/team-room.js';

const SECRET = 'a-signing-secret-the-receiver-shares';
const FAST = { baseDelayMs: 20, maxAttempts: 4, timeoutMs: 2_000 };

let team: TeamRoom | null = null;
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await team?.close();
  team = null;
  for (const c of closers.splice(0)) await c();
  await cleanupTempDirs();
});

async function receiver(answer?: (n: number, call: ReceivedCall) => Answer) {
  const r = await startWebhookReceiver(answer);
  closers.push(r.close);
  return r;
}

/** A hub whose channels.json lists these webhooks (written before it starts, as an operator does by hand). */
async function hubWithWebhooks(webhooks: WebhookSettings[]): Promise<TestHub> {
  const dataDir = await tempDir('warroom-hubdata-');
  must(await new ChannelSettingsFile(dataDir).update((s) => ({ ...s, webhooks })));
  const hub = await startTestHub({ dataDir, channels: { webhooks: FAST } });
  closers.push(() => hub.close());
  return hub;
}

/** What a receiver of the generic format does: recompute the HMAC over timestamp + "." + body, compare in constant time. */
function signatureHolds(call: ReceivedCall, secret: string): boolean {
  const ts = String(call.headers['x-warroom-timestamp'] ?? '');
  const sig = String(call.headers['x-warroom-signature'] ?? '');
  if (!/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 300 || !sig.startsWith('sha256=')) return false;
  const want = Buffer.from(createHmac('sha256', secret).update(`${ts}.${call.body}`).digest('hex'));
  const got = Buffer.from(sig.slice('sha256='.length));
  return want.length === got.length && timingSafeEqual(want, got);
}

const typeOf = (c: ReceivedCall): string => (c.json as { type?: string } | null)?.type ?? '';

describe('chat and automation webhooks', () => {
  it('retries a failing receiver with backoff until it takes the call, signed so the receiver can verify it', async () => {
    // The receiver fails the first two tries of the "incident opened" call, then takes it.
    let openedTries = 0;
    const json = await receiver((_n, call) =>
      typeOf(call) === 'incident.opened' && ++openedTries <= 2 ? (openedTries === 1 ? 500 : 503) : 200,
    );
    const hub = await hubWithWebhooks([{ id: 'w_json0001', format: 'json', url: json.url, secret: SECRET }]);
    team = await teamRoom({ hub });
    await waitFor(() => json.calls.filter((c) => typeOf(c) === 'incident.opened').length === 3, 'the third try');
    const opened = json.calls.filter((c) => typeOf(c) === 'incident.opened');
    for (const call of opened) {
      expect(signatureHolds(call, SECRET)).toBe(true);
      expect(signatureHolds(call, 'some other secret')).toBe(false);
    }
    // The same delivery each time (one id), with the incident's facts.
    expect(new Set(opened.map((c) => (c.json as { id: string }).id)).size).toBe(1);
    expect(opened[0]!.json).toMatchObject({
      type: 'incident.opened',
      incident: { id: team.incident, title: 'Checkout failing for EU customers', severity: 'SEV1', status: 'investigating' },
      actor: 'Alice',
    });
    // A tampered body fails the check.
    expect(signatureHolds({ ...opened[2]!, body: opened[2]!.body.replace('SEV1', 'SEV4') }, SECRET)).toBe(false);
    // The room's delivery log, as the window asks for it: delivered on the third try.
    await waitFor(
      async () => (await team!.alice.client!.channels()).deliveries.some((d) => d.type === 'incident.opened' && d.state === 'delivered'),
      'the log',
    );
    const answer = await team.alice.client!.channels();
    expect(answer.deliveries.find((d) => d.type === 'incident.opened')).toMatchObject({
      state: 'delivered',
      attempts: 3,
      host: new URL(json.url).host,
      format: 'json',
    });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(JSON.stringify(answer)).not.toContain('/hook');
  });

  it('posts each happening to Slack, Teams and Mattermost in their documented shapes, and the generic JSON for automation', async () => {
    const slack = await receiver();
    const teams = await receiver();
    const mattermost = await receiver();
    const json = await receiver();
    const hub = await hubWithWebhooks([
      { id: 'w_slack0001', format: 'slack', url: slack.url },
      { id: 'w_teams0001', format: 'teams', url: teams.url },
      { id: 'w_mattermost1', format: 'mattermost', url: mattermost.url },
      { id: 'w_json0002', format: 'json', url: json.url, secret: SECRET },
    ]);
    team = await teamRoom({ hub });
    const { alice, incident } = team;
    must(await alice.warRoom.record(incident, 'incident.visibility', { public: true }));
    must(await alice.warRoom.record(incident, 'incident.updated', { status: 'identified' }));
    must(await alice.warRoom.record(incident, 'incident.updated', { severity: 'SEV2', reason: 'only EU card payments fail' }));
    must(
      await alice.warRoom.record(incident, 'status.statement', {
        impact: 'EU card payments fail <!channel>',
        doing: 'moving traffic off the stalled replica',
        next: '15:00 UTC',
      }),
    );
    await publishApproved(team, {
      text: 'Since 14:02 UTC EU card payments fail. We found the cause. Next update by 15:00 UTC.',
      channel: 'status-page',
    });
    const types = ['incident.opened', 'incident.status_changed', 'incident.severity_changed', 'statement.updated', 'update.published'];
    await waitFor(() => [slack, teams, mattermost, json].every((r) => r.calls.length === types.length), 'every receiver to hear all five');
    expect(json.calls.map(typeOf)).toEqual(types);
    for (const call of slack.calls) expect(webhookProblems('slack', call.json)).toEqual([]);
    for (const call of teams.calls) expect(webhookProblems('teams', call.json)).toEqual([]);
    for (const call of mattermost.calls) expect(webhookProblems('mattermost', call.json)).toEqual([]);
    // Slack markup in room text is escaped: a statement cannot ping the whole channel.
    expect(slack.calls[3]!.body).toContain('&lt;!channel&gt;');
    expect(slack.calls[3]!.body).not.toContain('<!channel>');
    expect(json.calls[2]!.json).toMatchObject({ data: { from: 'SEV1', to: 'SEV2' }, text: 'only EU card payments fail' });
    expect(json.calls[4]!.json).toMatchObject({
      type: 'update.published',
      link: `${hub.hub.url}/status#${incident}`,
      data: { channel: 'status-page' },
    });
    for (const call of json.calls) expect(signatureHolds(call, SECRET)).toBe(true);
  });

  it('gives up after the last try and keeps a dead letter; a receiver that says the request is wrong is not asked again', async () => {
    const down = await receiver(() => 502);
    const gone = await receiver(() => 404);
    const hub = await hubWithWebhooks([
      { id: 'w_down00001', format: 'slack', url: down.url },
      { id: 'w_gone00001', format: 'mattermost', url: gone.url },
    ]);
    team = await teamRoom({ hub });
    await waitFor(async () => (await team!.alice.client!.channels()).deadLetters.length === 2, 'two dead letters');
    const { deadLetters } = await team.alice.client!.channels();
    expect(deadLetters.find((d) => d.webhook === 'w_down00001')).toMatchObject({
      state: 'dead',
      attempts: FAST.maxAttempts,
      lastError: expect.stringMatching(/^HTTP 502/),
    });
    expect(deadLetters.find((d) => d.webhook === 'w_gone00001')).toMatchObject({
      state: 'dead',
      attempts: 1,
      lastError: expect.stringMatching(/^HTTP 404/),
    });
    expect(down.calls).toHaveLength(FAST.maxAttempts);
    expect(gone.calls).toHaveLength(1);
    expect((await stat(join(hub.dataDir, DEAD_LETTER_FILE))).mode & 0o777).toBe(0o600);
    // A restarted hub still lists them.
    await hub.close();
    const again = await startTestHub({ dataDir: hub.dataDir, port: hub.hub.port, channels: { webhooks: FAST } });
    closers.push(() => again.close());
    expect(await again.hub.channels.webhooks.deadLetters(team.incident)).toHaveLength(2);
  });
});

describe('webhook settings and addresses a hub refuses', () => {
  it('refuses any scheme but http and https, credentials in the URL and an oversized URL, writing nothing', async () => {
    const dataDir = await tempDir('warroom-hubdata-');
    const file = new ChannelSettingsFile(dataDir);
    for (const [url, reason] of [
      ['ftp://files.example/hook', /http or https addresses only, not ftp/],
      ['file:///etc/passwd', /not file/],
      ['javascript:alert(1)', /not javascript/],
      ['gopher://127.0.0.1:25/', /not gopher/],
      ['http://user:pass@hooks.example/x', /no user name or password/],
      [`https://hooks.example/${'a'.repeat(2100)}`, /longer than 2048/],
      ['not a url', /is not a URL/],
    ] as const) {
      const r = await file.update((s) => ({ ...s, webhooks: [{ id: 'w_bad000001', format: 'slack', url }] }));
      expect(r.ok, url.slice(0, 40)).toBe(false);
      expect(r.ok ? '' : r.error, url.slice(0, 40)).toMatch(reason);
    }
    await expect(stat(join(dataDir, CHANNELS_FILE))).rejects.toThrow(/ENOENT/);
    must(
      await file.update((s) => ({
        ...s,
        webhooks: [{ id: 'w_good00001', format: 'json', url: 'https://hooks.example/x', secret: SECRET }],
      })),
    );
    expect((await stat(join(dataDir, CHANNELS_FILE))).mode & 0o777).toBe(0o600);
  });

  it('never posts to the hub itself, by address or by a name that resolves to it', async () => {
    const hub = await startTestHub({ channels: { webhooks: FAST } });
    closers.push(() => hub.close());
    must(
      await new ChannelSettingsFile(hub.dataDir).update((s) => ({
        ...s,
        webhooks: [
          { id: 'w_self00001', format: 'json', url: `http://127.0.0.1:${hub.hub.port}/api/v2/summary.json`, secret: SECRET },
          { id: 'w_self00002', format: 'slack', url: `http://localhost:${hub.hub.port}/status` },
        ],
      })),
    );
    await new Promise((r) => setTimeout(r, 1_100)); // the hub re-reads its settings at most once a second
    team = await teamRoom({ hub });
    await waitFor(async () => (await team!.alice.client!.channels()).deadLetters.length === 2, 'both refused');
    for (const d of (await team.alice.client!.channels()).deadLetters) {
      expect(d).toMatchObject({ attempts: 1, state: 'dead' });
      expect(d.lastError).toMatch(/points at this hub itself/);
    }
    expect((await fetch(`${hub.hub.url}/healthz`)).status).toBe(200);
  });

  it('turns every channel off with the reason when channels.json is damaged or too big, and keeps serving', async () => {
    for (const [content, reason] of [
      ['{ this is not json', /not JSON/],
      [JSON.stringify({ v: 1, webhooks: [{ id: 'w_hand00001', format: 'slack', url: 'file:///etc/shadow' }] }), /not file/],
      [JSON.stringify({ v: 1, webhooks: [], padding: 'x'.repeat(70_000) }), /bytes/],
      [JSON.stringify({ v: 1, smtp: { host: 'mail example', port: 99999, secure: 'yes', from: 'nobody' } }), /smtp/],
    ] as const) {
      const dataDir = await tempDir('warroom-hubdata-');
      await writeFile(join(dataDir, CHANNELS_FILE), content, { mode: 0o600 });
      const lines: string[] = [];
      const hub = await startTestHub({ dataDir, log: (_level, message) => lines.push(message) });
      try {
        expect(lines.join('\n')).toMatch(reason);
        expect(lines.join('\n')).toMatch(/every channel is off until it is fixed/);
        expect((await fetch(`${hub.hub.url}/api/v2/status.json`)).status).toBe(200);
        expect((await hub.hub.channels.answer('inc_nothing01')).problem).toMatch(reason);
      } finally {
        await hub.close();
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../main/hub/alerts/alert-auth.js';
import { FileHubStorage } from '../../main/hub/hub-storage.js';
import { startAlertmanager } from '../helpers/alertmanager.js';
import { AM_SECRET, startAlertHub, WEBHOOK_SECRET } from '../helpers/alert-hub.js';
import { cleanupTempDirs, waitFor, type TestHub } from '../helpers/hub-peers.js';

/** An Alertmanager v4 notification, as the webhook receiver gets it. */
export function amPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const at = new Date(Date.now() - 60_000).toISOString();
  return {
    version: '4',
    groupKey: '{}:{alertname="DiskFull", team="storage"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'war-room',
    groupLabels: { alertname: 'DiskFull', team: 'storage' },
    commonLabels: { alertname: 'DiskFull', team: 'storage', severity: 'warning' },
    commonAnnotations: { summary: 'disk 95% full on db-1' },
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'DiskFull', team: 'storage', instance: 'db-1' },
        annotations: { summary: 'disk 95% full on db-1' },
        startsAt: at,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example/graph',
        fingerprint: 'a1b2c3d4e5f60718',
      },
    ],
    ...overrides,
  };
}

/**
 * Whatever reaches the webhook from outside: a wrong secret, a body that is not the payload, one too big, an alert
 * no rule claims. Each gets a status and a reason the sender (or the person reading Alertmanager's log) can act on,
 * and nothing is written.
 */
describe('alert webhooks refuse what is not theirs, with a reason', () => {
  let hub: TestHub;
  const log: string[] = [];
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${hub.hub.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const bearer = { authorization: `Bearer ${AM_SECRET}` };
  const rooms = async (): Promise<string[]> => {
    const storage = new FileHubStorage(hub.dataDir);
    try {
      return await storage.listRooms();
    } finally {
      await storage.close();
    }
  };

  beforeAll(async () => {
    hub = await startAlertHub({ log: (_level, message) => log.push(message) });
  });
  afterAll(async () => {
    await hub?.close();
    await cleanupTempDirs();
  });

  it('a wrong or missing secret is 401 with why, before anything is read into a room', async () => {
    const body = JSON.stringify(amPayload());
    const tries: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-the-secret-at-all' },
      { authorization: `Basic ${AM_SECRET}` },
    ];
    for (const headers of tries) {
      const r = await post('/alerts/alertmanager', body, headers);
      expect(r.status).toBe(401);
      const answer = (await r.json()) as { ok: boolean; code: string; error: string };
      expect(answer).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(answer.error).toMatch(/Authorization header|bearer token is not/);
    }
    // The generic webhook signs with HMAC: Alertmanager's bearer secret is no use there, nor a wrong signature.
    const generic = JSON.stringify({ status: 'firing', key: 'nightly-backup', title: 'Backup failed', labels: { team: 'storage' } });
    expect((await post('/alerts/webhook', generic, bearer)).status).toBe(401);
    const badSig = await post('/alerts/webhook', generic, { 'x-warroom-signature': signBody('some-other-secret-000000', generic) });
    expect(badSig.status).toBe(401);
    expect(((await badSig.json()) as { error: string }).error).toMatch(/HMAC does not match/);
    // A body changed after signing fails too.
    const signed = signBody(WEBHOOK_SECRET, generic);
    expect((await post('/alerts/webhook', generic.replace('Backup', 'Backdoor'), { 'x-warroom-signature': signed })).status).toBe(401);
    expect(await rooms()).toEqual([]);
  });

  it('a malformed payload is 400 naming what is wrong; an alert no rule claims is 422', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"version": "4", "status": ', /not JSON/],
      [JSON.stringify(amPayload({ version: '3' })), /version must be "4"/],
      [JSON.stringify(amPayload({ alerts: [] })), /at least one alert/],
      [JSON.stringify(amPayload({ status: 'burning' })), /status/],
      [JSON.stringify({ ...amPayload(), alerts: [{ ...(amPayload().alerts as object[])[0], startsAt: 'yesterday' }] }), /startsAt/],
    ];
    for (const [body, reason] of cases) {
      const r = await post('/alerts/alertmanager', body, bearer);
      expect(r.status, body.slice(0, 60)).toBe(400);
      const answer = (await r.json()) as { code: string; error: string };
      expect(answer.code).toBe('malformed');
      expect(answer.error).toMatch(reason);
    }
    const unclaimed = amPayload({ groupLabels: { alertname: 'Lonely' }, commonLabels: { alertname: 'Lonely' } });
    (unclaimed.alerts as Array<{ labels: object }>)[0]!.labels = { alertname: 'Lonely' };
    const r = await post('/alerts/alertmanager', JSON.stringify(unclaimed), bearer);
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: string }).error).toMatch(/no rule matches this alert's labels \(alertname="Lonely"\)/);
    expect(await rooms()).toEqual([]);
  });

  it('an oversize body is 413 (the sender can read why), and the next request is served', async () => {
    const huge = JSON.stringify(amPayload({ commonAnnotations: { summary: 'x'.repeat(400 * 1024) } }));
    const r = await post('/alerts/alertmanager', huge, bearer);
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ ok: false, code: 'too-large', error: 'the body is larger than 262144 bytes' });
    // A GET is not an alert; an unknown path is the hub's 404.
    expect((await fetch(`${hub.hub.url}/alerts/alertmanager`)).status).toBe(405);
    const ok = await post('/alerts/alertmanager', JSON.stringify(amPayload()), bearer);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, action: 'opened' });
    expect(await rooms()).toHaveLength(1);
  });

  it('the generic webhook with the right HMAC opens an incident and notes the same key', async () => {
    const send = (status: string) => {
      const body = JSON.stringify({
        status,
        key: 'nightly-backup',
        title: 'Backup failed',
        summary: 'no backup since 02:00',
        labels: { team: 'storage' },
      });
      return post('/alerts/webhook', body, { 'x-warroom-signature': signBody(WEBHOOK_SECRET, body) });
    };
    const first = (await (await send('firing')).json()) as { action: string; incident: string };
    expect(first.action).toBe('opened');
    const again = (await (await send('firing')).json()) as { action: string; incident: string };
    expect(again).toMatchObject({ action: 'noted', incident: first.incident });
    const resolved = (await (await send('resolved')).json()) as { action: string; incident: string };
    expect(resolved).toMatchObject({ action: 'noted', incident: first.incident });
  });

  it('a real Alertmanager holding the wrong secret is refused, and the hub says why in its log', async () => {
    const am = await startAlertmanager({ url: `${hub.hub.url}/alerts/alertmanager`, bearer: 'a-wrong-secret-someone-copied' });
    try {
      const before = await rooms();
      await am.postAlerts([{ labels: { alertname: 'CheckoutErrors', team: 'payments' }, annotations: { summary: 'down' } }]);
      await waitFor(
        () => log.some((l) => l.includes("refused an alert (alertmanager, 401): the bearer token is not this source's secret")),
        'the refusal',
        30_000,
      );
      // Alertmanager logged the refusal too (it retries on its own schedule): nothing was written meanwhile.
      await waitFor(() => /401/.test(am.log()), "Alertmanager's log to show the 401", 30_000);
      expect(await rooms()).toEqual(before);
    } finally {
      await am.stop();
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import { HUB_KEY_FILE } from '../../main/hub/hub-server.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { startAlertmanager, type Alertmanager } from '../helpers/alertmanager.js';
import { AM_SECRET, startAlertHub, startSubscriber, type Subscriber } from '../helpers/alert-hub.js';
import { cleanupTempDirs, readHubLog, waitFor, type TestHub } from '../helpers/hub-peers.js';
import { FileHubStorage } from '../../main/hub/hub-storage.js';

/**
 * The on-call story: Prometheus fires, a real Alertmanager (Debian's) groups and sends to the hub's webhook, the
 * hub opens the payments team's incident under its own key, and Sam, subscribed to payments, has it in their
 * list before anyone typed a thing. The same group firing again, and resolving, land in that one incident.
 */
describe('alerts from a real Alertmanager', () => {
  let hub: TestHub;
  let am: Alertmanager;
  let sam: Subscriber;
  const startsAt = new Date(Date.now() - 4 * 60_000).toISOString();
  const alert = (instance: string, endsAt?: string) => ({
    labels: { alertname: 'CheckoutErrors', team: 'payments', severity: 'critical', instance },
    annotations: { summary: 'checkout 5xx above 5%', description: `errors on ${instance}` },
    startsAt,
    generatorURL: 'http://prometheus.example/graph?g0.expr=rate',
    ...(endsAt ? { endsAt } : {}),
  });

  beforeAll(async () => {
    hub = await startAlertHub();
    sam = await startSubscriber(hub, 'payments');
    am = await startAlertmanager({ url: `${hub.hub.url}/alerts/alertmanager`, bearer: AM_SECRET });
  }, 60_000);

  afterAll(async () => {
    await am?.stop();
    await sam?.close();
    await hub?.close();
    await cleanupTempDirs();
  });

  const alertEvents = async (incident: string): Promise<WarEvent[]> =>
    (await sam.warRoom.events(incident)).filter((e) => e.kind === 'alert.received');

  it('a firing alert opens an incident, signed by the hub, that the subscriber sees live; again adds a note; resolving adds a note', async () => {
    await am.postAlerts([alert('checkout-1')]);
    await waitFor(
      async () => (await sam.warRoom.listIncidents()).length === 1,
      'the subscriber to have the incident in their list',
      30_000,
    );
    const [listed] = await sam.warRoom.listIncidents();
    const incident = listed!.id;
    expect(listed!.title).toBe('CheckoutErrors: checkout 5xx above 5%');
    expect(listed!.severity).toBe('SEV1');
    expect(sam.notices.map((n) => n.kind)).toContain('alert-opened');
    expect(sam.notices.find((n) => n.kind === 'alert-opened')!.title).toContain('CheckoutErrors');

    // The opening is the incident's own (id = incident id) and the hub's: its key, shown as Alertmanager.
    const hubKey = (await loadOrCreateSigner(hub.dataDir, HUB_KEY_FILE))!.key;
    await waitFor(async () => (await alertEvents(incident)).length === 1, 'the first alert event');
    const events = await sam.warRoom.events(incident);
    const opened = events.find((e) => e.kind === 'incident.opened')!;
    expect(opened.id).toBe(incident);
    expect(opened.key).toBe(hubKey);
    expect(opened.actor.name).toBe('Alertmanager');
    const state = await sam.warRoom.state(incident);
    expect(state.milestones?.['impact-started']?.at).toBe(Date.parse(startsAt));
    expect(state.alert).toMatchObject({ source: 'alertmanager', status: 'firing', count: 1 });
    expect(state.timeline.find((r) => r.kind === 'alert.received')!.author.name).toBe('Alertmanager');

    // The same group fires again (a second instance joins it): a note in the same incident, no second incident.
    await am.postAlerts([alert('checkout-1'), alert('checkout-2')]);
    await waitFor(async () => (await alertEvents(incident)).length === 2, 'the second notification as a note in the same incident', 30_000);
    expect((await sam.warRoom.state(incident)).alert).toMatchObject({ status: 'firing', count: 2 });
    expect(sam.received.some((e) => e.kind === 'alert.received' && e.incident === incident)).toBe(true);

    // Resolved: one more note; the incident offers "mitigated" (state.alert.resolvedAt), nothing marks it alone.
    const now = new Date().toISOString();
    await am.postAlerts([alert('checkout-1', now), alert('checkout-2', now)]);
    await waitFor(async () => (await sam.warRoom.state(incident)).alert?.status === 'resolved', 'the resolved notification', 30_000);
    const after = await sam.warRoom.state(incident);
    expect(after.alert!.resolvedAt).toBeGreaterThan(Date.parse(startsAt));
    expect(after.milestones?.mitigated).toBeUndefined();
    expect(after.status).toBe('investigating');

    // One room on the hub for the whole story, and the subscriber's list still holds one incident.
    const storage = new FileHubStorage(hub.dataDir);
    expect(await storage.listRooms()).toEqual([incident]);
    await storage.close();
    expect((await readHubLog(hub.dataDir, incident)).filter((e) => e.kind === 'incident.opened')).toHaveLength(1);
    expect(await sam.warRoom.listIncidents()).toHaveLength(1);
  }, 90_000);
});

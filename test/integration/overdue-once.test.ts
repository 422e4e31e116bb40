import { afterEach, expect, it } from 'vitest';
import { CadenceWatcher, type CadenceAlert } from '../../main/services/cadence-watcher.js';
import { cleanupTempDirs, makePeer, readHubLog, startTestHub, waitFor, type Peer, type TestHub } from '../helpers/hub-peers.js';

const HOUR = 3_600_000;
let hub: TestHub | undefined;
const team: Peer[] = [];
const watchers: CadenceWatcher[] = [];

afterEach(async () => {
  for (const w of watchers.splice(0)) w.stop();
  await Promise.all(team.splice(0).map((p) => p.close()));
  await hub?.close();
  await cleanupTempDirs();
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * Issue 21's acceptance line, shared with issue 20: three windows open on an incident whose promised customer
 * update was missed two hours ago. Each tells its user; exactly one overdue event is recorded, by the window of
 * the person the rules choose (Cara, who holds comms), and every window's timeline says since when, in words.
 */
it('three windows open past a missed update record exactly one overdue event, by the chosen peer', async () => {
  hub = await startTestHub();
  // Ana opened the incident two hours ago (her clock then; now it runs on time).
  let anasSkew = -2 * HOUR;
  const ana = await makePeer('Ana', { now: () => Date.now() + anasSkew });
  const opened = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV1' }));
  anasSkew = 0;
  const incident = opened.incident;
  const [ben, cara] = await Promise.all([makePeer('Ben'), makePeer('Cara')]);
  team.push(ana, ben, cara);
  must(await ana.warRoom.record(incident, 'role.assigned', { role: 'comms', person: cara.actor }));
  const token = await hub.invite(incident);
  for (const p of team) await p.connect(hub.hub.url, incident, token).whenSynced();
  await waitFor(async () => (await ben.warRoom.state(incident)).roles.comms?.id === cara.actor.id, 'everyone to know Cara holds comms');
  await waitFor(async () => (await cara.warRoom.state(incident)).roles.comms?.id === cara.actor.id, 'Cara to know she holds comms');

  // The three windows open at once, each with its cadence watcher, as main/index.ts starts it.
  const alerts = new Map<string, CadenceAlert[]>();
  await Promise.all(
    team.map(async (p) => {
      const w = new CadenceWatcher({ warRoom: p.warRoom, onError: (_i, e) => alerts.set(`${p.name} error ${String(e)}`, []) });
      watchers.push(w);
      alerts.set(p.name, []);
      w.onAlert((a) => alerts.get(p.name)!.push(a));
      await w.start();
      await w.idle();
    }),
  );
  await waitFor(async () => (await readHubLog(hub!.dataDir, incident)).some((e) => e.kind === 'update.overdue'), 'the overdue record');
  for (const p of team) await p.client!.whenSynced();
  for (const w of watchers) await w.idle();

  const onHub = (await readHubLog(hub.dataDir, incident)).filter((e) => e.kind === 'update.overdue');
  expect(onHub.map((e) => e.actor.name)).toEqual(['Cara']);
  const dueAt = (onHub[0]!.data as { dueAt: number }).dueAt;
  // The date comes in front when the due time was not on the record's day (a run that crosses midnight UTC).
  const since = new RegExp(`^customer update overdue since (\\d{1,2} [A-Z][a-z]{2} )?${new Date(dueAt).toISOString().slice(11, 16)} UTC$`);
  for (const p of team) {
    await waitFor(async () => (await p.warRoom.state(incident)).overdue.length === 1, `${p.name} to hold the overdue record`);
    const state = await p.warRoom.state(incident);
    expect(
      state.overdue.map((o) => o.dueAt),
      p.name,
    ).toEqual([dueAt]);
    expect(state.timeline.filter((r) => r.kind === 'update.overdue').map((r) => r.text)).toEqual([expect.stringMatching(since)]);
    // Nobody else's window wrote one, not even one the hub turned away.
    expect((await p.warRoom.events(incident)).filter((e) => e.kind === 'update.overdue').map((e) => e.actor.name)).toEqual(['Cara']);
    // Each window told its user once.
    expect(alerts.get(p.name)!.map((a) => [a.type, a.dueAt])).toEqual([['overdue', dueAt]]);
  }
  expect([...alerts.keys()].sort()).toEqual(['Ana', 'Ben', 'Cara']);
});

import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/ipc/contract.js';
import { parseJoinLink } from '../../src/sync/join-link.js';
import { startEventPump } from '../../main/ipc/event-pump.js';
import { SyncManager } from '../../main/sync/sync-manager.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { memorySigner, newOriginFor } from '../../main/identity/event-signature.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { tempDir } from '../helpers/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function person(name: string) {
  const dir = await tempDir();
  const signer = (await loadOrCreateSigner(dir.path))!;
  const warRoom = new WarRoom({
    store: new IncidentLogStore(incidentsDir(dir.path)),
    actor: () => ({ id: `u_${name.toLowerCase()}00001`, name }),
    signer,
  });
  const viewState = new ViewState(openConfStore(dir.path));
  const sync = new SyncManager({ warRoom, viewState, dataDir: dir.path, hubPort: 0 });
  const statuses: SyncStatus[] = [];
  sync.onStatus((s) => statuses.push(s));
  cleanups.push(async () => {
    await sync.close();
    await warRoom.close();
    await dir.cleanup();
  });
  return { warRoom, sync, viewState, dir: dir.path, statuses };
}

const until = async (check: () => boolean | Promise<boolean>, what: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('SyncManager', () => {
  it('hosts a room on an embedded hub, a teammate joins by link, offline writes sync on reconnect', async () => {
    const alice = await person('Alice');
    const bob = await person('Bob');
    const created = await alice.warRoom.createIncident({ title: 'Checkout failing' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;

    const hosted = await alice.sync.host(incident);
    if (!hosted.ok) throw new Error(hosted.error);
    expect(hosted.value).toMatchObject({ incident, hosting: true, hubUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const link = parseJoinLink(hosted.value.link!);
    if (!link.ok) throw new Error(link.error);

    const joined = await bob.sync.join({ hubUrl: link.value.hub, token: link.value.token, incident });
    expect(joined.ok).toBe(true);
    await until(async () => (await bob.warRoom.events(incident)).length === 1, 'Bob to receive the incident');
    await until(() => alice.sync.status(incident).members.some((m) => m.name === 'Bob'), 'presence');
    expect(bob.viewState.rooms()[incident]).toMatchObject({ hubUrl: link.value.hub, paused: false, hosted: false });

    const paused = await bob.sync.setOnline(incident, false);
    expect(paused).toMatchObject({ ok: true, value: { state: 'offline', paused: true } });
    await bob.warRoom.record(incident, 'note.added', { text: 'written offline by Bob' });
    await alice.warRoom.record(incident, 'note.added', { text: 'written by Alice meanwhile' });
    expect(bob.sync.status(incident).unsynced).toBe(1);
    expect(bob.sync.totalUnsynced()).toBe(1);

    await bob.sync.setOnline(incident, true);
    await until(
      async () => (await alice.warRoom.events(incident)).length === 3 && (await bob.warRoom.events(incident)).length === 3,
      'both to catch up',
    );
    await until(() => bob.sync.status(incident).unsynced === 0 && bob.sync.status(incident).state === 'connected', 'Bob synced');
    const ids = async (w: WarRoom) => (await w.state(incident)).timeline.map((r) => r.id);
    expect(await ids(bob.warRoom)).toEqual(await ids(alice.warRoom));
    expect(bob.statuses.some((s) => s.state === 'connected')).toBe(true);
  });

  it('refuses a bad hub address and an unknown incident to host, and forgets a room it leaves', async () => {
    const alice = await person('Alice');
    expect(await alice.sync.join({ hubUrl: 'ftp://hub', token: 't', incident: 'inc_aaaaaaa' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must start with http/),
    });
    expect(await alice.sync.host('inc_aaaaaaa')).toMatchObject({ ok: false, error: 'no incident "inc_aaaaaaa" to host' });
    expect(await alice.sync.setOnline('inc_aaaaaaa', true)).toMatchObject({ ok: false });
    // A hub nobody runs: the room is remembered and reported offline, never an exception.
    const joined = await alice.sync.join({ hubUrl: 'http://127.0.0.1:9', token: 'tok', incident: 'inc_aaaaaaa' });
    expect(joined.ok).toBe(true);
    expect(alice.viewState.rooms()).toHaveProperty('inc_aaaaaaa');
    const left = await alice.sync.leave('inc_aaaaaaa');
    expect(left.state).toBe('local');
    expect(alice.viewState.rooms()).toEqual({});
  });

  it('rejoins remembered rooms after a restart, restarting the hub for hosted ones', async () => {
    const alice = await person('Alice');
    const created = await alice.warRoom.createIncident({ title: 'Checkout failing' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    expect((await alice.sync.host(incident)).ok).toBe(true);
    await alice.sync.close();

    const again = new SyncManager({ warRoom: alice.warRoom, viewState: alice.viewState, dataDir: alice.dir, hubPort: 0 });
    cleanups.push(() => again.close());
    await again.restore();
    await until(
      () => again.status(incident).state === 'connected' && again.status(incident).unsynced === 0,
      'the hosted room to come back',
    );
    expect(again.status(incident)).toMatchObject({ hosting: true, paused: false });
  });
});

describe('event pump', () => {
  it('sends every new event to the window, and notices only for what teammates did', async () => {
    const alice = await person('Alice');
    const sent: { channel: string; payload: unknown }[] = [];
    const native: string[] = [];
    const stop = startEventPump({
      warRoom: alice.warRoom,
      sync: alice.sync,
      send: (channel, payload) => void sent.push({ channel, payload }),
      notify: (n) => void native.push(n.title),
    });
    const created = await alice.warRoom.createIncident({ title: 'Checkout failing' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    const h = await alice.warRoom.record(incident, 'hypothesis.added', { text: 'primary firewall reset its configuration' });
    if (!h.ok) throw new Error(h.error);
    await alice.warRoom.record(incident, 'hypothesis.status', { target: h.value.id, status: 'confirmed', evidence: 'config diff' });
    expect(sent.filter((m) => m.channel === 'incident:events')).toHaveLength(3);
    expect(native).toEqual([]);

    // The same confirmation arriving from a teammate is worth a notification (signed: this room's events are).
    const bob = memorySigner();
    const { key: _key, prev: _prev, sig: _sig, ...base } = h.value;
    const remote = bob.signEvent(
      {
        ...base,
        id: 'e_remote000001',
        origin: newOriginFor(bob.key),
        seq: 1,
        at: { ms: Date.now(), c: 0 },
        actor: { id: bob.actorId, name: 'Bob' },
        kind: 'incident.updated',
        data: { status: 'identified' },
      } as unknown as WarEvent,
      undefined,
    );
    await alice.warRoom.ingest(incident, [remote]);
    await until(() => native.length === 1, 'the notice');
    expect(native).toEqual(['Checkout failing is now identified']);
    expect(sent.some((m) => m.channel === 'notify')).toBe(true);
    stop();
  });
});

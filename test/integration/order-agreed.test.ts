import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { numberedHypotheses } from '../../renderer/lib/hypothesis-numbers.js';
import { HUB_KEY_FILE } from '../../main/hub/hub-server.js';
import { cleanupTempDirs, makePeer, startTestHub, tempDir, waitFor, type Peer, type TestHub } from '../helpers/hub-peers.js';
import { pushAs } from '../helpers/raw-push.js';
import type { Result } from '../../src/model/result.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const hubs: TestHub[] = [];
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await Promise.all(hubs.splice(0).map((h) => h.close()));
  await cleanupTempDirs();
});

async function peer(name: string): Promise<Peer> {
  const p = await makePeer(name);
  peers.push(p);
  return p;
}

async function hub(dataDir?: string): Promise<TestHub> {
  const h = await startTestHub(dataDir ? { dataDir } : {});
  hubs.push(h);
  return h;
}

/** "H1 text" for each hypothesis as this peer numbers it (H? for one without a position yet). */
async function board(p: Peer, incident: string): Promise<string[]> {
  const state = await p.warRoom.state(incident);
  return numberedHypotheses(state).map((h) => `${h.number > 0 ? `H${h.number}` : 'H?'} ${h.text}`);
}

async function add(p: Peer, incident: string, text: string): Promise<string> {
  const r = await p.warRoom.record(incident, 'hypothesis.added', { text });
  if (!r.ok) throw new Error(r.error);
  return r.value.id;
}

describe('one agreed order', () => {
  it('a hypothesis written offline never renumbers one the others have seen, and #N names the same entry everywhere', async () => {
    const h = await hub();
    const alice = await peer('Alice');
    const bob = await peer('Bob');
    const opened = await alice.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV2' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    alice.connect(h.hub.url, incident, await h.invite(incident));
    await add(alice, incident, 'primary database stalled while replicating');
    await alice.client!.whenSynced();
    bob.connect(h.hub.url, incident, await h.invite(incident));
    await bob.client!.whenSynced();
    await waitFor(async () => (await board(bob, incident)).length === 1, 'Bob to see H1');

    // Bob goes offline and writes a hypothesis; meanwhile Alice adds two, which everyone online sees as H2, H3.
    await bob.disconnect();
    await add(bob, incident, 'IP address conflict on the private network');
    expect(await board(bob, incident)).toEqual([
      'H1 primary database stalled while replicating',
      'H? IP address conflict on the private network',
    ]);
    await add(alice, incident, 'DNS resolver cache');
    await add(alice, incident, 'primary firewall reset its configuration');
    await alice.client!.whenSynced();
    await waitFor(async () => (await alice.warRoom.orderPosition(incident)) === 4, 'Alice to hold four positions');
    const seenByAlice = await board(alice, incident);
    expect(seenByAlice).toEqual([
      'H1 primary database stalled while replicating',
      'H2 DNS resolver cache',
      'H3 primary firewall reset its configuration',
    ]);

    // Bob reconnects: his hypothesis is H4 everywhere; nothing anyone saw moved.
    bob.connect(h.hub.url, incident, await h.invite(incident));
    await bob.client!.whenSynced();
    const final = [...seenByAlice, 'H4 IP address conflict on the private network'];
    await waitFor(async () => JSON.stringify(await board(bob, incident)) === JSON.stringify(final), 'Bob to number like Alice');
    await waitFor(async () => JSON.stringify(await board(alice, incident)) === JSON.stringify(final), 'Alice to number Bob’s as H4');
    // The same order of events on both peers, and on each the same entry behind "#2".
    const idsOf = async (p: Peer) => (await p.warRoom.events(incident)).map((e) => e.id);
    expect(await idsOf(bob)).toEqual(await idsOf(alice));
    const second = async (p: Peer) => numberedHypotheses(await p.warRoom.state(incident)).find((x) => x.number === 2)!.id;
    expect(await second(bob)).toBe(await second(alice));
  });

  it('a hub that tells two peers two different orders is caught the moment they meet', async () => {
    // Two hub processes holding one hub key: what a hub that lies to some of its peers looks like from outside.
    const a = await hub();
    const bDir = await tempDir('warroom-hubdata-twin-');
    await copyFile(join(a.dataDir, HUB_KEY_FILE), join(bDir, HUB_KEY_FILE));
    const b = await hub(bDir);
    const ana = await peer('Ana');
    const bob = await peer('Bob');
    const opened = await ana.warRoom.createIncident({ title: 'Logins slow', severity: 'SEV3' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const opening = opened.value;
    must(await bob.warRoom.ingest(incident, [opening]));
    const fromBob = must(await bob.warRoom.record(incident, 'hypothesis.added', { text: 'identity provider rate limiting us' }));
    const fromAna = must(await ana.warRoom.record(incident, 'hypothesis.added', { text: 'session store evicting keys' }));
    // Hub A stores Ana's hypothesis first, hub B Bob's.
    await pushAs(a, incident, ana.signer, [opening, fromAna]);
    await pushAs(a, incident, bob.signer, [fromBob]);
    await pushAs(b, incident, ana.signer, [opening]);
    await pushAs(b, incident, bob.signer, [fromBob]);
    await pushAs(b, incident, ana.signer, [fromAna]);

    const dee = await peer('Dee');
    const erin = await peer('Erin');
    dee.connect(a.hub.url, incident, await a.invite(incident, 'viewer'));
    erin.connect(b.hub.url, incident, await b.invite(incident, 'viewer'));
    await Promise.all([dee.client!.whenSynced(), erin.client!.whenSynced()]);
    await waitFor(
      async () => (await dee.warRoom.orderPosition(incident)) === 3 && (await erin.warRoom.orderPosition(incident)) === 3,
      'both to hold three positions',
    );
    // Each alone sees nothing wrong: every head it got checks out.
    expect(await board(dee, incident)).toEqual(['H1 session store evicting keys', 'H2 identity provider rate limiting us']);
    expect(await board(erin, incident)).toEqual(['H1 identity provider rate limiting us', 'H2 session store evicting keys']);
    expect(dee.client!.status().error).toBeUndefined();

    // Erin's laptop moves to hub A (the same hub key), where Dee is: their heads meet.
    await erin.disconnect();
    erin.connect(a.hub.url, incident, await a.invite(incident, 'viewer'));
    await erin.client!.whenSynced();
    await waitFor(() => /different history/.test(dee.client!.status().error ?? ''), 'Dee to be told the hub told two stories', 15_000);
    expect(dee.client!.status().error).toMatch(/the hub gave Erin a different history of this incident than it gave this machine/);
    // Nothing was rewritten on either side: each still shows what it was shown.
    expect(await board(dee, incident)).toEqual(['H1 session store evicting keys', 'H2 identity provider rate limiting us']);
  });
});

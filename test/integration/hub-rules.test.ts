import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import type { EventDataInput, EventKind } from '../../src/kinds/index.js';
import { CLIENT_EVENTS, pushAckSchema, type PushAck } from '../../src/sync/protocol.js';
import { eventHash, newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import { textDigest } from '../../src/comms/digest.js';
import { seedUpdate } from '../../src/comms/draft-text.js';
import { ACKNOWLEDGE_ALL } from '../helpers/review-steps.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  newSigner,
  rawSocket,
  readHubLog,
  signedAuth,
  startTestHub,
  teamStillWorks as stillWorks,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';
import type { HubSocket } from '../../main/sync/sync-client.js';

/**
 * The rules every peer enforces (src/kinds/rules.ts), played through the real hub. Ana commands, Cara holds
 * comms, Ben writes; Mallory holds a valid editor link and her own key, so every event she pushes is signed
 * and really hers, and the hub still refuses the ones that break a rule, with the reason, while the team works.
 */
let hub: TestHub;
let team: Peer[];
let ana: Peer;
let ben: Peer;
let cara: Peer;
let incident: string;
let token: string;
let malKey: Signer;
let mallory: HubSocket;
let malSeq = 0;
let malOrigin: string;
let malPrev: string | undefined;
let hypothesis: string;
let note: string;
const sockets: HubSocket[] = [];

/** A review step as the app writes it: the fingerprint of the draft's text and every finding acknowledged. */
const review = (target: string, state: 'ready' | 'approved', text = '') => ({
  target,
  state,
  acknowledged: ACKNOWLEDGE_ALL,
  digest: textDigest(text),
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

beforeEach(async () => {
  hub = await startTestHub();
  team = await Promise.all(['ana', 'ben', 'cara'].map((n) => makePeer(n)));
  [ana, ben, cara] = team as [Peer, Peer, Peer];
  incident = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' })).incident;
  must(await ana.warRoom.record(incident, 'role.assigned', { role: 'commander', person: ana.actor }));
  must(await ana.warRoom.record(incident, 'role.assigned', { role: 'comms', person: cara.actor }));
  token = await hub.invite(incident);
  for (const p of team) await p.connect(hub.hub.url, incident, token).whenSynced();
  hypothesis = must(await ben.warRoom.record(incident, 'hypothesis.added', { text: 'primary database stalled while replicating' })).id;
  note = must(await ben.warRoom.record(incident, 'note.added', { text: 'failover started 14:05' })).id;
  await onHub([hypothesis, note]);
  malKey = await newSigner();
  malOrigin = newOriginFor(malKey.key);
  malSeq = 0;
  malPrev = undefined;
  mallory = connectMallory();
  expect(await connectOutcome(mallory)).toEqual({ connected: true });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await Promise.all(team.map((p) => p.close()));
  await hub.close();
  await cleanupTempDirs();
});

function connectMallory(): HubSocket {
  const s = rawSocket(hub.hub.url, signedAuth(malKey, token, incident, 'Mallory'));
  sockets.push(s);
  return s;
}

async function onHub(ids: readonly string[]): Promise<void> {
  await waitFor(
    async () => {
      const stored = new Set((await readHubLog(hub.dataDir, incident)).map((e) => e.id));
      return ids.every((id) => stored.has(id));
    },
    `the hub to store ${ids.join(', ')}`,
  );
}

/** Mallory's next event, signed with her own key on her own origin's chain. A refused one does not advance it. */
function mal<K extends EventKind>(kind: K, data: EventDataInput<K>): WarEvent {
  const seq = malSeq + 1;
  const e = malKey.signEvent(
    {
      v: 1,
      id: `e_mal${String(Date.now()).slice(-6)}${String(seq).padStart(4, '0')}`,
      incident,
      origin: malOrigin,
      seq,
      at: { ms: Date.now(), c: seq },
      actor: { id: malKey.actorId, name: 'Mallory' },
      kind,
      data,
    } as WarEvent,
    malPrev,
  );
  return e;
}

/** Pushes Mallory's event; when the hub stores it, her chain moves on. */
async function push(e: WarEvent): Promise<PushAck> {
  const ack = pushAckSchema.parse(await mallory.emitWithAck(CLIENT_EVENTS.push, { events: [e] }));
  if (ack.stored.includes(e.id)) {
    malSeq = e.seq;
    malPrev = eventHash(e);
  }
  return ack;
}

async function refusedWith(e: WarEvent, reason: RegExp): Promise<void> {
  const ack = await push(e);
  expect(ack.stored).toEqual([]);
  expect(ack.refused).toEqual([expect.objectContaining({ code: 'not-permitted', id: e.id })]);
  expect(ack.refused[0]!.reason).toMatch(reason);
}

const teamStillWorks = (): Promise<void> => stillWorks(team, incident);

describe('rules enforced by the hub on a hostile teammate with a valid editor link', () => {
  it("refuses her edit of a teammate's hypothesis; the author and the commander may edit it", async () => {
    await refusedWith(
      mal('entry.edited', { target: hypothesis, text: 'it was solar flares' }),
      /Mallory may not edit ben's entry; only its author, the commander or the scribe may/,
    );
    must(await ben.warRoom.record(incident, 'entry.edited', { target: hypothesis, text: 'primary stalled on replication lag' }));
    must(
      await ana.warRoom.record(incident, 'entry.edited', { target: hypothesis, text: 'primary stalled on replication lag (confirmed)' }),
    );
    // Her own entries stay hers to change.
    const own = mal('note.added', { text: 'I can help with the replicas' });
    expect((await push(own)).stored).toEqual([own.id]);
    expect((await push(mal('entry.edited', { target: own.id, text: 'I can help with replicas and DNS' }))).refused).toEqual([]);
    await teamStillWorks();
    await waitFor(
      async () => (await cara.warRoom.state(incident)).entries[hypothesis]!.text === 'primary stalled on replication lag (confirmed)',
      "cara to see the commander's edit",
    );
  });

  it('refuses her making herself commander while Ana commands, even after the hub restarts', async () => {
    await refusedWith(
      mal('role.assigned', { role: 'commander', person: { id: malKey.actorId, name: 'Mallory' } }),
      /Mallory is not the commander \(ana is\); only the commander assigns roles/,
    );
    await refusedWith(mal('role.assigned', { role: 'comms', person: null }), /only the commander assigns roles/);
    // The hub rebuilds its view of the roles from its log when it loads the room.
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, port: hub.hub.port });
    await waitFor(() => team.every((p) => p.client!.status().state === 'connected'), 'the team back on the restarted hub');
    mallory = connectMallory();
    expect(await connectOutcome(mallory)).toEqual({ connected: true });
    await refusedWith(
      mal('role.assigned', { role: 'commander', person: { id: malKey.actorId, name: 'Mallory' } }),
      /only the commander assigns roles/,
    );
    // Cara may step down from her own role; Ana then hands it on.
    must(await cara.warRoom.record(incident, 'role.assigned', { role: 'comms', person: null }));
    must(await ana.warRoom.record(incident, 'role.assigned', { role: 'comms', person: ben.actor }));
    await teamStillWorks();
    for (const p of team)
      await waitFor(async () => (await p.warRoom.state(incident)).roles.comms?.id === ben.actor.id, `${p.name} to see Ben on comms`);
    for (const p of team) expect((await p.warRoom.state(incident)).roles.commander).toEqual(ana.actor);
  });

  it('refuses her approving a draft she marked ready herself, and approving without the role', async () => {
    const draft = mal('draft.created', { title: 'Status page', audience: 'all', channel: 'status-page' });
    expect((await push(draft)).stored).toEqual([draft.id]);
    expect((await push(mal('draft.review', review(draft.id, 'ready')))).refused).toEqual([]);
    await refusedWith(mal('draft.review', review(draft.id, 'approved')), /Mallory marked this draft ready; someone else must approve it/);

    const bens = must(
      await ben.warRoom.record(incident, 'draft.created', { title: 'Email to EU customers', audience: 'all', channel: 'email' }),
    ).id;
    must(await ben.warRoom.record(incident, 'draft.review', review(bens, 'ready')));
    await onHub([bens]);
    await waitFor(
      async () =>
        (await readHubLog(hub.dataDir, incident)).filter((e) => e.kind === 'draft.review' && e.actor.id === ben.actor.id).length === 1,
      "the hub to store Ben's ready",
    );
    await refusedWith(mal('draft.review', review(bens, 'approved')), /Mallory holds neither the commander nor the comms role/);
    // Cara, on comms, approves Ben's draft; Ben could not approve his own.
    expect(await ben.warRoom.record(incident, 'draft.review', review(bens, 'approved'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ben marked this draft ready/),
    });
    await waitFor(async () => (await cara.warRoom.state(incident)).drafts[bens]?.review.state === 'ready', "cara to see Ben's draft ready");
    must(await cara.warRoom.record(incident, 'draft.review', review(bens, 'approved')));
    await teamStillWorks();
    await waitFor(async () => (await ana.warRoom.state(incident)).drafts[bens]?.review.state === 'approved', 'ana to see the approval');
    expect((await ana.warRoom.state(incident)).drafts[draft.id]!.review.state).toBe('ready');
  });

  it("refuses her retracting a teammate's note; the commander may", async () => {
    await refusedWith(mal('entry.retracted', { target: note, reason: 'wrong' }), /Mallory may not retract ben's entry/);
    await teamStillWorks();
    for (const p of team) expect((await p.warRoom.state(incident)).entries[note]!.retracted).toBeNull();
    must(await ana.warRoom.record(incident, 'entry.retracted', { target: note, reason: 'duplicate' }));
    for (const p of team)
      await waitFor(async () => (await p.warRoom.state(incident)).entries[note]?.retracted !== null, `${p.name} to see the retraction`);
    const onDisk = await readHubLog(hub.dataDir, incident);
    expect(onDisk.filter((e) => e.actor.id === malKey.actorId)).toEqual([]);
  });

  it('refuses her resolving the incident, changing its severity or its current status; the commander may', async () => {
    await refusedWith(
      mal('incident.updated', { status: 'resolved' }),
      /Mallory may not change the incident's status \(to resolved\); only the commander or the scribe may \(commander: ana\)/,
    );
    await refusedWith(
      mal('incident.updated', { severity: 'SEV4', reason: 'not that bad' }),
      /Mallory may not change the severity \(to SEV4\)/,
    );
    await refusedWith(
      mal('status.statement', { impact: 'all fine, nothing to see', doing: '', next: '' }),
      /Mallory may not change the current status/,
    );
    // Ben, who holds no role, is refused by his own app before anything is sent.
    expect(await ben.warRoom.record(incident, 'incident.updated', { status: 'resolved' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ben may not change the incident's status/),
    });
    await teamStillWorks();
    for (const p of team) expect((await p.warRoom.state(incident)).status).toBe('investigating');
    must(await ana.warRoom.record(incident, 'incident.updated', { status: 'resolved' }));
    for (const p of team)
      await waitFor(async () => (await p.warRoom.state(incident)).status === 'resolved', `${p.name} to see the commander resolve it`);
    expect((await readHubLog(hub.dataDir, incident)).filter((e) => e.actor.id === malKey.actorId)).toEqual([]);
  });

  it('refuses her publishing a draft nobody approved, or other words than were approved; Cara publishes it once approved', async () => {
    const text = 'Since 13:55 UTC checkout fails for EU customers. Next update by 15:00 UTC.';
    const bens = must(
      await ben.warRoom.record(incident, 'draft.created', { title: 'Email to EU customers', audience: 'all', channel: 'email' }),
    ).id;
    must(await ben.warRoom.record(incident, 'draft.edited', { target: bens, update: seedUpdate(text) }));
    must(await ben.warRoom.record(incident, 'draft.review', review(bens, 'ready', text)));
    await onHub([bens]);
    await waitFor(
      async () => (await readHubLog(hub.dataDir, incident)).some((e) => e.kind === 'draft.review' && e.actor.id === ben.actor.id),
      "the hub to store Ben's ready",
    );
    await refusedWith(
      mal('draft.published', { target: bens, text, channel: 'email', audience: 'all', notified: [] }),
      /Mallory may not publish "Email to EU customers": it is not approved \(it is ready\)/,
    );
    await waitFor(async () => (await cara.warRoom.state(incident)).drafts[bens]?.review.state === 'ready', "cara to see Ben's draft ready");
    must(await cara.warRoom.record(incident, 'draft.review', review(bens, 'approved', text)));
    await waitFor(
      async () => (await readHubLog(hub.dataDir, incident)).some((e) => e.kind === 'draft.review' && e.actor.id === cara.actor.id),
      'the hub to store the approval',
    );
    await refusedWith(
      mal('draft.published', {
        target: bens,
        text: 'All fine, a minor glitch for a few users.',
        channel: 'email',
        audience: 'all',
        notified: [],
      }),
      /the text differs from the text that was approved/,
    );
    must(await cara.warRoom.record(incident, 'draft.published', { target: bens, text, channel: 'email', audience: 'all', notified: [] }));
    await teamStillWorks();
    for (const p of team)
      await waitFor(
        async () => (await p.warRoom.state(incident)).updates.map((u) => u.text).join() === text,
        `${p.name} to see the one approved update`,
      );
  });

  it('a teammate who gets a refused event anyway (from an older hub, or an imported log) keeps it out and lists it as refused', async () => {
    // Signed and chained, so only the rule can keep it out.
    const resolve = mal('incident.updated', { status: 'resolved' });
    const r = must(await ben.warRoom.ingest(incident, [resolve]));
    expect(r.rejected).toEqual([]);
    const state = await ben.warRoom.state(incident);
    expect(state.status).toBe('investigating');
    expect(state.timeline.some((row) => row.id === resolve.id)).toBe(false);
    expect(state.refused).toEqual([
      expect.objectContaining({
        id: resolve.id,
        kind: 'incident.updated',
        actor: { id: malKey.actorId, name: 'Mallory' },
        reason: expect.stringMatching(/only the commander or the scribe may/),
      }),
    ]);
  });
});

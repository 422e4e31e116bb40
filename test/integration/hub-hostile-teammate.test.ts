import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import { CLIENT_EVENTS, errorAckSchema, pullAckSchema, pushAckSchema, type PushAck } from '../../src/sync/protocol.js';
import { eventHash, newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import { cli } from '../helpers/run-cli.js';
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
  tempDir,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';
import type { HubSocket } from '../../main/sync/sync-client.js';

/**
 * Five people on one hub: four honest teammates with the app's sync client, and Mallory, who holds a valid
 * editor link and her own key and speaks the protocol by hand. Each attack from the security review is
 * refused with its reason, and the honest four keep working throughout.
 */
let hub: TestHub;
let team: Peer[];
let ana: Peer;
let incident: string;
let token: string;
let malKey: Signer;
let mallory: HubSocket;
const sockets: HubSocket[] = [];

beforeEach(async () => {
  hub = await startTestHub();
  team = await Promise.all(['ana', 'ben', 'cara', 'dev'].map((n) => makePeer(n)));
  ana = team[0]!;
  const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' });
  if (!opened.ok) throw new Error(opened.error);
  incident = opened.value.incident;
  await ana.warRoom.record(incident, 'hypothesis.added', { text: 'primary database stalled while replicating to its replicas' });
  token = await hub.invite(incident);
  for (const p of team) await p.connect(hub.hub.url, incident, token).whenSynced();
  malKey = await newSigner();
  mallory = connectRaw(malKey, 'Mallory');
  expect(await connectOutcome(mallory)).toEqual({ connected: true });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await Promise.all(team.map((p) => p.close()));
  await hub.close();
  await cleanupTempDirs();
});

function connectRaw(signer: Signer, name: string, auth?: unknown): HubSocket {
  const s = rawSocket(hub.hub.url, auth ?? signedAuth(signer, token, incident, name));
  sockets.push(s);
  return s;
}

async function push(socket: HubSocket, events: unknown[]): Promise<PushAck> {
  return pushAckSchema.parse(await socket.emitWithAck(CLIENT_EVENTS.push, { events }));
}

const teamStillWorks = (): Promise<void> => stillWorks(team, incident);

/** What Mallory would write if she could: a note under Ana's name at Ana's next sequence number. */
async function anasNext(): Promise<WarEvent> {
  const mine = (await ana.warRoom.events(incident)).filter((e) => e.origin === ana.warRoom.origin);
  const last = mine[mine.length - 1]!;
  return {
    ...last,
    id: 'e_forged000001',
    seq: last.seq + 1,
    at: { ms: Date.now(), c: 0 },
    kind: 'note.added',
    data: { text: 'ana: it was my fault, roll back everything' },
    prev: eventHash(last),
  } as WarEvent;
}

describe('a hostile teammate with a valid editor link', () => {
  it('cannot write as a teammate: not under her id, her origin, her key or her next seq, and she is never silenced', async () => {
    const forged = await anasNext();
    // 1. Ana's actor, origin and key, signed with Mallory's key: the signature does not match.
    const withAnasKey = { ...forged, sig: malKey.sign('anything') };
    // 2. Ana's actor and origin, Mallory's own key and a valid signature: the ids are not her key's.
    const withOwnKey = malKey.signEvent({ ...forged, key: undefined, sig: undefined } as WarEvent, forged.prev);
    // 3. Her own id but Ana's origin.
    const ownIdAnasOrigin = malKey.signEvent({ ...forged, actor: { id: malKey.actorId, name: 'Mallory' } } as WarEvent, forged.prev);
    // 4. Ana's name on an event of Mallory's own key: allowed, but it is Mallory's id that shows.
    const ack = await push(mallory, [withAnasKey, withOwnKey, ownIdAnasOrigin]);
    expect(ack.stored).toEqual([]);
    expect(ack.refused.map((r) => r.code)).toEqual(['forged-actor', 'forged-actor', 'bad-origin']);
    expect(ack.refused[0]!.reason).toMatch(/post as yourself|another key/);

    // Ana goes on at the seq Mallory tried to take: no seq-conflict, nothing lost.
    await teamStillWorks();
    const onHub = await readHubLog(hub.dataDir, incident);
    expect(onHub.some((e) => e.id === 'e_forged000001')).toBe(false);
    expect(onHub.filter((e) => e.actor.id === malKey.actorId)).toEqual([]);
  });

  it('cannot connect as a teammate by declaring her id or her (public) key', async () => {
    const asAna = connectRaw(
      malKey,
      'Ana',
      signedAuth(malKey, token, incident, 'Ana', (a) => ({ ...a, actor: { id: ana.actor.id, name: 'Ana' } })),
    );
    expect(await connectOutcome(asAna)).toMatchObject({ connected: false, code: 'bad-key' });
    const withAnasKey = connectRaw(
      malKey,
      'Ana',
      signedAuth(malKey, token, incident, 'Ana', (a) => ({ ...a, actor: { id: ana.actor.id, name: 'Ana' }, key: ana.signer.key })),
    );
    const out = await connectOutcome(withAnasKey);
    expect(out).toMatchObject({ connected: false, code: 'bad-key' });
    expect(out.connected === false && out.message).toContain('does not hold the key');
    await teamStillWorks();
  });

  it('cannot date an entry before the incident opened (1970), nor before her own previous entry', async () => {
    const origin = newOriginFor(malKey.key);
    const base = { v: 1, incident, origin, actor: { id: malKey.actorId, name: 'Mallory' }, kind: 'note.added' } as const;
    const old = malKey.signEvent(
      { ...base, id: 'e_mal1970000001', seq: 1, at: { ms: 0, c: 0 }, data: { text: 'this started in 1970' } } as WarEvent,
      undefined,
    );
    const refused = await push(mallory, [old]);
    expect(refused.refused).toEqual([expect.objectContaining({ code: 'too-early' })]);
    expect(refused.refused[0]!.reason).toContain('before the incident opened');

    const first = malKey.signEvent(
      { ...base, id: 'e_malnow0000001', seq: 1, at: { ms: Date.now(), c: 0 }, data: { text: 'now' } } as WarEvent,
      undefined,
    );
    const back = malKey.signEvent(
      { ...base, id: 'e_malback000001', seq: 2, at: { ms: Date.now() - 60_000, c: 0 }, data: { text: 'a minute ago' } } as WarEvent,
      eventHash(first),
    );
    const ack = await push(mallory, [first, back]);
    expect(ack.stored).toEqual(['e_malnow0000001']);
    expect(ack.refused).toEqual([expect.objectContaining({ code: 'too-early' })]);
    await teamStillWorks();
  });

  it('cannot rewrite her own history: a changed event or a broken chain is refused', async () => {
    const origin = newOriginFor(malKey.key);
    const base = {
      v: 1,
      incident,
      origin,
      actor: { id: malKey.actorId, name: 'Mallory' },
      kind: 'note.added',
      at: { ms: Date.now(), c: 0 },
    } as const;
    const one = malKey.signEvent({ ...base, id: 'e_malchain00001', seq: 1, data: { text: 'one' } } as WarEvent, undefined);
    const altered = { ...one, data: { text: 'one, altered after signing' } };
    const two = malKey.signEvent({ ...base, id: 'e_malchain00002', seq: 2, data: { text: 'two' } } as WarEvent, 'A'.repeat(43));
    const unsigned = { ...one, id: 'e_malunsigned01', seq: 3, key: undefined, sig: undefined };
    const ack = await push(mallory, [altered, one, two, unsigned]);
    expect(ack.stored).toEqual(['e_malchain00001']);
    expect(ack.refused.map((r) => [r.index, r.code])).toEqual([
      [0, 'bad-signature'],
      [2, 'broken-chain'],
      [3, 'unsigned'],
    ]);
    await teamStillWorks();
  });

  it("posting through the CLI with a copy of a teammate's preferences still writes as herself", async () => {
    const malDir = await tempDir('warroom-mallory-');
    await mkdir(malDir, { recursive: true });
    // The old attack: the actor id lived in config.json; copying it was enough to post as its owner.
    await copyFile(join(ana.dir, 'config.json'), join(malDir, 'config.json')).catch(() => undefined);
    const r = await cli([
      'post',
      '--data-dir',
      malDir,
      '--incident',
      incident,
      '--kind',
      'note',
      '--text',
      "posted with ana's preferences",
      '--name',
      'Ana',
      '--hub',
      hub.hub.url,
      '--token',
      token,
    ]);
    expect(r.code).toBe(0);
    const stored = (await readHubLog(hub.dataDir, incident)).find((e) => e.id === r.stdout)!;
    expect(stored.actor.id).not.toBe(ana.actor.id);
    expect(stored.key).not.toBe(ana.signer.key);
    await teamStillWorks();
  });

  it('is slowed, not served, when she floods pushes or pulls; the team is not', async () => {
    // A small budget so the test floods in milliseconds; the defaults are in PROTOCOL.md.
    await hub.close();
    hub = await startTestHub({
      dataDir: hub.dataDir,
      port: hub.hub.port,
      rateLimits: {
        pushEventsPerSecond: 5,
        pushEventsBurst: 10,
        pushBytesPerSecond: 1e6,
        pushBytesBurst: 1e6,
        pullsPerSecond: 2,
        pullsBurst: 5,
        pullBytesPerSecond: 1e7,
        pullBytesBurst: 1e7,
      },
    });
    await waitFor(() => team.every((p) => p.client!.status().state === 'connected'), 'the team back on the restarted hub');
    const flooder = connectRaw(malKey, 'Mallory');
    expect(await connectOutcome(flooder)).toEqual({ connected: true });
    const origin = newOriginFor(malKey.key);
    let prev: string | undefined;
    const events: WarEvent[] = [];
    for (let seq = 1; seq <= 40; seq++) {
      const e = malKey.signEvent(
        {
          v: 1,
          id: `e_malflood${String(seq).padStart(4, '0')}`,
          incident,
          origin,
          seq,
          at: { ms: Date.now(), c: seq },
          actor: { id: malKey.actorId, name: 'Mallory' },
          kind: 'note.added',
          data: { text: `flood ${seq}` },
        } as WarEvent,
        prev,
      );
      prev = eventHash(e);
      events.push(e);
    }
    const replies: unknown[] = [];
    for (let i = 0; i < 40; i += 5) replies.push(await flooder.emitWithAck(CLIENT_EVENTS.push, { events: events.slice(i, i + 5) }));
    const limited = replies.map((r) => errorAckSchema.safeParse(r)).filter((r) => r.success);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.data).toMatchObject({ code: 'rate-limited', retryAfterMs: expect.any(Number) });
    expect((await readHubLog(hub.dataDir, incident)).filter((e) => e.actor.id === malKey.actorId).length).toBeLessThan(40);

    const pulls = await Promise.all(
      Array.from({ length: 15 }, () => flooder.timeout(5_000).emitWithAck(CLIENT_EVENTS.pull, { vector: {} })),
    );
    const servedPulls = pulls.filter((r) => pullAckSchema.safeParse(r).success).length;
    expect(servedPulls).toBeLessThan(15);
    // She keeps asking without waiting as told: the hub drops her.
    const dropped = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    for (let i = 0; i < 25 && flooder.connected; i++)
      await flooder
        .timeout(5_000)
        .emitWithAck(CLIENT_EVENTS.pull, { vector: {} })
        .catch(() => undefined);
    expect(await dropped).toBe('io server disconnect');
    expect(pulls.some((r) => errorAckSchema.safeParse(r).success && (r as { code: string }).code === 'rate-limited')).toBe(true);
    await teamStillWorks();
  });

  it('cannot open more connections with one invite than its cap', async () => {
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, port: hub.hub.port, connectionsPerInvite: 6 });
    await waitFor(() => team.every((p) => p.client!.status().state === 'connected'), 'the team back on the restarted hub');
    // The four teammates hold four of the six; Mallory gets two, then is refused.
    const extra = [connectRaw(malKey, 'M1'), connectRaw(malKey, 'M2')];
    for (const s of extra) expect(await connectOutcome(s)).toEqual({ connected: true });
    const third = await connectOutcome(connectRaw(malKey, 'M3'));
    expect(third).toMatchObject({ connected: false, code: 'too-many-connections' });
    // Her own invite is another matter: the cap is per invite, not per room.
    const own = connectRaw(malKey, 'M4', signedAuth(malKey, await hub.invite(incident), incident, 'M4'));
    expect(await connectOutcome(own)).toEqual({ connected: true });
    await teamStillWorks();
  });

  it('loses her invite when the host revokes it, and the team keeps theirs', async () => {
    const made = await cli(['invite', '--data-dir', hub.dataDir, '--incident', incident, '--role', 'editor']);
    const inviteId = /invite (i_[0-9a-z]+)/.exec(made.stderr)![1]!;
    const hers = connectRaw(malKey, 'Mallory', signedAuth(malKey, made.stdout, incident, 'Mallory'));
    expect(await connectOutcome(hers)).toEqual({ connected: true });
    const gone = new Promise<string>((resolve) => hers.once('disconnect', resolve));
    expect((await cli(['invite', '--data-dir', hub.dataDir, '--revoke', inviteId])).code).toBe(0);
    // The hub notices within a second and ends her open connection.
    expect(await gone).toBe('io server disconnect');
    const again = await connectOutcome(connectRaw(malKey, 'Mallory', signedAuth(malKey, made.stdout, incident, 'Mallory')));
    expect(again).toMatchObject({ connected: false, code: 'revoked-token' });
    await teamStillWorks();
  });
});

describe('a teammate who stops reading', () => {
  it('is dropped once the hub has queued too much for her, and the team is not held up', async () => {
    const lines: string[] = [];
    await hub.close();
    hub = await startTestHub({
      dataDir: hub.dataDir,
      port: hub.hub.port,
      sendBufferBytes: 256 * 1024,
      log: (level, message, fields) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    });
    await waitFor(() => team.every((p) => p.client!.status().state === 'connected'), 'the team back on the restarted hub');
    const stalled = connectRaw(malKey, 'Stalled');
    expect(await connectOutcome(stalled)).toEqual({ connected: true });
    // Stop reading from the socket, as a peer that hangs or is paused in a debugger does.
    const engine = stalled.io.engine as unknown as { transport: { ws?: { _socket?: { pause(): void; destroy(): void } } } };
    const tcp = engine.transport.ws!._socket!;
    tcp.pause();
    const notes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ana.warRoom.record(incident, 'note.added', { text: `log excerpt ${i}: ${'x'.repeat(8_000)}` })),
    );
    expect(notes.every((r) => r.ok)).toBe(true);
    await waitFor(() => ana.client!.status().unsynced === 0, "ana's notes on the hub");
    // She keeps asking for the whole room (about 800 KB a time), a few times a second, and reads none of the
    // answers. The hub builds her no next page while the last is unread; once her socket's kernel buffers are
    // full, that page waits in the hub's memory, past her 256 KiB: she is dropped.
    const asking = setInterval(() => stalled.emit(CLIENT_EVENTS.pull, { vector: {} }, () => undefined), 150);
    try {
      await waitFor(
        () =>
          lines.some((l) =>
            /^warn dropped a peer that does not read: \d+ bytes queued.*"peer":"u_[0-9a-z]+".*"code":"slow-reader"/.test(l),
          ),
        'the hub to drop the stalled reader',
        20_000,
      );
      await teamStillWorks();
    } finally {
      clearInterval(asking);
      // Her end of a connection whose buffers are full would hold up the hub's close.
      tcp.destroy();
    }
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { textDigest } from '../../src/comms/digest.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { channelsAckSchema, CLIENT_EVENTS } from '../../src/sync/protocol.js';
import { cleanupTempDirs, connectOutcome, newSigner, rawSocket, signedAuth, startTestHub, tempDir, waitFor } from '../helpers/hub-peers.js';
import { ACKNOWLEDGE_ALL } from '../helpers/review-steps.js';
import { signedWriter, type SignedWriter } from '../helpers/signed-writer.js';
import { must, publishApproved, teamRoom, type TeamRoom } from '../helpers/team-room.js';

let team: TeamRoom | null = null;
let mallory: SignedWriter | null = null;
afterEach(async () => {
  mallory?.close();
  mallory = null;
  await team?.close();
  team = null;
  await cleanupTempDirs();
});

const page = async (t: { hub: { url: string; channels: { settled(): Promise<void> } } }, path = '/api/v2/incidents.json') => {
  await t.hub.channels.settled();
  return (await fetch(`${t.hub.url}${path}`)).text();
};

describe('the status page and email records against a teammate who writes by hand', () => {
  it('refuses her making the incident public, naming components, publishing an unapproved draft or forging an email record', async () => {
    team = await teamRoom();
    const { alice, incident, hub } = team;
    mallory = await signedWriter(hub, incident, await newSigner(), 'Mallory');
    const refused = async (e: WarEvent, reason: RegExp) => {
      const ack = await mallory!.push(e);
      expect(ack.stored).toEqual([]);
      expect(ack.refused).toEqual([expect.objectContaining({ code: 'not-permitted', id: e.id })]);
      expect(ack.refused[0]!.reason).toMatch(reason);
    };
    await refused(mallory.make('incident.visibility', { public: true }), /Mallory may not change whether the incident is public/);
    await refused(mallory.make('component.set', { name: 'Checkout API', status: 'major_outage' }), /status page's components/);

    // Her own draft, marked ready by herself, published without anyone's approval.
    const draft = mallory.make('draft.created', { title: 'All good', audience: 'all', channel: 'status-page' });
    expect((await mallory.push(draft)).stored).toEqual([draft.id]);
    expect(
      (
        await mallory.push(
          mallory.make('draft.review', { target: draft.id, state: 'ready', acknowledged: ACKNOWLEDGE_ALL, digest: textDigest('') }),
        )
      ).stored,
    ).toHaveLength(1);
    await refused(
      mallory.make('draft.published', {
        target: draft.id,
        text: 'Everything is fine, nothing to see.',
        channel: 'status-page',
        audience: 'all',
      }),
      /not approved/,
    );

    // Alice makes it public and publishes an email update the hub sends; Mallory claims a customer was told.
    must(await alice.warRoom.record(incident, 'incident.visibility', { public: true }));
    const acme = must(
      await alice.warRoom.record(incident, 'impact.added', {
        customer: 'Acme Corp',
        level: 'critical',
        contact: 'ops@acme.example',
        contactVerified: true,
      }),
    );
    const { publication } = await publishApproved(team, {
      text: 'Checkout is failing for you since 14:02 UTC. Next update by 15:00 UTC.',
      channel: 'email',
      audience: 'affected',
      mailer: hub.hub.channels.mailer.id,
    });
    await refused(mallory.make('email.delivery', { publication, target: acme.id, outcome: 'sent' }), /not the hub that sends this update/);
    await hub.hub.channels.settled();
    // No mail server is set up: the hub itself records that it could not send, and nobody is marked notified.
    await waitFor(
      async () => (await alice.warRoom.state(incident)).impacts[acme.id]?.email !== undefined,
      "the hub's record of Acme's email",
    );
    const impact = (await alice.warRoom.state(incident)).impacts[acme.id]!;
    expect(impact.email).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/no mail server/), by: hub.hub.channels.mailer });
    expect(impact.notifiedAt).toBeNull();

    const text = await page({ hub: hub.hub });
    expect(text).toContain('Checkout failing for EU customers');
    expect(text).not.toContain('nothing to see');
    expect(text).not.toContain('Mallory');
  });

  it('keeps an unapproved publication out of the page even when it reached the hub without its checks (a log copied in)', async () => {
    const dataDir = await tempDir('warroom-hubdata-');
    const incident = 'inc_copiedin01';
    const alice = { id: 'u_alicecopied001', name: 'Alice' };
    const at = Date.now() - 60_000;
    const e = (n: number, kind: string, data: object, actor = alice): object => ({
      v: 1,
      id: n === 0 ? incident : `e_copied${String(n).padStart(6, '0')}`,
      incident,
      origin: 'o_copiedlog01',
      seq: n + 1,
      at: { ms: at + n, c: 0 },
      actor,
      kind,
      data,
    });
    const lines = [
      e(0, 'incident.opened', { title: 'Payments delayed', severity: 'SEV2' }),
      e(1, 'role.assigned', { role: 'commander', person: alice }),
      e(2, 'incident.visibility', { public: true }),
      e(3, 'draft.created', { title: 'Hand-made', audience: 'all', channel: 'status-page' }),
      e(4, 'draft.review', { target: 'e_copied000003', state: 'ready', acknowledged: [], digest: textDigest('x') }),
      e(5, 'draft.published', {
        target: 'e_copied000003',
        text: 'Published with no approval at all.',
        channel: 'status-page',
        audience: 'all',
        notified: [],
      }),
    ];
    await mkdir(join(dataDir, 'incidents'), { recursive: true });
    await writeFile(join(dataDir, 'incidents', `${incident}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await writeFile(join(dataDir, 'public-rooms.json'), JSON.stringify({ v: 1, rooms: { [incident]: at } }));
    const hub = await startTestHub({ dataDir });
    try {
      const text = await page({ hub: hub.hub });
      expect(text).toContain('Payments delayed');
      expect(text).not.toContain('no approval');
      expect(JSON.parse(text).incidents[0].incident_updates).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});

describe('hostile requests to the public endpoints', () => {
  const raw = (port: number, text: string): Promise<string> =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text));
      let got = '';
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
    });

  it('refuses oversize, malformed and non-GET requests with a reason, and keeps serving', async () => {
    team = await teamRoom();
    const { hub } = team;
    const url = hub.hub.url;
    expect((await fetch(`${url}/api/v2/summary.json?${'q'.repeat(3000)}`)).status).toBe(414);
    const post = await fetch(`${url}/api/v2/summary.json`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await (await fetch(`${url}/api/v2/incidents/unresolved.json`, { method: 'DELETE' })).text()).toMatch(/read-only/);
    expect((await fetch(`${url}/status/../hub-secret`)).status).toBe(404);
    expect((await fetch(`${url}/api/v2/summary.json?%ZZ&page=-1`)).status).toBe(200);
    // A header block past Node's limit, and bytes that are not HTTP at all.
    expect(await raw(hub.hub.port, `GET /status HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect(await raw(hub.hub.port, 'HELLO THERE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${url}/status`)).status).toBe(200);
    const note = must(await team.bob.warRoom.record(team.incident, 'note.added', { text: 'still here' }));
    await waitFor(async () => (await team!.alice.warRoom.events(team!.incident)).some((e) => e.id === note.id), "Bob's note at Alice");
  });

  it('contains a flood of reads: the same bytes to all, no fold per read, and the room goes on', async () => {
    team = await teamRoom();
    const { hub, alice, bob, incident } = team;
    must(await alice.warRoom.record(incident, 'incident.visibility', { public: true }));
    await publishApproved(team, { text: 'Since 14:02 UTC some checkouts fail. Next update by 15:00 UTC.', channel: 'status-page' });
    await hub.hub.channels.settled();
    const folds = hub.hub.channels.folds;
    let etag = '';
    const statuses = new Map<number, number>();
    const reader = async (n: number) => {
      for (let i = 0; i < 40; i++) {
        const r = await fetch(`${hub.hub.url}/api/v2/summary.json`, { headers: i % 2 && etag ? { 'if-none-match': etag } : {} });
        etag ||= r.headers.get('etag') ?? '';
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        await r.arrayBuffer();
        if (n === 0 && i === 20) {
          // Mid-flood, a teammate's note still reaches the other.
          const note = must(await bob.warRoom.record(incident, 'note.added', { text: 'reading the flood' }));
          await waitFor(async () => (await alice.warRoom.events(incident)).some((e) => e.id === note.id), "Bob's note at Alice mid-flood");
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, n) => reader(n)));
    expect([...statuses.keys()].sort()).toEqual([200, 304]);
    expect([...statuses.values()].reduce((a, b) => a + b)).toBe(2000);
    expect(hub.hub.channels.folds).toBe(folds);
    expect((await fetch(`${hub.hub.url}/healthz`)).status).toBe(200);
  });

  it('answers a malformed hub:channels request with bad-request, and one without an acknowledgement with an error', async () => {
    team = await teamRoom();
    const key = await newSigner();
    const socket = rawSocket(team.hub.hub.url, signedAuth(key, await team.hub.invite(team.incident, 'viewer'), team.incident, 'Reader'));
    try {
      expect(await connectOutcome(socket)).toEqual({ connected: true });
      const bad = (await socket.timeout(5_000).emitWithAck(CLIENT_EVENTS.channels, { webhooks: 'all of them', n: 'x'.repeat(10_000) })) as {
        ok: boolean;
        code: string;
      };
      expect(bad).toMatchObject({ ok: false, code: 'bad-request' });
      const good = channelsAckSchema.parse(await socket.timeout(5_000).emitWithAck(CLIENT_EVENTS.channels, {}));
      expect(good.webhooks).toEqual([]);
      expect(good.email.configured).toBe(false);
    } finally {
      socket.disconnect();
    }
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticIncident, toJsonLines } from '../../bench/synthetic-incident.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { fold } from '../../src/incident/fold.js';
import { CLIENT_EVENTS, PROTOCOL_LIMITS, pullAckSchema } from '../../src/sync/protocol.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  memorySigner,
  rawSocket,
  signedAuth,
  startTestHub,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';

const INCIDENT = 'inc_pullpages01';
const N = 3_000;

let hub: TestHub | null = null;
let oldHub: Server | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await new Promise<void>((r) => (oldHub ? void oldHub.close(() => r()) : r()));
  oldHub = null;
  await cleanupTempDirs();
});

async function hubWith(events: readonly unknown[]): Promise<TestHub> {
  const seeded = await startTestHub();
  await seeded.close();
  await mkdir(join(seeded.dataDir, 'incidents'), { recursive: true });
  await writeFile(join(seeded.dataDir, 'incidents', `${INCIDENT}.jsonl`), toJsonLines(events as Parameters<typeof toJsonLines>[0]));
  return startTestHub({ dataDir: seeded.dataDir });
}

describe('catch-up pages', () => {
  it('pages come in the room’s order as the stored lines, each position named once, in far fewer round trips than 500 a page', async () => {
    const events = syntheticIncident(N, INCIDENT);
    hub = await hubWith(events);
    const s = rawSocket(hub.hub.url, signedAuth(memorySigner(), await hub.invite(INCIDENT, 'viewer'), INCIDENT, 'Reader'));
    expect((await connectOutcome(s)).connected).toBe(true);
    const got: unknown[] = [];
    const positions: string[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = pullAckSchema.parse(
        await s.timeout(10_000).emitWithAck(CLIENT_EVENTS.pull, { vector: {}, after, limit: PROTOCOL_LIMITS.pageEvents }),
      );
      const text = Buffer.from(page.lines as Uint8Array).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.split('\n').slice(0, -1);
      expect(lines).toHaveLength(page.count);
      got.push(...lines.map((l) => JSON.parse(l) as unknown));
      expect(page.order?.from).toBe(after + 1);
      positions.push(...page.order!.ids);
      expect(page.head?.n).toBe(N);
      pages++;
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages).toBeLessThan(Math.ceil(N / PROTOCOL_LIMITS.batchEvents));
    expect(got).toEqual(JSON.parse(JSON.stringify(events)));
    expect(positions).toEqual(events.map((e) => e.id));
    s.disconnect();
  });

  it('a peer catching up through lines writes a log that folds to the same state', async () => {
    const events = syntheticIncident(N, INCIDENT);
    hub = await hubWith(events);
    const late = await makePeer('late');
    peers.push(late);
    late.connect(hub.hub.url, INCIDENT, await hub.invite(INCIDENT, 'viewer'));
    await late.client!.whenSynced(30_000);
    expect(JSON.stringify(await late.warRoom.state(INCIDENT))).toBe(JSON.stringify(fold(events)));
    // Its own log, read afresh: every line it wrote as received reads back, and folds the same.
    const replay = await new IncidentLogStore(join(late.dir, 'incidents')).read(INCIDENT);
    expect(replay.issues).toEqual([]);
    expect(JSON.stringify(fold(replay.events))).toBe(JSON.stringify(fold(events)));
  });

  it('a hub from before the agreed order is told apart: the peer says to update the hub and stops asking', async () => {
    const seen: unknown[] = [];
    // The old hub's pull: a strict schema of vector, a cursor and a limit, as hubs were.
    const http = createServer();
    oldHub = new Server(http, { transports: ['websocket'] });
    oldHub.on('connection', (socket) => {
      socket.on(CLIENT_EVENTS.pull, (req: { after?: unknown }, ack: (r: unknown) => void) => {
        seen.push(req);
        if (typeof req.after === 'number') return ack({ ok: false, code: 'bad-request', error: 'bad sync:pull: after: expected object' });
        ack({ ok: true, events: [], next: null, vector: {} });
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const late = await makePeer('late');
    peers.push(late);
    const client = late.connect(url, INCIDENT, 'token-the-old-hub-does-not-check');
    await expect(client.whenSynced(10_000)).rejects.toThrow(/older War Room hub.*update the hub/);
    await new Promise((r) => setTimeout(r, 500));
    // It cannot prove a hub key (no handshake challenge), so it is told apart before anything is sent.
    expect(seen).toHaveLength(0);
    expect(client.status().error).toMatch(/update the hub/);
  });
});

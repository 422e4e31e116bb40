import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticIncident, toJsonLines } from '../../bench/synthetic-incident.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { fold } from '../../src/incident/fold.js';
import { CLIENT_EVENTS, PROTOCOL_LIMITS, pullAckSchema, pullLinesAckSchema, type Cursor } from '../../src/sync/protocol.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  memorySigner,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
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
  it('a page asked for as JSON lines holds the same events, in the same order, as pages of envelopes', async () => {
    const events = syntheticIncident(N, INCIDENT);
    hub = await hubWith(events);
    const s = rawSocket(hub.hub.url, signedAuth(memorySigner(), await hub.invite(INCIDENT, 'viewer'), INCIDENT, 'Reader'));
    expect((await connectOutcome(s)).connected).toBe(true);

    const asEnvelopes: unknown[] = [];
    let after: Cursor | null = null;
    let pages = 0;
    do {
      const page = pullAckSchema.parse(await s.timeout(10_000).emitWithAck(CLIENT_EVENTS.pull, { vector: {}, after }));
      asEnvelopes.push(...page.events);
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(N / PROTOCOL_LIMITS.batchEvents));

    const asLines: unknown[] = [];
    after = null;
    pages = 0;
    do {
      const page = pullLinesAckSchema.parse(
        await s.timeout(10_000).emitWithAck(CLIENT_EVENTS.pull, { vector: {}, after, limit: PROTOCOL_LIMITS.pageEvents, format: 'lines' }),
      );
      const text = Buffer.from(page.lines as Uint8Array).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.split('\n').slice(0, -1);
      expect(lines).toHaveLength(page.count);
      asLines.push(...lines.map((l) => JSON.parse(l) as unknown));
      after = page.next;
      pages++;
    } while (after);
    // Fewer round trips: as many events as the byte cap allows, not 500.
    expect(pages).toBeLessThan(Math.ceil(N / PROTOCOL_LIMITS.batchEvents));
    expect(asLines).toEqual(asEnvelopes);
    expect(asLines).toHaveLength(N);
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

  it('a hub from before big pages (pulls of at most 500, envelopes only) is asked again without them', async () => {
    const events = syntheticIncident(1_200, INCIDENT);
    const seen: unknown[] = [];
    // The old hub's pull: a strict schema of vector, after and a limit of at most 500, as hubs were.
    const http = createServer();
    oldHub = new Server(http, { transports: ['websocket'] });
    oldHub.on('connection', (socket) => {
      socket.on(
        CLIENT_EVENTS.pull,
        (req: { vector: object; after?: Cursor | null; limit?: number; format?: string }, ack: (r: unknown) => void) => {
          seen.push(req);
          const extra = Object.keys(req).filter((k) => !['vector', 'after', 'limit'].includes(k));
          if (extra.length || (req.limit ?? 500) > 500)
            return ack({ ok: false, code: 'bad-request', error: `bad sync:pull: unknown key ${extra[0] ?? 'limit'}` });
          const start = req.after ? events.findIndex((e) => e.origin === req.after!.origin && e.seq === req.after!.seq) + 1 : 0;
          const page = events.slice(start, start + 500);
          const last = page[page.length - 1]!;
          const more = start + 500 < events.length;
          ack({ ok: true, events: page, next: more ? { origin: last.origin, seq: last.seq } : null, vector: {} });
        },
      );
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    // The old hub's pages go in its own order: here the log's, which is what matters to the client.
    const late = await makePeer('late');
    peers.push(late);
    late.connect(url, INCIDENT, 'token-the-old-hub-does-not-check');
    await waitFor(async () => (await late.warRoom.events(INCIDENT)).length === events.length, 'all events from the old hub', 20_000);
    expect(JSON.stringify(await late.warRoom.state(INCIDENT))).toBe(JSON.stringify(fold(events)));
    // Refused once, then plain pulls only.
    expect((seen[0] as { format?: string }).format).toBe('lines');
    expect(
      seen
        .slice(1)
        .every((r) => (r as { format?: string; limit?: number }).format === undefined && (r as { limit?: number }).limit === undefined),
    ).toBe(true);
    expect(seen).toHaveLength(1 + Math.ceil(events.length / 500));
  });
});

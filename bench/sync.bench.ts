import { writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { HUB_EVENTS } from '../src/sync/protocol.js';
import {
  cleanupTempDirs,
  io,
  makePeer,
  memorySigner,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
} from '../test/helpers/hub-peers.js';
import type { HubStorage } from '../main/hub/hub-storage.js';
import { MemoryHubStorage } from '../test/helpers/hub-memory-storage.js';
import { syntheticIncident, toJsonLines } from './synthetic-incident.js';
import { percentile, step, type BenchOptions, type BenchRow } from './table.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const PEERS = 20;

/** Append on peer A until folded on every other peer through a real hub; 20 peers, paced writes. */
export async function liveLatency(
  writes: number,
  storage?: HubStorage,
): Promise<{ latencies: number[]; lost: number; cpuMsPerWrite: number }> {
  const hub = await startTestHub(storage ? { storage } : {});
  const peers: Peer[] = [];
  try {
    const first = await makePeer('p0');
    peers.push(first);
    const opened = await first.warRoom.createIncident({ title: 'latency', severity: 'SEV2' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    for (let i = 1; i < PEERS; i++) peers.push(await makePeer(`p${i}`));
    const token = await hub.invite(incident);
    for (const p of peers) p.connect(hub.hub.url, incident, token);
    await waitFor(
      async () =>
        (await Promise.all(peers.map((p) => p.warRoom.exists(incident)))).every(Boolean) &&
        peers.every((p) => p.client?.status().state === 'connected'),
      'peers connected',
      20_000,
    );

    // Receivers can see an event before record() returns on the writer (it is pushed while the writer's
    // fsync runs), so arrival times are kept by id and matched with send times at the end.
    const sentAt = new Map<string, number>();
    const arrivals: [string, number][] = [];
    let expected = 0;
    for (const p of peers) {
      p.warRoom.onEvents((_i, events, source) => {
        if (source !== 'remote') return;
        const now = performance.now();
        for (const e of events) arrivals.push([e.id, now]);
      });
    }
    const latencies = () => arrivals.filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!);
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < writes; i++) {
      const writer = peers[i % peers.length]!;
      const t = performance.now();
      // The id is known only once record() returns; keep the start time keyed by it before anyone can receive it.
      const pending = writer.warRoom.record(incident, 'note.added', { text: `paced write ${i}: error rate ${i % 50}%` });
      const r = await pending;
      if (!r.ok) throw new Error(r.error);
      sentAt.set(r.value.id, t);
      expected += peers.length - 1;
      await sleep(20);
    }
    await waitFor(() => latencies().length >= expected, 'every write delivered to every peer', 10_000).catch(() => undefined);
    const cpu = process.cpuUsage(cpuBefore);
    const l = latencies();
    return { latencies: l, lost: expected - l.length, cpuMsPerWrite: (cpu.user + cpu.system) / 1000 / writes };
  } finally {
    await Promise.all(peers.map((p) => p.close()));
    await hub.close();
  }
}

/** The same fan-out with a bare socket.io relay: one server, 20 clients, the same payload size and pacing. */
export async function bareSocketIoLatency(writes: number): Promise<number[]> {
  const http = createServer();
  const server = new Server(http, { transports: ['websocket'] });
  server.on('connection', (s) => {
    void s.join('room');
    s.on('msg', (m: unknown, ack: () => void) => {
      s.to('room').emit('msg', m);
      ack();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients = Array.from({ length: PEERS }, () => io(url, { transports: ['websocket'], forceNew: true }));
  await Promise.all(clients.map((c) => new Promise((r) => c.once('connect', () => r(null)))));
  const latencies: number[] = [];
  for (const c of clients) c.on('msg', (m: { t: number }) => latencies.push(performance.now() - m.t));
  const payload = JSON.stringify(syntheticIncident(3)[2]);
  for (let i = 0; i < writes; i++) {
    await new Promise((r) => clients[i % PEERS]!.emit('msg', { t: performance.now(), payload }, r));
    await sleep(20);
  }
  await sleep(200);
  for (const c of clients) c.close();
  await server.close();
  return latencies;
}

/** A peer missing `n` events connects until it holds them all. */
async function catchUp(n: number): Promise<number> {
  const events = syntheticIncident(n, 'inc_catchup0001');
  const hub = await startTestHub();
  await hub.close();
  // Seed the hub's own log directly, then restart it on that data dir.
  await mkdir(join(hub.dataDir, 'incidents'), { recursive: true });
  await writeFile(join(hub.dataDir, 'incidents', 'inc_catchup0001.jsonl'), toJsonLines(events));
  const restarted = await startTestHub({ dataDir: hub.dataDir });
  const peer = await makePeer('late');
  try {
    const token = await restarted.invite('inc_catchup0001');
    const t = performance.now();
    peer.connect(restarted.hub.url, 'inc_catchup0001', token);
    await waitFor(
      async () => (await peer.warRoom.exists('inc_catchup0001')) && (await peer.warRoom.events('inc_catchup0001')).length === n,
      'catch-up',
      30_000,
    );
    return performance.now() - t;
  } finally {
    await peer.close();
    await restarted.close();
  }
}

/**
 * 200 viewers connected, one writer at 50 entries/s: delivery time to every viewer, and none lost. One invite
 * admits at most 100 connections (connectionsPerInvite): the audience comes in on several, 50 to each.
 */
async function fanOut(viewerCount: number, writes: number): Promise<{ p99: number; lost: number; delivered: number }> {
  const hub = await startTestHub();
  const writer = await makePeer('writer');
  const viewers: ReturnType<typeof rawSocket>[] = [];
  try {
    const opened = await writer.warRoom.createIncident({ title: 'fan-out', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    writer.connect(hub.hub.url, incident, await hub.invite(incident));
    const viewerTokens = await Promise.all(
      Array.from({ length: Math.ceil(viewerCount / 50) }, (_, i) => hub.invite(incident, 'viewer', 3_600_000 + i)),
    );
    const sentAt = new Map<string, number>();
    const arrivals: [string, number][] = [];
    for (let i = 0; i < viewerCount; i++) {
      const token = viewerTokens[i % viewerTokens.length]!;
      const s = rawSocket(hub.hub.url, signedAuth(memorySigner(), token, incident, `Viewer ${i}`));
      s.on(
        HUB_EVENTS.events as never,
        ((msg: { events: { id: string }[] }) => {
          const now = performance.now();
          for (const e of msg.events) arrivals.push([e.id, now]);
        }) as never,
      );
      viewers.push(s);
    }
    await waitFor(() => viewers.every((v) => v.connected) && writer.client?.status().state === 'connected', 'viewers connected', 30_000);
    for (let i = 0; i < writes; i++) {
      const t = performance.now();
      const r = await writer.warRoom.record(incident, 'note.added', { text: `update ${i} for the bridge` });
      if (!r.ok) throw new Error(r.error);
      sentAt.set(r.value.id, t);
      await sleep(Math.max(0, 20 - (performance.now() - t)));
    }
    const expected = writes * viewers.length;
    const latencies = () => arrivals.filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!);
    await waitFor(() => latencies().length >= expected, 'fan-out delivered', 10_000).catch(() => undefined);
    const l = latencies();
    return { p99: percentile(l, 99), lost: expected - l.length, delivered: l.length };
  } finally {
    for (const v of viewers) v.close();
    await writer.close();
    await hub.close();
  }
}

/** Live latency through a real hub against a bare socket.io relay, and the hub without its fsync (diagnostic). */
async function latencyRows(quick: boolean, writes: number): Promise<BenchRow[]> {
  // In rounds, each of the three in turn, so a busy moment on a shared machine hits all of them alike. The
  // third is the same hub with storage that never waits for a disk: how much of the path is the hub's fsync.
  const samples = { bare: [] as number[], live: [] as number[], noDisk: [] as number[] };
  let lost = 0;
  let lostNoDisk = 0;
  const rounds = quick ? 1 : 3;
  for (let r = 0; r < rounds; r++) {
    const perRound = Math.ceil(writes / rounds);
    samples.bare.push(...(await bareSocketIoLatency(perRound)));
    const l = await liveLatency(perRound);
    samples.live.push(...l.latencies);
    lost += l.lost;
    const m = await liveLatency(perRound, new MemoryHubStorage());
    samples.noDisk.push(...m.latencies);
    lostNoDisk += m.lost;
  }
  const summary = (xs: number[], n: number) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), samples: xs.length, lost: n });
  const bare = summary(samples.bare, 0);
  const live = summary(samples.live, lost);
  const noDisk = summary(samples.noDisk, lostNoDisk);
  const base = { what: 'bare socket.io relay p99', figure: bare.p99, unit: 'ms' };
  return [
    {
      what: `live latency p50, ${PEERS} peers (${live.samples} deliveries)`,
      figure: live.p50,
      unit: 'ms',
      baseline: { ...base, what: 'bare socket.io relay p50', figure: bare.p50 },
      ratio: live.p50 / bare.p50,
      ratioLabel: 'of baseline',
      target: '(informational)',
      met: true,
    },
    {
      what: `live latency p99, ${PEERS} peers`,
      figure: live.p99,
      unit: 'ms',
      baseline: base,
      ratio: live.p99 / bare.p99,
      ratioLabel: 'of baseline',
      target: '<= 15 ms; <= 3x baseline',
      met: live.p99 <= 15 && live.p99 / bare.p99 <= 3 && live.lost === 0,
      note: `lost ${live.lost}`,
    },
    {
      what: `  the same hub with in-memory storage (no fsync before relaying; p50 ${noDisk.p50.toFixed(1)} ms, ${noDisk.lost} lost)`,
      figure: noDisk.p99,
      unit: 'ms',
      baseline: base,
      ratio: noDisk.p99 / bare.p99,
      ratioLabel: 'of baseline',
      target: '(diagnostic)',
      met: true,
    },
  ];
}

export async function benchSync({ quick }: BenchOptions): Promise<BenchRow[]> {
  const writes = quick ? 40 : 200;
  const catchUpEvents = quick ? 1_000 : 10_000;
  const viewers = 200;
  try {
    const latency = await step('sync: live latency', () => latencyRows(quick, writes));
    const caughtUp = await step('sync: catch-up', async () => {
      const caught = await catchUp(catchUpEvents);
      const n = catchUpEvents.toLocaleString('en');
      return [{ what: `catch-up: ${n} missing events`, figure: caught, unit: 'ms', target: '<= 1000 ms', met: caught <= 1000 }];
    });
    const fanned = await step('sync: fan-out', async () => {
      const fan = await fanOut(viewers, quick ? 20 : 150);
      return [
        {
          what: `hub fan-out p99, ${viewers} viewers, 50/s (${fan.delivered} deliveries, ${fan.lost} lost)`,
          figure: fan.p99,
          unit: 'ms',
          target: '<= 100 ms, none lost',
          met: fan.p99 <= 100 && fan.lost === 0,
        },
      ];
    });
    return [...latency, ...caughtUp, ...fanned];
  } finally {
    await cleanupTempDirs();
  }
}

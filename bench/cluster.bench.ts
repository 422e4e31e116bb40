// Several hubs on one Postgres and one Redis (issue 25), against one hub as a team runs it today (its own data dir),
// measured in the same run: live latency between teammates on different hubs, fan-out to viewers spread over the
// hubs, and a large audience over three hubs. Every hub is a real `warroom hub` process; the database keeps fsync.
import { performance } from 'node:perf_hooks';
import { clusterInvite } from '../test/helpers/hub-cluster.js';
import { cleanupTempDirs, makePeer, mintInvite, tempDir, waitFor, type Peer } from '../test/helpers/hub-peers.js';
import { spawnHub, type HubProcess } from '../test/helpers/hub-process.js';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from '../test/helpers/real-servers.js';
import { spawnChild } from './scale.bench.js';
import { percentile, step, type BenchOptions, type BenchRow } from './table.js';
import type { HubRole } from '../src/sync/protocol.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const abs = (): number => performance.timeOrigin + performance.now();

/** Some hubs serving the same rooms, and how to invite someone to one of them. */
interface Hubs {
  urls: string[];
  invite(room: string, role: HubRole, nth?: number): Promise<string>;
  stop(): Promise<void>;
}

/** One hub on its own data dir: the embedded default, the baseline. */
async function oneHub(): Promise<Hubs> {
  const dataDir = await tempDir('warroom-bench-hub-');
  const hub = await spawnHub(['--port', '0', '--data-dir', dataDir], 60_000);
  return {
    urls: [hub.url],
    invite: (room, role, nth = 0) => mintInvite(dataDir, room, role, Date.now() + 3_600_000 + nth),
    stop: async () => void (await hub.stop()),
  };
}

/** `count` hubs on a fresh database of one Postgres, fanning out through one Redis. */
async function clusterHubs(count: number, postgres: PostgresServer, redis: RedisServer): Promise<Hubs> {
  const storage = await postgres.newDatabase();
  const hubs: HubProcess[] = [];
  for (let i = 0; i < count; i++) {
    hubs.push(
      await spawnHub(
        ['--port', '0', '--data-dir', await tempDir('warroom-bench-hub-'), '--storage', storage, '--redis', redis.url],
        60_000,
      ),
    );
  }
  return {
    urls: hubs.map((h) => h.url),
    invite: (room, role, nth = 0) => clusterInvite(storage, room, role, `i_bench${role}${nth}`),
    stop: async () => void (await Promise.all(hubs.map((h) => h.stop()))),
  };
}

/** A writer's incident on the hubs: opened by its writer, who is connected to the first hub. */
async function openRoom(hubs: Hubs, title: string): Promise<{ writer: Peer; incident: string }> {
  const writer = await makePeer('writer');
  const opened = await writer.warRoom.createIncident({ title, severity: 'SEV1' });
  if (!opened.ok) throw new Error(opened.error);
  const incident = opened.value.incident;
  await writer.connect(hubs.urls[0]!, incident, await hubs.invite(incident, 'editor')).whenSynced(60_000);
  return { writer, incident };
}

/** 20 teammates spread over the hubs, each writing in turn every 20 ms: when each write reaches every other. */
async function liveLatency(hubs: Hubs, writes: number): Promise<{ latencies: number[]; lost: number }> {
  const { writer, incident } = await openRoom(hubs, 'latency across hubs');
  const peers: Peer[] = [writer];
  try {
    for (let i = 1; i < 20; i++) peers.push(await makePeer(`p${i}`));
    const token = await hubs.invite(incident, 'editor');
    await Promise.all(peers.slice(1).map((p, i) => p.connect(hubs.urls[(i + 1) % hubs.urls.length]!, incident, token).whenSynced(60_000)));
    const sentAt = new Map<string, number>();
    const arrivals: [string, number][] = [];
    for (const p of peers) {
      p.warRoom.onEvents((_i, events, source) => {
        // Live, or pulled when a peer saw a position it lacked (a relay that did not arrive): either way it arrived.
        if (source === 'local') return;
        const now = performance.now();
        for (const e of events) arrivals.push([e.id, now]);
      });
    }
    for (let i = 0; i < writes; i++) {
      const t = performance.now();
      const r = await peers[i % peers.length]!.warRoom.record(incident, 'note.added', { text: `paced write ${i}: error rate ${i % 50}%` });
      if (!r.ok) throw new Error(r.error);
      sentAt.set(r.value.id, t);
      await sleep(20);
    }
    const expected = writes * (peers.length - 1);
    const latencies = () => arrivals.filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!);
    await waitFor(() => latencies().length >= expected, 'every write on every peer', 30_000).catch(() => undefined);
    const l = latencies();
    return { latencies: l, lost: expected - l.length };
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

interface Audience {
  viewers: number;
  writes: number;
}

/**
 * `viewers` viewers in one process per hub (viewers-child.ts), one writer on the first hub at 50 events/s: when
 * each event reached each viewer, and how many never did. One invite admits 100 connections a hub: the audience
 * comes in on several.
 */
async function fanOut(hubs: Hubs, { viewers, writes }: Audience): Promise<{ p50: number; p99: number; lost: number; delivered: number }> {
  const { writer, incident } = await openRoom(hubs, 'fan-out across hubs');
  const processes = Math.max(2, hubs.urls.length);
  const children = Array.from({ length: processes }, () => spawnChild('viewers-child.ts'));
  try {
    const tokens = await Promise.all(Array.from({ length: Math.ceil(viewers / 50) }, (_, i) => hubs.invite(incident, 'viewer', i)));
    const per = Math.ceil(viewers / processes);
    children.forEach((c, i) => {
      const url = hubs.urls[i % hubs.urls.length]!;
      c.send({ type: 'start', mode: 'hub', url, count: Math.min(per, viewers - i * per), first: i * per, tokens, incident });
    });
    await Promise.all(children.map((c) => c.next('joined', 300_000)));
    const sentAt: Record<string, number> = {};
    const start = performance.now();
    for (let i = 0; i < writes; i++) {
      const t = abs();
      const r = await writer.warRoom.record(incident, 'note.added', {
        text: `update ${i} for the bridge: error rate ${i % 100}% on checkout`,
      });
      if (!r.ok) throw new Error(r.error);
      sentAt[r.value.id] = t;
      await sleep(Math.max(0, start + (i + 1) * 20 - performance.now()));
    }
    const expected = writes * viewers;
    let reports: { received: number; latencies: number[] }[] = [];
    const deadline = performance.now() + 60_000;
    do {
      await sleep(1_000);
      children.forEach((c) => c.send({ type: 'report', sentAt }));
      reports = await Promise.all(children.map((c) => c.next<{ received: number; latencies: number[] }>('report')));
    } while (reports.reduce((s, r) => s + r.received, 0) < expected && performance.now() < deadline);
    const latencies = reports.flatMap((r) => r.latencies);
    const delivered = reports.reduce((s, r) => s + r.received, 0);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost: expected - delivered, delivered };
  } finally {
    for (const c of children) if (c.proc.connected) c.send({ type: 'stop' });
    await Promise.all(children.map((c) => (c.proc.exitCode === null ? new Promise((r) => c.proc.once('exit', r)) : null)));
    await writer.close();
  }
}

/** The first `n` of the hubs (the others keep running, idle for this room). */
function firstOf(hubs: Hubs, n: number): Hubs {
  return { ...hubs, urls: hubs.urls.slice(0, n), stop: async () => undefined };
}

/** The hubs every row compares: one on its own data dir, and three on Postgres and Redis (rows use the first 1-3). */
interface Setups {
  single: Hubs;
  cluster: Hubs;
}

async function latencyRows({ single, cluster }: Setups, writes: number): Promise<BenchRow[]> {
  const one = await liveLatency(single, writes);
  const two = await liveLatency(firstOf(cluster, 2), writes);
  const onePg = await liveLatency(firstOf(cluster, 1), writes);
  const p99 = (xs: number[]) => percentile(xs, 99);
  const base = { what: 'one hub, its own data dir', figure: p99(one.latencies), unit: 'ms' };
  return [
    {
      what: `live latency p99, 20 peers over two hubs on Postgres and Redis (lost ${two.lost}; one hub lost ${one.lost})`,
      figure: p99(two.latencies),
      unit: 'ms',
      baseline: base,
      ratio: p99(two.latencies) / base.figure,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline, none lost',
      met: p99(two.latencies) <= 2 * base.figure && two.lost === 0 && one.lost === 0,
    },
    {
      what: `  one hub on Postgres and Redis (lost ${onePg.lost})`,
      figure: p99(onePg.latencies),
      unit: 'ms',
      baseline: base,
      ratio: p99(onePg.latencies) / base.figure,
      ratioLabel: 'of baseline',
      target: '(diagnostic)',
      met: true,
    },
  ];
}

async function fanOutRows({ single, cluster }: Setups, audience: Audience): Promise<BenchRow[]> {
  const one = await fanOut(single, audience);
  const two = await fanOut(firstOf(cluster, 2), audience);
  return [
    {
      what: `fan-out p99, ${audience.viewers} viewers over two hubs, 50/s (${two.delivered} deliveries, ${two.lost} lost; one hub lost ${one.lost})`,
      figure: two.p99,
      unit: 'ms',
      baseline: { what: 'the same audience on one hub', figure: one.p99, unit: 'ms' },
      ratio: two.p99 / one.p99,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline, none lost',
      met: two.p99 <= 2 * one.p99 && two.lost === 0 && one.lost === 0,
    },
  ];
}

async function audienceRow({ cluster }: Setups, audience: Audience): Promise<BenchRow[]> {
  const three = await fanOut(cluster, audience);
  const n = audience.viewers.toLocaleString('en');
  return [
    {
      what: `${n} viewers over three hubs, one writer at 50/s (${three.delivered} deliveries, p99 ${three.p99.toFixed(0)} ms)`,
      figure: three.lost,
      unit: 'lost',
      target: '0 lost',
      met: three.lost === 0,
    },
  ];
}

export async function benchCluster({ quick, large }: BenchOptions): Promise<BenchRow[]> {
  let pg: PostgresServer | null = null;
  let redis: RedisServer | null = null;
  const started: Hubs[] = [];
  try {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    // Started once for every row (each row its own incident): hub start-up is most of a quick run.
    const setups: Setups = { single: await oneHub(), cluster: await clusterHubs(3, pg, redis) };
    started.push(setups.single, setups.cluster);
    const latency = await step('cluster: live latency', () => latencyRows(setups, quick ? 40 : 200));
    const fanned = await step('cluster: fan-out', () => fanOutRows(setups, { viewers: quick ? 60 : 200, writes: quick ? 20 : 150 }));
    // 3,000 viewers take minutes to join (each proves its key to its hub): --large; the default run uses 600.
    const audience = { viewers: quick ? 90 : large ? 3_000 : 600, writes: quick ? 20 : 250 };
    const crowd = await step('cluster: audience', () => audienceRow(setups, audience));
    return [...latency, ...fanned, ...crowd];
  } finally {
    await Promise.all(started.map((h) => h.stop()));
    await Promise.all([pg?.stop(), redis?.stop()]);
    await cleanupTempDirs();
  }
}

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
  /** What each hub wrote on stderr (its log), for a row that went wrong. */
  logs(): string[];
  stop(): Promise<void>;
}

/** One hub on its own data dir: the embedded default, the baseline. */
async function oneHub(): Promise<Hubs> {
  const dataDir = await tempDir('warroom-bench-hub-');
  const hub = await spawnHub(['--port', '0', '--data-dir', dataDir], 60_000);
  return {
    urls: [hub.url],
    logs: () => [hub.stderr()],
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
    logs: () => hubs.map((h) => h.stderr()),
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

/** What a setup measured: each delivery's latency, and how many deliveries never came. */
interface Measured {
  latencies: number[];
  lost: number;
}

/** A team or an audience joined to some hubs, written to a segment at a time, then measured. */
interface Joined {
  /** Writes `count` events, one every 20 ms (50/s). */
  write(count: number): Promise<void>;
  /** Waits (a while) for every write to reach everyone, then says when each did. */
  measure(): Promise<Measured>;
  close(): Promise<void>;
  /** For the row: what the join cost, how the deliveries split (whatever the setup wants to say). */
  note(): string;
}

/**
 * Runs the setups' writes interleaved, a segment each in turn (A B, B A, A B...), so that a machine whose load
 * moves during the run (other work on shared cores) weighs on every setup alike; then measures each.
 */
async function interleaved(setups: Joined[], writes: number, segments = 4): Promise<Measured[]> {
  const per = Math.ceil(writes / segments);
  for (let s = 0; s < segments; s++) {
    const order = s % 2 === 0 ? setups : [...setups].reverse();
    for (const j of order) await j.write(Math.min(per, writes - s * per));
  }
  const measured: Measured[] = [];
  for (const j of setups) measured.push(await j.measure());
  return measured;
}

/** Paced writes by `writers` in turn, one every 20 ms from `start` on; when each was written, by id. */
async function pacedWrites(
  writers: Peer[],
  incident: string,
  count: number,
  first: number,
  sentAt: Map<string, number>,
  clock: () => number,
) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const n = first + i;
    const t = clock();
    const r = await writers[n % writers.length]!.warRoom.record(incident, 'note.added', {
      text: `paced write ${n}: error rate ${n % 50}% on checkout`,
    });
    if (!r.ok) throw new Error(r.error);
    sentAt.set(r.value.id, t);
    await sleep(Math.max(0, start + (i + 1) * 20 - performance.now()));
  }
}

/** 20 teammates spread over the hubs, writing in turn: when each write reaches every other. */
async function joinTeam(hubs: Hubs): Promise<Joined> {
  const { writer, incident } = await openRoom(hubs, 'latency across hubs');
  const peers: Peer[] = [writer];
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
  let written = 0;
  return {
    write: async (count) => {
      await pacedWrites(peers, incident, count, written, sentAt, () => performance.now());
      written += count;
    },
    measure: async () => {
      const expected = written * (peers.length - 1);
      const latencies = () => arrivals.filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!);
      await waitFor(() => latencies().length >= expected, 'every write on every peer', 30_000).catch(() => undefined);
      const l = latencies();
      return { latencies: l, lost: expected - l.length };
    },
    close: async () => void (await Promise.all(peers.map((p) => p.close()))),
    note: () => '',
  };
}

interface Audience {
  viewers: number;
  writes: number;
}

type Report = { received: number; latencies: number[] };

/**
 * `viewers` viewers in one process per hub (viewers-child.ts), one writer on the first hub: when each event
 * reached each viewer, and how many never did. Writing starts once every viewer is in the room and has the
 * room's list of who is there (the audience is seated). One invite admits 100 connections a hub: the audience
 * comes in on several.
 */
async function seatAudience(hubs: Hubs, viewers: number): Promise<Joined> {
  const { writer, incident } = await openRoom(hubs, 'fan-out across hubs');
  const processes = Math.max(2, hubs.urls.length);
  const children = Array.from({ length: processes }, () => spawnChild('viewers-child.ts'));
  const stop = async () => {
    for (const c of children) if (c.proc.connected) c.send({ type: 'stop' });
    await Promise.all(children.map((c) => (c.proc.exitCode === null ? new Promise((r) => c.proc.once('exit', r)) : null)));
    await writer.close();
  };
  const seated = { joinMs: 0, listedMs: 0 };
  try {
    const tokens = await Promise.all(Array.from({ length: Math.ceil(viewers / 50) }, (_, i) => hubs.invite(incident, 'viewer', i)));
    const per = Math.ceil(viewers / processes);
    children.forEach((c, i) => {
      const url = hubs.urls[i % hubs.urls.length]!;
      // An audience comes in over a while, not in one instant: 100 handshakes in flight per process keep 1,000
      // simultaneous connects from overflowing a busy hub's listen backlog (then each waits out SYN retries).
      c.send({ type: 'start', mode: 'hub', url, count: Math.min(per, viewers - i * per), first: i * per, tokens, incident, inFlight: 100 });
    });
    const joined = await Promise.all(children.map((c) => c.next<{ joinMs: number[]; failed?: string[] }>('joined', 600_000)));
    const failed = joined.flatMap((j) => j.failed ?? []);
    if (failed.length) throw new Error(`${failed.length} of ${viewers} viewers could not join (${failed[0]})`);
    const listed = await Promise.all(children.map((c) => c.next<{ listedMs: number[] }>('listed', 600_000)));
    seated.joinMs = Math.max(...joined.flatMap((j) => j.joinMs));
    seated.listedMs = Math.max(...listed.flatMap((l) => l.listedMs));
  } catch (e) {
    await stop();
    throw e;
  }
  const sentAt = new Map<string, number>();
  let written = 0;
  let perChild: number[] = [];
  return {
    write: async (count) => {
      await pacedWrites([writer], incident, count, written, sentAt, abs);
      written += count;
    },
    measure: async () => {
      const expected = written * viewers;
      const sent = Object.fromEntries(sentAt);
      let reports: Report[] = [];
      const deadline = performance.now() + 60_000;
      do {
        await sleep(1_000);
        children.forEach((c) => c.send({ type: 'report', sentAt: sent }));
        reports = await Promise.all(children.map((c) => c.next<Report>('report')));
      } while (reports.reduce((n, r) => n + r.received, 0) < expected && performance.now() < deadline);
      perChild = reports.map((r) => percentile(r.latencies, 99));
      return { latencies: reports.flatMap((r) => r.latencies), lost: expected - reports.reduce((n, r) => n + r.received, 0) };
    },
    close: stop,
    note: () =>
      `seated in ${(seated.listedMs / 1000).toFixed(1)} s (joined ${(seated.joinMs / 1000).toFixed(1)} s); p99 per process ${perChild.map((x) => x.toFixed(0)).join('/')} ms`,
  };
}

/** Joins each setup in turn (closing the ones joined if one cannot), then runs `use`, then closes them all. */
async function joinedAll<T>(joins: (() => Promise<Joined>)[], use: (joined: Joined[]) => Promise<T>): Promise<T> {
  const joined: Joined[] = [];
  try {
    for (const join of joins) joined.push(await join());
    return await use(joined);
  } finally {
    for (const j of joined) await j.close();
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
  const [one, two, onePg] = await joinedAll(
    [() => joinTeam(single), () => joinTeam(firstOf(cluster, 2)), () => joinTeam(firstOf(cluster, 1))],
    (teams) => interleaved(teams, writes),
  );
  const p99 = (m: Measured) => percentile(m.latencies, 99);
  const base = { what: 'one hub, its own data dir', figure: p99(one!), unit: 'ms' };
  return [
    {
      what: `live latency p99, 20 peers over two hubs on Postgres and Redis (lost ${two!.lost}; one hub lost ${one!.lost})`,
      figure: p99(two!),
      unit: 'ms',
      baseline: base,
      ratio: p99(two!) / base.figure,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline, none lost',
      met: p99(two!) <= 2 * base.figure && two!.lost === 0 && one!.lost === 0,
    },
    {
      what: `  one hub on Postgres and Redis (lost ${onePg!.lost})`,
      figure: p99(onePg!),
      unit: 'ms',
      baseline: base,
      ratio: p99(onePg!) / base.figure,
      ratioLabel: 'of baseline',
      target: '(diagnostic)',
      met: true,
    },
  ];
}

async function fanOutRows({ single, cluster }: Setups, { viewers, writes }: Audience): Promise<BenchRow[]> {
  return joinedAll([() => seatAudience(single, viewers), () => seatAudience(firstOf(cluster, 2), viewers)], async (audiences) => {
    const [one, two] = await interleaved(audiences, writes);
    const [p99one, p99two] = [percentile(one!.latencies, 99), percentile(two!.latencies, 99)];
    const [noteOne, noteTwo] = audiences.map((a) => a.note());
    return [
      {
        what: `fan-out p99, ${viewers} viewers over two hubs, 50/s (${two!.latencies.length} deliveries, ${two!.lost} lost; one hub lost ${one!.lost})`,
        figure: p99two,
        unit: 'ms',
        baseline: { what: 'the same audience on one hub', figure: p99one, unit: 'ms' },
        ratio: p99two / p99one,
        ratioLabel: 'of baseline',
        target: '<= 2x baseline, none lost',
        met: p99two <= 2 * p99one && two!.lost === 0 && one!.lost === 0,
        note: `two hubs: ${noteTwo}; one hub: ${noteOne}`,
      },
    ];
  });
}

async function audienceRow({ cluster }: Setups, { viewers, writes }: Audience): Promise<BenchRow[]> {
  return joinedAll([() => seatAudience(cluster, viewers)], async ([crowd]) => {
    await crowd!.write(writes);
    const three = await crowd!.measure();
    return [
      {
        what: `${viewers.toLocaleString('en')} viewers over three hubs, one writer at 50/s (${three.latencies.length} deliveries, p99 ${percentile(three.latencies, 99).toFixed(0)} ms)`,
        figure: three.lost,
        unit: 'lost',
        target: '0 lost',
        met: three.lost === 0,
        note: crowd!.note(),
      },
    ];
  });
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
    // WARROOM_BENCH_CLUSTER=latency,fan,audience runs only those steps.
    const pick = process.env.WARROOM_BENCH_CLUSTER?.split(',').filter(Boolean);
    const run = (name: string, rows: () => Promise<BenchRow[]>) =>
      !pick || pick.some((p) => name.includes(p)) ? step(`cluster: ${name}`, rows) : Promise.resolve([]);
    const latency = await run('live latency', () => latencyRows(setups, quick ? 40 : 200));
    const fanned = await run('fan-out', () => fanOutRows(setups, { viewers: quick ? 60 : 200, writes: quick ? 20 : 150 }));
    // 3,000 viewers take minutes to join (each proves its key to its hub): --large; the default run uses 600.
    const viewers = Number(process.env.WARROOM_BENCH_AUDIENCE) || (quick ? 90 : large ? 3_000 : 600);
    const audience = { viewers, writes: quick ? 20 : 250 };
    const crowd = await run('audience', () => audienceRow(setups, audience));
    const rows = [...latency, ...fanned, ...crowd];
    for (const r of rows) if (r.note) process.stderr.write(`bench: ${r.what.trim()}: ${r.note}\n`);
    if (process.env.WARROOM_BENCH_HUB_LOG || rows.some((r) => !r.met || r.failed)) {
      setups.cluster.logs().forEach((log, i) => process.stderr.write(`bench: hub ${i + 1}'s log ends:\n${log.slice(-3_000)}\n`));
    }
    return rows;
  } finally {
    await Promise.all(started.map((h) => h.stop()));
    await Promise.all([pg?.stop(), redis?.stop()]);
    await cleanupTempDirs();
  }
}

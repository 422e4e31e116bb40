import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { WarEvent } from '../src/kinds/event.js';
import { CLIENT_EVENTS } from '../src/sync/protocol.js';
import { eventHash, newOriginFor } from '../main/identity/event-signature.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  memorySigner,
  mintInvite,
  rawSocket,
  signedAuth,
  tempDir,
} from '../test/helpers/hub-peers.js';
import type { HubSocket } from '../main/sync/sync-client.js';
import { percentile, type BenchOptions, type BenchRow } from './table.js';

/**
 * A hub nobody can stall: the hub runs in its own process; an honest client measures its pulls while one
 * connection floods (pushes or pulls) and while 1,000 connections that never read are dropped at once.
 * Every figure is against the same honest measurement with no attack, in the same run.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StressHub {
  url: string;
  dataDir: string;
  lag(): Promise<{ maxLagMs: number; rssMb: number }>;
  stop(): Promise<void>;
}

async function startStressHub(perInvite: number): Promise<StressHub> {
  const dataDir = await tempDir('warroom-stress-');
  const child: ChildProcess = fork('bench/stress-hub.ts', [dataDir, String(perInvite)], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.WARROOM_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WARROOM_BENCH_PROFILE}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve) => child.once('message', (m: { url: string }) => resolve(m.url)));
  return {
    url,
    dataDir,
    lag: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { maxLagMs: number; rssMb: number }));
        child.send({ ask: 'lag' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ ask: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** An incident of 300 notes on the hub, written by a real peer. */
async function seedRoom(hub: StressHub): Promise<{ incident: string; editorToken: string }> {
  const writer = await makePeer('seed');
  const opened = await writer.warRoom.createIncident({ title: 'stress' });
  if (!opened.ok) throw new Error(opened.error);
  const incident = opened.value.incident;
  await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      writer.warRoom.record(incident, 'note.added', { text: `timeline entry ${i}: replica lag ${i % 60} s` }),
    ),
  );
  const editorToken = await mintInvite(hub.dataDir, incident, 'editor', Date.now() + 3_600_000);
  await writer.connect(hub.url, incident, editorToken).whenSynced(60_000);
  await writer.close();
  return { incident, editorToken };
}

async function open(url: string, auth: unknown): Promise<HubSocket> {
  const s = rawSocket(url, auth);
  const out = await connectOutcome(s);
  if (!out.connected) throw new Error(out.message);
  return s;
}

/**
 * The honest client: pulls the room's 300 events every 25 ms for `ms`; returns each pull's round trip. `held`
 * names what it already has (a live client holds the flood it was sent), so every pull asks for the same work.
 */
async function honestPulls(socket: HubSocket, ms: number, held: Record<string, number> = {}): Promise<number[]> {
  const times: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t = performance.now();
    await socket.emitWithAck(CLIENT_EVENTS.pull, { vector: held });
    times.push(performance.now() - t);
    await sleep(25);
  }
  return times;
}

export async function benchStress({ quick }: BenchOptions): Promise<BenchRow[]> {
  // Quick (CI): every phase runs, shorter and with fewer stalled connections.
  const phaseMs = quick ? 1_000 : 3_000;
  const stalledCount = quick ? 300 : 1_000;
  const rows: BenchRow[] = [];
  const hub = await startStressHub(2_000);
  const sockets: HubSocket[] = [];
  try {
    const { incident, editorToken } = await seedRoom(hub);
    const viewerToken = await mintInvite(hub.dataDir, incident, 'viewer', Date.now() + 3_600_000);
    const honest = await open(hub.url, signedAuth(memorySigner(), viewerToken, incident, 'Honest'));
    sockets.push(honest);

    // Baseline: nobody attacks.
    await hub.lag();
    const base = await honestPulls(honest, phaseMs);
    const baseLag = await hub.lag();
    const baseP99 = percentile(base, 99);
    const baseRow = { what: 'honest pull p99, no attack', figure: baseP99, unit: 'ms' };
    rows.push({
      what: `honest pull p99, no attack (300-event room, ${base.length} pulls; hub loop max ${baseLag.maxLagMs.toFixed(0)} ms)`,
      figure: baseP99,
      unit: 'ms',
      target: '(baseline)',
      met: true,
    });

    // A pull flood from one viewer: 50 pulls in flight at all times.
    const flooder = await open(hub.url, signedAuth(memorySigner(), viewerToken, incident, 'Flood'));
    sockets.push(flooder);
    let flooding = true;
    let served = 0;
    let limited = 0;
    const floodPulls = async () => {
      while (flooding && flooder.connected) {
        const r = (await flooder
          .timeout(2_000)
          .emitWithAck(CLIENT_EVENTS.pull, { vector: {} })
          .catch(() => ({ ok: false, code: 'gone' }))) as { ok: boolean; code?: string };
        if (r.ok) served++;
        else if (r.code === 'rate-limited') limited++;
      }
    };
    const pullers = Array.from({ length: 50 }, floodPulls);
    const underPulls = await honestPulls(honest, phaseMs);
    flooding = false;
    await Promise.all(pullers);
    const pullLag = await hub.lag();
    const pullP99 = percentile(underPulls, 99);
    rows.push({
      what: `honest pull p99 under a pull flood (attacker: ${served} served, ${limited} rate-limited, ${flooder.connected ? 'still connected' : 'dropped'}; hub loop max ${pullLag.maxLagMs.toFixed(0)} ms)`,
      figure: pullP99,
      unit: 'ms',
      baseline: baseRow,
      ratio: pullP99 / baseP99,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline',
      met: pullP99 <= 2 * baseP99,
    });

    // A push flood from one editor: signed, chained, valid events, 5 batches of 500 in flight.
    const key = memorySigner();
    const pusher = await open(hub.url, signedAuth(key, editorToken, incident, 'Pusher'));
    sockets.push(pusher);
    const origin = newOriginFor(key.key);
    let seq = 0;
    let prev: string | undefined;
    const nextBatch = (): WarEvent[] => {
      const batch: WarEvent[] = [];
      for (let i = 0; i < 500; i++) {
        seq++;
        const e = key.signEvent(
          {
            v: 1,
            id: `e_flood${String(seq).padStart(10, '0')}`,
            incident,
            origin,
            seq,
            at: { ms: Date.now(), c: seq },
            actor: { id: key.actorId, name: 'Pusher' },
            kind: 'note.added',
            data: { text: `flood ${seq}` },
          } as WarEvent,
          prev,
        );
        prev = eventHash(e);
        batch.push(e);
      }
      return batch;
    };
    // Signed before the clock starts: the attacker's CPU is on another machine, not the honest client's.
    const signed = Array.from({ length: 12 }, nextBatch);
    flooding = true;
    let stored = 0;
    let pushLimited = 0;
    const t0 = performance.now();
    // One batch in flight at a time per origin (the chain needs order); retried as-is while rate-limited.
    const floodPushes = async () => {
      let batch = signed.shift() ?? nextBatch();
      while (flooding && pusher.connected) {
        const r = (await pusher
          .timeout(5_000)
          .emitWithAck(CLIENT_EVENTS.push, { events: batch })
          .catch(() => ({ ok: false, code: 'gone' }))) as { ok: boolean; code?: string; stored?: string[] };
        if (r.ok) {
          stored += r.stored?.length ?? 0;
          batch = signed.shift() ?? nextBatch();
        } else if (r.code === 'rate-limited') pushLimited++;
      }
    };
    const pushing = floodPushes();
    const underPushes = await honestPulls(honest, phaseMs, { [origin]: 1_000_000 });
    flooding = false;
    await pushing;
    const pushSeconds = (performance.now() - t0) / 1000;
    const pushLag = await hub.lag();
    const pushP99 = percentile(underPushes, 99);
    rows.push({
      what: `honest pull p99 under a push flood (attacker stored ${stored} events in ${pushSeconds.toFixed(1)} s, ${pushLimited} pushes rate-limited, ${pusher.connected ? 'still connected' : 'dropped'}; hub loop max ${pushLag.maxLagMs.toFixed(0)} ms)`,
      figure: pushP99,
      unit: 'ms',
      baseline: baseRow,
      ratio: pushP99 / baseP99,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline',
      met: pushP99 <= 2 * baseP99,
    });

    // 1,000 connections that never read (distinct keys, 10 viewer invites of 100), in their own process,
    // dropped at once.
    const tokens = await Promise.all(
      Array.from({ length: Math.ceil(stalledCount / 100) }, () => mintInvite(hub.dataDir, incident, 'viewer', Date.now() + 3_600_000)),
    );
    const attacker = fork('bench/stress-stalled-child.ts', [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const fromAttacker = (type: string) =>
      new Promise<{ count: number }>((resolve) =>
        attacker.on('message', (m: { type: string; count: number }) => m.type === type && resolve(m)),
      );
    await hub.lag();
    const opened = fromAttacker('opened');
    attacker.send({ type: 'open', url: hub.url, tokens, incident, count: stalledCount });
    const stalled = { length: (await opened).count };
    const joinLag = await hub.lag();
    const dropStart = performance.now();
    const dropping = honestPulls(honest, phaseMs, { [origin]: 1_000_000 });
    const dropped = fromAttacker('dropped');
    attacker.send({ type: 'drop' });
    await dropped;
    const underDrop = await dropping;
    const dropLag = await hub.lag();
    const dropMax = Math.max(...underDrop);
    rows.push({
      what: `hub loop max while ${stalled.length} non-reading connections joined (RSS ${joinLag.rssMb} MB)`,
      figure: joinLag.maxLagMs,
      unit: 'ms',
      baseline: { what: 'hub loop max, no attack', figure: baseLag.maxLagMs, unit: 'ms' },
      target: '<= 100 ms',
      met: joinLag.maxLagMs <= 100,
    });
    rows.push({
      what: `hub loop max when ${stalled.length} non-reading connections drop at once (RSS ${dropLag.rssMb} MB, ${((performance.now() - dropStart) / 1000).toFixed(1)} s)`,
      figure: dropLag.maxLagMs,
      unit: 'ms',
      baseline: { what: 'hub loop max, no attack', figure: baseLag.maxLagMs, unit: 'ms' },
      target: '<= 100 ms',
      met: dropLag.maxLagMs <= 100,
    });
    rows.push({
      what: 'honest pull, slowest while they drop',
      figure: dropMax,
      unit: 'ms',
      baseline: baseRow,
      target: '<= 200 ms',
      met: dropMax <= 200,
    });
    attacker.send({ type: 'stop' });
    await new Promise((resolve) => attacker.once('exit', resolve));
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
    await cleanupTempDirs();
  }
  return rows;
}

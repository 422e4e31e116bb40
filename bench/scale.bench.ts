import { fork, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { parseEvent, type WarEvent } from '../src/kinds/event.js';
import { newEventId } from '../src/model/ids.js';
import { CLIENT_EVENTS, pullAckSchema } from '../src/sync/protocol.js';
import { eventHash, newOriginFor } from '../main/identity/event-signature.js';
import { IncidentLogStore } from '../main/services/incident-log-store.js';
import { WarRoom } from '../main/services/war-room.js';
import { IngestVerifier } from '../main/identity/ingest-verifier.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  memorySigner,
  mintInvite,
  rawSocket,
  signedAuth,
  startTestHub,
  tempDir,
  type TestHub,
} from '../test/helpers/hub-peers.js';
import type { HubStorage } from '../main/hub/hub-storage.js';
import { MemoryHubStorage } from '../test/helpers/hub-memory-storage.js';
import { cachedSyntheticLog, writeSyntheticLog } from './scale-fixtures.js';
import { bestOf, percentile, step, type BenchOptions, type BenchRow } from './table.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const abs = (): number => performance.timeOrigin + performance.now();
const HERE = new URL('.', import.meta.url).pathname;

/** Opening the log: replay (validate every line) + fold, as the app does; the baseline for catch-up. */
/** CPU time of this process since `from`, in ms: on a machine shared with busy neighbours, steadier than wall time. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
};
let lastOpenCpuMs = 0;

async function openLog(dir: string, incident: string, n: number): Promise<number> {
  const warRoom = new WarRoom({ store: new IncidentLogStore(dir), actor: () => ({ id: 'u_benchuser1', name: 'Bench' }) });
  try {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const state = await warRoom.state(incident);
    if (state.eventCount !== n) throw new Error(`opened ${state.eventCount} events, expected ${n}`);
    lastOpenCpuMs = cpuSince(cpu);
    return performance.now() - t;
  } finally {
    await warRoom.close();
  }
}

/**
 * A peer that holds nothing joins a room of `n` events on a hub that is already serving it (someone is in
 * it), until it holds them all and its state is folded. The hub runs in its own process, as it would on its
 * own machine. The hub's own first load of the room is timed too.
 */
async function catchUp(
  hubDataDir: string,
  incident: string,
  n: number,
): Promise<{ ms: number; hubLoadMs: number; cpuMs: number; hubCpuMs: number }> {
  const hub = spawnChild('hub-child.ts', [hubDataDir, '600000']);
  const { url } = await hub.next<{ url: string }>('ready');
  const invite = (role: 'editor' | 'viewer') => mintInvite(hubDataDir, incident, role, Date.now() + 3_600_000);
  const peer = await makePeer('late');
  let probe: ReturnType<typeof rawSocket> | null = null;
  try {
    let t = performance.now();
    // A million-event room can take the hub longer to load than socket.io lets a connection wait to join
    // (45 s): the hub drops it and goes on loading, so ask again until the room is open.
    // A refusal with a code (a bad handshake, a bad token) is final: only a dropped or unavailable attempt is retried.
    const token = await invite('viewer');
    const probeKey = memorySigner();
    while (!probe) {
      const s = rawSocket(url, signedAuth(probeKey, token, incident, 'Probe'), { timeout: 600_000 });
      const joined = await Promise.race([
        connectOutcome(s),
        new Promise<{ connected: false; message: string; code: unknown }>((r) =>
          s.once('disconnect', (why) => r({ connected: false, message: why, code: undefined })),
        ),
      ]);
      if (joined.connected) probe = s;
      else {
        s.close();
        if (joined.code !== undefined && joined.code !== 'unavailable') throw new Error(`the hub refused the probe: ${joined.message}`);
        if (performance.now() - t > 600_000) throw new Error(`the hub did not open the room: ${joined.message}`);
        await sleep(1_000);
      }
    }
    const hubLoadMs = performance.now() - t;
    let held = 0;
    const done = new Promise<void>((resolve) => {
      peer.warRoom.onEvents((_i, events) => {
        held += events.length;
        if (held >= n) resolve();
      });
    });
    const hubCpu = async (): Promise<number> => {
      hub.send({ type: 'cpu' });
      return (await hub.next<{ ms: number }>('cpu')).ms;
    };
    const hubCpuBefore = await hubCpu();
    const peerToken = await invite('viewer');
    t = performance.now();
    const cpu = process.cpuUsage();
    peer.connect(url, incident, peerToken);
    await done;
    const state = await peer.warRoom.state(incident);
    const ms = performance.now() - t;
    const cpuMs = cpuSince(cpu);
    const hubCpuMs = (await hubCpu()) - hubCpuBefore;
    if (state.eventCount !== n) throw new Error(`caught up ${state.eventCount} events, expected ${n}`);
    return { ms, hubLoadMs, cpuMs, hubCpuMs };
  } finally {
    probe?.disconnect();
    await peer.close();
    hub.send({ type: 'stop' });
    await new Promise((r) => (hub.proc.exitCode === null ? hub.proc.once('exit', r) : r(null)));
  }
}

interface CatchUpCase {
  n: number;
  label: string;
  /** An upper bound in ms besides the ratio, or null. */
  target: number | null;
  signed?: boolean;
  /** Writers (origins) in the room: 4 unless many. */
  origins?: number;
  /** No target: a figure to read, not a goal. */
  informational?: boolean;
}

async function catchUpRows({ n, label, target, signed = false, origins, informational = false }: CatchUpCase): Promise<BenchRow[]> {
  const incident = `inc_bench${n >= 1_000_000 ? 'late' : 'catch'}${signed ? 's' : 'u'}${origins ?? 4}`;
  const hubDir = await tempDir('warroom-bench-hub-');
  const logDir = join(hubDir, 'incidents');
  await cachedSyntheticLog(join(logDir, `${incident}.jsonl`), n, incident, { signed, ...(origins ? { origins } : {}) });
  // Best of three for the rows with a target; an informational row once (the bench stays within ten minutes).
  const runs = n >= 1_000_000 || informational ? 1 : 3;
  let openCpu = Infinity;
  const open = await bestOf(runs, async () => {
    await openLog(logDir, incident, n);
    openCpu = Math.min(openCpu, lastOpenCpuMs);
  });
  let best = { ms: Infinity, hubLoadMs: Infinity, cpuMs: Infinity, hubCpuMs: Infinity };
  for (let i = 0; i < runs; i++) {
    const r = await catchUp(hubDir, incident, n);
    if (r.ms < best.ms) best = r;
  }
  const ratio = best.ms / open;
  const verify = signed ? [await verifyRow(join(logDir, `${incident}.jsonl`), open)] : [];
  return [
    {
      what: `${label}: ${n.toLocaleString('en')} events through a real hub`,
      figure: best.ms,
      unit: 'ms',
      baseline: { what: 'opening the same log', figure: open, unit: 'ms' },
      ratio,
      ratioLabel: 'of baseline',
      target: informational ? '(informational)' : target === null ? '<= 2x baseline' : `<= 2x baseline; <= ${target} ms`,
      met: informational || (ratio <= 2 && (target === null || best.ms <= target)),
      note: `hub's first load of the room ${Math.round(best.hubLoadMs)} ms (before the peer joined)`,
    },
    {
      what: `  the same, CPU time of the peer's process (the hub runs in its own)`,
      figure: best.cpuMs,
      unit: 'ms',
      baseline: { what: 'CPU time of opening the log', figure: openCpu, unit: 'ms' },
      ratio: best.cpuMs / openCpu,
      ratioLabel: 'of baseline',
      target: '(informational)',
      met: true,
      note: `the hub's CPU serving it: ${Math.round(best.hubCpuMs)} ms`,
    },
    {
      what: `  hub's first load of that room (scan + index)`,
      figure: best.hubLoadMs,
      unit: 'ms',
      baseline: { what: 'opening the same log', figure: open, unit: 'ms' },
      ratio: best.hubLoadMs / open,
      ratioLabel: 'of baseline',
      target: '(informational)',
      met: true,
    },
    ...verify,
  ];
}

/**
 * The part of a signed catch-up that opening does not do: every event's signature and chain link checked, as
 * a peer's IngestVerifier does on arrival (the log is parsed first, outside the timing).
 */
async function verifyRow(path: string, openMs: number): Promise<BenchRow> {
  // In batches as a catch-up takes them (at most 50,000 events), parsed outside the timing.
  const verifier = new IngestVerifier(() => []);
  let ms = 0;
  let events = 0;
  let verified = 0;
  let batch: WarEvent[] = [];
  const check = async (): Promise<void> => {
    const t = performance.now();
    const verdicts = await verifier.checkBatch(batch);
    const bad = verdicts.refusals.find((r) => r !== null);
    if (bad) throw new Error(bad.reason);
    batch.forEach((e, i) => verifier.remember(e, verdicts.hashes[i]));
    ms += performance.now() - t;
    events += batch.length;
    verified += verdicts.verified;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!line) continue;
    const r = parseEvent(JSON.parse(line));
    if (!r.ok) throw new Error(r.error);
    batch.push(r.value);
    if (batch.length === 50_000) await check();
  }
  await check();
  return {
    what: `  of which checking the chains of ${events.toLocaleString('en')} events alone (${verified.toLocaleString('en')} signatures verified; ${((ms * 1000) / events).toFixed(1)} us an event)`,
    figure: ms,
    unit: 'ms',
    baseline: { what: 'opening the same log', figure: openMs, unit: 'ms' },
    ratio: ms / openMs,
    ratioLabel: 'of baseline',
    target: '(profile)',
    met: true,
  };
}

export interface ChildHandle {
  proc: ChildProcess;
  next<T = Record<string, unknown>>(type: string, timeoutMs?: number): Promise<T>;
  send(m: unknown): void;
}

export function spawnChild(script: string, args: string[] = [], execArgv: string[] = []): ChildHandle {
  // WARROOM_BENCH_PROF_DIR: each child writes a CPU profile there (run the bench itself with --cpu-prof too).
  const prof = process.env.WARROOM_BENCH_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WARROOM_BENCH_PROF_DIR}`] : [];
  const proc = fork(join(HERE, script), args, {
    execArgv: ['--import', 'tsx', ...prof, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: Record<string, unknown>[] = [];
  const waiting: { type: string; resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  proc.on('message', (m: Record<string, unknown>) => {
    if (m.type === 'error') process.stderr.write(`bench child: ${String(m.error)}\n`);
    const w = waiting.findIndex((x) => x.type === m.type);
    if (w >= 0) waiting.splice(w, 1)[0]!.resolve(m);
    else queue.push(m);
  });
  proc.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${script} exited (${code}) before "${w.type}"`));
  });
  return {
    proc,
    send: (m) => proc.send(m as object),
    next<T>(type: string, timeoutMs = 120_000): Promise<T> {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({ type, resolve: (m) => (clearTimeout(timer), resolve(m as T)), reject: (e) => (clearTimeout(timer), reject(e)) });
      });
    },
  };
}

interface FanOut {
  joinMs: number;
  listedMs: number | null;
  p50: number;
  p99: number;
  lost: number;
  delivered: number;
}

/** The audience of the fan-out rows: `viewers` in `processes` client processes, one writer at 50/s writing `writes`. */
interface Audience {
  viewers: number;
  processes: number;
  writes: number;
}

/**
 * 1,000 viewers (in 3 processes) of one room and one writer at 50 events/s: through a real hub, or through a
 * bare socket.io relay (join a room, broadcast what arrives) with the same payloads, as the baseline.
 */
async function fanOut(audience: Audience, mode: 'hub' | 'bare', storage?: HubStorage, presenceIntervalMs?: number): Promise<FanOut> {
  const { viewers: VIEWERS, processes: PROCESSES, writes: WRITES } = audience;
  let hub: TestHub | null = null;
  let bare: { url: string; close(): Promise<void> } | null = null;
  const incident = 'inc_benchfanout';
  let url: string;
  if (mode === 'hub') {
    hub = await startTestHub({ ...(storage ? { storage } : {}), ...(presenceIntervalMs ? { presenceIntervalMs } : {}) });
    url = hub.hub.url;
  } else {
    const http = createServer();
    const server = new Server(http, { transports: ['websocket'] });
    server.on('connection', (s) => {
      void s.join('room');
      s.on('msg', (m: unknown, ack?: () => void) => {
        s.to('room').emit('msg', m);
        ack?.();
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    bare = { url, close: () => new Promise<void>((r) => void server.close(() => r())) };
  }
  const children = Array.from({ length: PROCESSES }, () => spawnChild('viewers-child.ts'));
  // The writer signs in both modes, so the bare relay carries the same payloads as the hub.
  const writerKey = memorySigner();
  const writerActor = { id: writerKey.actorId, name: 'Writer' };
  const writerOrigin = newOriginFor(writerKey.key);
  const writer = rawSocket(url, mode === 'hub' ? signedAuth(writerKey, await hub!.invite(incident), incident, 'Writer') : {});
  try {
    const w = await connectOutcome(writer);
    if (!w.connected) throw new Error(w.message);
    let seq = 0;
    let prev: string | undefined;
    const event = (kind: string, data: unknown) => {
      const r = parseEvent({
        v: 1,
        id: kind === 'incident.opened' ? incident : newEventId(),
        incident,
        origin: writerOrigin,
        seq: ++seq,
        at: { ms: Date.now(), c: 0 },
        actor: writerActor,
        kind,
        data,
      });
      if (!r.ok) throw new Error(r.error);
      const signed = writerKey.signEvent(r.value, prev);
      prev = eventHash(signed);
      return signed;
    };
    const emit = async (e: unknown): Promise<void> => {
      if (mode === 'hub') {
        const ack = (await writer.timeout(30_000).emitWithAck(CLIENT_EVENTS.push, { events: [e] })) as {
          ok: boolean;
          stored?: string[];
          error?: string;
        };
        if (!ack.ok || ack.stored?.length !== 1) throw new Error(`push refused: ${JSON.stringify(ack)}`);
      } else (writer as unknown as { emit(n: string, m: unknown): void }).emit('msg', { events: [e] });
    };
    if (mode === 'hub') await emit(event('incident.opened', { title: 'Checkout failing for EU customers', severity: 'SEV1' }));

    // One invite admits at most connectionsPerInvite (100) connections: the audience comes in on several
    // (different expiry, so different tokens).
    const viewerTokens =
      mode === 'hub'
        ? await Promise.all(
            Array.from({ length: Math.ceil(VIEWERS / 50) }, (_, i) =>
              mintInvite(hub!.dataDir, incident, 'viewer', Date.now() + 3_600_000 + i),
            ),
          )
        : [];
    const per = Math.ceil(VIEWERS / PROCESSES);
    children.forEach((c, i) =>
      c.send({ type: 'start', mode, url, count: Math.min(per, VIEWERS - i * per), first: i * per, tokens: viewerTokens, incident }),
    );
    const joined = await Promise.all(children.map((c) => c.next<{ joinMs: number[] }>('joined')));
    const joinMs = Math.max(...joined.flatMap((j) => j.joinMs));
    const listedMs =
      mode === 'hub' && !presenceIntervalMs
        ? Math.max(...(await Promise.all(children.map((c) => c.next<{ listedMs: number[] }>('listed')))).flatMap((l) => l.listedMs))
        : null;

    const sentAt: Record<string, number> = {};
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < WRITES; i++) {
      const e = event('note.added', { text: `update ${i} for the bridge: error rate ${i % 100}% on checkout` });
      sentAt[e.id] = abs();
      pending.push(emit(e));
      const due = start + (i + 1) * 20;
      await sleep(Math.max(0, due - performance.now()));
    }
    await Promise.all(pending);
    const expected = WRITES * VIEWERS;
    let reports: { received: number; latencies: number[] }[] = [];
    const deadline = performance.now() + 30_000;
    do {
      await sleep(1_000);
      children.forEach((c) => c.send({ type: 'report', sentAt }));
      reports = await Promise.all(children.map((c) => c.next<{ received: number; latencies: number[] }>('report')));
    } while (reports.reduce((s, r) => s + r.received, 0) < expected && performance.now() < deadline);
    const latencies = reports.flatMap((r) => r.latencies);
    const trace = (reports[0] as { trace?: number[] }).trace;
    if (trace) process.stderr.write(`bench: ${mode} median latency per write: ${trace.join(' ')}\n`);
    const delivered = reports.reduce((s, r) => s + r.received, 0);
    return { joinMs, listedMs, p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost: expected - delivered, delivered };
  } finally {
    writer.disconnect();
    for (const c of children) {
      if (c.proc.connected) c.send({ type: 'stop' });
    }
    await Promise.all(children.map((c) => (c.proc.exitCode === null ? new Promise((r) => c.proc.once('exit', r)) : null)));
    await hub?.close();
    await bare?.close();
  }
}

async function fanOutRows(audience: Audience): Promise<BenchRow[]> {
  const { viewers: VIEWERS, processes: PROCESSES } = audience;
  const bare = await fanOut(audience, 'bare');
  const hub = await fanOut(audience, 'hub');
  // The same hub with storage that never waits for a disk: how much of the difference is the fsync every
  // event waits for before it is relayed (a disk shared with other busy processes makes that slow).
  const noDisk = await fanOut(audience, 'hub', new MemoryHubStorage());
  // The same hub with presence held back past the whole run (no member list, no deltas): what telling
  // everyone who is in the room adds to the joins.
  const noPresence = await fanOut(audience, 'hub', undefined, 10 * 60_000);
  const p99Ratio = hub.p99 / bare.p99;
  const joinRatio = hub.joinMs / bare.joinMs;
  return [
    {
      what: `hub fan-out p99: ${VIEWERS} viewers in ${PROCESSES} processes, one writer at 50/s (${hub.delivered} deliveries, ${hub.lost} lost; bare relay lost ${bare.lost})`,
      figure: hub.p99,
      unit: 'ms',
      baseline: { what: 'bare socket.io relay p99', figure: bare.p99, unit: 'ms' },
      ratio: p99Ratio,
      ratioLabel: 'of baseline',
      target: 'none lost; <= 2x baseline',
      met: hub.lost === 0 && p99Ratio <= 2,
      note: `p50 ${hub.p50.toFixed(1)} ms vs bare ${bare.p50.toFixed(1)} ms`,
    },
    {
      what: `  the same hub with in-memory storage (no fsync before relaying; ${noDisk.lost} lost)`,
      figure: noDisk.p99,
      unit: 'ms',
      baseline: { what: 'bare socket.io relay p99', figure: bare.p99, unit: 'ms' },
      ratio: noDisk.p99 / bare.p99,
      ratioLabel: 'of baseline',
      target: '(diagnostic)',
      met: true,
      note: `p50 ${noDisk.p50.toFixed(1)} ms; joins ${Math.round(noDisk.joinMs)} ms`,
    },
    {
      what: `  joins, the same hub with presence held back (diagnostic)`,
      figure: noPresence.joinMs,
      unit: 'ms',
      baseline: { what: 'bare socket.io relay', figure: bare.joinMs, unit: 'ms' },
      ratio: noPresence.joinMs / bare.joinMs,
      ratioLabel: 'of baseline',
      target: '(diagnostic)',
      met: true,
      note: `p99 ${Math.round(noPresence.p99)} ms; ${noPresence.lost} lost`,
    },
    {
      what: `  joins: all ${VIEWERS} viewers connected (whole presence list at each: ${hub.listedMs === null ? '-' : Math.round(hub.listedMs)} ms)`,
      figure: hub.joinMs,
      unit: 'ms',
      baseline: { what: 'bare socket.io relay', figure: bare.joinMs, unit: 'ms' },
      ratio: joinRatio,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline',
      met: joinRatio <= 2,
    },
  ];
}

/** Hub RSS after serving 1,000 rooms of 1,000 events each and going idle, against a hub that opened none. */
async function idleHubRows(ROOMS: number, ROOM_EVENTS: number): Promise<BenchRow[]> {
  const dataDir = await tempDir('warroom-bench-rooms-');
  const template = join(dataDir, 'template.jsonl');
  await writeSyntheticLog(template, ROOM_EVENTS, 'inc_benchroom0000');
  const text = await readFile(template, 'utf8');
  await mkdir(join(dataDir, 'incidents'), { recursive: true });
  const rooms = Array.from({ length: ROOMS }, (_, i) => `inc_benchroom${String(i).padStart(4, '0')}`);
  for (const room of rooms) await writeFile(join(dataDir, 'incidents', `${room}.jsonl`), text.replaceAll('inc_benchroom0000', room));

  const measure = async (serve: boolean): Promise<{ rss: number; servedMs: number }> => {
    const child = spawnChild('hub-child.ts', [dataDir, '500'], ['--expose-gc']);
    try {
      const { url } = await child.next<{ url: string }>('ready');
      const t = performance.now();
      if (serve) {
        const readerKey = memorySigner();
        let nextRoom = 0;
        const worker = async () => {
          while (nextRoom < rooms.length) {
            const room = rooms[nextRoom++]!;
            const s = rawSocket(
              url,
              signedAuth(readerKey, await mintInvite(dataDir, room, 'viewer', Date.now() + 3_600_000), room, 'Reader'),
            );
            const c = await connectOutcome(s);
            if (!c.connected) throw new Error(c.message);
            let got = 0;
            let after: number | null = 0;
            do {
              const page = pullAckSchema.parse(await s.timeout(30_000).emitWithAck(CLIENT_EVENTS.pull, { vector: {}, after }));
              got += page.count;
              after = page.next;
            } while (after !== null);
            s.disconnect();
            if (got !== ROOM_EVENTS) throw new Error(`${room}: pulled ${got} events, expected ${ROOM_EVENTS}`);
          }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
      }
      const servedMs = performance.now() - t;
      // Idle: every room is past the hub's idle limit (500 ms here) and its sweep has run.
      await sleep(2_000);
      child.send({ type: 'rss' });
      return { rss: (await child.next<{ rss: number }>('rss')).rss, servedMs };
    } finally {
      child.send({ type: 'stop' });
      await new Promise((r) => child.proc.once('exit', r));
    }
  };
  const none = await measure(false);
  const served = await measure(true);
  const mb = (b: number) => b / 2 ** 20;
  return [
    {
      what: `hub RSS after serving ${ROOMS.toLocaleString('en')} rooms of ${ROOM_EVENTS.toLocaleString('en')} events, then idle (served in ${Math.round(served.servedMs)} ms)`,
      figure: mb(served.rss),
      unit: 'MiB',
      baseline: { what: 'a hub that opened none', figure: mb(none.rss), unit: 'MiB' },
      ratio: served.rss / none.rss,
      ratioLabel: 'of baseline',
      target: '<= 2x baseline',
      met: served.rss / none.rss <= 2,
    },
  ];
}

/**
 * Big rooms and long incidents (issue 13): catch-ups against opening the same log, the idle hub's memory.
 * `large` adds the million-event late joiners and the 1,000-viewer fan-out; `quick` runs every step small.
 */
export async function benchScale({ large, quick }: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // WARROOM_BENCH_SCALE=catch,fan runs only the steps whose names contain one of those words.
  const pick = process.env.WARROOM_BENCH_SCALE?.split(',').filter(Boolean);
  const run = async (name: string, rowsOf: () => Promise<BenchRow[]>): Promise<void> => {
    if (pick && !pick.some((p) => name.includes(p))) return;
    try {
      rows.push(...(await step(`scale: ${name}`, rowsOf)));
    } finally {
      await cleanupTempDirs();
    }
  };
  const n = quick ? 5_000 : 100_000;
  const size = quick ? '5k' : '100k';
  await run(`catch-up ${size}`, () => catchUpRows({ n, label: 'catch-up of a peer missing', target: quick ? null : 3_000 }));
  // What peers really receive: signed events, checked on arrival by their chains (opening a log checks nothing).
  await run(`catch-up ${size} signed`, () =>
    catchUpRows({ n, label: 'catch-up of a peer missing SIGNED', target: quick ? null : 3_000, signed: true }),
  );
  // Many short chains (every app start and CLI call is an origin): signatures left to check, spread over threads.
  const origins = n / 10;
  await run(`catch-up ${size} signed, ${origins.toLocaleString('en')} origins`, () =>
    catchUpRows({
      n,
      label: `catch-up of a peer missing SIGNED (${origins.toLocaleString('en')} origins of 10 events)`,
      target: null,
      signed: true,
      origins,
      informational: true,
    }),
  );
  if (large) {
    await run('late joiner 1M', () => catchUpRows({ n: 1_000_000, label: 'late joiner of a room of', target: null }));
    await run('late joiner 1M signed', () =>
      catchUpRows({ n: 1_000_000, label: 'late joiner of a room of SIGNED', target: null, signed: true }),
    );
  }
  if (large || quick)
    await run('fan-out', () =>
      fanOutRows(quick ? { viewers: 150, processes: 3, writes: 20 } : { viewers: 1_000, processes: 3, writes: 500 }),
    );
  await run('idle hub memory', () => (quick ? idleHubRows(50, 200) : idleHubRows(1_000, 1_000)));
  return rows;
}

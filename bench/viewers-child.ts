// One of the processes that hold the 1,000 viewers of the fan-out bench (run by scale.bench.ts, not alone).
// It opens its share of connections, records when each event reaches each viewer, and reports to the parent
// over IPC. It exits when the parent says so or goes away.
import { generateKeyPairSync } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { Signer } from '../main/identity/event-signature.js';
import { signedHandshake } from '../main/sync/raw-handshake.js';

interface Start {
  type: 'start';
  mode: 'hub' | 'bare';
  url: string;
  count: number;
  first: number;
  /** Hub mode: viewer invites, used in turn (one invite admits a limited number of connections). */
  tokens: string[];
  incident?: string;
  /** At most this many connections being opened at once (the next opens as one gets in); all at once if unset. */
  inFlight?: number;
}

const send = (m: unknown): void => void process.send?.(m);
const now = (): number => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
/** Per event id: when it reached each of this process's viewers. */
const arrivals = new Map<string, number[]>();
let presenceLists = 0;

process.on('disconnect', () => process.exit(0));
process.on('message', (raw: unknown) => {
  const m = raw as Start | { type: 'report'; sentAt: Record<string, number> } | { type: 'stop' };
  if (m.type === 'start') start(m);
  else if (m.type === 'report') report(m.sentAt);
  else if (m.type === 'stop') {
    for (const s of sockets) s.close();
    setTimeout(() => process.exit(0), 50);
  }
});

function start(m: Start): void {
  const joinMs: number[] = [];
  const listed: number[] = [];
  const failed: string[] = [];
  // Hub mode: each viewer is its own person with its own key, as in a real audience. The keys are made before
  // the clock starts; the handshake proofs (the client's part of joining, about 20 ms for all) inside it.
  const keys = m.mode === 'hub' ? Array.from({ length: m.count }, () => new Signer(generateKeyPairSync('ed25519').privateKey)) : [];
  const t0 = now();
  const open = (i: number): void => {
    const n = m.first + i;
    const key = keys[i];
    const incident = m.incident!;
    const auth = key ? signedHandshake(key, m.tokens[n % m.tokens.length]!, incident, `Viewer ${n}`) : {};
    const s = io(m.url, { auth, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 120_000 });
    sockets.push(s);
    // 'joined' once every viewer is in or has failed to get in (how many failed: the parent decides).
    const settled = () => joinMs.length + failed.length === m.count && send({ type: 'joined', joinMs, failed });
    s.once('connect', () => {
      joinMs.push(now() - t0);
      settled();
      openNext();
    });
    s.once('connect_error', (e: Error) => {
      failed.push(`viewer ${n}: ${e.message}`);
      send({ type: 'error', error: failed[failed.length - 1] });
      settled();
      openNext();
    });
    s.on(m.mode === 'hub' ? 'sync:events' : 'msg', (msg: { events: { id: string }[] }) => {
      const t = now();
      for (const e of msg.events) {
        let a = arrivals.get(e.id);
        if (!a) arrivals.set(e.id, (a = []));
        a.push(t);
      }
    });
    s.once('room:presence', () => {
      listed.push(now() - t0);
      presenceLists++;
      if (listed.length === m.count) send({ type: 'listed', listedMs: listed });
    });
  };
  let opened = 0;
  const openNext = (): void => {
    if (opened < m.count) open(opened++);
  };
  for (let i = 0; i < Math.min(m.count, m.inFlight ?? m.count); i++) openNext();
}

function report(sentAt: Record<string, number>): void {
  const latencies: number[] = [];
  // WARROOM_BENCH_TRACE: median latency per write, in the order written (to tell a queue from a fixed delay).
  const trace = process.env.WARROOM_BENCH_TRACE
    ? Object.entries(sentAt).map(([id, t]) => {
        const xs = (arrivals.get(id) ?? []).map((x) => x - t).sort((a, b) => a - b);
        return Math.round(xs[xs.length >> 1] ?? -1);
      })
    : undefined;
  let received = 0;
  for (const [id, times] of arrivals) {
    const t = sentAt[id];
    if (t === undefined) continue;
    received += times.length;
    for (const x of times) latencies.push(x - t);
  }
  send({ type: 'report', received, latencies, connected: sockets.filter((s) => s.connected).length, presenceLists, trace });
}

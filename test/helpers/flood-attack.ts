// One invite holder flooding a hub, the three ways issue 20 measured: twenty connections of one invite pushing
// as fast as they are let, twenty asking for catch-up pages and never reading them, and non-reading sockets
// while large events are pushed. Used by test/integration/hub-flood.test.ts and bench/flood.bench.ts (there
// from a child process, so the attacker's CPU is not the honest client's).
import type { WarEvent } from '../../src/kinds/event.js';
import { newEventId } from '../../src/model/ids.js';
import { CLIENT_EVENTS } from '../../src/sync/protocol.js';
import { eventHash, memorySigner, newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import type { HubSocket } from '../../main/sync/sync-client.js';
import { connectOutcome, rawSocket, signedAuth } from './hub-peers.js';

export interface FloodReport {
  /** Connections the hub let in. */
  connected: number;
  /** Events the hub stored for the attacker. */
  stored: number;
  /** Replies refused with `rate-limited` (the attacker then waited as told). */
  limited: number;
  /** Connections refused at the handshake, by code. */
  refusedConnections: Record<string, number>;
  /** Connections the hub ended. */
  ended: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type RawTcp = { pause(): void; destroy(): void };
const tcpOf = (s: HubSocket): RawTcp | undefined =>
  (s.io.engine as unknown as { transport: { ws?: { _socket?: RawTcp } } }).transport.ws?._socket;

/** A writer of signed, chained events under its own key and origin. */
export class SignedWriter {
  readonly origin: string;
  private seq = 0;
  private prev: string | undefined;
  constructor(
    readonly key: Signer,
    private readonly incident: string,
    private readonly name: string,
  ) {
    this.origin = newOriginFor(key.key);
  }

  next(kind: string, data: unknown): WarEvent {
    this.seq++;
    const e = this.key.signEvent(
      {
        v: 1,
        id: newEventId(),
        incident: this.incident,
        origin: this.origin,
        seq: this.seq,
        at: { ms: Date.now(), c: this.seq },
        actor: { id: this.key.actorId, name: this.name },
        kind,
        data,
      } as WarEvent,
      this.prev,
    );
    this.prev = eventHash(e);
    return e;
  }
}

async function openSockets(url: string, tokens: readonly string[], incident: string, count: number, name: string, report: FloodReport) {
  const sockets: HubSocket[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
        const key = memorySigner();
        const s = rawSocket(url, signedAuth(key, tokens[(i + j) % tokens.length]!, incident, `${name} ${i + j}`));
        const out = await connectOutcome(s);
        if (out.connected) return { s, key };
        report.refusedConnections[String(out.code)] = (report.refusedConnections[String(out.code)] ?? 0) + 1;
        s.close();
        return null;
      }),
    );
    for (const b of batch) if (b) sockets.push(Object.assign(b.s, { key: b.key }));
  }
  report.connected = sockets.length;
  for (const s of sockets) s.once('disconnect', (reason) => reason === 'io server disconnect' && report.ended++);
  return sockets as (HubSocket & { key: Signer })[];
}

const emptyReport = (): FloodReport => ({ connected: 0, stored: 0, limited: 0, refusedConnections: {}, ended: 0 });

/**
 * `count` connections of one invite, each with a key of its own, pushing batches of signed notes as fast as
 * the hub lets them: a refused batch is sent again once the wait the hub named is over. Runs until `stop()`.
 */
export function pushFlood(url: string, token: string, incident: string, count: number) {
  const report = emptyReport();
  let flooding = true;
  const done = (async () => {
    const sockets = await openSockets(url, [token], incident, count, 'Pusher', report);
    await Promise.all(
      sockets.map(async (s) => {
        const writer = new SignedWriter(s.key, incident, 'Pusher');
        let batch = Array.from({ length: 50 }, () => writer.next('note.added', { text: `flood ${'x'.repeat(200)}` }));
        while (flooding && s.connected) {
          const r = (await s
            .timeout(10_000)
            .emitWithAck(CLIENT_EVENTS.push, { events: batch })
            .catch(() => ({ ok: false, code: 'gone' }))) as { ok: boolean; code?: string; stored?: string[]; retryAfterMs?: number };
          if (r.ok) {
            report.stored += r.stored?.length ?? 0;
            batch = Array.from({ length: 50 }, () => writer.next('note.added', { text: `flood ${'x'.repeat(200)}` }));
          } else if (r.code === 'rate-limited') {
            report.limited++;
            await sleep(r.retryAfterMs ?? 100);
          } else await sleep(100);
        }
      }),
    );
    for (const s of sockets) s.close();
  })();
  return {
    report,
    stop: async () => {
      flooding = false;
      await done;
      return report;
    },
  };
}

/**
 * `count` connections of one invite that stop reading as soon as they are in and ask for the whole room every
 * `everyMs`: the pages they are sent wait in the hub's buffers, or are never built.
 */
export function pullFlood(url: string, token: string, incident: string, count: number, everyMs = 150) {
  const report = emptyReport();
  let timer: NodeJS.Timeout | undefined;
  let sockets: HubSocket[] = [];
  const opened = (async () => {
    sockets = await openSockets(url, [token], incident, count, 'Puller', report);
    for (const s of sockets) tcpOf(s)?.pause();
    timer = setInterval(() => {
      for (const s of sockets) s.emit(CLIENT_EVENTS.pull, { vector: {} }, () => undefined);
    }, everyMs);
  })();
  return {
    report,
    opened,
    stop: async () => {
      await opened;
      clearInterval(timer);
      for (const s of sockets) tcpOf(s)?.destroy();
      return report;
    },
  };
}

/** `count` connections (viewer invites of up to 100 each) that stop reading once they are in. */
export async function stalledReaders(url: string, tokens: readonly string[], incident: string, count: number) {
  const report = emptyReport();
  const sockets = await openSockets(url, tokens, incident, count, 'Stalled', report);
  for (const s of sockets) tcpOf(s)?.pause();
  return {
    report,
    close: () => {
      for (const s of sockets) tcpOf(s)?.destroy();
    },
  };
}

/** An editor who pushes `count` draft edits of about `bytes` each (the biggest kind of event there is), politely. */
export async function pushLargeEvents(url: string, token: string, incident: string, count: number, bytes = 200_000): Promise<FloodReport> {
  const report = emptyReport();
  const [s] = await openSockets(url, [token], incident, 1, 'Paster', report);
  if (!s) return report;
  const writer = new SignedWriter(s.key, incident, 'Paster');
  const draft = writer.next('draft.created', { title: 'Pasted log', audience: 'internal', channel: 'status-page' });
  const pending = [
    draft,
    ...Array.from({ length: count }, () => writer.next('draft.edited', { target: draft.id, update: 'A'.repeat(bytes) })),
  ];
  while (pending.length > 0 && s.connected) {
    const r = (await s
      .timeout(10_000)
      .emitWithAck(CLIENT_EVENTS.push, { events: [pending[0]] })
      .catch(() => ({ ok: false, code: 'gone' }))) as { ok: boolean; code?: string; stored?: string[]; retryAfterMs?: number };
    if (r.ok) {
      report.stored += r.stored?.length ?? 0;
      pending.shift();
    } else if (r.code === 'rate-limited') {
      report.limited++;
      await sleep(r.retryAfterMs ?? 100);
    } else break;
  }
  s.close();
  return report;
}

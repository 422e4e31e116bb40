import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import type { EventDataInput, EventKind } from '../../src/kinds/index.js';
import { CLIENT_EVENTS, pushAckSchema, type PushAck } from '../../src/sync/protocol.js';
import { eventHash, newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import type { HubSocket } from '../../main/sync/sync-client.js';
import { connectOutcome, rawSocket, signedAuth, type TestHub } from './hub-peers.js';

/**
 * Someone holding a valid editor link and their own key who writes events by hand, past any app's checks:
 * every event is really theirs (signed, chained on their own origin), so only the rules can stop it.
 */
export interface SignedWriter {
  make<K extends EventKind>(kind: K, data: EventDataInput<K>, at?: number): WarEvent;
  /** Pushes one event; its chain moves on only when the hub stored it. */
  push(e: WarEvent): Promise<PushAck>;
  close(): void;
}

export async function signedWriter(hub: TestHub, incident: string, key: Signer, name: string): Promise<SignedWriter> {
  const socket: HubSocket = rawSocket(hub.hub.url, signedAuth(key, await hub.invite(incident), incident, name));
  const c = await connectOutcome(socket);
  if (!c.connected) throw new Error(c.message);
  const origin = newOriginFor(key.key);
  let seq = 0;
  let prev: string | undefined;
  let n = 0;
  return {
    make(kind, data, at = Date.now()) {
      n++;
      // Parsed first, as every reader will: the signature covers the data with its defaults filled in.
      const parsed = parseEvent({
        v: 1,
        id: `e_${name.toLowerCase().slice(0, 4).padEnd(4, 'x')}${String(Date.now()).slice(-6)}${String(n).padStart(4, '0')}`,
        incident,
        origin,
        seq: seq + 1,
        at: { ms: at, c: n },
        actor: { id: key.actorId, name },
        kind,
        data,
      });
      if (!parsed.ok) throw new Error(parsed.error);
      return key.signEvent(parsed.value, prev);
    },
    async push(e) {
      const ack = pushAckSchema.parse(await socket.timeout(10_000).emitWithAck(CLIENT_EVENTS.push, { events: [e] }));
      if (ack.stored.includes(e.id)) {
        seq = e.seq;
        prev = eventHash(e);
      }
      return ack;
    },
    close: () => void socket.disconnect(),
  };
}

/** A fork as a hostile writer makes one: two notes by `author` on one origin, both at seq 1, with these texts. */
export function forkedNotes(author: Signer, incident: string, texts: readonly [string, string]): [WarEvent, WarEvent] {
  const origin = newOriginFor(author.key);
  const note = (text: string, n: number): WarEvent =>
    author.signEvent(
      {
        v: 1,
        id: `e_fork${n}${origin.slice(-8)}`,
        incident,
        origin,
        seq: 1,
        at: { ms: Date.now(), c: 0 },
        actor: { id: author.actorId, name: 'Mallory' },
        kind: 'note.added',
        data: { text },
      },
      undefined,
    );
  return [note(texts[0], 1), note(texts[1], 2)];
}

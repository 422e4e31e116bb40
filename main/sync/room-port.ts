import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { Result } from '../../src/model/result.js';
import type { OrderRange, SignedHead } from '../../src/model/room-order.js';
import type { WarRoom } from '../services/war-room.js';

export type IngestResult = Result<{ added: WarEvent[]; rejected: string[] }>;

/**
 * Where a sync session's events come from and go to: one incident's local log. The session never sees the
 * log store or the facade behind it, so it can be driven against anything that keeps events (a test's array).
 */
export interface RoomPort {
  readonly incident: string;
  /** Who this peer writes as, and its public key (absent for unsigned test peers). */
  actor(): Actor;
  readonly key: string | undefined;
  /** The handshake's `auth` payload (token, actor, key proof), made afresh for every connection. */
  handshake(token: string, now: number): object;
  /** Every event held here, in the log's order. */
  events(): Promise<readonly WarEvent[]>;
  /** Takes events from the hub (validated, deduplicated, durable before it resolves). */
  ingest(raw: readonly unknown[], source: 'remote' | 'catch-up'): Promise<IngestResult>;
  /** The same, for catch-up pages of JSON lines. */
  ingestLines(pages: readonly Uint8Array[]): Promise<IngestResult>;
  /** How far this log holds the room's agreed order (0: none yet). */
  orderPosition(): Promise<number>;
  /** Takes positions of the agreed order the hub gave out, with its signed head. */
  ingestOrder(range: OrderRange, head: SignedHead | null): Promise<Result<{ position: number }>>;
  /** Holds a teammate's signed head against this log's order (see WarRoom.checkHead). */
  checkHead(head: SignedHead): Promise<Result<'match' | 'unknown'>>;
  /** The last head the hub signed, as held here. */
  latestHead(): Promise<SignedHead | null>;
  /** Hears each local event as soon as it is stamped (before our own fsync: the hub is another durable copy). */
  onLocal(listener: (e: WarEvent) => void): () => void;
  /** Hears every event added to the log, from anywhere. */
  onAdded(listener: (events: readonly WarEvent[]) => void): () => void;
}

/** The port onto this process's WarRoom facade. */
export function warRoomPort(warRoom: WarRoom, incident: string): RoomPort {
  return {
    incident,
    actor: () => warRoom.actor(),
    get key() {
      return warRoom.signer?.key;
    },
    handshake(token, now) {
      const actor = warRoom.actor();
      const signer = warRoom.signer;
      return signer ? { token, incident, actor, key: signer.key, proof: signer.handshakeProof(incident, now) } : { token, incident, actor };
    },
    events: () => warRoom.events(incident),
    ingest: (raw, source) => warRoom.ingest(incident, raw, source),
    ingestLines: (pages) => warRoom.ingestLines(incident, pages, 'catch-up'),
    orderPosition: () => warRoom.orderPosition(incident),
    ingestOrder: (range, head) => warRoom.ingestOrder(incident, range, head),
    checkHead: (head) => warRoom.checkHead(incident, head),
    latestHead: () => warRoom.latestHead(incident),
    onLocal: (listener) => warRoom.onStamped((id, e) => id === incident && listener(e)),
    onAdded: (listener) => warRoom.onEvents((id, events) => id === incident && listener(events)),
  };
}

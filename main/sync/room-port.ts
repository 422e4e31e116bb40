import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { Result } from '../../src/model/result.js';
import type { HubChallenge } from './hub-challenge-client.js';
import type { OrderRange, SignedHead } from '../../src/model/room-order.js';

export type IngestResult = Result<{ added: WarEvent[]; rejected: string[] }>;

/**
 * Where a sync session's events come from and go to: one incident's local log. The session never sees the
 * log store or the facade behind it, so it can be driven against anything that keeps events (a test's array, the
 * browser view's memory: web/browser-port.ts). The app's port onto its WarRoom is war-room-port.ts.
 */
export interface RoomPort {
  readonly incident: string;
  /** Who this peer writes as, and its public key (absent for unsigned test peers). */
  actor(): Actor;
  readonly key: string | undefined;
  /**
   * The handshake's `auth` payload (token, actor, key proof over the hub's challenge), made afresh for every
   * connection (a browser signs asynchronously).
   */
  handshake(token: string, challenge: HubChallenge): object | Promise<object>;
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

import type { VersionVector } from '../../src/sync/version-vector.js';
import type { WarRoom } from '../services/war-room.js';
import { warRoomPort } from './war-room-port.js';
import { SocketIoTransport, type IoFactory } from './socket-io-transport.js';
import { SyncSession } from './sync-session.js';
import { pinnedIoOptions } from './pinned-tls.js';
import { verifySignature } from '../identity/event-signature.js';

export { HubRefusal } from './hub-transport.js';
export type { HubSocket, IoFactory } from './socket-io-transport.js';

export interface SyncClientOptions {
  warRoom: WarRoom;
  incident: string;
  hubUrl: string;
  /** More hubs serving the same rooms, tried in turn after `hubUrl` when one fails (a join link's other hubs). */
  alternates?: readonly string[];
  token: string;
  /** socket.io-client's `io` by default; tests and TLS setups pass their own (e.g. adding `ca`). */
  ioFactory?: IoFactory;
  /**
   * SHA-256 of the hub's certificate (from the join link): the client then trusts that certificate and no
   * other, and never sends anything to a hub that shows another one.
   */
  fingerprint?: string;
  now?: () => number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** How long to wait for the hub to answer one request before reconnecting. */
  ackTimeoutMs?: number;
  /**
   * The hub's vector as last seen (`hubVector()` from a previous run), so an app started offline does not
   * count long-synced entries as unsynced. Only a hint: the first exchange replaces it.
   */
  hubVectorHint?: VersionVector;
}

/**
 * Keeps one incident's local log and the hub's in line: the sync session (the protocol) over Socket.IO,
 * on this process's WarRoom. The three parts are separate so each can be tested and replaced alone.
 */
export class SyncClient extends SyncSession {
  constructor(options: SyncClientOptions) {
    const port = warRoomPort(options.warRoom, options.incident);
    const now = options.now ?? Date.now;
    const transport = new SocketIoTransport({
      hubUrl: options.hubUrl,
      ...(options.alternates?.length ? { alternates: options.alternates } : {}),
      auth: (challenge) => port.handshake(options.token, challenge),
      verify: (key, text, sig) => verifySignature(key, text, sig, false),
      // The room's signed heads name the hub that ordered it: a hub with another key is someone else.
      expectedHub: async () => (await port.latestHead())?.hub ?? null,
      ioFactory: options.ioFactory,
      pin: options.fingerprint ? (onMismatch) => pinnedIoOptions(options.fingerprint!, onMismatch) : undefined,
      reconnectDelayMs: options.reconnectDelayMs,
      reconnectDelayMaxMs: options.reconnectDelayMaxMs,
    });
    super({
      port,
      transport,
      hubUrl: options.hubUrl,
      now,
      ackTimeoutMs: options.ackTimeoutMs,
      hubVectorHint: options.hubVectorHint,
    });
  }
}

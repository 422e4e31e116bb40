import type { ClientToHubEvents, HubToClientEvents } from '../../src/sync/protocol.js';

export type ClientRequest = keyof ClientToHubEvents;
export type HubMessage = keyof HubToClientEvents;

/** What a transport tells the session using it. */
export interface TransportListener {
  /** A connection (or a reconnection) is up: the session starts its exchange afresh. */
  connected(): void;
  /** The connection dropped; the transport reconnects by itself unless it said `final`. */
  disconnected(): void;
  /**
   * A connection attempt failed. `final`: retrying cannot help (the hub refused the handshake, the certificate
   * is not the pinned one); the transport has stopped. Otherwise it keeps trying.
   */
  failed(failure: { message: string; final: boolean }): void;
  /** Something the hub sent without being asked (relayed events, presence, an error note). */
  message(name: HubMessage, payload: unknown): void;
}

/**
 * How a sync session reaches a hub. The session speaks the protocol (src/sync/protocol.ts) and knows nothing
 * of the wire; the Socket.IO adapter (socket-io-transport.ts) is the one the app and the CLI use, and tests
 * drive a session over an in-memory one. Delivery may repeat or fail; the session never relies on one message.
 */
export interface HubTransport {
  /** Starts connecting; the transport reconnects on its own after a drop. */
  start(listener: TransportListener): void;
  /** Closes for good. */
  stop(): void;
  readonly connected: boolean;
  /** One request and its acknowledgement; rejects when not connected or when no answer comes in `timeoutMs`. */
  request(name: ClientRequest, payload: object, timeoutMs: number): Promise<unknown>;
  /** Drops the connection and makes a fresh one (after a request timed out or a reply could not be read). */
  reconnect(): void;
}

/** A refusal the hub sent in an error ack. */
export class HubRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

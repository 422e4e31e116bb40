import { io as connectIo, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { HUB_EVENTS, type ClientToHubEvents, type HubToClientEvents } from '../../src/sync/protocol.js';
import { askChallenge, HubIdentityError, type HubChallenge, type VerifySignature } from './hub-challenge-client.js';
import type { ClientRequest, HubMessage, HubTransport, TransportListener } from './hub-transport.js';

export type HubSocket = Socket<HubToClientEvents, ClientToHubEvents>;
export type IoFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => HubSocket;

export interface SocketIoTransportOptions {
  hubUrl: string;
  /**
   * Other hubs serving the same rooms (several hubs on one database): when the current hub cannot be reached or
   * drops the connection, the next is tried, round and round. The catch-up by position and vector on each
   * connect makes the move lossless.
   */
  alternates?: readonly string[];
  /**
   * The handshake's `auth`, made on every (re)connect for that connection's challenge, once the hub proved its
   * key (hub-challenge-client.ts): the name may have changed, and a challenge is good once.
   */
  auth: (challenge: HubChallenge) => object | Promise<object>;
  /** Checks the hub's signature over the challenge (Node's crypto, or WebCrypto in the browser view). */
  verify: VerifySignature;
  /** The hub key the room is already known by (its signed heads), if any: a hub holding another key gets nothing. */
  expectedHub?: () => Promise<string | null> | string | null;
  /** socket.io-client's `io` by default; tests and TLS setups pass their own (e.g. adding `ca`). */
  ioFactory?: IoFactory;
  /**
   * Certificate pinning (the app: pinned-tls.ts, from the link's fingerprint): socket.io options that trust one
   * certificate only, told to call `onMismatch` when the hub shows another. Injected, so this adapter has no Node
   * import and the browser view uses it as it is.
   */
  pin?: (onMismatch: (e: Error) => void) => Partial<ManagerOptions & SocketOptions>;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

const MESSAGES: readonly HubMessage[] = Object.values(HUB_EVENTS);

/**
 * The Socket.IO adapter: websocket only, reconnecting, certificate-pinned when the link names a fingerprint. With
 * one hub, socket.io reconnects to it by itself; with several, each failure moves to the next hub.
 */
export class SocketIoTransport implements HubTransport {
  private socket: HubSocket | null = null;
  private stopped = false;
  /** Set once retrying cannot help: nothing reconnects after it. */
  private final = false;
  private readonly urls: string[];
  /** Which of `urls` the current socket is for. */
  private current = 0;
  /** Hubs tried since the last successful connection: after a full round, the next waits longer. */
  private failedInRow = 0;
  private listener: TransportListener | null = null;
  /** Stale challenges retried in a row: a hub that refuses every one is refusing, not slow. */
  private challengeRetries = 0;

  constructor(private readonly options: SocketIoTransportOptions) {
    this.urls = [options.hubUrl, ...(options.alternates ?? []).filter((u) => u !== options.hubUrl)];
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /** The hub the transport is on (or trying) now. */
  get hubUrl(): string {
    return this.urls[this.current]!;
  }

  start(listener: TransportListener): void {
    if (this.socket || this.stopped) return;
    this.listener = listener;
    this.open(listener);
  }

  private open(listener: TransportListener): void {
    const factory: IoFactory = this.options.ioFactory ?? ((url, opts) => connectIo(url, opts));
    const several = this.urls.length > 1;
    const socket: HubSocket = factory(this.hubUrl, {
      auth: (cb: (data: object) => void) => void this.handshake(socket, listener).then((auth) => auth && cb(auth)),
      transports: ['websocket'],
      autoConnect: false,
      forceNew: true,
      // With several hubs the transport itself moves on after a failure, to the next one.
      reconnection: !several,
      reconnectionDelay: this.delay(),
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 5_000,
      timeout: 10_000,
      ...(this.options.pin ? this.options.pin((e) => this.onPinMismatch(listener, e)) : {}),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.failedInRow = 0;
      this.challengeRetries = 0;
      listener.connected();
    });
    socket.on('disconnect', (reason) => {
      listener.disconnected();
      if (several && reason !== 'io client disconnect') this.moveOn(listener, socket);
      // socket.io does not retry after the server itself closed the socket (a restart, an expired token):
      // try again; a refused handshake then stops it for good.
      else if (reason === 'io server disconnect') this.later(() => socket.connect(), this.delay());
    });
    socket.on('connect_error', (err) => this.onConnectError(listener, err));
    for (const name of MESSAGES) socket.on(name, (payload: unknown) => listener.message(name, payload));
    socket.connect();
  }

  /**
   * The challenge, then the handshake signed over it; null (nothing sent) when the hub could not prove its key:
   * final when it is the wrong hub, a dropped connection (tried again) when it did not answer.
   */
  private async handshake(socket: HubSocket, listener: TransportListener): Promise<object | null> {
    try {
      const expected = (await this.options.expectedHub?.()) ?? null;
      const challenge = await askChallenge(socket.io, { verify: this.options.verify, expected });
      return await this.options.auth(challenge);
    } catch (e) {
      if (socket !== this.socket || this.stopped) return null;
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof HubIdentityError) this.onPinMismatch(listener, e);
      else {
        listener.failed({ message: `the hub did not answer the handshake challenge: ${message}`, final: false });
        socket.io.engine?.close();
      }
      return null;
    }
  }

  /** Leaves `socket`'s hub for the next one: at once after a drop, after a pause once every hub failed in a row. */
  private moveOn(listener: TransportListener, socket: HubSocket): void {
    if (socket !== this.socket || this.stopped || this.final) return;
    socket.removeAllListeners();
    socket.disconnect();
    this.failedInRow++;
    this.current = (this.current + 1) % this.urls.length;
    const rounds = Math.floor((this.failedInRow - 1) / this.urls.length);
    const wait = rounds === 0 ? this.delay() : Math.min(this.delay() * 2 ** rounds, this.options.reconnectDelayMaxMs ?? 5_000);
    this.socket = null;
    this.later(() => !this.socket && this.open(listener), wait);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
  }

  async request(name: ClientRequest, payload: object, timeoutMs: number): Promise<unknown> {
    const socket = this.socket;
    // Never emit while disconnected: socket.io would buffer the packet and send a stale copy later.
    if (!socket?.connected) throw new Error('not connected to the hub');
    return socket.timeout(timeoutMs).emitWithAck(name, payload);
  }

  reconnect(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    // socket.disconnect() says 'io client disconnect', which does not move on by itself: the next hub is tried
    // with several (this one stopped answering), the same again with one.
    socket.disconnect();
    if (this.urls.length > 1 && this.listener) this.moveOn(this.listener, socket);
    else this.later(() => socket.connect(), this.delay());
  }

  private onConnectError(listener: TransportListener, err: Error & { data?: unknown }): void {
    if (this.final) return;
    const code = err.data !== null && typeof err.data === 'object' ? (err.data as { code?: unknown }).code : undefined;
    const socket = this.socket;
    if (socket && this.urls.length > 1 && (code === undefined || code === 'unavailable')) {
      // Unreachable, or up without its storage: the next hub may serve the room. A refusal of the invite
      // itself (a code) is the same on every hub of the cluster: that stops, as with one hub.
      this.moveOn(listener, socket);
    } else if (socket && !socket.active && code === 'unavailable') {
      // The hub is up but its storage is not: worth retrying, unlike a refused token.
      this.later(() => socket.connect(), this.options.reconnectDelayMaxMs ?? 5_000);
    } else if (socket && !socket.active && code === 'bad-challenge' && this.challengeRetries++ < 3) {
      // The challenge went stale on the way (a very slow machine): a new connection gets a new one.
      this.later(() => socket.connect(), this.delay());
    } else if (socket && !socket.active) {
      // Refused by the hub's handshake check (bad or expired token, another room): say why, stop.
      this.final = true;
      listener.failed({ message: err.message, final: true });
      return;
    }
    // socket.io says "websocket error"; the cause (ECONNREFUSED, a certificate problem) is in `description`.
    const cause = (err as { description?: { message?: unknown } }).description?.message;
    listener.failed({ message: typeof cause === 'string' && cause ? cause : err.message, final: false });
  }

  /** Not a network hiccup: retrying would only knock on the impostor's door again. */
  private onPinMismatch(listener: TransportListener, e: Error): void {
    if (this.final) return;
    this.final = true;
    this.socket?.disconnect();
    listener.failed({ message: e.message, final: true });
  }

  private later(fn: () => void, ms: number): void {
    const timer: { unref?: () => void } = setTimeout(() => !this.stopped && !this.final && fn(), ms);
    timer.unref?.();
  }

  private delay(): number {
    return this.options.reconnectDelayMs ?? 500;
  }
}

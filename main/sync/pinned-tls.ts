import type { RequestOptions } from 'node:http';
import { Agent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { displayFingerprint } from '../../src/sync/fingerprint.js';

/** The hub answered with a certificate other than the one the link names. */
export class PinMismatchError extends Error {
  readonly code = 'cert-mismatch';
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(
      `the hub's certificate does not match the link (expected ${displayFingerprint(expected).slice(0, 23)}…, got ${displayFingerprint(got).slice(0, 23)}…): ` +
        'someone may be impersonating the hub, or the host made a new certificate; ask the host for a fresh link. Nothing was sent.',
    );
  }
}

type Oncreate = (err: Error | null, stream: Duplex) => void;

/**
 * An https agent that trusts exactly one certificate, named by its SHA-256 fingerprint: what a room shared
 * from a teammate's app (self-signed, no authority) needs. The socket is handed to the request only after
 * the check, so nothing, not even the HTTP upgrade with the invite token, goes to a hub that fails it.
 */
export class PinnedAgent extends Agent {
  constructor(
    private readonly fingerprint: string,
    private readonly onMismatch: (e: PinMismatchError) => void,
    options: AgentOptions = {},
  ) {
    super({ ...options, keepAlive: false });
  }

  // Node's Agent accepts an asynchronous createConnection: return nothing and call back with the socket.
  override createConnection(options: RequestOptions, oncreate?: Oncreate): undefined {
    let settled = false;
    const settle = (err: Error | null, stream: Duplex): void => {
      if (settled) return;
      settled = true;
      oncreate?.(err, stream);
    };
    const socket: TLSSocket = connect({ ...(options as ConnectionOptions), rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const got = socket.getPeerX509Certificate()?.fingerprint256.replace(/:/g, '').toLowerCase() ?? '';
      if (got === this.fingerprint) return settle(null, socket);
      const error = new PinMismatchError(this.fingerprint, got);
      socket.destroy();
      this.onMismatch(error);
      settle(error, socket);
    });
    socket.once('error', (e) => settle(e, socket));
    return undefined;
  }
}

/** socket.io-client options that connect over wss to a hub pinned by fingerprint. */
export function pinnedIoOptions(
  fingerprint: string,
  onMismatch: (e: PinMismatchError) => void,
): { agent: string | boolean; rejectUnauthorized: false } {
  // socket.io-client types `agent` for browsers (string | boolean); in Node its websocket transport hands it to ws.
  return { agent: new PinnedAgent(fingerprint, onMismatch) as unknown as string, rejectUnauthorized: false };
}

import type { Manager } from 'socket.io-client';
import { encodeBase64 } from '../../src/comms/base64.js';
import { hubProofText } from '../../src/model/signed-payload.js';
import { challengeAckSchema, CHALLENGE_EVENT, HANDSHAKE_NAMESPACE } from '../../src/sync/protocol.js';

// Browser-safe (no Node import): the browser view's transport asks for its challenge the same way.

/** A challenge from a hub that proved it holds `hub`, its key: what the handshake is signed over. */
export interface HubChallenge {
  nonce: string;
  hub: string;
}

/** Ed25519 verification: Node's crypto in the app and CLI, WebCrypto in the browser view. */
export type VerifySignature = (key: string, text: string, sig: string) => boolean | Promise<boolean>;

/** Retrying cannot help: the hub is not the one expected, or cannot prove who it is. Nothing was sent to it. */
export class HubIdentityError extends Error {
  readonly code = 'hub-identity';
}

export interface AskChallengeOptions {
  verify: VerifySignature;
  /** The hub key this client already knows the room by (from the signed heads it holds), if any. */
  expected?: string | null;
  timeoutMs?: number;
}

/**
 * Asks the hub, on the connection `manager` holds open (namespace /handshake), for a handshake challenge, and
 * checks the hub's signature over this client's own fresh nonce: only a hub holding the key it names can answer.
 * When the room is already known by a hub key, the hub must hold that one. Nothing but a random nonce goes out
 * before these checks: not the invite, not the room, not an event.
 */
export async function askChallenge(manager: Manager, options: AskChallengeOptions): Promise<HubChallenge> {
  const mine = randomNonce();
  const socket = manager.socket(HANDSHAKE_NAMESPACE);
  try {
    const refused = new Promise<never>((_, reject) =>
      socket.once('connect_error', (e: Error) =>
        reject(new HubIdentityError(`this is an older War Room hub, without the handshake challenge (${e.message}): update the hub`)),
      ),
    );
    if (!socket.active) socket.connect();
    const answer: unknown = await Promise.race([
      refused,
      socket.timeout(options.timeoutMs ?? 10_000).emitWithAck(CHALLENGE_EVENT, { nonce: mine }),
    ]);
    const ack = challengeAckSchema.safeParse(answer);
    if (!ack.success) throw new HubIdentityError('the hub answered the handshake challenge with something else: it cannot prove who it is');
    const { nonce, hub, sig } = ack.data;
    if (!(await options.verify(hub, hubProofText(mine, nonce), sig)))
      throw new HubIdentityError('the hub could not prove it holds the key it names: someone may be impersonating it. Nothing was sent.');
    if (options.expected && options.expected !== hub)
      throw new HubIdentityError(
        `this hub's key (${hub.slice(0, 8)}…) is not the one this incident's agreed order was signed with (${options.expected.slice(0, 8)}…): ` +
          'someone may be impersonating the hub; ask the host for a fresh link. Nothing was sent.',
      );
    return { nonce, hub };
  } finally {
    socket.off('connect_error');
    socket.disconnect();
  }
}

function randomNonce(): string {
  return encodeBase64(globalThis.crypto.getRandomValues(new Uint8Array(24)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

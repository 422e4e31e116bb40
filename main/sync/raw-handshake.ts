import type { Socket } from 'socket.io-client';
import { verifySignature, type Signer } from '../identity/event-signature.js';
import { askChallenge, type HubChallenge } from './hub-challenge-client.js';

/** socket.io-client's `auth` as a function: called with the socket as `this` at every connection attempt. */
export type AuthFunction = (this: Socket, cb: (data: object) => void) => void;

export type HandshakeAuth = Record<string, unknown> & { proof: { nonce: string; hub: string; sig: string } };

/**
 * The `auth` of a client speaking the protocol by hand (bench, tests, anything without the sync client): on its
 * own connection it asks the hub for a challenge (checking the hub's key proof, any key), then signs its handshake
 * for it. `change` may alter what is sent (a test's forgery). If the hub cannot prove its key, the handshake sent
 * is empty, so the hub refuses it and the client hears why.
 */
export function signedHandshake(
  signer: Signer,
  token: string,
  incident: string,
  name: string,
  change?: (auth: HandshakeAuth, challenge: HubChallenge) => Record<string, unknown>,
): AuthFunction {
  return function (this: Socket, cb) {
    askChallenge(this.io, { verify: (key, text, sig) => verifySignature(key, text, sig, false) }).then(
      (challenge) => {
        const auth = {
          token,
          incident,
          actor: { id: signer.actorId, name },
          key: signer.key,
          proof: signer.handshakeProof(incident, challenge),
        };
        cb(change ? change(auth, challenge) : auth);
      },
      () => cb({}),
    );
  };
}

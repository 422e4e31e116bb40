import { randomBytes } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { hubProofText } from '../../src/model/signed-payload.js';
import { CHALLENGE_EVENT, challengeRequestSchema, HANDSHAKE_NAMESPACE, PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import type { Signer } from '../identity/event-signature.js';

/** One challenge handed out on one connection, waiting for its handshake. */
interface Issued {
  nonce: string;
  at: number;
  asked: number;
}

/**
 * The hub's half of the handshake challenge. On the connection a peer is about to join a room with, it asks
 * (namespace /handshake) with a nonce of its own; the hub answers a fresh nonce of its own and signs both with
 * its key, so the peer knows which hub it speaks to before it sends anything (its invite, its room, its events).
 * The peer then signs its handshake over that nonce and the hub's key. The nonce is kept per connection (the
 * engine.io connection the two namespaces share), taken by the first handshake on it, and good for 30 s: a
 * handshake captured anywhere cannot be played again, on this hub or on another.
 */
export class HandshakeChallenges {
  /** Keyed by the engine.io connection: gone with it, so nothing here outlives a connection. */
  private readonly issued = new WeakMap<object, Issued>();

  constructor(
    private readonly hubKey: Signer,
    private readonly now: () => number,
  ) {}

  attach(io: Server): void {
    io.of(HANDSHAKE_NAMESPACE).on('connection', (socket: Socket) => {
      socket.on('error', () => undefined);
      socket.on(CHALLENGE_EVENT, (payload: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        ack(this.answer(socket.conn, payload));
      });
    });
  }

  /** A fresh challenge for `conn`, signed with the hub key over the peer's nonce; replaces any before it. */
  answer(conn: object, payload: unknown): object {
    const req = challengeRequestSchema.safeParse(payload);
    if (!req.success) return { ok: false, error: { code: 'bad-request', message: 'expected { nonce } (16-32 random bytes, base64url)' } };
    const asked = (this.issued.get(conn)?.asked ?? 0) + 1;
    if (asked > PROTOCOL_LIMITS.challengesPerConnection)
      return { ok: false, error: { code: 'rate-limited', message: 'too many challenges on one connection: open a new one' } };
    const nonce = randomBytes(24).toString('base64url');
    this.issued.set(conn, { nonce, at: this.now(), asked });
    return { ok: true, nonce, hub: this.hubKey.key, sig: this.hubKey.sign(hubProofText(req.data.nonce, nonce)) };
  }

  /** Takes the challenge `nonce` issued on `conn` (once): null when it holds, else why not. */
  take(conn: object, nonce: string): string | null {
    const issued = this.issued.get(conn);
    if (!issued || issued.nonce !== nonce)
      return 'the handshake answers no challenge this hub issued on this connection (a handshake is used once, where it was made)';
    this.issued.set(conn, { ...issued, nonce: '' });
    if (this.now() - issued.at > PROTOCOL_LIMITS.challengeMs) return 'the handshake challenge is more than 30 s old: connect again';
    return null;
  }
}

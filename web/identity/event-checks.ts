import type { WarEvent } from '../../src/kinds/event.js';
import { ORDER_GENESIS_PREFIX, headSigningText, type SignedHead } from '../../src/model/room-order.js';
import { canonicalJson, handshakeText, signingText } from '../../src/model/signed-payload.js';
import { timeRefusal } from '../../src/kinds/rules.js';
import { fromBase64url, toBase64url } from './base64url.js';
import type { BrowserCrypto } from './web-crypto.js';
import { base32 } from '../../src/model/base32.js';

/**
 * The checks every peer makes on what arrives (main/identity/event-signature.ts, ingest-verifier.ts and
 * room-chain.ts do them with Node's crypto), made here with the browser's: an event's actor id and origin derive
 * from its key, its key signed it, it names its origin's previous event by hash, and it is not dated before the
 * incident opened or before that previous event; a hub's head of the order is signed by the hub. The reasons
 * are the same words the app uses. A test holds these verdicts against the app's on the same events.
 */

export interface Refusal {
  code: 'unsigned' | 'bad-signature' | 'forged-actor' | 'bad-origin' | 'broken-chain' | 'too-early';
  reason: string;
}

const utf8 = new TextEncoder();

export class EventChecks {
  private readonly fingerprints = new Map<string, Promise<string>>();

  constructor(readonly crypto: BrowserCrypto) {}

  /** Lower-case base32 of the SHA-256 of the raw key: what actor ids and origins are cut from. */
  fingerprint(key: string): Promise<string> {
    let f = this.fingerprints.get(key);
    if (!f) {
      f = this.crypto.sha256(fromBase64url(key)).then(base32);
      if (this.fingerprints.size > 10_000) this.fingerprints.clear();
      this.fingerprints.set(key, f);
    }
    return f;
  }

  async actorIdOf(key: string): Promise<string> {
    return `u_${(await this.fingerprint(key)).slice(0, 26)}`;
  }

  /** What the next event of the same origin names as `prev`. */
  async eventHash(e: WarEvent): Promise<string> {
    return toBase64url(await this.crypto.sha256(utf8.encode(canonicalJson(e))));
  }

  async verifyText(key: string, text: string, sig: string): Promise<boolean> {
    try {
      return await this.crypto.verify(fromBase64url(key), utf8.encode(text), fromBase64url(sig));
    } catch {
      return false;
    }
  }

  /** An event on its own: unsigned events are legacy (written before keys) and pass, as they do in the app. */
  async check(e: WarEvent): Promise<Refusal | null> {
    if (e.key === undefined && e.sig === undefined) return null;
    if (e.key === undefined || e.sig === undefined)
      return { code: 'unsigned', reason: `event ${e.id} is not signed: update War Room (events carry their author's signature)` };
    let fp: string;
    try {
      fp = await this.fingerprint(e.key);
    } catch {
      return { code: 'bad-signature', reason: `event ${e.id}: the signature does not match its content (altered or forged)` };
    }
    const actor = `u_${fp.slice(0, 26)}`;
    if (e.actor.id !== actor)
      return { code: 'forged-actor', reason: `event ${e.id} names actor ${e.actor.id}, but its key belongs to ${actor}` };
    const prefix = `o_${fp.slice(0, 20)}`;
    if (!e.origin.startsWith(prefix) || e.origin.length !== prefix.length + 8)
      return { code: 'bad-origin', reason: `event ${e.id} uses origin ${e.origin}, which does not belong to its key` };
    if (e.seq === 1 && e.prev !== undefined)
      return { code: 'broken-chain', reason: `event ${e.id} is its origin's first but names a previous event` };
    if (e.seq > 1 && e.prev === undefined)
      return { code: 'broken-chain', reason: `event ${e.id} (seq ${e.seq}) does not name its origin's previous event` };
    if (!(await this.verifyText(e.key, signingText(e), e.sig)))
      return { code: 'bad-signature', reason: `event ${e.id}: the signature does not match its content (altered or forged)` };
    return null;
  }

  /** An event against its origin's previous event, when that one is here. */
  async checkChain(e: WarEvent, predecessor: WarEvent): Promise<Refusal | null> {
    if (predecessor.key !== e.key || predecessor.origin !== e.origin || predecessor.seq !== e.seq - 1)
      return { code: 'broken-chain', reason: `event ${e.id} does not follow event ${predecessor.id} of the same origin and key` };
    if (e.prev !== (await this.eventHash(predecessor)))
      return {
        code: 'broken-chain',
        reason: `event ${e.id} names a previous event other than ${predecessor.id} (seq ${predecessor.seq}): its origin's history was altered`,
      };
    if (e.at.ms < predecessor.at.ms)
      return { code: 'too-early', reason: `event ${e.id} is dated ${new Date(e.at.ms).toISOString()}, before its origin's previous event` };
    return null;
  }

  /** True when `head` was signed by the hub key it names, for this room. */
  headHolds(room: string, head: SignedHead): Promise<boolean> {
    return this.verifyText(head.hub, headSigningText(room, head.n, head.h), head.sig);
  }

  /** chain(0) of a room's agreed order. */
  orderGenesis(room: string): Promise<Uint8Array> {
    return this.crypto.sha256(utf8.encode(ORDER_GENESIS_PREFIX + room));
  }

  /** chain(n) from chain(n - 1) and the event at n. */
  async extendChain(previous: Uint8Array, e: WarEvent): Promise<Uint8Array> {
    const text = e.sig !== undefined && e.key !== undefined ? `${e.id}\n${e.key}\n${e.sig}` : canonicalJson(e);
    const link = await this.crypto.sha256(utf8.encode(text));
    const joined = new Uint8Array(previous.length + link.length);
    joined.set(previous);
    joined.set(link, previous.length);
    return this.crypto.sha256(joined);
  }

  /** The handshake's proof that this page holds its key (signed by the caller's key pair). */
  static handshakeText = handshakeText;
}

/** Timestamps before the incident opened are refused, as everywhere: the gate's own rule and words. */
export function notBeforeOpening(e: WarEvent, openedAt: number | undefined): Refusal | null {
  const early = timeRefusal(e, openedAt);
  return early ? { code: 'too-early', reason: early.reason } : null;
}

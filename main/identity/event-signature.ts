import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import type { WarEvent } from '../../src/kinds/event.js';
import { timeRefusal } from '../../src/kinds/rules.js';
import { base32 } from '../../src/model/base32.js';
import { randomId } from '../../src/model/ids.js';
import { eventJson, handshakeText, signingText } from '../../src/model/signed-payload.js';

/**
 * Identity is a key, not a declaration. An author's actor id and every origin it writes under derive from
 * its Ed25519 public key; each event is signed and names the hash of its origin's previous event.
 * Anyone holding a log can check all of it offline (warroom verify); hub and peers check on arrival.
 */

// Every event names its key, and a room has a handful: checking ids against the key would otherwise hash it
// three times per event.
const fingerprints = new Map<string, string>();

/** Lower-case base32 of the SHA-256 of the raw public key: what ids are cut from. */
export function keyFingerprint(key: string): string {
  let f = fingerprints.get(key);
  if (f === undefined) {
    f = fingerprintUncached(key);
    if (fingerprints.size >= 10_000) fingerprints.clear();
    fingerprints.set(key, f);
  }
  return f;
}

function fingerprintUncached(key: string): string {
  return base32(createHash('sha256').update(Buffer.from(key, 'base64url')).digest());
}

/** `u_` + 26 characters (130 bits) of the key's fingerprint. */
export const actorIdOf = (key: string): string => `u_${keyFingerprint(key).slice(0, 26)}`;

/** Origins are per process (see README), so each is the key's 20-character prefix plus 8 random characters. */
export const originPrefixOf = (key: string): string => `o_${keyFingerprint(key).slice(0, 20)}`;
export const newOriginFor = (key: string): string => randomId(originPrefixOf(key), 8);

/** What the next event of the same origin carries as `prev`: SHA-256 of the whole signed event. */
export function eventHash(e: WarEvent): string {
  return sha256(eventJson(e));
}

/** SHA-256 in unpadded base64url. The one-shot `hash` costs half of a createHash object for an event-sized text. */
export const sha256 = (text: string): string => hash('sha256', text, 'base64url');

/**
 * eventHash(e) from the text its signature was checked over (`signingText(e)`), without encoding the event
 * again: the canonical JSON of the whole event is that text with `"sig"` in its sorted place, just before
 * `"v"`, the last key. Falls back to eventHash when the text does not end so.
 */
export function eventHashFromSigningText(e: WarEvent, text: string): string {
  const tail = `"v":${e.v}}`;
  if (e.sig === undefined || !text.endsWith(tail)) return eventHash(e);
  const at = text.length - tail.length;
  return sha256(`${text.slice(0, at)}"sig":${JSON.stringify(e.sig)},${tail}`);
}

/**
 * The text e's signature covers, from the whole event's canonical JSON (`eventJson(e)`): that text without
 * `"sig":...,` just before `"v"`, the last key. Falls back to signingText when the text does not end so.
 */
export function signingTextFromEventJson(e: WarEvent, json: string): string {
  const tail = `,"sig":${JSON.stringify(e.sig)},"v":${e.v}}`;
  if (e.sig === undefined || !json.endsWith(tail)) return signingText(e);
  return `${json.slice(0, json.length - tail.length)},"v":${e.v}}`;
}

export type SignedFields = Required<Pick<WarEvent, 'key' | 'sig'>> & Pick<WarEvent, 'prev'>;

/** The private half, held only by the process writing as this person. */
export class Signer {
  readonly key: string;
  readonly actorId: string;

  constructor(private readonly privateKey: KeyObject) {
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('identity key is not an Ed25519 key');
    this.key = jwk.x;
    this.actorId = actorIdOf(this.key);
  }

  static fromPkcs8(der: Buffer): Signer {
    return new Signer(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  }

  sign(text: string): string {
    return sign(null, Buffer.from(text), this.privateKey).toString('base64url');
  }

  /** Adds key, prev and sig to an event stamped by this author. */
  signEvent<E extends WarEvent>(event: E, prev: string | undefined): E {
    return this.signChained(event, prev).signed;
  }

  /** signEvent, with the signed event's chain hash (what its successor names), made from the text just signed. */
  signChained<E extends WarEvent>(event: E, prev: string | undefined): { signed: E; hash: string } {
    const unsigned = { ...event, key: this.key, ...(prev === undefined ? {} : { prev }) } as E;
    delete unsigned.sig;
    const text = signingText(unsigned);
    const signed = { ...unsigned, sig: this.sign(text) };
    return { signed, hash: eventHashFromSigningText(signed, text) };
  }

  /** The handshake's proof for one room, answering `challenge` from the hub whose key proved itself. */
  handshakeProof(incident: string, challenge: { nonce: string; hub: string }): { nonce: string; hub: string; sig: string } {
    const { nonce, hub } = challenge;
    return { nonce, hub, sig: this.sign(handshakeText(incident, this.actorId, nonce, hub)) };
  }
}

/** A key held only in memory: a hub room that signs nothing anyone keeps (tests), or a bench's many peers. */
export function memorySigner(): Signer {
  return new Signer(generateKeyPairSync('ed25519').privateKey);
}

// Importing a key costs about as much as a verify: keep the few a room has.
const publicKeys = new Map<string, KeyObject>();

function publicKeyOf(key: string): KeyObject | null {
  let k = publicKeys.get(key);
  if (!k) {
    try {
      k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key }, format: 'jwk' });
    } catch {
      return null;
    }
    if (publicKeys.size >= 10_000) publicKeys.clear();
    publicKeys.set(key, k);
  }
  return k;
}

// Signatures already checked, by signature (with the key and text they were checked against): the hub checks
// a big push in slices between other work and finds the answers here when the room takes the events in, and a
// process that hosts a room and is in it too (the app sharing a room) checks each relayed event once.
const verified = new Map<string, { key: string; text: string; valid: boolean }>();

export function verifySignature(key: string, text: string, sig: string, remember = true): boolean {
  // A check that is not worth remembering (a long log checked once): no entry.
  if (!remember) return verifyUncached(key, text, sig);
  const known = verified.get(sig);
  if (known !== undefined && known.key === key && known.text === text) return known.valid;
  const valid = verifyUncached(key, text, sig);
  if (verified.size >= 4_000) verified.clear();
  verified.set(sig, { key, text, valid });
  return valid;
}

function verifyUncached(key: string, text: string, sig: string): boolean {
  const publicKey = publicKeyOf(key);
  if (!publicKey) return false;
  try {
    return verify(null, Buffer.from(text), publicKey, Buffer.from(sig, 'base64url'));
  } catch {
    return false;
  }
}

/** Why an event's identity does not hold, or null. */
export type IdentityRefusalCode = 'unsigned' | 'bad-signature' | 'forged-actor' | 'bad-origin' | 'broken-chain' | 'too-early';
export interface IdentityRefusal {
  code: IdentityRefusalCode;
  reason: string;
}

/**
 * Checks what an event says about itself: its actor id and origin derive from its key, and the key signed it.
 * The chain (`prev`) needs the predecessor: see checkChain.
 */
export function checkSignature(e: WarEvent, text?: string, remember = true): IdentityRefusal | null {
  const claims = checkClaims(e);
  if (claims) return claims;
  return verifySignature(e.key!, text ?? signingText(e), e.sig!, remember) ? null : badSignature(e);
}

export const badSignature = (e: WarEvent): IdentityRefusal => ({
  code: 'bad-signature',
  reason: `event ${e.id}: the signature does not match its content (altered or forged)`,
});

/**
 * checkSignature without the signature: signed at all, ids derived from the key, `prev` where the seq needs
 * one. Costs no crypto, so a chain check makes it for every event and verifies only where trust is new.
 */
export function checkClaims(e: WarEvent): IdentityRefusal | null {
  if (e.key === undefined || e.sig === undefined) {
    return { code: 'unsigned', reason: `event ${e.id} is not signed: update War Room (events carry their author's signature)` };
  }
  if (e.actor.id !== actorIdOf(e.key)) {
    return { code: 'forged-actor', reason: `event ${e.id} names actor ${e.actor.id}, but its key belongs to ${actorIdOf(e.key)}` };
  }
  if (!e.origin.startsWith(originPrefixOf(e.key)) || e.origin.length !== originPrefixOf(e.key).length + 8) {
    return { code: 'bad-origin', reason: `event ${e.id} uses origin ${e.origin}, which does not belong to its key` };
  }
  if (e.seq === 1 && e.prev !== undefined)
    return { code: 'broken-chain', reason: `event ${e.id} is its origin's first but names a previous event` };
  if (e.seq > 1 && e.prev === undefined)
    return { code: 'broken-chain', reason: `event ${e.id} (seq ${e.seq}) does not name its origin's previous event` };
  return null;
}

/** Checks an event against its origin's previous event (seq - 1), when that one is known. */
export function checkChain(e: WarEvent, predecessor: WarEvent, predecessorHash?: string): IdentityRefusal | null {
  return checkLink(e, predecessor, predecessorHash ?? eventHash(predecessor)) ?? checkNotBefore(e, predecessor);
}

/**
 * The hash link alone: `e` names exactly `predecessor` (same key and origin, the seq before, its hash). A
 * signature on `e` then vouches for `predecessor` too: nobody can make another event with that hash.
 */
export function checkLink(e: WarEvent, predecessor: WarEvent, predecessorHash: string): IdentityRefusal | null {
  if (predecessor.key !== e.key || predecessor.origin !== e.origin || predecessor.seq !== e.seq - 1) {
    return { code: 'broken-chain', reason: `event ${e.id} does not follow event ${predecessor.id} of the same origin and key` };
  }
  if (e.prev !== predecessorHash) {
    return {
      code: 'broken-chain',
      reason: `event ${e.id} names a previous event other than ${predecessor.id} (seq ${predecessor.seq}): its origin's history was altered`,
    };
  }
  return null;
}

/** An origin's clock never goes back: an event is not dated before its origin's previous event. */
export function checkNotBefore(e: WarEvent, predecessor: WarEvent): IdentityRefusal | null {
  if (e.at.ms >= predecessor.at.ms) return null;
  return { code: 'too-early', reason: `event ${e.id} is dated ${new Date(e.at.ms).toISOString()}, before its origin's previous event` };
}

/** The gate's time rule (src/kinds/rules.ts), in its words, for checks that run before the fold: nothing before the opening. */
export function checkNotBeforeOpening(e: WarEvent, openedAtMs: number | undefined): IdentityRefusal | null {
  const early = timeRefusal(e, openedAtMs);
  return early ? { code: 'too-early', reason: early.reason } : null;
}

/**
 * The handshake proof: the connection holds the private half of `key`, and signed for this room, this hub's key
 * and the challenge (nonce) this hub issued on this connection (checked, once, by hub-challenge.ts).
 */
export function checkHandshake(
  incident: string,
  actorId: string,
  key: string,
  proof: { nonce: string; hub: string; sig: string },
  hubKey: string,
): string | null {
  if (actorId !== actorIdOf(key)) return `actor id ${actorId} does not belong to the key presented (it would be ${actorIdOf(key)})`;
  if (proof.hub !== hubKey) return 'the key proof was made for another hub: a handshake is good only at the hub it was made for';
  if (!verifySignature(key, handshakeText(incident, actorId, proof.nonce, proof.hub), proof.sig, false))
    return 'the key proof does not verify: this connection does not hold the key it names';
  return null;
}

import type { EnvelopeBase } from './envelope.js';

/**
 * What an author signs, as text every peer rebuilds identically: the envelope without `sig`, as JSON with
 * every object's keys sorted (so key order, which zod and JSON writers may change, never matters).
 * Pure, so the window and any third-party checker can rebuild it; the crypto itself lives in main/identity.
 */
export function signingText(e: EnvelopeBase & { kind: string; data: unknown }): string {
  const { sig: _sig, ...unsigned } = e;
  return canonicalJson(unsigned);
}

/** The text a connection signs to prove at the handshake that it holds the key it names. */
export function handshakeText(incident: string, actorId: string, at: number): string {
  return `war-room handshake v1\n${incident}\n${actorId}\n${at}`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON.stringify with every object's keys sorted: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    // No prototype, so a key named __proto__ stays a plain key.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
}

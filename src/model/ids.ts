// Crockford base32: no I, L, O, U, so ids survive being read aloud on a bridge call.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random id with `length` base32 characters (5 bits each) and an optional prefix. */
export function randomId(prefix = '', length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export const newIncidentId = (): string => randomId('inc_', 10);
export const newEventId = (): string => randomId('e_', 12);
export const newOriginId = (): string => randomId('o_', 10);
export const newActorId = (): string => randomId('u_', 10);

export const ID_PATTERN = /^[a-z]{1,4}_[0-9a-z]{6,32}$/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Lower-case base32 (RFC 4648 alphabet, no padding) of some bytes: what actor ids and origins are cut from a
 * key's SHA-256. One definition, so the app, the hub and the browser view derive the same ids.
 */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

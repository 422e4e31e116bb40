import { fail, ok, type Result } from '../model/result.js';

/**
 * A certificate's SHA-256 fingerprint as links carry it: 64 lowercase hex digits. People and tools print it
 * with colons and in capitals (openssl, browsers); both spellings are accepted.
 */
export function parseFingerprint(text: string): Result<string> {
  const hex = text.trim().replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex))
    return fail('the certificate fingerprint must be a SHA-256 digest: 64 hex digits, with or without colons');
  return ok(hex);
}

/** AB:CD:… for a person to compare with what the host reads out. */
export function displayFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AlertSourceConfig } from './alert-config.js';

/** The header a generic sender signs with: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export const SIGNATURE_HEADER = 'x-warroom-signature';

/** Compares two secrets in constant time, whatever their lengths (both are hashed first). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Bearer sources are checked from the headers alone, before a byte of the body is read; null when it holds. */
export function bearerProblem(source: AlertSourceConfig, headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (!header) return 'no Authorization header: send "Authorization: Bearer <secret>" (Alertmanager: http_config.authorization)';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || !sameSecret(m[1]!, source.secret)) return "the bearer token is not this source's secret";
  return null;
}

/** HMAC sources: the signature over the exact bytes received; null when it holds. */
export function hmacProblem(source: AlertSourceConfig, headers: IncomingHttpHeaders, body: Buffer): string | null {
  const header = headers[SIGNATURE_HEADER];
  if (typeof header !== 'string') return `no ${SIGNATURE_HEADER} header: send "sha256=<hex HMAC-SHA256 of the body>"`;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return `the ${SIGNATURE_HEADER} header must be "sha256=" and 64 hex digits`;
  const expected = createHmac('sha256', source.secret).update(body).digest();
  const given = Buffer.from(m[1]!, 'hex');
  if (!timingSafeEqual(given, expected)) return "the body's HMAC does not match this source's secret (or the body was changed)";
  return null;
}

/** What a sender computes: `sha256=<hex>` for the body. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

import { ID_PATTERN } from '../model/ids.js';
import { fail, ok, type Result } from '../model/result.js';
import { parseFingerprint } from './fingerprint.js';
import { PROTOCOL_LIMITS } from './protocol.js';

/** Everything a teammate needs to join a room, in one link: `warroom://join?hub=...&incident=...&token=...`. */
export interface JoinLink {
  hub: string;
  incident: string;
  token: string;
  /** SHA-256 of the hub's self-signed certificate (`fp=`): the client pins it. Absent for hubs a CA vouches for. */
  fingerprint?: string;
}

export function formatJoinLink(link: JoinLink): string {
  const q = new URLSearchParams({
    hub: link.hub,
    incident: link.incident,
    token: link.token,
    ...(link.fingerprint ? { fp: link.fingerprint } : {}),
  });
  return `warroom://join?${q.toString()}`;
}

export function parseJoinLink(text: string): Result<JoinLink> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail('not a link: expected warroom://join?hub=...&incident=...&token=...');
  }
  // Custom schemes put "join" in the host or the path depending on the parser; accept both spellings.
  const target = (url.host || url.pathname.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (url.protocol !== 'warroom:' || target !== 'join') return fail('not a War Room join link: expected warroom://join?...');
  const hub = url.searchParams.get('hub') ?? '';
  const incident = url.searchParams.get('incident') ?? '';
  const token = url.searchParams.get('token') ?? '';
  const hubCheck = checkHubUrl(hub);
  if (!hubCheck.ok) return hubCheck;
  if (!ID_PATTERN.test(incident)) return fail('the link has no valid incident id');
  if (!token || token.length > PROTOCOL_LIMITS.tokenChars) return fail('the link has no invite token');
  const fp = url.searchParams.get('fp');
  if (fp === null) return ok({ hub: hubCheck.value, incident, token });
  const fingerprint = parseFingerprint(fp);
  if (!fingerprint.ok) return fail(`the link's ${fingerprint.error}`);
  if (!hubCheck.value.startsWith('https:'))
    return fail('the link pins a certificate but its hub is not https: ask the host for a fresh link');
  return ok({ hub: hubCheck.value, incident, token, fingerprint: fingerprint.value });
}

/** A hub address must be http(s); ws(s) is accepted and mapped, since people paste either. */
export function checkHubUrl(text: string): Result<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail(`"${text.slice(0, 200)}" is not a hub URL (expected e.g. http://127.0.0.1:7311)`);
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (!scheme) return fail(`hub URL must start with http://, https://, ws:// or wss:// (got ${url.protocol})`);
  url.protocol = scheme;
  return ok(url.toString().replace(/\/$/, ''));
}

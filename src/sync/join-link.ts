import { ID_PATTERN } from '../model/ids.js';
import { fail, ok, type Result } from '../model/result.js';
import { PROTOCOL_LIMITS } from './protocol.js';

/** Everything a teammate needs to join a room, in one link: `warroom://join?hub=...&incident=...&token=...`. */
export interface JoinLink {
  hub: string;
  incident: string;
  token: string;
}

export function formatJoinLink(link: JoinLink): string {
  const q = new URLSearchParams({ hub: link.hub, incident: link.incident, token: link.token });
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
  return ok({ hub: hubCheck.value, incident, token });
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

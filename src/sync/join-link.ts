import { ID_PATTERN } from '../model/ids.js';
import { fail, ok, type Result } from '../model/result.js';
import { parseFingerprint } from './fingerprint.js';
import { PROTOCOL_LIMITS } from './protocol.js';

/** Everything a teammate needs to join a room, in one link: `warroom://join?hub=...&incident=...&token=...`. */
export interface JoinLink {
  hub: string;
  /**
   * More hubs serving the same rooms (several hubs on one database): the client moves to the next when one
   * fails. A link names them with `hub=` once per hub, the first being `hub`.
   */
  alternates?: string[];
  incident: string;
  token: string;
  /** SHA-256 of the hub's self-signed certificate (`fp=`): the client pins it. Absent for hubs a CA vouches for. */
  fingerprint?: string;
}

export function formatJoinLink(link: JoinLink): string {
  const q = new URLSearchParams({ hub: link.hub });
  for (const other of link.alternates ?? []) q.append('hub', other);
  q.append('incident', link.incident);
  q.append('token', link.token);
  if (link.fingerprint) q.append('fp', link.fingerprint);
  return `warroom://join?${q.toString()}`;
}

/** The most hubs one link may name. */
export const MAX_LINK_HUBS = 8;

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
  const hubs = checkHubUrls(url.searchParams.getAll('hub'));
  if (!hubs.ok) return hubs;
  const [hub, ...others] = hubs.value;
  const incident = url.searchParams.get('incident') ?? '';
  const token = url.searchParams.get('token') ?? '';
  if (!ID_PATTERN.test(incident)) return fail('the link has no valid incident id');
  if (!token || token.length > PROTOCOL_LIMITS.tokenChars) return fail('the link has no invite token');
  const link: JoinLink = { hub: hub!, incident, token, ...(others.length ? { alternates: others } : {}) };
  const fp = url.searchParams.get('fp');
  if (fp === null) return ok(link);
  const fingerprint = parseFingerprint(fp);
  if (!fingerprint.ok) return fail(`the link's ${fingerprint.error}`);
  if (!hubs.value.every((h) => h.startsWith('https:')))
    return fail('the link pins a certificate but its hub is not https: ask the host for a fresh link');
  return ok({ ...link, fingerprint: fingerprint.value });
}

/** One hub URL or several (each checked, repeats dropped), in the order given: the first is tried first. */
export function checkHubUrls(texts: readonly string[]): Result<string[]> {
  if (texts.length === 0) {
    // Said as for an empty hub= (what a link without one always got).
    const none = checkHubUrl('');
    return none.ok ? fail('the link names no hub') : none;
  }
  if (texts.length > MAX_LINK_HUBS) return fail(`a link may name at most ${MAX_LINK_HUBS} hubs`);
  const out: string[] = [];
  for (const text of texts) {
    const checked = checkHubUrl(text);
    if (!checked.ok) return checked;
    if (!out.includes(checked.value)) out.push(checked.value);
  }
  return ok(out);
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

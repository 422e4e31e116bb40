import { fail, ok, type Result } from '../model/result.js';
import { parseFingerprint } from './fingerprint.js';
import { checkHubUrl } from './join-link.js';
import { PROTOCOL_LIMITS } from './protocol.js';

/** A subscription to a team's alerts on a hub: `warroom://team?hub=...&team=...&token=...[&fp=...]`. */
export interface TeamLink {
  hub: string;
  team: string;
  token: string;
  fingerprint?: string;
}

export const TEAM_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function formatTeamLink(link: TeamLink): string {
  const q = new URLSearchParams({
    hub: link.hub,
    team: link.team,
    token: link.token,
    ...(link.fingerprint ? { fp: link.fingerprint } : {}),
  });
  return `warroom://team?${q.toString()}`;
}

export const isTeamLink = (text: string): boolean => /^warroom:\/\/\/?team\b/i.test(text.trim());

export function parseTeamLink(text: string): Result<TeamLink> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail('not a link: expected warroom://team?hub=...&team=...&token=...');
  }
  const target = (url.host || url.pathname.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (url.protocol !== 'warroom:' || target !== 'team') return fail('not a War Room team link: expected warroom://team?...');
  const hub = checkHubUrl(url.searchParams.get('hub') ?? '');
  if (!hub.ok) return hub;
  const team = url.searchParams.get('team') ?? '';
  if (!TEAM_NAME.test(team)) return fail('the link has no valid team name');
  const token = url.searchParams.get('token') ?? '';
  if (!token || token.length > PROTOCOL_LIMITS.tokenChars) return fail('the link has no team token');
  const fp = url.searchParams.get('fp');
  if (fp === null) return ok({ hub: hub.value, team, token });
  const fingerprint = parseFingerprint(fp);
  if (!fingerprint.ok) return fail(`the link's ${fingerprint.error}`);
  if (!hub.value.startsWith('https:')) return fail('the link pins a certificate but its hub is not https: ask the host for a fresh link');
  return ok({ hub: hub.value, team, token, fingerprint: fingerprint.value });
}

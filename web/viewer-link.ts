import { z } from 'zod';
import { ID_PATTERN } from '../src/model/ids.js';
import { fail, ok, type Result } from '../src/model/result.js';
import { HUB_ROLES, PROTOCOL_LIMITS, type HubRole } from '../src/sync/protocol.js';
import { fromBase64url } from './identity/base64url.js';

/** What the page reads from its URL's fragment (`/view/#<invite token>`): the token, and the room it names. */
export interface ViewerLink {
  token: string;
  room: string;
  role: HubRole;
  exp: number;
}

const claims = z.object({ room: z.string().regex(ID_PATTERN), role: z.enum(HUB_ROLES), exp: z.number() });

/**
 * Reads the invite in the fragment. Only the hub can check its signature (and does, at the handshake); the page
 * reads the room it is for, as a client may, and says plainly when the link is cut short or has expired.
 */
export function readViewerLink(fragment: string, now: number): Result<ViewerLink> {
  const token = decodeURIComponent(fragment.replace(/^#/, '')).trim();
  if (token === '')
    return fail('This link has no invite in it. Ask whoever shared the incident for the whole link (it ends with # and a long code).');
  if (token.length > PROTOCOL_LIMITS.tokenChars || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
    return fail('This link is damaged (its invite is not whole). Ask whoever shared the incident to send it again.');
  let parsed: z.infer<typeof claims>;
  try {
    const c = claims.safeParse(JSON.parse(new TextDecoder().decode(fromBase64url(token.split('.')[0]!))));
    if (!c.success) return fail('This link is not a War Room invite.');
    parsed = c.data;
  } catch {
    return fail('This link is damaged (its invite is not whole). Ask whoever shared the incident to send it again.');
  }
  if (parsed.exp <= now)
    return fail(`This link expired on ${new Date(parsed.exp).toUTCString()}. Ask whoever shared the incident for a new one.`);
  return ok({ token, room: parsed.room, role: parsed.role, exp: parsed.exp });
}

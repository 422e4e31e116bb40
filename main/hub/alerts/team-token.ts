import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { fail, type Result } from '../../../src/model/result.js';
import { HUB_ROLES, PROTOCOL_LIMITS, type HubRole } from '../../../src/sync/protocol.js';
import { INVITE_ID_PATTERN } from '../invite-token.js';
import { TEAM_PATTERN } from './alert-config.js';

/** A team subscription: hear of the incidents alerts open for `team`, and join them with `role`, until `exp`. */
export interface TeamClaims {
  /** Marks the token as a subscription: a room invite (which needs `room`) can never pass for one, or the other way. */
  t: 'team';
  team: string;
  role: HubRole;
  exp: number;
  jti?: string;
}

const claimsSchema = z.strictObject({
  t: z.literal('team'),
  team: z.string().regex(TEAM_PATTERN),
  role: z.enum(HUB_ROLES),
  exp: z.int().min(0).max(8.64e15),
  jti: z.string().regex(INVITE_ID_PATTERN).optional(),
});

const mac = (secret: Buffer, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

/** `<base64url(JSON claims)>.<base64url(HMAC-SHA256(hub secret, first part))>`, like a room invite. */
export function signTeamToken(secret: Buffer, claims: Omit<TeamClaims, 't'>): string {
  const payload = Buffer.from(JSON.stringify(claimsSchema.parse({ t: 'team', ...claims }))).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyTeamToken(secret: Buffer, token: string, now: number): Result<TeamClaims> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined)
    return fail('team token is malformed: ask the hub host for a new one (warroom invite --team)');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return fail('team token was not issued by this hub: ask its host for a new one');
  let claims;
  try {
    claims = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return fail('team token is malformed: ask the hub host for a new one (warroom invite --team)');
  }
  if (!claims.success) return fail('this is not a team token (a room invite?): ask the hub host for one (warroom invite --team)');
  if (claims.data.exp <= now)
    return fail(`team token expired at ${new Date(claims.data.exp).toISOString()}: ask the hub host for a new one`);
  if (claims.data.exp - now > PROTOCOL_LIMITS.inviteMaxMs * 12 + 60_000)
    return fail('team token lasts longer than a year: ask for a new one');
  return { ok: true, value: claims.data };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ID_PATTERN } from '../../src/model/ids.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import { HUB_ROLES, PROTOCOL_LIMITS, type ConnectErrorCode, type HubRole } from '../../src/sync/protocol.js';

/** What an invite grants: one room (an incident id), one role, until `exp` (epoch ms). */
export interface InviteClaims {
  room: string;
  role: HubRole;
  exp: number;
  /** Present on personal invites: the hub binds it to the first actor id that uses the token. */
  sub?: string;
  /** The invite's own id, so one invite can be revoked (`warroom invite --revoke ID`). Absent on old invites. */
  jti?: string;
}

export const INVITE_ID_PATTERN = /^i_[0-9a-z]{6,32}$/;

const claimsSchema = z.strictObject({
  room: z.string().regex(ID_PATTERN),
  role: z.enum(HUB_ROLES),
  exp: z.int().min(0).max(8.64e15),
  sub: z
    .string()
    .regex(/^p_[0-9a-z]{6,32}$/)
    .optional(),
  jti: z.string().regex(INVITE_ID_PATTERN).optional(),
});

const sign = (secret: Buffer, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

/** `<base64url(JSON claims)>.<base64url(HMAC-SHA256(secret, first part))>` */
export function signInvite(secret: Buffer, claims: InviteClaims): string {
  const payload = Buffer.from(JSON.stringify(claimsSchema.parse(claims))).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** Checks signature, expiry and room. The reasons are shown to the person joining, so they say what to do. */
export function verifyInvite(secret: Buffer, token: string, room: string, now: number): Result<InviteClaims, ConnectErrorCode> {
  const refuse = (code: ConnectErrorCode, reason: string) => fail<InviteClaims, ConnectErrorCode>(reason, code);
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
    return refuse('bad-token', 'invite token is malformed: ask the hub host for a new invite (warroom invite)');
  }
  const [payload, signature] = parts as [string, string];
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse('bad-token', 'invite token was not issued by this hub (bad signature): ask its host for a new invite');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return refuse('bad-token', 'invite token is malformed: ask the hub host for a new invite (warroom invite)');
  }
  const claims = claimsSchema.safeParse(json);
  if (!claims.success) return refuse('bad-token', 'invite token is malformed: ask the hub host for a new invite (warroom invite)');
  if (claims.data.exp <= now) {
    return refuse('expired-token', `invite token expired at ${new Date(claims.data.exp).toISOString()}: ask the hub host for a new invite`);
  }
  if (claims.data.exp - now > PROTOCOL_LIMITS.inviteMaxMs + 60_000) {
    return refuse('bad-token', 'invite token lasts longer than 30 days, the most an invite may: ask the hub host for a new invite');
  }
  if (claims.data.room !== room) {
    return refuse('wrong-room', `invite token is for incident ${claims.data.room}, not ${room}`);
  }
  return { ok: true, value: claims.data };
}

/**
 * The role an invite names, read without checking its signature (only the hub can, and does): this peer's
 * window uses it to show a viewer a read-only room. Null for a token it cannot read.
 */
export function readInviteRole(token: string): HubRole | null {
  try {
    const claims = claimsSchema.safeParse(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')));
    return claims.success ? claims.data.role : null;
  } catch {
    return null;
  }
}

/** "90s", "30m", "12h", "7d" -> milliseconds. */
export function parseDuration(text: string): Result<number> {
  const m = /^(\d{1,6})\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) return fail(`"${text}" is not a duration: use e.g. 30m, 12h or 7d`);
  const ms = Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  if (ms <= 0) return fail('a duration must be more than zero');
  if (ms > PROTOCOL_LIMITS.inviteMaxMs) return fail('an invite can last at most 30 days (30d)');
  return ok(ms);
}

import { randomId } from '../../../src/model/ids.js';
import { parseFingerprint } from '../../../src/sync/fingerprint.js';
import { checkHubUrl, formatJoinLink } from '../../../src/sync/join-link.js';
import { HUB_ROLES } from '../../../src/sync/protocol.js';
import { existingCertificateFingerprint } from '../../hub/hub-certificate.js';
import { loadOrCreateSecret } from '../../hub/hub-secret.js';
import { INVITE_ID_PATTERN, parseDuration, signInvite } from '../../hub/invite-token.js';
import { RevokedInvites } from '../../hub/revoked-invites.js';
import { incidentArg, oneOf, optional, unwrap, UsageError, type Command } from '../command.js';
import { hubDataDir } from '../hub-data-dir.js';

export const inviteCommand: Command = {
  name: 'invite',
  summary: 'make an invite token (or a warroom://join link) for one incident on a hub you run',
  usage:
    "warroom invite --incident ID --role editor|viewer [--expires 12h] [--personal] [--hub-url URL --link [--fingerprint SHA256]] | --revoke INVITE_ID (--data-dir: the hub's; an https link pins the hub's self-signed certificate when it has one)",
  options: {
    incident: { type: 'string' },
    role: { type: 'string' },
    expires: { type: 'string' },
    'hub-url': { type: 'string' },
    link: { type: 'boolean' },
    personal: { type: 'boolean' },
    fingerprint: { type: 'string' },
    revoke: { type: 'string' },
  },
  optionHelp: {
    incident: 'the incident (room) the invite opens (required unless --revoke)',
    role: `${HUB_ROLES.join(' or ')}: a viewer reads, an editor also writes (required unless --revoke)`,
    expires: 'how long it works: e.g. 30m, 12h, 7d (default 12h, at most 30d)',
    'hub-url': 'where teammates reach the hub, for --link',
    link: 'print a warroom://join link (app and `warroom join` open it) instead of the bare token',
    personal: 'bind the invite to the first person who uses it, so it cannot be passed on',
    fingerprint: "the certificate SHA-256 the link pins (default: the hub's own self-signed one, if any)",
    revoke: 'revoke the invite with this id (printed when it was made); the hub ends its connections',
  },
  choices: { role: HUB_ROLES },
  examples: [
    'warroom invite --incident inc_2x7k9m4q1b --role editor --hub-url https://hub.example.com:7311 --link',
    'warroom invite --revoke i_4k2m9x7c1d',
  ],
  async run(ctx) {
    const revoke = optional(ctx.values, 'revoke');
    if (revoke !== undefined) {
      if (!INVITE_ID_PATTERN.test(revoke))
        throw new UsageError(`"${revoke}" is not an invite id (i_..., printed when the invite was made)`);
      const fresh = await new RevokedInvites(hubDataDir(ctx)).revoke(revoke);
      ctx.err(
        fresh
          ? `invite ${revoke} revoked: the hub refuses it from now on and ends its open connections`
          : `invite ${revoke} was already revoked`,
      );
      return 0;
    }
    const incident = incidentArg(ctx);
    const role = oneOf(ctx.values, 'role', HUB_ROLES, { required: true });
    const ttl = parseDuration(optional(ctx.values, 'expires') ?? '12h');
    if (!ttl.ok) throw new UsageError(ttl.error);
    const hubUrlText = optional(ctx.values, 'hub-url');
    if (ctx.values.link && hubUrlText === undefined) throw new UsageError('--link needs --hub-url URL (where teammates reach the hub)');
    const hubUrl = hubUrlText === undefined ? undefined : checkHubUrl(hubUrlText);
    if (hubUrl && !hubUrl.ok) throw new UsageError(hubUrl.error);

    const exp = Date.now() + ttl.value;
    // --personal: the token binds to the first person who uses it, so it cannot be passed on to post as them.
    const sub = ctx.values.personal ? randomId('p_', 16) : undefined;
    const jti = randomId('i_', 12);
    const token = signInvite(await loadOrCreateSecret(hubDataDir(ctx)), { room: incident, role, exp, jti, ...(sub ? { sub } : {}) });
    const fingerprint = ctx.values.link
      ? await linkFingerprint(optional(ctx.values, 'fingerprint'), unwrap(hubUrl!), hubDataDir(ctx))
      : undefined;
    ctx.out(ctx.values.link ? formatJoinLink({ hub: unwrap(hubUrl!), incident, token, ...(fingerprint ? { fingerprint } : {}) }) : token);
    ctx.err(
      `invite ${jti}: ${sub ? 'personal ' : ''}${role} on ${incident}, valid until ${new Date(exp).toISOString()} (revoke: warroom invite --revoke ${jti})`,
    );
    return 0;
  },
};

/** --fingerprint as given; else, for an https hub with a self-signed certificate in its data dir, that one's. */
async function linkFingerprint(given: string | undefined, hubUrl: string, dataDir: string): Promise<string | undefined> {
  if (given !== undefined) {
    const fp = parseFingerprint(given);
    if (!fp.ok) throw new UsageError(`--fingerprint: ${fp.error}`);
    if (!hubUrl.startsWith('https:')) throw new UsageError('--fingerprint pins a certificate: --hub-url must be https://');
    return fp.value;
  }
  return hubUrl.startsWith('https:') ? ((await existingCertificateFingerprint(dataDir)) ?? undefined) : undefined;
}

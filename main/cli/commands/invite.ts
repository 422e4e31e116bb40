import { ID_PATTERN, randomId } from '../../../src/model/ids.js';
import { checkHubUrl, formatJoinLink } from '../../../src/sync/join-link.js';
import { HUB_ROLES, type HubRole } from '../../../src/sync/protocol.js';
import { loadOrCreateSecret } from '../../hub/hub-secret.js';
import { INVITE_ID_PATTERN, parseDuration, signInvite } from '../../hub/invite-token.js';
import { RevokedInvites } from '../../hub/revoked-invites.js';
import { optional, required, unwrap, UsageError, type Command } from '../command.js';
import { hubDataDir } from './hub.js';

export const inviteCommand: Command = {
  name: 'invite',
  summary: 'make an invite token (or a warroom://join link) for one incident on a hub you run',
  usage: 'warroom invite --incident ID --role editor|viewer [--expires 12h] [--personal] [--hub-url URL --link] | --revoke INVITE_ID (--data-dir: the hub\'s)',
  options: { incident: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' }, 'hub-url': { type: 'string' }, link: { type: 'boolean' }, personal: { type: 'boolean' }, revoke: { type: 'string' } },
  async run(ctx) {
    const revoke = optional(ctx.values, 'revoke');
    if (revoke !== undefined) {
      if (!INVITE_ID_PATTERN.test(revoke)) throw new UsageError(`"${revoke}" is not an invite id (i_..., printed when the invite was made)`);
      const fresh = await new RevokedInvites(hubDataDir(ctx)).revoke(revoke);
      ctx.err(fresh ? `invite ${revoke} revoked: the hub refuses it from now on and ends its open connections` : `invite ${revoke} was already revoked`);
      return 0;
    }
    const incident = required(ctx.values, 'incident');
    if (!ID_PATTERN.test(incident)) throw new UsageError(`"${incident}" is not an incident id`);
    const role = required(ctx.values, 'role');
    if (!(HUB_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be ${HUB_ROLES.join(' or ')}`);
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
    const token = signInvite(await loadOrCreateSecret(hubDataDir(ctx)), { room: incident, role: role as HubRole, exp, jti, ...(sub ? { sub } : {}) });
    ctx.out(ctx.values.link ? formatJoinLink({ hub: unwrap(hubUrl!), incident, token }) : token);
    ctx.err(`invite ${jti}: ${sub ? 'personal ' : ''}${role} on ${incident}, valid until ${new Date(exp).toISOString()} (revoke: warroom invite --revoke ${jti})`);
    return 0;
  },
};

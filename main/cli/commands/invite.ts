import { randomId } from '../../../src/model/ids.js';
import { parseFingerprint } from '../../../src/sync/fingerprint.js';
import { checkHubUrl, checkHubUrls, formatJoinLink } from '../../../src/sync/join-link.js';
import { formatTeamLink, TEAM_NAME } from '../../../src/sync/team-link.js';
import { browserViewLink } from '../../../src/sync/browser-link.js';
import { signTeamToken } from '../../hub/alerts/team-token.js';
import { ok } from '../../../src/model/result.js';
import { HUB_ROLES } from '../../../src/sync/protocol.js';
import { existingCertificateFingerprint } from '../../hub/hub-certificate.js';
import { loadOrCreateSecret } from '../../hub/hub-secret.js';
import { INVITE_ID_PATTERN, parseDuration, signInvite } from '../../hub/invite-token.js';
import { RevokedInvites } from '../../hub/revoked-invites.js';
import { checkClusterSettings } from '../../hub/cluster/cluster-settings.js';
import { incidentArg, oneOf, optional, unwrap, UsageError, type CliContext, type Command } from '../command.js';
import { hubDataDir } from '../hub-data-dir.js';

export const inviteCommand: Command = {
  name: 'invite',
  summary: 'make an invite token (or a warroom://join link) for one incident on a hub you run',
  usage:
    "warroom invite --incident ID --role editor|viewer [--expires 12h] [--personal] [--hub-url URL[,URL...] --link [--fingerprint SHA256]] [--browser] | --team NAME --role editor|viewer [--expires 90d] [--hub-url URL --link] | --revoke INVITE_ID (--data-dir: the hub's; --storage postgres://... (or WARROOM_HUB_STORAGE) for hubs that share a database; an https link pins the hub's self-signed certificate when it has one; --browser prints the viewer's web link, --team a subscription to the team's alerts)",
  options: {
    incident: { type: 'string' },
    role: { type: 'string' },
    expires: { type: 'string' },
    'hub-url': { type: 'string' },
    link: { type: 'boolean' },
    personal: { type: 'boolean' },
    fingerprint: { type: 'string' },
    revoke: { type: 'string' },
    storage: { type: 'string' },
    team: { type: 'string' },
    browser: { type: 'boolean' },
  },
  optionHelp: {
    incident: 'the incident (room) the invite opens (required unless --revoke)',
    role: `${HUB_ROLES.join(' or ')}: a viewer reads, an editor also writes (required unless --revoke)`,
    expires: 'how long it works: e.g. 30m, 12h, 7d (default 12h, at most 30d)',
    'hub-url': 'where teammates reach the hub, for --link; several hubs sharing one database: A,B (the link names each)',
    link: 'print a warroom://join link (app and `warroom join` open it) instead of the bare token',
    personal: 'bind the invite to the first person who uses it, so it cannot be passed on',
    fingerprint: "the certificate SHA-256 the link pins (default: the hub's own self-signed one, if any)",
    revoke: 'revoke the invite with this id (printed when it was made); the hub ends its connections',
    storage: 'postgres://...: the database that hubs started with --storage share (WARROOM_HUB_STORAGE), instead of --data-dir',
    team: "a subscription to this team's alerts instead of one incident: the app that follows it joins every incident an alert opens for the team",
    browser:
      "also print the viewer's browser link (https://hub/view/#token), for people without the app (needs --role viewer and --hub-url)",
  },
  choices: { role: HUB_ROLES },
  examples: [
    'warroom invite --incident inc_2x7k9m4q1b --role editor --hub-url https://hub.example.com:7311 --link',
    'warroom invite --incident inc_2x7k9m4q1b --role viewer --hub-url https://hub.example.com:7311 --browser',
    'warroom invite --team payments --role editor --hub-url https://hub.example.com:7311 --link',
    'warroom invite --revoke i_4k2m9x7c1d',
  ],
  async run(ctx) {
    const keys = await inviteKeys(ctx);
    try {
      return await invite(ctx, keys);
    } finally {
      await keys.close();
    }
  },
};

/** Where the hub keeps what signs and revokes invites: its data dir, or the database a cluster of hubs shares. */
interface InviteKeys {
  secret(): Promise<Buffer>;
  revoke(id: string): Promise<boolean>;
  close(): Promise<void>;
}

async function inviteKeys(ctx: CliContext): Promise<InviteKeys> {
  const url = optional(ctx.values, 'storage') ?? (ctx.env.WARROOM_HUB_STORAGE || undefined);
  if (url === undefined || url === 'file') {
    return {
      secret: () => loadOrCreateSecret(hubDataDir(ctx)),
      revoke: (id) => new RevokedInvites(hubDataDir(ctx)).revoke(id),
      close: async () => undefined,
    };
  }
  const problem = checkClusterSettings({ storage: url });
  if (problem) throw new UsageError(problem);
  const { PostgresHubStorage } = await import('../../hub/cluster/postgres-storage.js');
  const { PostgresRevokedInvites, sharedInviteSecret } = await import('../../hub/cluster/postgres-hub-state.js');
  const storage = await PostgresHubStorage.open(url, { max: 1 });
  return {
    secret: () => sharedInviteSecret(storage.pool),
    revoke: (id) => new PostgresRevokedInvites(storage.pool).revoke(id),
    close: () => storage.close(),
  };
}

async function invite(ctx: CliContext, keys: InviteKeys): Promise<number> {
  const revoke = optional(ctx.values, 'revoke');
  if (revoke !== undefined) {
    if (!INVITE_ID_PATTERN.test(revoke)) throw new UsageError(`"${revoke}" is not an invite id (i_..., printed when the invite was made)`);
    const fresh = await keys.revoke(revoke);
    ctx.err(
      fresh
        ? `invite ${revoke} revoked: the hub refuses it from now on and ends its open connections`
        : `invite ${revoke} was already revoked`,
    );
    return 0;
  }
  if (optional(ctx.values, 'team') !== undefined) return teamInvite(ctx, keys);
  const incident = incidentArg(ctx);
  const role = oneOf(ctx.values, 'role', HUB_ROLES, { required: true });
  if (ctx.values.browser && (role !== 'viewer' || optional(ctx.values, 'hub-url') === undefined))
    throw new UsageError('--browser makes a link for a viewer: give --role viewer and --hub-url URL');
  const ttl = parseDuration(optional(ctx.values, 'expires') ?? '12h');
  if (!ttl.ok) throw new UsageError(ttl.error);
  const hubUrlText = optional(ctx.values, 'hub-url');
  if (ctx.values.link && hubUrlText === undefined) throw new UsageError('--link needs --hub-url URL (where teammates reach the hub)');
  // Several hubs of one cluster: --hub-url A,B puts each in the link; the app tries them in turn.
  const hubUrls = hubUrlText === undefined ? undefined : checkHubUrls(hubUrlText.split(',').map((u) => u.trim()));
  if (hubUrls && !hubUrls.ok) throw new UsageError(hubUrls.error);
  const hubUrl = hubUrls?.ok ? ok(hubUrls.value[0]!) : undefined;
  const alternates = hubUrls?.ok ? hubUrls.value.slice(1) : [];

  const exp = Date.now() + ttl.value;
  // --personal: the token binds to the first person who uses it, so it cannot be passed on to post as them.
  const sub = ctx.values.personal ? randomId('p_', 16) : undefined;
  const jti = randomId('i_', 12);
  const token = signInvite(await keys.secret(), { room: incident, role, exp, jti, ...(sub ? { sub } : {}) });
  const fingerprint = ctx.values.link
    ? await linkFingerprint(optional(ctx.values, 'fingerprint'), unwrap(hubUrl!), hubDataDir(ctx))
    : undefined;
  const link = () =>
    formatJoinLink({
      hub: unwrap(hubUrl!),
      ...(alternates.length ? { alternates } : {}),
      incident,
      token,
      ...(fingerprint ? { fingerprint } : {}),
    });
  ctx.out(ctx.values.browser ? browserViewLink(unwrap(hubUrl!), token) : ctx.values.link ? link() : token);
  ctx.err(
    `invite ${jti}: ${sub ? 'personal ' : ''}${role} on ${incident}, valid until ${new Date(exp).toISOString()} (revoke: warroom invite --revoke ${jti})`,
  );
  return 0;
}

/** A subscription to a team's alerts: the incidents they open join the subscriber's app by themselves. */
async function teamInvite(ctx: CliContext, keys: InviteKeys): Promise<number> {
  const team = optional(ctx.values, 'team')!;
  if (!TEAM_NAME.test(team)) throw new UsageError(`--team: "${team}" is not a team name (a-z, 0-9 and -, as the alert rules name it)`);
  const role = oneOf(ctx.values, 'role', HUB_ROLES, { required: true });
  const ttl = parseLongDuration(optional(ctx.values, 'expires') ?? '90d');
  const hubUrl = hubUrlArg(ctx);
  if (ctx.values.link && hubUrl === undefined) throw new UsageError('--link needs --hub-url URL (where teammates reach the hub)');
  const jti = randomId('i_', 12);
  const exp = Date.now() + ttl;
  const token = signTeamToken(await keys.secret(), { team, role, exp, jti });
  const fingerprint = ctx.values.link ? await linkFingerprint(optional(ctx.values, 'fingerprint'), hubUrl!, hubDataDir(ctx)) : undefined;
  ctx.out(ctx.values.link ? formatTeamLink({ hub: hubUrl!, team, token, ...(fingerprint ? { fingerprint } : {}) }) : token);
  ctx.err(`subscription ${jti}: ${role} of team ${team}'s alert incidents, valid until ${new Date(exp).toISOString()}`);
  return 0;
}

function hubUrlArg(ctx: CliContext): string | undefined {
  const text = optional(ctx.values, 'hub-url');
  if (text === undefined) return undefined;
  const url = checkHubUrl(text);
  if (!url.ok) throw new UsageError(url.error);
  return url.value;
}

/** Like an invite's --expires, up to a year: a subscription outlives any one incident. */
function parseLongDuration(text: string): number {
  const m = /^(\d{1,4})\s*(h|d)$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2] === 'h' ? 3_600_000 : 86_400_000) : 0;
  if (ms <= 0 || ms > 365 * 86_400_000) throw new UsageError(`--expires: "${text}" is not a duration of at most a year (e.g. 90d)`);
  return ms;
}

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

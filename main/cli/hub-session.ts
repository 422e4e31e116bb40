import { parseFingerprint } from '../../src/sync/fingerprint.js';
import { checkHubUrls } from '../../src/sync/join-link.js';
import { readInviteRole } from '../hub/invite-token.js';
import type { SyncClient } from '../sync/sync-client.js';
import type { SyncTotals } from '../sync/sync-status.js';
import { optional, UsageError, type CliContext, type Values } from './command.js';

// What the commands that talk to a hub share: --hub/--token/--fingerprint and a one-shot session that brings an
// incident in line with the hub. socket.io is loaded only when a session opens, so `post` without --hub stays quick.

export interface HubTarget {
  hubUrl: string;
  /** More hubs serving the same rooms (`--hub A,B`, or a link naming several): tried in turn when one fails. */
  alternates?: string[];
  token: string;
  /** The hub's certificate, pinned (a self-signed hub shared from someone's app or `warroom hub --self-signed`). */
  fingerprint?: string;
}

/** The options every command that talks to a hub takes. */
export const HUB_OPTIONS = { hub: { type: 'string' }, token: { type: 'string' }, fingerprint: { type: 'string' } } as const;

export const HUB_OPTION_HELP = {
  hub: "the hub's URL, e.g. https://hub.example.com:7311; several hubs sharing one database: A,B (tried in turn)",
  token: "an invite token from the hub's host (warroom invite)",
  fingerprint: "the SHA-256 of a self-signed hub's certificate, to pin it (https only)",
};

/** --hub URL[,URL...] --token T, both or neither. */
export function hubTarget(values: Values): HubTarget | undefined {
  const hub = optional(values, 'hub');
  const token = optional(values, 'token');
  if (hub === undefined && token === undefined) return undefined;
  if (!hub) throw new UsageError('--token needs --hub URL');
  if (!token) throw new UsageError('--hub needs --token T (the hub host makes one with: warroom invite)');
  const urls = checkHubUrls(hub.split(',').map((u) => u.trim()));
  if (!urls.ok) throw new UsageError(urls.error);
  const [first, ...others] = urls.value;
  const target: HubTarget = { hubUrl: first!, token, ...(others.length ? { alternates: others } : {}) };
  const fp = optional(values, 'fingerprint');
  if (fp === undefined) return target;
  const fingerprint = parseFingerprint(fp);
  if (!fingerprint.ok) throw new UsageError(`--fingerprint: ${fingerprint.error}`);
  if (!urls.value.every((u) => u.startsWith('https:')))
    throw new UsageError('--fingerprint pins a certificate: the hub URL must be https://');
  return { ...target, fingerprint: fingerprint.value };
}

const SYNC_TIMEOUT_MS = 30_000;
/** A one-shot command gives up after this many failed connection attempts in a row (a few seconds). */
const CONNECT_ATTEMPTS = 3;

export interface HubSession {
  client: SyncClient;
  /** Waits until both sides hold the same; fails if the hub refused anything of ours. */
  settle(): Promise<SyncTotals>;
  close(): Promise<void>;
}

/** Connects to a hub and brings the incident in line once (creating it locally from the hub's copy if needed). */
export async function openHubSession(ctx: CliContext, target: HubTarget, incident: string): Promise<HubSession> {
  const warRoom = await ctx.warRoom();
  if (await warRoom.exists(incident))
    for (const issue of await warRoom.issues(incident)) ctx.err(`warroom: warning: ${incident} line ${issue.line}: ${issue.reason}`);
  const { SyncClient } = await import('../sync/sync-client.js');
  // A viewer invite writes nothing, here as in the window: the gate refuses it before anything is written.
  warRoom.joinedAs(incident, readInviteRole(target.token));
  const client = new SyncClient({
    warRoom,
    incident,
    hubUrl: target.hubUrl,
    ...(target.alternates ? { alternates: target.alternates } : {}),
    token: target.token,
    fingerprint: target.fingerprint,
    reconnectDelayMs: 300,
  });
  const settle = async (): Promise<SyncTotals> => {
    const totals = await client.whenSynced(SYNC_TIMEOUT_MS, CONNECT_ATTEMPTS);
    const why = client.status().error ?? 'no reason given';
    if (totals.refused > 0) throw new Error(`the hub refused ${totals.refused} event(s): ${why}`);
    if (totals.unsynced > 0) throw new Error(`${totals.unsynced} local event(s) are not on the hub: ${why}`);
    if (!(await warRoom.exists(incident))) throw new Error(`incident ${incident} is neither in ${ctx.dataDir} nor on the hub yet`);
    return totals;
  };
  client.start();
  try {
    await settle();
  } catch (e) {
    await client.stop();
    throw e;
  }
  return { client, settle, close: () => client.stop() };
}

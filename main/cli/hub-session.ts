import { join } from 'node:path';
import { checkHubUrl } from '../../src/sync/join-link.js';
import { SyncClient } from '../sync/sync-client.js';
import type { SyncTotals } from '../sync/sync-status.js';
import { optional, UsageError, type CliContext, type Values } from './command.js';

// What the commands that talk to a hub share: where a hub keeps its data, waiting for Ctrl-C, --hub/--token,
// and a one-shot session that brings an incident in line with the hub.

/** The hub's own data dir: --data-dir as given, else a "hub" folder beside the app's data, so the two never share files. */
export function hubDataDir(ctx: CliContext): string {
  return typeof ctx.values['data-dir'] === 'string' ? ctx.dataDir : join(ctx.dataDir, 'hub');
}

/** Resolves on the first SIGINT or SIGTERM; dispose() removes the handlers. */
export function untilSignal(): { done: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: (s: NodeJS.Signals) => void = () => undefined;
  const done = new Promise<NodeJS.Signals>((resolve) => (handler = resolve));
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    done,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export interface HubTarget {
  hubUrl: string;
  token: string;
}

/** --hub URL --token T, both or neither. */
export function hubTarget(values: Values): HubTarget | undefined {
  const hub = optional(values, 'hub');
  const token = optional(values, 'token');
  if (hub === undefined && token === undefined) return undefined;
  if (!hub) throw new UsageError('--token needs --hub URL');
  if (!token) throw new UsageError('--hub needs --token T (the hub host makes one with: warroom invite)');
  const url = checkHubUrl(hub);
  if (!url.ok) throw new UsageError(url.error);
  return { hubUrl: url.value, token };
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
  if (await warRoom.exists(incident)) for (const issue of await warRoom.issues(incident)) ctx.err(`warroom: warning: ${incident} line ${issue.line}: ${issue.reason}`);
  const client = new SyncClient({ warRoom, incident, hubUrl: target.hubUrl, token: target.token, reconnectDelayMs: 300 });
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'socket.io';
import type { WarEvent } from '../../../src/kinds/event.js';
import type { Signer } from '../../identity/event-signature.js';
import type { HubRoom } from '../hub-room.js';
import type { HubStorage } from '../hub-storage.js';
import type { AlertConfig } from './alert-config.js';
import { AlertDesk } from './alert-desk.js';
import { AlertGroups } from './alert-groups.js';
import { AlertIntake } from './alert-intake.js';
import { HubWriter } from './hub-writer.js';
import { TeamChannel } from './team-channel.js';

export interface HubAlertsOptions {
  config: AlertConfig;
  dataDir: string;
  storage: HubStorage;
  io: Server;
  secret: Buffer;
  hubKey: Signer;
  roomOf: (id: string) => Promise<HubRoom>;
  relay: (room: string, events: WarEvent[], bytes: number) => void;
  now: () => number;
  log: (line: string) => void;
  accepting: () => boolean;
}

/** What the hub wires in for alerts: the webhooks' HTTP route, the team namespace, and a look at what rooms store. */
export interface HubAlerts {
  route: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Every push the hub stores passes here (an incident resolved by a person frees its alert group). */
  observe: (room: string, stored: readonly WarEvent[]) => void;
}

export async function startHubAlerts(options: HubAlertsOptions): Promise<HubAlerts> {
  const groups = await AlertGroups.load(options.dataDir, options.storage);
  const teams = new TeamChannel(options.io, { secret: options.secret, groups, now: options.now, log: options.log });
  const writer = new HubWriter({ hubKey: options.hubKey, roomOf: options.roomOf, relay: options.relay, now: options.now });
  const desk = new AlertDesk({ writer, groups, announce: (e) => teams.announce(e), now: options.now, log: options.log });
  const intake = new AlertIntake({ config: options.config, desk, now: options.now, log: options.log, accepting: options.accepting });
  return { route: intake.route, observe: (room, stored) => groups.observe(room, stored) };
}

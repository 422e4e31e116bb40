import type { HubHttpRoute } from './hub-http.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { Signer } from '../identity/event-signature.js';
import type { HubLog } from './hub-log.js';
import type { HubRelay } from './hub-relay.js';
import type { HubRoom } from './hub-room.js';
import type { HubStorage } from './hub-storage.js';
import type { AlertConfig } from './alerts/alert-config.js';
import { startHubAlerts } from './alerts/hub-alerts.js';
import { webViewRoute } from './web-view/web-view-route.js';

/** The hub's optional parts, each off unless asked for. */
export interface HubAddOnOptions {
  /** Alert webhooks (Alertmanager's and the generic one) and team subscriptions (main/hub/alerts/). */
  alerts?: AlertConfig;
  /** The built web view (dist/web-view), served at /view/ for viewer links opened in a browser. */
  webViewDir?: string;
}

/** What of a hub being started the add-ons use (hub-server.ts's Hub has it all; named here so neither imports the other). */
export interface AddOnHost {
  options: HubAddOnOptions & { dataDir: string };
  now: () => number;
  log: HubLog;
  /** The hub's Socket.IO server (typed for its peers; the team namespace is a namespace of its own). */
  io: object;
  secret: Buffer;
  hubKey: Signer;
  relay: Pick<HubRelay, 'relay'>;
  roomOf: (id: string) => Promise<HubRoom>;
  flags: { stopping: boolean };
  onStored?: (room: string, stored: readonly WarEvent[]) => void;
}

/** Adds what the options ask for to a hub being started: its HTTP routes, and what it must hear. */
export async function attachAddOns(hub: AddOnHost, storage: HubStorage, routes: HubHttpRoute[]): Promise<void> {
  const { options } = hub;
  if (options.webViewDir) routes.push(webViewRoute(options.webViewDir));
  if (!options.alerts) return;
  const alerts = await startHubAlerts({
    config: options.alerts,
    dataDir: options.dataDir,
    storage,
    io: hub.io as never,
    secret: hub.secret,
    hubKey: hub.hubKey,
    roomOf: hub.roomOf,
    relay: (room, events, bytes) => hub.relay.relay(room, '', events, bytes),
    now: hub.now,
    // Alerts write plain lines: refusals and failures are warnings, the rest is what happened.
    log: (line) => hub.log(/^(refused|alert \([^)]*\) failed)/.test(line) ? 'warn' : 'info', line),
    accepting: () => !hub.flags.stopping,
  });
  routes.push(alerts.route);
  hub.onStored = alerts.observe;
}

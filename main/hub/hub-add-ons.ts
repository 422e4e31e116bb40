import type { HubHttpRoute } from './hub-http.js';
import type { Hub } from './hub-server.js';
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

/** Adds what the options ask for to a hub being started: its HTTP routes, and what it must hear. */
export async function attachAddOns(hub: Hub, storage: HubStorage, routes: HubHttpRoute[]): Promise<void> {
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
    log: hub.log,
    accepting: () => !hub.flags.stopping,
  });
  routes.push(alerts.route);
  hub.onStored = alerts.observe;
}

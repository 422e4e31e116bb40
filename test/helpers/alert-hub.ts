import { join } from 'node:path';
import type { Notice } from '../../src/ipc/contract.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { resolveAlertConfig } from '../../main/hub/alerts/alert-config.js';
import { signTeamToken } from '../../main/hub/alerts/team-token.js';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { ViewState } from '../../main/app/view-state.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { SyncManager } from '../../main/sync/sync-manager.js';
import { TeamSubscriptions } from '../../main/sync/team-subscriptions.js';
import { startTestHub, tempDir, type TestHub } from './hub-peers.js';
import type { HubOptions } from '../../main/hub/hub-server.js';

export const AM_SECRET = 'alertmanager-secret-for-tests-0001';
export const WEBHOOK_SECRET = 'webhook-hmac-secret-for-tests-0002';

/** The rules a payments team would write: its alerts go to its room, severity from the `severity` label. */
export const TEAM_RULES = [
  {
    match: { team: 'payments' },
    team: 'payments',
    severity: { label: 'severity', map: { critical: 'SEV1', warning: 'SEV3' }, default: 'SEV2' },
    title: '{{alertname}}: {{summary}}',
  },
  { match: { team: '*' }, team: '{{team}}', severity: 'SEV3' },
];

/** A hub taking Alertmanager's webhook (bearer) and the generic one (HMAC). */
export async function startAlertHub(extra: Partial<HubOptions> & { perSecond?: number; burst?: number } = {}): Promise<TestHub> {
  const { perSecond, burst, ...rest } = extra;
  const alerts = await resolveAlertConfig({
    sources: { alertmanager: { auth: 'bearer', secret: AM_SECRET }, webhook: { auth: 'hmac', secret: WEBHOOK_SECRET } },
    rules: TEAM_RULES,
    ...(perSecond !== undefined ? { perSecond } : {}),
    ...(burst !== undefined ? { burst } : {}),
  });
  return startTestHub({ alerts, ...rest });
}

/** Someone at their desk whose app follows a team: WarRoom, SyncManager and TeamSubscriptions on a temp data dir. */
export interface Subscriber {
  warRoom: WarRoom;
  sync: SyncManager;
  teams: TeamSubscriptions;
  notices: Notice[];
  /** Events that reached this person live from the hub (not their own). */
  received: WarEvent[];
  close(): Promise<void>;
}

export async function startSubscriber(hub: TestHub, team: string, name = 'Sam'): Promise<Subscriber> {
  const dataDir = await tempDir(`warroom-sub-${name.toLowerCase()}-`);
  const kv = openConfStore(dataDir);
  const viewState = new ViewState(kv);
  const signer = (await loadOrCreateSigner(dataDir))!;
  const warRoom = new WarRoom({
    signer,
    store: new IncidentLogStore(join(dataDir, 'incidents')),
    actor: () => ({ id: signer.actorId, name }),
  });
  const sync = new SyncManager({ warRoom, viewState, dataDir, hubPort: 0 });
  const notices: Notice[] = [];
  const received: WarEvent[] = [];
  warRoom.onEvents((_incident, events, source) => source !== 'local' && received.push(...events));
  const teams = new TeamSubscriptions({ sync, viewState, notify: (n) => notices.push(n) });
  const token = signTeamToken(await loadOrCreateSecret(hub.dataDir), { team, role: 'editor', exp: Date.now() + 86_400_000 });
  const subscribed = teams.subscribe({ hub: hub.hub.url, team, token });
  if (!subscribed.ok) throw new Error(subscribed.error);
  return {
    warRoom,
    sync,
    teams,
    notices,
    received,
    async close() {
      teams.close();
      await sync.close();
      await warRoom.close();
    },
  };
}

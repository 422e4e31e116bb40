import type { EventChannel, EventPayloads, Notice, SyncStatus } from '../../src/ipc/contract.js';
import type { WarRoom } from '../services/war-room.js';
import { noticesFor } from '../app/notices.js';

export type SendToRenderer = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => void;

export interface EventPumpOptions {
  warRoom: WarRoom;
  sync?: { onStatus(listener: (s: SyncStatus) => void): () => void } | null;
  send: SendToRenderer;
  /** Native notifications (the app) in addition to the in-window notice. */
  notify?: (notice: Notice) => void;
  /** Told after every sync status change (the dock/tray badge). */
  onSyncStatus?: (status: SyncStatus) => void;
}

/**
 * Main -> renderer: every new event (local or from a peer) goes to the windows, which fold it themselves;
 * sync status changes too; teammates' confirmations and status changes become notices.
 */
export function startEventPump(options: EventPumpOptions): () => void {
  const { warRoom, send } = options;
  const offEvents = warRoom.onEvents((incident, events, source) => {
    send('incident:events', { incident, events });
    // Only what teammates do now: history that arrives on a join or a reconnect is for the catch-up view, not
    // a burst of notifications about things that happened before this person came.
    if (source !== 'remote') return;
    void warRoom.state(incident).then(
      (state) => {
        for (const notice of noticesFor(events, state, warRoom.actor().id)) {
          send('notify', notice);
          options.notify?.(notice);
        }
      },
      () => undefined,
    );
  });
  const offOrder = warRoom.onOrder((incident, range) => send('incident:order', { incident, range }));
  const offKeptOut = warRoom.onKeptOut((incident, refused) => send('incident:kept-out', { incident, refused }));
  const offSync =
    options.sync?.onStatus((status) => {
      send('sync:status', status);
      options.onSyncStatus?.(status);
    }) ?? (() => undefined);
  return () => {
    offEvents();
    offOrder();
    offKeptOut();
    offSync();
  };
}

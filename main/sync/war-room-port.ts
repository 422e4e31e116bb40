import type { WarRoom } from '../services/war-room.js';
import type { RoomPort } from './room-port.js';

/** The port onto this process's WarRoom facade. */
export function warRoomPort(warRoom: WarRoom, incident: string): RoomPort {
  return {
    incident,
    actor: () => warRoom.actor(),
    get key() {
      return warRoom.signer?.key;
    },
    handshake(token, challenge) {
      const actor = warRoom.actor();
      const signer = warRoom.signer;
      return signer
        ? { token, incident, actor, key: signer.key, proof: signer.handshakeProof(incident, challenge) }
        : { token, incident, actor };
    },
    events: () => warRoom.events(incident),
    ingest: (raw, source) => warRoom.ingest(incident, raw, source),
    ingestLines: (pages) => warRoom.ingestLines(incident, pages, 'catch-up'),
    orderPosition: () => warRoom.orderPosition(incident),
    ingestOrder: (range, head) => warRoom.ingestOrder(incident, range, head),
    checkHead: (head) => warRoom.checkHead(incident, head),
    latestHead: () => warRoom.latestHead(incident),
    onLocal: (listener) => warRoom.onStamped((id, e) => id === incident && listener(e)),
    onAdded: (listener) => warRoom.onEvents((id, events) => id === incident && listener(events)),
  };
}

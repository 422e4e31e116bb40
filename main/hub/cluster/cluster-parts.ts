import type { Server } from 'socket.io';
import { HUB_EVENTS } from '../../../src/sync/protocol.js';
import type { HubPresence } from '../hub-presence.js';
import type { HubRoom } from '../hub-room.js';
import { emitInSlices } from '../sliced-broadcast.js';
import { ClusterPresence } from './cluster-presence.js';
import type { HubCluster } from './hub-cluster.js';
import { startOrderBeacon } from './order-beacon.js';
import type { HubLog } from '../hub-log.js';

export interface ClusterPartsOptions {
  cluster: HubCluster;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hub's typed Server, whatever its event maps
  io: Server<any, any, any, any>;
  presence: HubPresence;
  loadedRooms: () => Iterable<HubRoom>;
  log: HubLog;
}

/** What a hub in a cluster runs beside its own work: presence across hubs, and the beacon of each room's head. */
export async function startClusterParts({ cluster, io, presence, loadedRooms, log }: ClusterPartsOptions) {
  const hasLocalPeers = (room: string): boolean => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
  const localRooms = (): HubRoom[] => [...loadedRooms()].filter((r) => hasLocalPeers(r.id));
  const clusterPresence = cluster.redis
    ? await ClusterPresence.start(cluster.redis, cluster.hubId, {
        local: (room) => presence.list(room),
        hasLocalPeers,
        localRooms: () => localRooms().map((r) => r.id),
        delta: (room, except, changed, left) => emitInSlices(io, room, except, HUB_EVENTS.presenceDelta, { changed, left }),
        whole: (room, joiners, members) => io.local.to(joiners).emit(HUB_EVENTS.presence, { members }),
        log,
      })
    : null;
  const stopBeacon = startOrderBeacon({
    rooms: localRooms,
    tell: (room, range, head) => io.local.to(room).emit(HUB_EVENTS.order, { range, head }),
    log,
  });
  return {
    presence: clusterPresence,
    stop() {
      stopBeacon();
      clusterPresence?.close();
    },
  };
}

/** What startClusterParts gives the hub. */
export type ClusterParts = Awaited<ReturnType<typeof startClusterParts>>;

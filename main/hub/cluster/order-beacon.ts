import type { OrderRange, SignedHead } from '../../../src/model/room-order.js';
import type { HubRoom } from '../hub-room.js';
import type { HubLog } from '../hub-log.js';

export interface OrderBeaconSinks {
  /** The loaded rooms that have a socket on this hub. */
  rooms(): Iterable<HubRoom>;
  /** A position and the head, to this hub's own sockets in the room only. */
  tell(room: string, range: OrderRange, head: SignedHead): void;
  log: HubLog;
}

/**
 * With several hubs, live events reach a hub's sockets through Redis, published by the hub that stored them.
 * What is published while Redis is away, or never published because that hub died between its commit and the
 * publish, never arrives. So each hub, every `intervalMs`, reads what its rooms gained in storage (by position:
 * one query that finds nothing when nothing is new) and tells its own sockets the room's last position whenever
 * it moved: a peer behind it pulls what it lacks (a gap in the order starts a catch-up), a peer that holds it
 * changes nothing. Nothing depends on a notification arriving, so nothing is lost when one does not.
 */
export function startOrderBeacon(sinks: OrderBeaconSinks, intervalMs = 2_000): () => void {
  const told = new WeakMap<HubRoom, number>();
  let running = false;
  const beat = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (const room of sinks.rooms()) {
        try {
          await room.refresh();
        } catch (e) {
          sinks.log('warn', `${room.id}: could not read what other hubs stored: ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        const last = room.lastPosition();
        const head = room.head();
        if (!last || !head || told.get(room) === last.n) continue;
        told.set(room, last.n);
        sinks.tell(room.id, { from: last.n, ids: [last.id] }, head);
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

import type { createAdapter } from '@socket.io/redis-streams-adapter';
import { Adapter, MessageType, type BroadcastOptions, type ClusterAdapter } from 'socket.io-adapter';

type AdapterFactory = ReturnType<typeof createAdapter>;
/** What ClusterAdapter keeps to itself: how a message goes to the other hubs (the Redis stream here). */
type Publishing = { publishAndReturnOffset(message: unknown): Promise<string> };
type Packet = Parameters<Adapter['broadcast']>[0];

/**
 * Socket.IO's cluster adapter sends a broadcast to the other hubs and waits for Redis to answer before it writes
 * to this hub's own sockets (it wants the stream's offset for connection-state recovery, which the hub does not
 * use: a peer catches up by version vector). So every viewer on the writer's hub waited one Redis round trip,
 * and on a busy machine the wake-ups around it. Here the message goes to Redis first (it is encoded and the XADD
 * written at once, as before), and this hub's sockets are written right after, without waiting for the answer.
 * Each hub still delivers a room's broadcasts in the order they were made.
 */
export function deliverHereFirst(factory: AdapterFactory, onError: (e: unknown) => void): AdapterFactory {
  // Socket.IO calls the factory with `new`: a function (an arrow cannot be), returning the adapter it made.
  return function hereFirst(nsp: Parameters<AdapterFactory>[0]) {
    const adapter = factory(nsp) as unknown as ClusterAdapter & Publishing;
    adapter.broadcast = (packet: Packet, opts: BroadcastOptions): Promise<void> => {
      if (!opts.flags?.local) {
        const message = {
          type: MessageType.BROADCAST,
          data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
        };
        adapter.publishAndReturnOffset(message).catch(onError);
      }
      Adapter.prototype.broadcast.call(adapter, packet, opts);
      return Promise.resolve();
    };
    return adapter as unknown as ReturnType<AdapterFactory>;
  };
}

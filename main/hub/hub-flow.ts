import type { Server, Socket } from 'socket.io';
import type { WarEvent } from '../../src/kinds/event.js';
import { HUB_EVENTS, PROTOCOL_LIMITS, utf8Length } from '../../src/sync/protocol.js';
import type { RateLimits } from './connection-budget.js';
import { DEFAULT_HOLDER_LIMITS, HolderBudgets } from './holder-budgets.js';
import { HubRelay } from './hub-relay.js';
import type { HubMetrics } from './hub-metrics.js';
import { PagesInFlight } from './pages-in-flight.js';
import { RoomSender } from './room-sender.js';
import { dropReader, dropReadersWithoutRoom, queuedBytes, watchSlowReaders } from './slow-readers.js';
import type { SignedHead } from '../../src/model/room-order.js';

export interface FlowOptions {
  rateLimits?: RateLimits;
  sendBufferBytes?: number;
  sendBuffersBytes?: number;
}

/**
 * What keeps one peer (or one invite holder with many connections) from costing the others: budgets per key
 * and per invite, catch-up pages charged before they are built, and peers that do not read dropped before
 * their queues cost the hub's memory or loop. `watch()` starts the checks that run on their own.
 */
export function flowControl(
  io: Server,
  options: FlowOptions,
  metrics: HubMetrics,
  now: () => number,
  onSlowReader: (s: Socket, bytes: number) => void,
) {
  const sendBufferBytes = options.sendBufferBytes ?? PROTOCOL_LIMITS.sendBufferBytes;
  const budgets = new HolderBudgets(now, { ...DEFAULT_HOLDER_LIMITS, ...(options.rateLimits ? { rates: options.rateLimits } : {}) });
  const pages = new PagesInFlight(
    (id) => {
      const socket = io.sockets.sockets.get(id);
      return socket ? queuedBytes(socket) : null;
    },
    (id, bytes) => {
      const socket = io.sockets.sockets.get(id);
      if (socket) dropReader(socket, bytes, onSlowReader);
    },
    now,
  );
  const watch = (): (() => void) => {
    const limits = { perSocket: sendBufferBytes, total: options.sendBuffersBytes ?? PROTOCOL_LIMITS.sendBuffersBytes };
    const readers = watchSlowReaders(io, limits, onSlowReader);
    metrics.watchQueues({ sendQueues: () => readers.queued(), pagesInFlight: () => pages.bytes });
    const pagesTimer = setInterval(() => pages.settleRead(), 500);
    pagesTimer.unref();
    return () => {
      clearInterval(pagesTimer);
      readers.stop();
    };
  };
  return { budgets, pages, sendBufferBytes, watch };
}

/**
 * The relay's sinks: new events (all but large ones) and positions to the room. With several hubs, socket.io's
 * broadcast reaches the room on every hub; alone, the hub writes its own sockets a few megabytes per turn, in
 * order (room-sender.ts).
 */
export function roomRelay(
  io: Server,
  clustered: boolean,
  head: (room: string) => SignedHead | null,
  drop: { sendBufferBytes: number; onSlowReader: (s: Socket, bytes: number) => void },
): HubRelay {
  const sender = new RoomSender(io);
  return new HubRelay({
    events: (room, exceptSocket, all, allBytes) => {
      const { events, bytes } = relayable(all, allBytes);
      if (events.length === 0) return;
      // A large message goes only to readers with room for it: the others are dropped first, not queued behind.
      if (bytes >= LARGE_MESSAGE_BYTES) dropReadersWithoutRoom(io, room, bytes, drop.sendBufferBytes, drop.onSlowReader);
      if (clustered) io.to(room).except(exceptSocket).emit(HUB_EVENTS.events, { events });
      else sender.emit(room, exceptSocket, HUB_EVENTS.events, { events }, bytes);
    },
    order: (room, range, signed) => {
      if (clustered) io.to(room).emit(HUB_EVENTS.order, { range, head: signed });
      else sender.emit(room, null, HUB_EVENTS.order, { range, head: signed }, range.ids.length * ORDER_ID_BYTES);
    },
    head,
  });
}

/**
 * The events of a relayed message that are sent as they are: one of relayEventBytes or more is not pushed into
 * every reader's queue (200 KB to 200 sockets is 40 MB of writes, most of it to sockets that may never read);
 * the order message that follows names its position, and the peers that read fetch it with a pull, whose pages
 * are budgeted and charged before they are built.
 */
function relayable(events: WarEvent[], bytes: number): { events: WarEvent[]; bytes: number } {
  if (bytes < PROTOCOL_LIMITS.relayEventBytes) return { events, bytes };
  const kept: WarEvent[] = [];
  let keptBytes = 0;
  for (const e of events) {
    const size = utf8Length(JSON.stringify(e));
    if (size >= PROTOCOL_LIMITS.relayEventBytes) continue;
    kept.push(e);
    keptBytes += size;
  }
  return { events: kept, bytes: keptBytes };
}

/** About what one position costs in an order message (an id, quotes and a comma). */
const ORDER_ID_BYTES = 24;

/** Relayed messages from this size on first drop the room's readers that have no room left for them. */
const LARGE_MESSAGE_BYTES = 64 * 1024;
